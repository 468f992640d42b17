"""The Japanese pages in Chromium: home, list, a standard and coverage under /ja/, axe clean,
legible on a phone, and the switch back to English with the same filters. Screenshots go to
``test-artifacts/ja-*.png`` (Debian's fonts-noto-cjk draws the Japanese; CI installs it).

Content titles stay English until they are translated in the catalogue; these tests read the
interface (navigation, headings, buttons), which locale/ja translates.
"""

import pytest
from django.http import QueryDict

from tests.browser.test_pages_in_browser import (
    BLOCKING_IMPACTS,
    heading_count,
    listed,
    open_page,
    shoot,
)

pytestmark = pytest.mark.browser

JA_PAGES = {
    "ja-home": "/ja/",
    "ja-list": "/ja/standards/?objective=4.3&lifecycle_stage=deployment",
    "ja-detail": "/ja/standards/iso-iec-42001-2023/",
    "ja-coverage": "/ja/coverage/?jurisdiction=DE",
}


def test_japanese_pages_are_japanese_and_axe_clean(page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    reports = {}
    for name, url in JA_PAGES.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "ja"
        navigation = page.get_by_role("navigation", name="メインメニュー")
        assert navigation.get_by_role("link", name="規格", exact=True).is_visible()
        current = page.locator(".language-switch a[aria-current]")
        assert current.inner_text() == "日本語"
        results = axe.run(page)
        assert results.response["passes"], f"axe checked nothing on {url}"
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            reports[url] = results.generate_report()
        shoot(page, name)
    assert not reports, "\n".join(f"{url}:\n{report}" for url, report in reports.items())


def test_the_switch_keeps_the_filters_in_both_directions(page):
    query = "objective=4.3&jurisdiction=DE"
    page.goto(f"/standards/?{query}")
    english = heading_count(page)
    assert english == listed(query) > 0
    page.locator(".language-switch").get_by_role("link", name="日本語").click()
    assert page.url.endswith(f"/ja/standards/?{query}")
    assert page.locator("h1").inner_text() == "規格"
    assert heading_count(page) == english
    assert page.locator(".result").count() == min(english, 20)

    # The filter form of the Japanese page stays in Japanese, and the switch carries it back.
    page.get_by_role("button", name="絞り込む", exact=True).click()
    assert "/ja/standards/?" in page.url
    japanese_query = page.url.split("?", 1)[1]
    params = QueryDict(japanese_query)
    assert params.getlist("objective") == ["4.3"] and params.getlist("jurisdiction") == ["DE"]
    page.locator(".language-switch").get_by_role("link", name="English").click()
    assert page.url.endswith(f"/standards/?{japanese_query}") and "/ja/" not in page.url
    assert page.locator("h1").inner_text() == "Standards"
    assert heading_count(page) == english


def test_japanese_pages_read_on_a_phone(browser, live_server, catalogue):
    context, page = open_page(
        browser, live_server, viewport={"width": 375, "height": 800}, is_mobile=True
    )
    try:
        for name, url in JA_PAGES.items():
            page.goto(url)
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{url} is wider than the phone by {overflow}px"
            shoot(page, f"phone-{name}")
    finally:
        context.close()


def test_japanese_text_is_drawn_with_a_japanese_font(page):
    page.goto("/ja/")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.index("Noto Sans CJK JP") < family.index("system-ui")
    page.goto("/")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith("system-ui")
