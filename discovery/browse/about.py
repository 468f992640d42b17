"""Reads for the "about the data" page: the vocabularies and how sure we are of the data."""

from __future__ import annotations

import dataclasses

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalogue.models import Degree, DeliverableType, LifecycleStage, RelationKind
from catalogue.stages import STAGES, Status, stage_codes_for
from core.models import Confidence, ReviewState
from discovery.selectors import standard_list
from mappings.kinds import LINK_KINDS
from policies.models import Objective, PolicyInstrument


@dataclasses.dataclass(frozen=True)
class ConfidenceRow:
    label: str
    counts: list[int]


@dataclasses.dataclass(frozen=True)
class StatusRow:
    status: str
    label: str
    codes: list[str]


@dataclasses.dataclass(frozen=True)
class LinkKindRow:
    heading: str
    note: str
    target: str
    relationships: list[tuple[str, str]]


@dataclasses.dataclass(frozen=True)
class AboutTheData:
    objectives: list[Objective]
    stages: list[LifecycleStage]
    confidence_columns: list[str]
    confidence: list[ConfidenceRow]
    statuses: list[StatusRow]
    stage_groups: list[tuple[str, str]]
    deliverable_types: list[tuple[str, str]]
    link_kinds: list[LinkKindRow]
    relation_kinds: list[tuple[str, str]]
    degrees: list[tuple[str, str]]
    review_states: list[tuple[str, str]]


def about_the_data() -> AboutTheData:
    """Vocabularies, and how many published rows carry each confidence level (a query for
    each kind of row)."""
    sources = [
        (_("Standards"), standard_list()),
        (_("Instruments"), PolicyInstrument.objects.all()),
        *((kind.label, kind.model.objects.approved()) for kind in LINK_KINDS),
    ]
    counts = [
        dict(queryset.order_by().values_list("confidence").annotate(n=Count("pk")))
        for _label, queryset in sources
    ]
    return AboutTheData(
        objectives=list(Objective.objects.order_by("code")),
        stages=list(LifecycleStage.objects.order_by("order")),
        confidence_columns=[str(label) for label, _queryset in sources],
        confidence=[
            ConfidenceRow(str(label), [column.get(value, 0) for column in counts])
            for value, label in Confidence.choices
        ],
        statuses=[
            StatusRow(value, str(label), stage_codes_for(value))
            for value, label in Status.choices
            if value != Status.UNKNOWN
        ],
        stage_groups=[(code, str(label)) for code, label in STAGES.items()],
        deliverable_types=DeliverableType.choices,
        link_kinds=[
            LinkKindRow(
                str(kind.about_heading),
                str(kind.about_note),
                str(kind.about_target),
                kind.relationship.choices,
            )
            for kind in LINK_KINDS
        ],
        relation_kinds=RelationKind.choices,
        degrees=Degree.choices,
        review_states=ReviewState.choices,
    )
