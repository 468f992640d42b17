"""Reads for the pages people browse: objectives, instruments and jurisdictions.

Each function runs a fixed number of queries whatever the number of rows, shows approved links
to public standards only, and counts standards the way the standards list filters them.
"""

from __future__ import annotations

import dataclasses
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue.models import NationalAdoption, Standard
from core.cache import catalogue_cached
from discovery.applies_in import Scope, applies_in, scope_ids
from discovery.browse.sources import SourceLink, source_links
from discovery.facets import KIND_ORDER, Facet, standard_facets
from discovery.policy_selectors import (
    adoption_reason,
    instrument_list,
    instrument_list_with_counts,
    instrument_with_linked_standards,
    regional_adoptions,
    related_instruments,
)
from discovery.selectors import approved_objective_links, standard_list
from mappings.models import StandardObjectiveLink, StandardProvisionLink
from policies.models import Jurisdiction, Objective, PolicyInstrument, Provision


def _query(**params) -> str:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = value
    return query.urlencode()


@dataclasses.dataclass(frozen=True)
class ObjectivePage:
    objective: Objective
    links: list[StandardObjectiveLink]
    standard_count: int
    jurisdictions: Facet
    stages: Facet
    query: str


def objective_page(code: str) -> ObjectivePage:
    """An objective, why each standard serves it, and the ways to narrow its list down."""
    objective = Objective.objects.filter(code=code).first()
    if objective is None:
        raise Http404(_("No objective has the code “%(code)s”.") % {"code": code})
    links = list(
        approved_objective_links()
        .filter(objective=objective, standard__in=standard_list().values("pk"))
        .select_related("standard")
        .order_by("standard__sort_key", "id")
    )
    params = QueryDict(mutable=True)
    params["objective"] = objective.code
    facets = standard_facets(params, ["jurisdiction", "lifecycle_stage"])
    return ObjectivePage(
        objective=objective,
        links=links,
        standard_count=len({link.standard_id for link in links}),
        jurisdictions=facets["jurisdiction"],
        stages=facets["lifecycle_stage"],
        query=params.urlencode(),
    )


@dataclasses.dataclass(frozen=True)
class InstrumentGroup:
    jurisdiction: Jurisdiction
    instruments: list[PolicyInstrument]


def _grouped(instruments) -> list[InstrumentGroup]:
    """Instruments grouped by jurisdiction: global first, then blocs, then countries."""
    ordered = sorted(
        instruments,
        key=lambda instrument: (
            KIND_ORDER.get(instrument.jurisdiction.kind, 3),
            instrument.jurisdiction.code,
            str(instrument).lower(),
        ),
    )
    return [
        InstrumentGroup(jurisdiction, list(group))
        for jurisdiction, group in groupby(ordered, key=lambda instrument: instrument.jurisdiction)
    ]


def instrument_index() -> list[InstrumentGroup]:
    """Every instrument, with ``standard_count``: the standards the list shows for it."""
    return _grouped(instrument_list_with_counts())


@dataclasses.dataclass(frozen=True)
class LinkGroup:
    """Links of one provision that say the same thing (relationship, rationale, source,
    confidence) about several standards, such as every part of a series: shown once."""

    standards: list[Standard]
    link: StandardProvisionLink  # the first of them, for what they share


@dataclasses.dataclass(frozen=True)
class ProvisionLinks:
    provision: Provision
    groups: list[LinkGroup]


def _link_groups(links) -> list[LinkGroup]:
    groups: dict[tuple, LinkGroup] = {}
    for link in links:
        key = (link.relationship, link.rationale, link.source, link.locator, link.confidence)
        if key not in groups:
            groups[key] = LinkGroup([], link)
        groups[key].standards.append(link.standard)
    return list(groups.values())


@dataclasses.dataclass(frozen=True)
class InstrumentPage:
    """What an instrument page shows, in the order a reader needs it: the provisions with
    linked standards first, the others folded, every source once as a short link."""

    instrument: PolicyInstrument
    whole: list[LinkGroup]  # links to the instrument as a whole
    linked: list[ProvisionLinks]  # provisions with approved links, in the instrument's order
    unlinked: list[Provision]  # the others, shown folded
    sources: list[SourceLink]  # the instrument's and its provisions' sources, each once


def instrument_page(slug: str) -> InstrumentPage:
    """An instrument with its provisions, each with the approved links of public standards to
    it (``public_standard_links``), and those to the instrument as a whole (four queries)."""
    instrument = instrument_with_linked_standards().filter(slug=slug).first()
    if instrument is None:
        raise Http404(_("No instrument has the address “%(slug)s”.") % {"slug": slug})
    instrument.related = related_instruments(instrument)
    provisions = list(instrument.provisions.all())
    for provision in provisions:
        provision.related = related_instruments(provision)
    texts = [instrument.source, *(provision.source for provision in provisions)]
    return InstrumentPage(
        instrument=instrument,
        whole=_link_groups(instrument.public_instrument_links),
        linked=[
            ProvisionLinks(provision, _link_groups(provision.public_standard_links))
            for provision in provisions
            if provision.public_standard_links
        ],
        unlinked=[provision for provision in provisions if not provision.public_standard_links],
        sources=source_links(*texts),
    )


@dataclasses.dataclass(frozen=True)
class JurisdictionRow:
    jurisdiction: Jurisdiction
    instrument_count: int
    standard_count: int


@dataclasses.dataclass(frozen=True)
class JurisdictionIndex:
    groups: list[tuple[str, list[JurisdictionRow]]]
    picker: Facet


def jurisdiction_index() -> JurisdictionIndex:
    """Jurisdictions that have instruments, adoptions or members, by kind, with the number of
    their own instruments and of the standards that apply there; and a picker for all."""
    facet = standard_facets(QueryDict(), ["jurisdiction"])["jurisdiction"]
    counts = {option.value: option.count for option in facet.options}
    jurisdictions = (
        Jurisdiction.objects.annotate(
            instrument_count=Count(
                "instruments",
                filter=PolicyInstrument.public_condition("instruments__"),
                distinct=True,
            )
        )
        .filter(
            Q(instrument_count__gt=0)
            | Q(kind__in=[Jurisdiction.Kind.BLOC, Jurisdiction.Kind.GLOBAL])
            | Q(standards_bodies__adoptions__isnull=False)
        )
        .distinct()
        .order_by("name")
    )
    labels = dict(Jurisdiction.Kind.choices)
    rows = sorted(jurisdictions, key=lambda row: (KIND_ORDER.get(row.kind, 3), row.name))
    groups = [
        (
            str(labels.get(kind, kind)),
            [JurisdictionRow(row, row.instrument_count, counts.get(row.code, 0)) for row in group],
        )
        for kind, group in groupby(rows, key=lambda row: row.kind)
    ]
    return JurisdictionIndex(groups, facet)


@dataclasses.dataclass(frozen=True)
class JurisdictionPage:
    jurisdiction: Jurisdiction
    own_instruments: list[PolicyInstrument]
    inherited: list[InstrumentGroup]
    blocs: list[Jurisdiction]
    members: list[Jurisdiction]
    standards: list[Standard]  # the first STANDARDS_SHOWN, by reference
    standard_count: int  # all that apply here; the standards list shows them all
    adoptions: list[NationalAdoption]
    regional_adoptions: list[tuple[NationalAdoption, str]]  # derived from bloc membership
    query: str


# A bloc member inherits thousands of global and bloc links at scale: the page shows the
# first ones and links to the standards list for the rest (issue 7).
STANDARDS_SHOWN = 100


def jurisdiction_page(code: str) -> JurisdictionPage:
    """A jurisdiction: its own instruments, those it inherits from its blocs and global ones,
    the standards that apply there (as ``?jurisdiction=`` filters) and national adoptions."""
    jurisdiction = (
        Jurisdiction.objects.prefetch_related(
            Prefetch("blocs", queryset=Jurisdiction.objects.order_by("code")),
            Prefetch("members", queryset=Jurisdiction.objects.order_by("name")),
        )
        .filter(code=code)
        .first()
    )
    if jurisdiction is None:
        raise Http404(_("No jurisdiction has the code “%(code)s”.") % {"code": code})
    reach = scope_ids(jurisdiction.code, Scope.INHERITED)
    instruments = list(instrument_list().filter(jurisdiction__in=reach))
    own = [item for item in instruments if item.jurisdiction_id == jurisdiction.pk]
    inherited = [item for item in instruments if item.jurisdiction_id != jurisdiction.pk]
    adoptions = (
        NationalAdoption.objects.filter(
            body__country=jurisdiction, standard__in=standard_list().values("pk")
        )
        .select_related("standard", "body")
        .order_by("standard__sort_key", "body__acronym", "id")
    )
    applying = (
        Standard.objects.public()
        .filter(applies_in(jurisdiction.code, Scope.INHERITED))
        .order_by("sort_key", "id")
    )
    return JurisdictionPage(
        jurisdiction=jurisdiction,
        own_instruments=own,
        inherited=_grouped(inherited),
        blocs=list(jurisdiction.blocs.all()),
        members=list(jurisdiction.members.all()),
        standards=list(
            applying.only("reference", "slug", "title", "stage_code", "stated_status")[
                :STANDARDS_SHOWN
            ]
        ),
        # Counting what applies in a bloc member reads most of the catalogue: once per version.
        standard_count=catalogue_cached("applies-in-count", [jurisdiction.code], applying.count),
        adoptions=list(adoptions),
        regional_adoptions=[
            (adoption, adoption_reason(adoption, jurisdiction))
            for adoption in regional_adoptions(jurisdiction)
        ],
        query=_query(jurisdiction=jurisdiction.code),
    )
