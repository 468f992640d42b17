"""Reads about mappings: the approved links of every kind, as one list of rows."""

from django.db.models import CharField, F, Q, QuerySet, Value

from core.models import ReviewState
from mappings.kinds import LINK_KINDS, TargetType

__all__ = ["COLUMNS", "TARGET_SEPARATOR", "TargetType", "mapping_rows", "target_id"]

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
    """Approved links of public standards, of every kind, as one ordered list of dicts with
    ``COLUMNS``.

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
        queryset = queryset.filter(
            review_state=ReviewState.APPROVED, standard__review_state=ReviewState.APPROVED
        )
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

    parts = []
    for kind in LINK_KINDS:
        for target in kind.targets:
            links = kind.model.objects.annotate(**target.annotations).filter(target.condition)
            part = narrow(links, target.lookups).annotate(
                **_common(kind.name),
                target_type=_text(target.type),
                target_key=target.key,
                target_label=target.label,
                target_instrument=target.instrument,
                **_provenance(),
            )
            parts.append(part.values(*COLUMNS).order_by())
    return parts[0].union(*parts[1:], all=True).order_by(*ORDERING)
