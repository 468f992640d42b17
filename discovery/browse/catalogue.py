"""Reads for the pages people browse: the home page, a standard, a committee.

Each function runs a fixed number of queries whatever the number of rows, shows approved
links only, and counts standards the way the standards list filters them (``facets``).
"""

from __future__ import annotations

import dataclasses
from itertools import groupby

from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    Committee,
    LifecycleStage,
    RelationKind,
    Series,
    Standard,
    StandardRelation,
)
from core.models import ReviewState
from discovery.facets import Facet, standard_facets
from discovery.filters import StandardFilterSet
from discovery.policy_selectors import objective_list
from discovery.selectors import (
    committee_list,
    lifecycle_stage_list,
    standard_detail,
    standard_list,
)
from policies.models import Jurisdiction, Objective, PolicyInstrument

# How a relation reads from the other end: "ISO/IEC 42001:2023 is replaced by …".
INVERSE_RELATION = {
    RelationKind.REPLACES: _("is replaced by"),
    RelationKind.REVISES: _("is revised by"),
    RelationKind.AMENDS: _("is amended by"),
    RelationKind.PART_OF: _("has as a part"),
    RelationKind.NORMATIVELY_REFERENCES: _("is normatively referenced by"),
    RelationKind.RELATED: _("is related to"),
    RelationKind.ADOPTS: _("is adopted by"),
    RelationKind.BASED_ON: _("is the basis of"),
}
EDITION_KINDS = {RelationKind.REPLACES, RelationKind.REVISES, RelationKind.AMENDS}


@dataclasses.dataclass(frozen=True)
class Home:
    objectives: list[Objective]  # with standard_count, as the list counts them
    stages: list[LifecycleStage]  # with standard_count
    jurisdictions: Facet
    standard_count: int
    instrument_count: int
    jurisdiction_count: int


def home_overview() -> Home:
    jurisdictions = standard_facets(QueryDict(), ["jurisdiction"])["jurisdiction"]
    return Home(
        objectives=list(objective_list()),
        stages=list(lifecycle_stage_list()),
        jurisdictions=jurisdictions,
        standard_count=standard_list().count(),
        instrument_count=PolicyInstrument.objects.public().count(),
        jurisdiction_count=Jurisdiction.objects.filter(
            PolicyInstrument.public_condition("instruments__")
        )
        .distinct()
        .count(),
    )


@dataclasses.dataclass(frozen=True)
class TimelineStage:
    stage: LifecycleStage
    applies: bool


@dataclasses.dataclass(frozen=True)
class Related:
    label: str
    standard: Standard


@dataclasses.dataclass(frozen=True)
class InstrumentLinks:
    instrument: PolicyInstrument
    links: list


@dataclasses.dataclass(frozen=True)
class StandardPage:
    standard: Standard
    timeline: list[TimelineStage]
    instruments: list[InstrumentLinks]
    editions: list[Related]
    relations: list[Related]
    series_parts: list[Standard]
    adoptions: list


def standard_page(slug: str) -> StandardPage:
    """Everything the standard page shows (ten queries); ``Http404`` for an unknown slug."""
    standard = standard_detail().filter(slug=slug).first()
    if standard is None:
        raise Http404(_("No standard has the address “%(slug)s”.") % {"slug": slug})
    applied = {link.stage_id for link in standard.public_lifecycle_links}
    editions, relations = [], []
    pairs = [
        (_with_degree(relation.get_kind_display(), relation), relation.kind, relation.to_standard)
        for relation in standard.relations_from.all()
    ] + [
        (
            _with_degree(INVERSE_RELATION[relation.kind], relation),
            relation.kind,
            relation.from_standard,
        )
        for relation in standard.relations_to.all()
    ]
    for label, kind, other in pairs:
        if _is_public(other):
            (editions if kind in EDITION_KINDS else relations).append(Related(label, other))
    links = standard.public_provision_links
    return StandardPage(
        standard=standard,
        timeline=[
            TimelineStage(stage, stage.pk in applied)
            for stage in LifecycleStage.objects.order_by("order")
        ],
        instruments=[
            InstrumentLinks(instrument, list(group))
            for instrument, group in groupby(links, key=lambda link: link.instrument)
        ],
        editions=editions,
        relations=relations,
        series_parts=[part for part in standard.series.parts.all() if _is_public(part)]
        if standard.series
        else [],
        adoptions=list(standard.adoptions.all()),
    )


def _with_degree(label, relation: StandardRelation) -> str:
    """``adopts (IDT)``: an adoption's label names its degree of correspondence."""
    return f"{label} ({relation.degree})" if relation.degree else str(label)


def _is_public(standard: Standard) -> bool:
    """Whether a related standard may be shown (the prefetches do not filter them)."""
    return standard.review_state == ReviewState.APPROVED


@dataclasses.dataclass(frozen=True)
class CommitteeRow:
    committee: Committee
    depth: int
    count: int


def committee_index() -> list[CommitteeRow]:
    """Committees in code order, indented under their parents, with their standards' count
    (their own and their subcommittees', as ``?committee=`` filters)."""
    counts = {
        option.value: option.count
        for option in standard_facets(QueryDict(), ["committee"])["committee"].options
    }
    committees = list(committee_list())
    parents = {committee.pk: committee.parent_id for committee in committees}

    def depth(committee_id):
        parent = parents.get(committee_id)
        return 0 if parent is None else 1 + depth(parent)

    return [
        CommitteeRow(committee, min(depth(committee.pk), 2), counts.get(committee.slug, 0))
        for committee in committees
    ]


@dataclasses.dataclass(frozen=True)
class CommitteePage:
    committee: Committee
    standards: list[Standard]
    query: str


def committee_page(slug: str) -> CommitteePage:
    committee = (
        Committee.objects.select_related("parent")
        .prefetch_related(
            Prefetch("children", queryset=Committee.objects.order_by("code")),
            Prefetch("series", queryset=Series.objects.order_by("code")),
        )
        .filter(slug=slug)
        .first()
    )
    if committee is None:
        raise Http404(_("No committee has the address “%(slug)s”.") % {"slug": slug})
    params = QueryDict(mutable=True)
    params["committee"] = committee.slug
    filterset = StandardFilterSet(params, queryset=standard_list())
    return CommitteePage(committee, list(filterset.qs), params.urlencode())
