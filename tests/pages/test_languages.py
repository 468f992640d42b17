"""The Japanese interface: English at today's addresses, Japanese under /ja/, a switch that keeps
the filters, hreflang alternates, links that stay in the page's language, dates for the language,
and caches that key by language.

Content (objective titles, stage names …) is translated by the model fields; these tests check
interface strings, which come from locale/ja (compiled by the test set-up, as by ``make test``).
"""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext

from catalogue.models import Standard, StandardSlugAlias
from core.cache import catalogue_cached
from core.middleware import PRIVATE, cache_control_for, unprefixed
from tests.snapshot import test_literals as literal_urls
from website.templatetags.site import language_path

pytestmark = pytest.mark.django_db

HTML_LANG = re.compile(r'<html lang="([^"]+)">')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCH = re.compile(r'<nav class="language-switch".*?</nav>', re.S)
LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>')
ACTION = re.compile(r'<form\b[^>]*\baction="([^"]+)"')

# Every literal page address the suite uses (tests/snapshot's list), the API left out: it has no
# /ja/ form. Test-only slugs are 404s in the reference catalogue, in both languages.
PAGES = [url for url in literal_urls() if not url.startswith("/api/")]


def text(response) -> str:
    return response.content.decode()


def switch_links(page: str) -> dict[str, str]:
    (switch,) = SWITCH.findall(page)
    return {
        code: unescape(href)
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switch)
    }


def results(response) -> list[str]:
    return [standard.reference for standard in response.context["search"].page.object_list]


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        (
            "/standards/?objective=4.2&jurisdiction=DE",
            "ja",
            "/ja/standards/?objective=4.2&jurisdiction=DE",
        ),
        (
            "/ja/standards/?objective=4.2&jurisdiction=DE",
            "en",
            "/standards/?objective=4.2&jurisdiction=DE",
        ),
        (
            "/ja/standards/?objective=4.2&jurisdiction=DE",
            "ja",
            "/ja/standards/?objective=4.2&jurisdiction=DE",
        ),
        ("/", "ja", "/ja/"),
        ("/ja/", "en", "/"),
        ("/ja", "en", "/"),
        ("/jurisdictions/JP/", "ja", "/ja/jurisdictions/JP/"),
        ("/no-such-page/?q=%E6%A9%9F", "ja", "/ja/no-such-page/?q=%E6%A9%9F"),
    ],
)
def test_language_path_swaps_the_prefix_and_keeps_the_query(path, language, expected):
    assert language_path(path, language) == expected


def test_english_stays_at_todays_addresses_and_japanese_is_under_ja(client):
    english, japanese = client.get("/standards/"), client.get("/ja/standards/")
    assert english.status_code == japanese.status_code == 200
    assert HTML_LANG.search(text(english))[1] == "en" and english["Content-Language"] == "en"
    assert HTML_LANG.search(text(japanese))[1] == "ja" and japanese["Content-Language"] == "ja"
    # The interface is Japanese (content titles come with the translated fields).
    assert 'aria-label="メインメニュー"' in text(japanese)
    assert ">規格</a>" in text(japanese) and ">Standards</a>" in text(english)
    assert "本文へ移動" in text(japanese)


def test_an_english_address_is_english_whatever_the_browser_asks(client):
    response = client.get("/standards/", HTTP_ACCEPT_LANGUAGE="ja")
    assert HTML_LANG.search(text(response))[1] == "en"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_under_ja_as_in_english(client, url):
    english = client.get(url)
    japanese = client.get(language_path(url, "ja"))
    assert japanese.status_code == english.status_code, url
    if english.status_code in (301, 302):
        assert japanese["Location"] == language_path(english["Location"], "ja")
        return
    kind = japanese.get("Content-Type", "")
    if "html" in kind:
        page = text(japanese)
        assert HTML_LANG.search(page)[1] == "ja"
        assert switch_links(page) == {"en": url, "ja": language_path(url, "ja")}
        alternates = dict(ALTERNATE.findall(page))
        assert {code: urlsplit(unescape(href)).path for code, href in alternates.items()} == {
            "en": urlsplit(url).path,
            "ja": urlsplit(language_path(url, "ja")).path,
            "x-default": urlsplit(url).path,
        }
        assert all(href.startswith("http://testserver/") for href in alternates.values())
    elif "atom" in kind or "xml" in kind:
        assert 'xml:lang="ja"' in text(japanese) or "<language>ja</language>" in text(japanese)


def test_the_switch_keeps_the_filters_and_the_results(client):
    english = client.get("/standards/?objective=4.2&jurisdiction=DE")
    to_japanese = switch_links(text(english))["ja"]
    assert to_japanese == "/ja/standards/?objective=4.2&jurisdiction=DE"
    japanese = client.get(to_japanese)
    assert switch_links(text(japanese))["en"] == "/standards/?objective=4.2&jurisdiction=DE"
    assert results(japanese) == results(english) != []
    count = english.context["search"].page.paginator.count
    assert japanese.context["search"].page.paginator.count == count


def test_links_and_forms_on_japanese_pages_stay_in_japanese(client):
    """Navigation, facets, chips, pagination, cards and forms: every link to a page of the site
    is a /ja/ address (or relative), except the switch's link to the English page."""
    for url in [
        "/ja/",
        "/ja/standards/?objective=4.3&page=2&page_size=5",
        "/ja/standards/iso-iec-42001-2023/",
        "/ja/coverage/?jurisdiction=DE",
        "/ja/jurisdictions/DE/",
        "/ja/objectives/4.3/",
        "/ja/instruments/eu-ai-act/",
        "/ja/compare/?jurisdiction=DE&jurisdiction=JP",
        "/ja/no-such-page/",
    ]:
        page = SWITCH.sub("", text(client.get(url)))
        addresses = [unescape(href) for href in LINK.findall(page) + ACTION.findall(page)]
        assert addresses, url
        english = []
        for address in addresses:
            parts = urlsplit(address)
            if parts.scheme or not parts.path or parts.path.startswith(("/api/", "/static/")):
                continue  # another site, a relative link, the API (one address for all)
            try:
                resolve(parts.path)
            except Resolver404:
                english.append(address)  # /standards/ does not resolve while ja is active
                continue
            if not parts.path.startswith("/ja/"):
                english.append(address)
        assert english == [], url


def test_redirects_stay_in_the_language(client):
    response = client.get("/ja/jurisdictions/?code=DE")
    assert response.status_code == 302 and response["Location"] == "/ja/jurisdictions/DE/"
    standard = Standard.objects.get(slug="iso-iec-42001-2023")
    StandardSlugAlias.objects.create(slug="iso-iec-dis-42001-old", standard=standard)
    response = client.get("/ja/standards/iso-iec-dis-42001-old/")
    assert response.status_code == 301
    assert response["Location"] == "/ja/standards/iso-iec-42001-2023/"


def test_the_japanese_feed_links_to_japanese_pages(client):
    response = client.get("/ja/feeds/standards/?objective=4.3")
    assert response.status_code == 200
    links = re.findall(r'<link href="([^"]+)"', text(response))
    assert links and all(link.startswith("http://testserver/ja/") for link in links)
    english = client.get("/feeds/standards/?objective=4.3")
    links = re.findall(r'<link href="([^"]+)"', text(english))
    assert links and not any("/ja/" in link for link in links)


def test_the_csv_link_of_a_japanese_list_asks_for_japanese(client):
    page = text(client.get("/ja/standards/?objective=4.3"))
    assert 'href="/api/v1/standards/?format=csv&amp;objective=4.3&amp;lang=ja"' in page
    assert (
        "lang="
        not in re.search(
            r'href="(/api/v1/standards/\?format=csv[^"]*)"',
            text(client.get("/standards/?objective=4.3")),
        )[1]
    )


def test_dates_follow_the_language(client):
    standard = Standard.objects.filter(publication_date__isnull=False).first()
    day = standard.publication_date
    english = text(client.get(standard.get_absolute_url()))
    with translation.override("ja"):
        url = standard.get_absolute_url()
    japanese = text(client.get(url))
    assert url.startswith("/ja/")
    assert f"<dd>{day:%Y-%m-%d}</dd>" in english
    assert f"<dd>{day.year}年{day.month}月{day.day}日</dd>" in japanese
    assert f"{day:%Y-%m-%d}</dd>" not in japanese


def test_cached_values_are_kept_per_language():
    cache.clear()
    with translation.override("en"):
        assert catalogue_cached("test-label", [], lambda: gettext("Standards")) == "Standards"
    with translation.override("ja"):
        assert catalogue_cached("test-label", [], lambda: gettext("Standards")) == "規格"
    with translation.override("en"):
        assert catalogue_cached("test-label", [], lambda: "never computed") == "Standards"


def test_a_japanese_page_after_an_english_one_is_japanese(client):
    """The facet counts and their choice labels are cached: the Japanese page, asked for
    right after the English one, must not get the English labels."""
    status = '<span class="facet__label">{}</span>'
    english = text(client.get("/standards/?objective=4.3"))
    japanese = text(client.get("/ja/standards/?objective=4.3"))
    assert status.format("Published") in english
    assert status.format("発行") in japanese and status.format("Published") not in japanese
    again = text(client.get("/standards/?objective=4.3"))
    assert status.format("Published") in again and status.format("発行") not in again


@pytest.mark.parametrize("path", ["/ja/admin/", "/ja/curation/", "/admin/login/", "/curation/"])
def test_the_private_areas_are_private_in_every_language(rf, path):
    assert unprefixed(path).startswith(("/admin/", "/curation/"))
    assert cache_control_for(rf.get(path), HttpResponse("an anonymous 200")) == PRIVATE
    assert cache_control_for(rf.get(language_path("/standards/", "ja")), HttpResponse()) != PRIVATE


def test_the_admin_is_japanese_under_ja(client, curator):
    client.force_login(curator)
    assert '<html lang="en"' in text(client.get("/admin/"))
    response = client.get("/ja/admin/")
    assert response.status_code == 200 and '<html lang="ja"' in text(response)
    # "View site" leads to the Japanese home page.
    assert '<a href="/ja/">' in text(response)
