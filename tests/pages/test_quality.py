"""Checks on the markup every page shares: labels, headings, skip link, local assets, i18n."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from website.templatetags.site import language_path

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/standards/",
    "/standards/?objective=4.3&jurisdiction=DE",
    "/standards/?objective=9.9",
    "/standards/iso-iec-42001-2023/",
    "/objectives/",
    "/objectives/4.3/",
    "/instruments/",
    "/instruments/eu-ai-act/",
    "/jurisdictions/",
    "/jurisdictions/DE/",
    "/committees/",
    "/committees/iso-iec-jtc-1-sc-42/",
    "/coverage/",
    "/about/",
    "/no-such-page/",
]
TEMPLATES = Path(settings.BASE_DIR) / "templates"
CONTROLS = {"input", "select", "textarea"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


class Page(HTMLParser):
    """Collect what the checks need from one page."""

    def __init__(self, html: str):
        super().__init__()
        self.controls, self.labels, self.ids = [], set(), set()
        self.h1, self.lang, self.assets, self.links, self.alternates = 0, None, [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in CONTROLS and attrs.get("type") not in UNLABELLED_INPUTS:
            self.controls.append(attrs)
        elif tag in {"script", "img", "iframe"} and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append(attrs)
        elif tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("url", PAGES)
def test_page_is_labelled_navigable_and_self_contained(client, url, language):
    response = client.get(language_path(url, language))
    assert response.status_code in {200, 400, 404}
    page = Page(response.content.decode())
    # Every form control has a label.
    for control in page.controls:
        assert control.get("id") in page.labels or control.get("aria-label"), control
    # One main heading, a language, and a skip link that leads to the main content.
    assert page.h1 == 1
    assert page.lang == language
    assert "#main" in page.links and "main" in page.ids
    # Every stylesheet, script and image is served from this site.
    assert page.assets
    for asset in page.assets:
        assert asset.startswith("/static/"), asset
    # The page in each language, on this site: English is also the default.
    assert [(a["hreflang"], a["href"]) for a in page.alternates] == [
        ("en", f"http://testserver{url}"),
        ("ja", f"http://testserver{language_path(url, 'ja')}"),
        ("x-default", f"http://testserver{url}"),
    ]


def test_the_stylesheet_loads_nothing_from_elsewhere():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_every_template_loads_the_translation_tags():
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 15
    for template in templates:
        assert "{% load i18n" in template.read_text(), template


def test_pages_render_for_a_japanese_reader(client):
    """The Japanese edition is at /ja/; an English address stays English whatever the browser
    prefers (one address, one language: caches and links can rely on it)."""
    response = client.get("/ja/standards/", headers={"accept-language": "en"})
    assert response.status_code == 200
    assert '<html lang="ja">' in response.content.decode()
    response = client.get("/standards/", headers={"accept-language": "ja"})
    assert '<html lang="en">' in response.content.decode()


def test_server_error_page_renders_without_a_request():
    """Django renders 500.html with an empty context: it must not need a view's data."""
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page and "/static/css/site.css" in page
