"""Every page runs a fixed number of queries: as many with one row of each kind as with twenty.

The pinned numbers are the budget; a change that adds a query per row fails the equality, a
change that adds a fixed query fails the pin (update it if the new query is worth it).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages.builders import World

pytestmark = pytest.mark.django_db

PAGES = {
    "/": 11,
    "/standards/": 23,
    "/standards/?committee=test-tc-qc": 23,
    "/standards/?committee=test-tc-qc&objective=4.1&lifecycle_stage=test-stage-qc"
    "&jurisdiction=QC": 30,  # 27 + the reasons of the rows shown (discovery.reasons); the
    # jurisdiction's reach (itself, its blocs, INT) is read once, not by each of the filter,
    # the facets and the reasons (discovery.applies_in.scope_ids)
    "/standards/test-qc-target/": 9,
    "/committees/": 4,
    "/committees/test-tc-qc/": 8,
    "/objectives/": 1,
    "/objectives/4.1/": 11,
    "/instruments/": 1,
    "/instruments/test-qc-act/": 8,  # + links between instruments, both ways (issue 13)
    "/jurisdictions/": 7,
    "/jurisdictions/QC/": 12,  # the reach is read once for the instruments and the standards
    "/coverage/": 16,
    "/coverage/?jurisdiction=QC&jurisdiction_scope=exact": 18,
    "/about/": 7,
    "/compare/?jurisdiction=QC&jurisdiction=QB": 19,
}


def queries(client, url: str) -> int:
    cache.clear()  # pin the cost of computing the page, not of reading counts from the cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_page_runs_a_fixed_number_of_queries(client, url):
    world = World().grow(1)
    client.get("/")  # warm caches that belong to the process, not to the page
    with_one = queries(client, url)
    world.grow(19)
    with_twenty = queries(client, url)
    assert (with_one, with_twenty) == (PAGES[url], PAGES[url])


def test_the_world_really_grows_on_the_pages(client):
    """Guard the guard: the pages above do list the twenty rows the counts were taken with."""
    World().grow(20)
    assert (
        client.get("/standards/?committee=test-tc-qc").context["search"].page.paginator.count == 21
    )
    page = client.get("/standards/test-qc-target/").context["page"]
    assert len(page.adoptions) == 20 and len(page.editions) == 20
    assert sum(len(item.links) for item in page.instruments) == 20
    assert len(client.get("/instruments/test-qc-act/").context["instrument"].provisions.all()) == 20
    assert len(client.get("/jurisdictions/QC/").context["page"].own_instruments) == 21
    assert len(client.get("/committees/test-tc-qc/").context["page"].standards) == 21
