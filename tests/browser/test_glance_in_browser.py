"""Issue 16 in a real browser: reasons on rows, a readable EU AI Act page, facets that send
themselves with JavaScript, the jurisdiction comparison, and axe on every new page.

The fixtures (Chromium, live server, the catalogue) come from ``conftest.py``.
"""

import json
import re

import pytest
from django.http import QueryDict

from tests.browser.test_pages_in_browser import (
    ARTIFACTS,
    BLOCKING_IMPACTS,
    heading_count,
    listed,
    shoot,
)

pytestmark = pytest.mark.browser

MAX_INSTRUMENT_HEIGHT = 5_000


def test_a_list_row_shows_why_it_is_listed(page):
    page.goto("/standards/?objective=4.2&jurisdiction=DE")
    first = page.locator(".result").first
    why = first.locator(".result__why")
    assert why.is_visible()
    text = why.inner_text()
    assert "Listed because" in text and "4.2 —" in text
    shoot(page, "glance-list-why")


def test_eu_ai_act_page_is_short_with_unlinked_provisions_folded(page):
    page.goto("/instruments/eu-ai-act/")
    height = page.evaluate("document.body.scrollHeight")
    (ARTIFACTS / "eu-ai-act-height.txt").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "eu-ai-act-height.txt").write_text(f"document.body.scrollHeight: {height}px\n")
    shoot(page, "glance-eu-ai-act")
    assert height < MAX_INSTRUMENT_HEIGHT, f"the EU AI Act page is {height}px tall"
    folded = page.locator("details.provisions-more")
    assert folded.count() == 1
    assert folded.get_attribute("open") is None
    summary = folded.locator("summary").inner_text()
    assert re.fullmatch(r"\d+ more provisions? without linked standards", summary.strip())
    assert not folded.locator(".provision-list").is_visible()
    folded.locator("summary").click()
    assert folded.locator(".provision-list").is_visible()
    assert page.locator("nav.toc a[href^='#provision-']").count() > 0


def test_ticking_a_facet_with_javascript_updates_the_results(page):
    page.goto("/standards/")
    before = heading_count(page)
    with page.expect_navigation():
        page.get_by_label(re.compile(r"^4\.6 ")).check()
    params = QueryDict(page.url.split("?", 1)[1])
    assert params.getlist("objective") == ["4.6"]
    assert heading_count(page) == listed("objective=4.6") != before
    with page.expect_navigation():
        page.locator("#f-jurisdiction").select_option("DE")
    assert QueryDict(page.url.split("?", 1)[1]).get("jurisdiction") == "DE"
    assert heading_count(page) == listed(
        "objective=4.6&jurisdiction=DE&jurisdiction_scope=inherited"
    )
    shoot(page, "glance-auto-submit")


def test_comparison_for_de_jp_us_renders_with_the_list_counts(page):
    page.goto("/compare/?jurisdiction=DE&jurisdiction=JP&jurisdiction=US")
    shoot(page, "glance-compare")
    headers = page.locator("table.compare-matrix thead th").all_inner_texts()
    assert any("Germany" in text for text in headers) and any("Japan" in text for text in headers)
    rows = page.locator("table.compare-matrix tbody tr")
    assert rows.count() == 7
    checked = 0
    for index in range(rows.count()):
        row = rows.nth(index)
        objective = row.locator(".matrix__code").inner_text().strip()
        cells = row.locator("td.compare-cell a")
        for column, code in enumerate(["DE", "JP", "US"]):
            count = int(cells.nth(column).inner_text())
            response = page.request.get(
                f"/api/v1/standards/?objective={objective}&jurisdiction={code}&page_size=1"
            )
            assert count == json.loads(response.body())["count"], (objective, code)
            checked += 1
    assert checked == 21
    # A cell leads to the list it counts.
    cell = page.locator("table.compare-matrix tbody tr").first.locator("td.compare-cell a").first
    expected = int(cell.inner_text())
    cell.click()
    assert heading_count(page) == expected


NEW_PAGES = {
    "glance-a11y-compare": "/compare/?jurisdiction=DE&jurisdiction=JP&jurisdiction=US",
    "glance-a11y-compare-empty": "/compare/",
    "glance-a11y-glossary": "/glossary/",
    "glance-a11y-instrument": "/instruments/eu-ai-act/",
    "glance-a11y-list-why": "/standards/?objective=4.2&jurisdiction=DE",
    "glance-a11y-empty-jurisdiction": "/standards/?jurisdiction=JP&objective=4.1",
    "glance-a11y-coverage": "/coverage/",
}


def test_new_pages_have_no_serious_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    reports = {}
    for name, url in NEW_PAGES.items():
        page.goto(url)
        for details in page.locator("details").all():
            details.evaluate("element => { element.open = true; }")
        results = axe.run(page)
        assert results.response["passes"], f"axe checked nothing on {url}"
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            reports[url] = results.generate_report()
        shoot(page, name)
    assert not reports, "\n".join(f"{url}:\n{report}" for url, report in reports.items())


def test_api_docs_paint_without_lock_icons_on_public_reads(page):
    # Warm the server (its first request loads the URLconf; the schema is then cached), so
    # the measure is what a reader of a running site gets. Recorded, never asserted.
    page.goto("/api/docs/")
    page.locator(".opblock-tag").first.wait_for()
    page.reload()
    page.locator(".opblock-tag").first.wait_for()
    timing = page.evaluate(
        "(() => { const p = performance.getEntriesByType('paint')"
        ".find(e => e.name === 'first-contentful-paint'); return p ? p.startTime : null; })()"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "api-docs-first-paint.txt").write_text(
        f"first-contentful-paint (warm server, uncompressed static files): {timing} ms\n"
    )
    page.locator(".opblock-tag").first.click()
    get = page.locator(".opblock-get").first
    get.wait_for()
    assert page.locator(".opblock-get").count() > 0
    assert page.locator(".opblock-get .authorization__btn").count() == 0
    assert page.locator(".opblock-post .authorization__btn").count() > 0
    shoot(page, "glance-api-docs")
