"""Reads about mappings: the approved links of every kind, as one list of rows."""

import dataclasses

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value

from mappings.kinds import LINK_KINDS, TargetType
from mappings.models import StandardProvisionLink
from policies.models import PolicyInstrument, Provision

__all__ = [
    "COLUMNS",
    "TARGET_SEPARATOR",
    "CrosswalkQuery",
    "TargetDocument",
    "TargetType",
    "crosswalk_rows",
    "mapping_rows",
    "target_documents",
    "target_id",
]

TARGET_SEPARATOR = ":"
# Every row of ``mapping_rows()`` has these columns, in this order.
COLUMNS = [
    "link_kind",
    "link_id",
    "standard_reference",
    "standard_slug",
    "standard_title",
    "target_type",
    "target_key",
    "target_label",
    "target_instrument",
    "link_relationship",
    "link_confidence",
    "link_source",
    "link_locator",
    "link_rationale",
    "link_recorded_at",
    "link_updated_at",
]
ORDERING = ["standard_reference", "target_type", "target_key", "link_kind", "link_id"]


def _text(value) -> Value:
    return Value(value, output_field=CharField())


def _common(kind: str) -> dict:
    return {
        "link_kind": _text(kind),
        "link_id": F("id"),
        "standard_reference": F("standard__reference"),
        "standard_slug": F("standard__slug"),
        "standard_title": F("standard__title"),
    }


def _provenance() -> dict:
    return {
        "link_relationship": F("relationship"),
        "link_confidence": F("confidence"),
        "link_source": F("source"),
        "link_locator": F("locator"),
        "link_rationale": F("rationale"),
        "link_recorded_at": F("recorded_at"),
        "link_updated_at": F("updated_at"),
    }


def target_id(target_type: str, key: str) -> str:
    """Name a mapping target as the ``target`` filter takes it: ``objective:4.2``."""
    return f"{target_type}{TARGET_SEPARATOR}{key}"


def mapping_rows(
    *,
    standards: list[str] | None = None,
    targets: list[str] | None = None,
    relationships: list[str] | None = None,
    confidences: list[str] | None = None,
    kinds: list[str] | None = None,
    extra: dict[str, str] | None = None,
) -> QuerySet:
    """Public links (approved, between public entries) of every kind, as one ordered list of
    dicts with ``COLUMNS``.

    ``standards`` are slugs; ``targets`` are ``type:key`` names (``objective:4.2``,
    ``instrument:eu-ai-act``, ``provision:eu-ai-act/article-40``,
    ``lifecycle_stage:deployment``); an instrument target includes the links to its
    provisions. Values of one argument are OR-ed, arguments are AND-ed. ``kinds`` keeps the
    links of those kinds (``LinkKind.name``); ``extra`` adds columns read through the link's
    standard, named ``{column: lookup}`` (``{"standard_edition": "standard__edition"}``), after
    ``COLUMNS``. One query for a page (and one to count it) whatever the number of links.
    """
    wanted: dict[str, list[str]] = {kind: [] for kind in TargetType.ALL}
    for name in targets or []:
        kind, _separator, key = name.partition(TARGET_SEPARATOR)
        wanted[kind].append(key)

    def narrow(queryset, kinds_and_conditions):
        """Keep the links that match the common filters and, if targets are given, one of
        this table's targets."""
        queryset = queryset.public()
        if standards:
            queryset = queryset.filter(standard__slug__in=standards)
        if relationships:
            queryset = queryset.filter(relationship__in=relationships)
        if confidences:
            queryset = queryset.filter(confidence__in=confidences)
        if targets:
            condition = Q(pk__in=[])
            for kind, lookup in kinds_and_conditions:
                if wanted[kind]:
                    condition |= Q(**{lookup: wanted[kind]})
            queryset = queryset.filter(condition)
        return queryset

    extra = extra or {}
    parts = []
    for kind in LINK_KINDS:
        if kinds is not None and kind.name not in kinds:
            continue
        for target in kind.targets:
            links = kind.model.objects.annotate(**target.annotations).filter(target.condition)
            part = narrow(links, target.lookups).annotate(
                **_common(kind.name),
                target_type=_text(target.type),
                target_key=target.key,
                target_label=target.label,
                target_instrument=target.instrument,
                **_provenance(),
                **{column: F(lookup) for column, lookup in extra.items()},
            )
            parts.append(part.values(*COLUMNS, *extra).order_by())
    if not parts:
        raise ValueError(f"No link kind among {kinds}; known: {[k.name for k in LINK_KINDS]}")
    return parts[0].union(*parts[1:], all=True).order_by(*ORDERING)


# The link kinds a crosswalk export holds (``mappings.kinds.LinkKind.name``).
CROSSWALK_KINDS = ["provision", "objective"]
OBJECTIVES_DOCUMENT = "objectives"

STANDARD_COLUMNS = {
    "standard_edition": "standard__edition",
    "standard_year": "standard__year",
    "standard_url": "standard__url",
}


@dataclasses.dataclass(frozen=True)
class CrosswalkQuery:
    """What to export: values of one field are OR-ed. ``instruments`` and ``objectives``
    name the targets to export (either kind alone keeps only its links; both, the links to
    each); ``standards`` and ``confidences`` narrow those."""

    standards: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()

    @property
    def targets(self) -> list[str] | None:
        names = [target_id(TargetType.INSTRUMENT, slug) for slug in self.instruments]
        names += [target_id(TargetType.OBJECTIVE, code) for code in self.objectives]
        return names or None

    @property
    def key(self) -> str:
        """The query in a canonical spelling (order and repeats do not matter)."""
        parts = []
        for field in dataclasses.fields(self):
            values = sorted(set(getattr(self, field.name)))
            if values:
                parts.append(f"{field.name}={','.join(values)}")
        return "&".join(parts)


def crosswalk_rows(query: CrosswalkQuery) -> QuerySet:
    """The public links a crosswalk holds, as ``mapping_rows()`` with the standards'
    edition, year and official page (one query)."""
    return mapping_rows(
        standards=list(query.standards) or None,
        targets=query.targets,
        confidences=list(query.confidences) or None,
        kinds=CROSSWALK_KINDS,
        extra=STANDARD_COLUMNS,
    )


@dataclasses.dataclass
class TargetDocument:
    """A policy instrument (or the brief's objectives) as a crosswalk's target document."""

    key: str  # an instrument's slug, or OBJECTIVES_DOCUMENT
    title: str
    version: str
    url: str
    # target key (``eu-ai-act/article-40``) -> (element identifier, element description)
    elements: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)


def target_documents(query: CrosswalkQuery) -> dict[str, TargetDocument]:
    """The instruments with public links (those asked for, if any) and their linked
    provisions, by instrument slug (two queries, bounded by what is linked)."""
    public_links = StandardProvisionLink.objects.public()
    instruments = PolicyInstrument.objects.public().filter(
        Exists(public_links.filter(instrument=OuterRef("pk")))
    )
    if query.instruments:
        instruments = instruments.filter(slug__in=query.instruments)
    documents = {}
    for row in instruments.values("slug", "name", "short_name", "adopted_on", "year", "url"):
        version = row["adopted_on"].isoformat() if row["adopted_on"] else str(row["year"] or "")
        documents[row["slug"]] = TargetDocument(
            key=row["slug"],
            title=row["name"],
            version=version,
            url=row["url"],
            elements={row["slug"]: (row["short_name"] or row["name"], row["name"])},
        )
    provisions = Provision.objects.filter(
        Exists(public_links.filter(provision=OuterRef("pk"))), instrument__in=instruments
    ).values("instrument__slug", "slug", "ref", "title")
    for row in provisions:
        document = documents[row["instrument__slug"]]
        key = f"{row['instrument__slug']}/{row['slug']}"
        document.elements[key] = (row["ref"], row["title"] or row["ref"])
    return documents
