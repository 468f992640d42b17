"""The pages on the shipped reference catalogue: counts people see lead where they say."""

import re

import pytest
from django.http import QueryDict

from discovery.browse.policies import STANDARDS_SHOWN
from discovery.coverage import jurisdiction_coverage, stage_coverage
from discovery.facets import standard_search
from discovery.filters import StandardFilterSet
from discovery.selectors import standard_list
from policies.models import Objective

pytestmark = pytest.mark.django_db

FILTER_STATES = [
    "",
    "objective=4.3",
    "jurisdiction=DE",
    "lifecycle_stage=deployment&status=published",
    "objective=4.1&objective=4.2&jurisdiction=DE&jurisdiction_scope=exact",
    "q=management&deliverable_type=IS",
]


def result_count(params: QueryDict) -> int:
    filterset = StandardFilterSet(params, queryset=standard_list())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.count()


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def test_the_reference_catalogue_is_loaded():
    assert standard_list().count() > 20
    assert Objective.objects.count() == 7


@pytest.mark.parametrize("query", FILTER_STATES)
def test_each_facet_count_equals_the_results_it_leads_to(query):
    """Choosing a value alone in its facet, with the other filters kept, lists that many."""
    params = QueryDict(query)
    search = standard_search(params)
    assert search.is_valid
    checked = 0
    for facet in search.facets:
        for option in facet.options:
            leads_to = params.copy()
            leads_to.setlist(facet.name, [option.value])
            assert result_count(leads_to) == option.count, (facet.name, option.value)
            checked += 1
    assert checked > 50


def test_facet_counts_are_not_all_zero_or_all_the_same():
    """A guard for the test above: the counts it checks carry information."""
    search = standard_search(QueryDict("jurisdiction=DE"))
    objective = next(facet for facet in search.facets if facet.name == "objective")
    counts = [option.count for option in objective.options]
    assert max(counts) > 0 and len(set(counts)) > 1


def test_list_page_shows_the_count_of_its_results(client):
    response = client.get("/standards/", {"objective": "4.3"})
    expected = result_count(QueryDict("objective=4.3"))
    assert response.status_code == 200
    assert f"{expected} standards" in response.content.decode()


def test_home_objective_cards_lead_to_lists_of_that_many_standards(client):
    html = client.get("/").content.decode()
    for objective in Objective.objects.all():
        link = re.search(
            rf'href="/standards/\?objective={re.escape(objective.code)}">(\d+) standards?',
            html,
        )
        assert link, objective.code
        count = int(link.group(1))
        response = client.get("/standards/", {"objective": objective.code})
        assert response.context["search"].page.paginator.count == count


def test_iso_iec_42001_page_lists_objectives_4_3_and_4_6_with_their_sources(client):
    response = client.get("/standards/iso-iec-42001-2023/")
    assert response.status_code == 200
    html = section(response.content.decode(), "objectives-heading")
    for code in ("4.3", "4.6"):
        objective = Objective.objects.get(code=code)
        assert f'href="/objectives/{code}/"' in html
        assert f"{code} {objective.title}" in html
        assert f"ISO policy brief, section {code}" in html
    links = response.context["page"].standard.public_objective_links
    assert {"4.3", "4.6"} <= {link.objective.code for link in links}
    assert all(link.source and link.review_state == "approved" for link in links)


def test_ts_8200_page_explains_its_stage_code_in_words(client):
    # ISO/IEC 42001:2023 was the example until issue 13: no source states its stage code.
    html = client.get("/standards/iso-iec-ts-8200-2024/").content.decode()
    assert "Stage 60.60: Publication: Published" in html


def test_a_status_known_without_a_stage_code_says_so(client):
    html = client.get("/standards/iso-iec-42001-2023/").content.decode()
    assert "Published, stage not stated" in html
    assert "Stage 60.60" not in html


@pytest.mark.parametrize(
    "query", ["", "jurisdiction=DE", "jurisdiction=EU&jurisdiction_scope=exact"]
)
def test_each_coverage_cell_counts_what_its_link_lists(query):
    coverage = stage_coverage(QueryDict(query))
    cells = [cell for row in coverage.matrix.rows for cell in [*row.cells, row.total]]
    cells += coverage.matrix.totals
    assert any(cell.count for cell in cells)
    for cell in cells:
        assert result_count(QueryDict(cell.query)) == cell.count, cell.query


def test_each_jurisdiction_coverage_cell_counts_what_its_link_lists():
    matrix = jurisdiction_coverage()
    assert {column.code for column in matrix.columns} >= {"INT", "EU"}
    for row in matrix.rows:
        for cell in [*row.cells, row.total]:
            assert result_count(QueryDict(cell.query)) == cell.count, cell.query
    for cell in matrix.totals:
        assert result_count(QueryDict(cell.query)) == cell.count, cell.query


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/standards/",
        "/standards/?objective=4.3&jurisdiction=DE&lifecycle_stage=deployment",
        "/standards/iso-iec-42001-2023/",
        "/objectives/",
        "/objectives/4.3/",
        "/instruments/",
        "/instruments/eu-ai-act/",
        "/jurisdictions/",
        "/jurisdictions/DE/",
        "/jurisdictions/EU/",
        "/jurisdictions/INT/",
        "/committees/",
        "/committees/iso-iec-jtc-1-sc-42/",
        "/coverage/",
        "/coverage/?jurisdiction=DE",
        "/about/",
    ],
)
def test_every_page_renders_on_the_reference_catalogue(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "INVALID TEMPLATE VARIABLE" not in response.content.decode()


def test_eu_ai_act_page_lists_provisions_with_their_standards(client):
    response = client.get("/instruments/eu-ai-act/")
    instrument = response.context["instrument"]
    linked = [p for p in instrument.provisions.all() if p.public_standard_links]
    assert linked
    html = response.content.decode()
    for provision in linked:
        assert provision.ref in html
        for link in provision.public_standard_links:
            assert link.standard.get_absolute_url() in html


def test_germany_inherits_eu_and_global_instruments(client):
    page = client.get("/jurisdictions/DE/").context["page"]
    inherited = {group.jurisdiction.code for group in page.inherited}
    assert {"EU", "INT"} <= inherited
    expected = result_count(QueryDict("jurisdiction=DE"))
    assert page.standard_count == expected > 0
    assert len(page.standards) == min(expected, STANDARDS_SHOWN)
