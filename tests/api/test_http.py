"""HTTP for real clients: Link pagination, CORS, Cache-Control, conditional feeds, text feeds."""

from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.http import http_date

from core.services.entries import entry_update
from mappings.models import StandardObjectiveLink
from mappings.services import mapping_propose, mapping_review
from policies.models import Objective
from tests.api.test_writes import token_client
from tests.factories import StandardFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<img src=x onerror=alert(1)> & <script>alert("x")</script>'


def links(response) -> dict:
    """``Link: <url>; rel="next", …`` as ``{"next": url}``."""
    found = {}
    for part in response["Link"].split(","):
        url, rel = part.split(";")
        found[rel.strip().removeprefix('rel="').removesuffix('"')] = url.strip()[1:-1]
    return found


def test_a_middle_page_links_to_first_prev_next_and_last(client):
    response = client.get("/api/v1/jurisdictions/?page_size=10&page=2&kind=country")
    assert response.status_code == 200
    body = response.json()
    last = -(-body["count"] // 10)
    assert last > 2
    found = links(response)
    assert set(found) == {"first", "prev", "next", "last"}
    assert found["next"] == body["next"] and found["prev"] == body["previous"]
    first = urlsplit(found["first"])
    assert first.path == "/api/v1/jurisdictions/"
    assert parse_qs(first.query) == {"page_size": ["10"], "kind": ["country"]}
    assert parse_qs(urlsplit(found["last"]).query)["page"] == [str(last)]
    assert client.get(found["last"]).json()["next"] is None


def test_the_only_page_links_to_itself_as_first_and_last(client):
    found = links(client.get("/api/v1/objectives/"))
    assert found == {
        "first": "http://testserver/api/v1/objectives/",
        "last": "http://testserver/api/v1/objectives/",
    }


def test_cors_lets_a_browser_revalidate_and_read_etag_and_link(client):
    preflight = client.options(
        "/api/v1/standards/",
        headers={
            "Origin": "https://dashboard.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert "if-match" not in preflight["Access-Control-Allow-Headers"].split(", ")
    assert "PATCH" not in preflight["Access-Control-Allow-Methods"]
    response = client.get("/api/v1/objectives/", headers={"Origin": "https://dashboard.example"})
    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "link"} <= exposed


@pytest.mark.parametrize(
    "url", ["/api/v1/standards/", "/api/v1/standards/iso-iec-42001-2023/", "/", "/feeds/changes/"]
)
def test_anonymous_reads_are_publicly_cacheable_for_a_minute(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_304_keeps_its_cache_control(client):
    first = client.get("/api/v1/objectives/")
    again = client.get("/api/v1/objectives/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=60"


def test_reads_with_credentials_and_the_admin_are_private(curator):
    api = token_client(curator)
    response = api.get("/api/v1/standards/iso-iec-42001-2023/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    browser = Client()
    browser.force_login(User.objects.create_superuser("root", password="pw"))
    assert "private" in browser.get("/admin/")["Cache-Control"]
    page = browser.get("/standards/")
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"


def test_errors_and_writes_get_no_public_cache_control(client):
    assert "Cache-Control" not in client.get("/api/v1/standards/?objective=9.9")
    assert "public" not in client.post("/api/v1/standards/", {}).get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/feeds/changes/", "/feeds/standards/?objective=4.3"])
def test_feeds_answer_if_modified_since_and_if_none_match_with_304(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Last-Modified"] and first["ETag"]
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    stale = client.get(url, headers={"If-Modified-Since": http_date(0)})
    assert stale.status_code == 200


def test_a_feed_changes_after_a_new_entry(client, curator):
    first = client.get("/feeds/changes/")
    entry_update(
        instance=StandardFactory(), user=curator, data={"title": "Retitled for a newer feed"}
    )
    again = client.get("/feeds/changes/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200


def test_a_hostile_summary_reaches_a_feed_reader_as_text(client, curator):
    standard = StandardFactory(title="Hostile summary holder")
    entry_update(instance=standard, user=curator, data={"summary": HOSTILE})
    parsed = feedparser.parse(client.get("/feeds/standards/").content)
    [entry] = [entry for entry in parsed.entries if "Hostile summary holder" in entry.title]
    assert entry.summary_detail.type == "text/plain"
    assert "<img" in entry.summary and "onerror" in entry.summary  # the characters, as text
    assert entry.summary == HOSTILE


def test_a_hostile_review_comment_reaches_a_feed_reader_as_text(client, curator, reviewer):
    link = mapping_propose(
        model=StandardObjectiveLink,
        user=curator,
        standard=StandardFactory(),
        objective=Objective.objects.get(code="4.1"),
        relationship="supports",
        source="Curator",
    )
    mapping_review(link=link, action="approve", user=reviewer, comment=HOSTILE)
    parsed = feedparser.parse(client.get("/feeds/changes/").content)
    [entry] = [entry for entry in parsed.entries if HOSTILE in entry.get("summary", "")]
    assert entry.summary_detail.type == "text/plain"
