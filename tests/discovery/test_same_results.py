"""Issue 12's acceptance: the precomputed applies-in table, the cached counts and the matrices
give the same answers as before them, on the reference catalogue and on a synthetic one.

"Before" is ``tests.discovery.naive``: the rules of DESIGN.md walked in Python over the
curated rows, never reading ``Applicability`` or ``discovery``. Every value of the objective,
life-cycle stage, status, jurisdiction (both scopes) and the other filters, every facet count
and every coverage cell is compared with it. A test lists all its disagreements at once.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict

from benchmarks.synthetic import synthetic_catalogue_generate
from catalogue.models import (
    Committee,
    DeliverableType,
    LifecycleStage,
    NationalAdoption,
    StandardsBody,
)
from catalogue.stages import Status
from core.models import ReviewState
from discovery.coverage import jurisdiction_coverage, stage_coverage
from discovery.facets import FACETS, HIDE_EMPTY, standard_facets, standard_search
from discovery.filters import StandardFilterSet
from discovery.selectors import standard_list
from policies.models import Jurisdiction, Objective
from tests.discovery.naive import NaiveCatalogue
from tests.factories import (
    AdoptionFactory,
    CommitteeFactory,
    LifecycleLinkFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db

SYNTHETIC_STANDARDS = 1_000
SYNTHETIC_SEED = 12


def add_edge_cases() -> None:
    """Rows the two catalogues lack, written one by one as curators would (signals and all):
    a working group two levels under a sector's committee, drafts with approved links, links
    to unpublished instruments and provisions, adoptions that are not adoptions, a regional
    adoption, stages without a code, and links and adoptions changed after they were written."""
    health = Committee.objects.get(code="ISO/TC 215")
    subcommittee = CommitteeFactory(code="TEST/TC 215/SC 9", slug="test-tc-215-sc-9", parent=health)
    group = CommitteeFactory(code="TEST/TC 215/SC 9/WG 1", slug="test-wg-1", parent=subcommittee)
    public = {"review_state": ReviewState.APPROVED}
    objective = Objective.objects.get(code="4.3")
    deployment = LifecycleStage.objects.get(slug="deployment")
    de, fr, african_union, world = (
        Jurisdiction.objects.get(code=code) for code in ["DE", "FR", "AFRICAN_UNION", "INT"]
    )
    din, bsi, cen = (StandardsBody.objects.get(acronym=name) for name in ["DIN", "BSI", "CEN"])

    in_group = StandardFactory(committee=group, **public)
    ObjectiveLinkFactory(standard=in_group, objective=objective)
    ProvisionLinkFactory(
        standard=in_group,
        provision=ProvisionFactory(
            instrument=PolicyInstrumentFactory(jurisdiction=african_union, **public), **public
        ),
    )
    draft = StandardFactory(committee=subcommittee, review_state=ReviewState.PROPOSED)
    ObjectiveLinkFactory(standard=draft, objective=objective)
    LifecycleLinkFactory(standard=draft, stage=deployment)
    AdoptionFactory(standard=draft, body=din)
    unpublished = StandardFactory(committee=health, stage_code="", stated_status="", **public)
    hidden = PolicyInstrumentFactory(jurisdiction=de, review_state=ReviewState.PROPOSED)
    ProvisionLinkFactory(standard=unpublished, provision=ProvisionFactory(instrument=hidden))
    shown = PolicyInstrumentFactory(jurisdiction=fr, **public)
    ProvisionLinkFactory(
        standard=unpublished,
        provision=ProvisionFactory(instrument=shown, review_state=ReviewState.REJECTED),
    )
    AdoptionFactory(standard=unpublished, body=din, degree=NationalAdoption.Degree.NEQ)
    AdoptionFactory(
        standard=unpublished, body=bsi, status=NationalAdoption.AdoptionStatus.WITHDRAWN
    )
    regional = StandardFactory(committee=group, stage_code="", stated_status="withdrawn", **public)
    AdoptionFactory(standard=regional, body=cen, degree=NationalAdoption.Degree.MOD)
    LifecycleLinkFactory(standard=regional, stage=deployment)
    confirmed = StandardFactory(committee=subcommittee, stage_code="95.92", **public)
    global_link = ProvisionLinkFactory(
        standard=confirmed,
        provision=None,
        instrument=PolicyInstrumentFactory(jurisdiction=world, **public),
    )
    moved = ProvisionLinkFactory(
        standard=confirmed, provision=ProvisionFactory(instrument=shown, **public)
    )
    abandoned = StandardFactory(committee=health, stage_code="20.98", **public)
    moved.standard = abandoned
    moved.save()
    global_link.review_state = ReviewState.WITHDRAWN
    global_link.save()
    dropped = AdoptionFactory(standard=abandoned, body=din)
    dropped.delete()
    AdoptionFactory(
        standard=abandoned, body=bsi, degree=NationalAdoption.Degree.MOD, designation="BS X"
    )


@pytest.fixture(params=["reference", "edges", "synthetic"])
def catalogue(request, reference_catalogue) -> NaiveCatalogue:
    """The reference catalogue alone, with hand-made edge cases, or with 1,000 synthetic
    standards on top."""
    if request.param == "edges":
        add_edge_cases()
    if request.param == "synthetic":
        synthetic_catalogue_generate(standards=SYNTHETIC_STANDARDS, seed=SYNTHETIC_SEED)
    return NaiveCatalogue()


def query(params: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in params.items():
        data.setlist(name, values)
    return data


def parsed(query_string: str) -> dict[str, list[str]]:
    data = QueryDict(query_string)
    return {name: data.getlist(name) for name in data}


def listed(params: dict[str, list[str]]) -> set[int]:
    """The ids the project's FilterSet keeps, as the API, the pages and the CSV export do."""
    filterset = StandardFilterSet(query(params), queryset=standard_list())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


def filter_values(naive: NaiveCatalogue) -> dict[str, list[str]]:
    """Every value each filter accepts."""
    return {
        "objective": list(Objective.objects.values_list("code", flat=True)),
        "lifecycle_stage": list(LifecycleStage.objects.values_list("slug", flat=True)),
        "status": list(Status.values),
        "jurisdiction": sorted(naive.jurisdiction_ids),
        "deliverable_type": list(DeliverableType.values),
        "committee": sorted(naive.committee_slugs),
        "sector": sorted(naive.sector_slugs),
        "instrument": sorted(naive.public_instruments),
    }


def busiest(values: set[str], grouped: dict[str, set[int]]) -> str:
    """The value that keeps the most standards (the first one when none keeps any)."""
    return max(sorted(values), key=lambda value: len(grouped.get(value, ())))


def combinations(naive: NaiveCatalogue) -> list[dict[str, list[str]]]:
    """Filter combinations that exercise AND across kinds, OR within one, and both scopes."""
    members = [
        naive.codes[member]
        for member, blocs in sorted(naive.blocs.items())
        if naive.jurisdiction_ids["CEN"] in blocs and naive.jurisdiction_ids["EU"] not in blocs
    ]
    committee = busiest(naive.committee_slugs, naive.by_committee)
    instrument = busiest(naive.public_instruments, naive.by_instrument)
    return [
        {},
        {"objective": ["4.3"]},
        {"objective": ["4.2", "4.3"], "lifecycle_stage": ["deployment"]},
        {"jurisdiction": ["DE"]},
        {"jurisdiction": ["DE"], "jurisdiction_scope": ["exact"]},
        {"jurisdiction": ["EU"], "objective": ["4.3"]},
        {"jurisdiction": [members[0]]},  # a CEN member outside the EU: adoptions by CEN
        {"jurisdiction": ["INT"], "status": ["published", "confirmed"]},
        {"objective": ["4.3"], "jurisdiction": ["DE"], "lifecycle_stage": ["deployment"]},
        {"status": ["in_development"], "deliverable_type": ["IS", "TS"]},
        {"committee": [committee], "jurisdiction": ["US"], "jurisdiction_scope": ["exact"]},
        {"sector": [busiest(naive.sector_slugs, naive.by_sector)], "objective": ["4.6"]},
        {"instrument": [instrument], "lifecycle_stage": ["design-and-development"]},
    ]


def test_every_filter_value_keeps_the_same_standards(catalogue):
    naive = catalogue
    differences = []
    for name, values in filter_values(naive).items():
        for value in values:
            scopes = ["", "exact"] if name == "jurisdiction" else [""]
            for scope in scopes:
                params = {name: [value]} | ({"jurisdiction_scope": [scope]} if scope else {})
                project, expected = listed(params), naive.listed(params)
                if project != expected:
                    differences.append((params, sorted(project ^ expected)[:10]))
    for params in combinations(naive):
        if listed(params) != naive.listed(params):
            differences.append((params, sorted(listed(params) ^ naive.listed(params))[:10]))

    assert differences == []
    # The comparison is not vacuous: the jurisdiction rule reaches through blocs and adoptions.
    assert naive.applies_in("DE") > naive.applies_in("DE", "exact")
    assert naive.listed({"jurisdiction": [combinations(naive)[6]["jurisdiction"][0]]})


def test_every_facet_count_is_the_same(catalogue):
    naive = catalogue
    values = filter_values(naive)
    differences = []
    for params in combinations(naive):
        facets = standard_facets(query(params), FACETS)
        shown = {facet.name: facet for facet in standard_search(query(params)).facets}
        for name in FACETS:
            expected = naive.facet_counts(params, name, values[name])
            counts = {option.value: option.count for option in facets[name].options}
            selected = set(params.get(name, []))
            if name in HIDE_EMPTY:
                expected = {value: n for value, n in expected.items() if n or value in selected}
            if counts != expected:
                wrong = {
                    value: (counts.get(value), expected.get(value))
                    for value in counts.keys() | expected.keys()
                    if counts.get(value) != expected.get(value)
                }
                differences.append((params, name, wrong))
            for option in shown[name].options:  # the page's shortened facets, too
                if option.count != expected.get(option.value):
                    differences.append((params, f"{name} on the page", option))

    assert differences == []


def cell_differences(naive: NaiveCatalogue, matrix, where: str) -> list:
    differences = []
    cells = [cell for row in matrix.rows for cell in [*row.cells, row.total]]
    for cell in [*cells, *matrix.totals]:
        expected = len(naive.listed(parsed(cell.query)))
        if cell.count != expected:
            differences.append((where, cell.query, cell.count, expected))
    return differences


def test_every_coverage_cell_is_the_same(catalogue):
    naive = catalogue
    differences = []
    asked = [
        {},
        {"jurisdiction": ["DE"]},
        {"jurisdiction": ["DE"], "jurisdiction_scope": ["exact"]},
    ]
    asked += [{"jurisdiction": ["EU"]}, {"jurisdiction": ["NO"]}, {"jurisdiction": ["INT"]}]
    for params in asked:
        coverage = stage_coverage(query(params))
        assert coverage.code == (params.get("jurisdiction") or [""])[0]
        differences += cell_differences(naive, coverage.matrix, f"stages {params}")
    picker = stage_coverage(QueryDict()).picker
    expected = naive.facet_counts({}, "jurisdiction", [option.value for option in picker.options])
    if {option.value: option.count for option in picker.options} != expected:
        differences.append(("picker", picker.options))
    matrix = jurisdiction_coverage()
    differences += cell_differences(naive, matrix, "jurisdictions")

    assert differences == []
    # Every jurisdiction where something applies has its column.
    columns = {jurisdiction.code for jurisdiction in matrix.columns}
    assert {code for code in naive.jurisdiction_ids if naive.applies_in(code, "exact")} <= columns
    assert Jurisdiction.objects.filter(code="NO").exists()
