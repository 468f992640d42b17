"""Reads about mappings: the approved links of every kind, as one list of rows."""

from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf

from mappings.models import (
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)


class TargetType:
    OBJECTIVE = "objective"
    INSTRUMENT = "instrument"
    PROVISION = "provision"
    LIFECYCLE_STAGE = "lifecycle_stage"
    ALL = [OBJECTIVE, INSTRUMENT, PROVISION, LIFECYCLE_STAGE]


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
) -> QuerySet:
    """Public links (approved, between public entries) of every kind, as one ordered list of
    dicts with ``COLUMNS``.

    ``standards`` are slugs; ``targets`` are ``type:key`` names (``objective:4.2``,
    ``instrument:eu-ai-act``, ``provision:eu-ai-act/article-40``,
    ``lifecycle_stage:deployment``); an instrument target includes the links to its
    provisions. Values of one argument are OR-ed, arguments are AND-ed. One query for a page
    (and one to count it) whatever the number of links.
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

    objectives = narrow(
        StandardObjectiveLink.objects.all(), [(TargetType.OBJECTIVE, "objective__code__in")]
    ).annotate(
        **_common("objective"),
        target_type=_text(TargetType.OBJECTIVE),
        target_key=F("objective__code"),
        target_label=F("objective__title"),
        target_instrument=Value(None, output_field=CharField()),
        **_provenance(),
    )
    provision_path = Concat(
        "instrument__slug", _text("/"), "provision__slug", output_field=CharField()
    )
    instrument_name = Coalesce(NullIf("instrument__short_name", _text("")), "instrument__name")
    provision_links = StandardProvisionLink.objects.annotate(provision_path=provision_path)
    provisions = narrow(
        provision_links.filter(provision__isnull=False),
        [
            (TargetType.INSTRUMENT, "instrument__slug__in"),
            (TargetType.PROVISION, "provision_path__in"),
        ],
    ).annotate(
        **_common("provision"),
        target_type=_text(TargetType.PROVISION),
        target_key=F("provision_path"),
        target_label=Concat(instrument_name, _text(", "), "provision__ref"),
        target_instrument=F("instrument__slug"),
        **_provenance(),
    )
    whole_instruments = narrow(
        provision_links.filter(provision__isnull=True),
        [(TargetType.INSTRUMENT, "instrument__slug__in")],
    ).annotate(
        **_common("provision"),
        target_type=_text(TargetType.INSTRUMENT),
        target_key=F("instrument__slug"),
        target_label=instrument_name,
        target_instrument=F("instrument__slug"),
        **_provenance(),
    )
    stages = narrow(
        StandardLifecycleLink.objects.all(), [(TargetType.LIFECYCLE_STAGE, "stage__slug__in")]
    ).annotate(
        **_common("lifecycle"),
        target_type=_text(TargetType.LIFECYCLE_STAGE),
        target_key=F("stage__slug"),
        target_label=F("stage__name"),
        target_instrument=Value(None, output_field=CharField()),
        **_provenance(),
    )
    parts = [
        part.values(*COLUMNS).order_by()
        for part in (objectives, provisions, whole_instruments, stages)
    ]
    return parts[0].union(*parts[1:], all=True).order_by(*ORDERING)
