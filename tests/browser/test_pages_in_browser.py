"""The pages in a real browser: Debian's Chromium driven by Playwright against a live server.

Skipped when Chromium is not installed, unless ``REQUIRE_BROWSER=1`` (CI), which makes that a
failure. Screenshots of each page go to ``test-artifacts/`` for people to look at.

live_server tests run in a transactional database that is emptied after each test, which
erases the catalogue loaded for the session: the ``catalogue`` fixture loads it again.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict

from catalogue.models import Standard
from discovery.filters import StandardFilterSet
from discovery.selectors import standard_list
from exchange.reference_data import catalogue_load_reference

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
BLOCKING_IMPACTS = {"serious", "critical"}
CELL_LINKS = "tbody td.cell:not(.matrix__total) a"  # objective × stage cells, not totals


@pytest.fixture(scope="module")
def browser():
    """Chromium for this module's tests.

    Playwright's sync API keeps an event loop running in this thread, so Django would refuse
    the ORM calls the tests make; DJANGO_ALLOW_ASYNC_UNSAFE allows them while the browser is
    open, and only then (set for the whole session it would leak into subprocesses such as
    ``check --deploy``, which rightly warns about it).
    """
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def catalogue(transactional_db):
    if not Standard.objects.exists():
        catalogue_load_reference()


def open_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server, catalogue):
    context, page = open_page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


def shoot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def listed(query: str) -> int:
    """How many standards the list shows for ``query``, by the FilterSet itself."""
    filterset = StandardFilterSet(QueryDict(query), queryset=standard_list())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.count()


def heading_count(page) -> int:
    text = page.locator("#results-heading").inner_text()
    return int(re.match(r"\s*(\d+)", text).group(1))


def test_journey_from_home_to_an_instrument(page):
    page.goto("/")
    shoot(page, "home")
    page.get_by_role("link", name="Promoting good governance and ethical alignment").click()
    assert page.url.endswith("/objectives/4.3/")
    assert page.locator("h1").inner_text() == "Promoting good governance and ethical alignment"
    shoot(page, "objective")

    # Narrow down by jurisdiction and life-cycle stage.
    page.get_by_label("Where", exact=True).select_option("DE")
    page.locator(".narrow-form").get_by_text("Deployment", exact=False).first.click()
    page.get_by_role("button", name="Show standards").click()
    params = QueryDict(page.url.split("?", 1)[1])
    assert params.dict() == {
        "objective": "4.3",
        "jurisdiction": "DE",
        "lifecycle_stage": "deployment",
    }
    expected = listed("objective=4.3&jurisdiction=DE&lifecycle_stage=deployment")
    assert heading_count(page) == expected > 0
    assert page.locator(".result").count() == min(expected, 20)
    chips = page.locator(".chips").inner_text()
    assert "Objective" in chips and "Germany" in chips and "Deployment" in chips
    shoot(page, "list")

    # Open a standard, then follow a link to an instrument that relies on it.
    page.get_by_role("link", name="ISO/IEC 42001:2023").click()
    assert page.url.endswith("/standards/iso-iec-42001-2023/")
    assert page.locator("h1").inner_text() == "ISO/IEC 42001:2023"
    shoot(page, "detail")
    instruments = page.locator("section[aria-labelledby=instruments-heading]")
    instruments.get_by_role("link", name="EU AI Act").first.click()
    assert page.url.endswith("/instruments/eu-ai-act/")
    assert page.locator("h1").inner_text() == "EU AI Act"
    assert "Artificial Intelligence Act" in page.locator(".lead").inner_text()
    assert page.get_by_role("link", name="ISO/IEC 42001:2023").count() >= 1
    shoot(page, "instrument")


def test_coverage_cell_leads_to_a_list_with_that_count(page):
    page.goto("/coverage/")
    shoot(page, "coverage")
    cell = page.locator("table.matrix").first.locator(CELL_LINKS).first
    count = int(re.match(r"\d+", cell.inner_text()).group(0))
    assert count > 0
    cell.click()
    assert heading_count(page) == count
    assert page.locator(".result").count() == min(count, 20)

    # The jurisdiction selector redraws the matrix; its cells still lead to their counts.
    page.goto("/coverage/")
    page.get_by_label("Jurisdiction", exact=True).select_option("DE")
    page.get_by_role("button", name="Redraw").click()
    assert "jurisdiction=DE" in page.url
    assert "Germany" in page.locator("table.matrix caption").first.inner_text()
    shoot(page, "coverage-de")
    cells = page.locator("table.matrix").first.locator(CELL_LINKS)
    cell = cells.nth(cells.count() - 1)
    count = int(re.match(r"\d+", cell.inner_text()).group(0))
    assert count > 0
    cell.click()
    assert "jurisdiction=DE" in page.url and "lifecycle_stage=" in page.url
    assert heading_count(page) == count


A11Y_PAGES = {
    "a11y-home": "/",
    "a11y-list": "/standards/?objective=4.3&lifecycle_stage=deployment",
    "a11y-detail": "/standards/iso-iec-42001-2023/",
    "a11y-coverage": "/coverage/?jurisdiction=DE",
}


def test_pages_have_no_serious_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    # axe-core comes from the installed package (axe_playwright_python/axe.min.js), not a CDN.
    axe = Axe()
    reports = {}
    for name, url in A11Y_PAGES.items():
        page.goto(url)
        results = axe.run(page)
        assert results.response["passes"], f"axe checked nothing on {url}"
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            reports[url] = results.generate_report()
        shoot(page, name)
    assert not reports, "\n".join(f"{url}:\n{report}" for url, report in reports.items())


def test_pages_read_on_a_phone(browser, live_server, catalogue):
    context, page = open_page(
        browser, live_server, viewport={"width": 375, "height": 800}, is_mobile=True
    )
    try:
        for name, url in [
            ("phone-home", "/"),
            ("phone-list", "/standards/?objective=4.6"),
            ("phone-detail", "/standards/iso-iec-42001-2023/"),
            ("phone-coverage", "/coverage/"),
        ]:
            page.goto(url)
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{url} is wider than the phone by {overflow}px"
            shoot(page, name)
    finally:
        context.close()


def test_filters_work_without_javascript(browser, live_server, catalogue):
    context, page = open_page(browser, live_server, java_script_enabled=False)
    try:
        page.goto("/standards/")
        page.get_by_label(re.compile(r"^4\.6 ")).check()
        page.get_by_label("Sort by").select_option("-year")
        page.get_by_role("button", name="Apply filters").click()
        params = QueryDict(page.url.split("?", 1)[1])
        assert params.getlist("objective") == ["4.6"] and params["ordering"] == "-year"
        assert heading_count(page) == listed("objective=4.6")
        page.get_by_role("link", name=re.compile("Objective:.*remove this filter")).click()
        assert "objective" not in page.url
    finally:
        context.close()


def test_skip_link_is_the_first_stop_and_becomes_visible(page):
    page.goto("/standards/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in {"", "none"}  # focus is visible
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
