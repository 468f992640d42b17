"""Hostile input to every filter, path and form: never a 500, never echoed unescaped.

The payloads cover SQL fragments, template syntax, HTML and script tags, very long
strings, unicode edge cases (bidi overrides, zero-width and astral characters, a lone
surrogate's UTF-8 bytes) and null bytes.
"""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from discovery.filters import StandardFilterSet
from discovery.mapping_filters import MappingFilterSet
from discovery.policy_filters import InstrumentFilterSet
from tests.factories import ObjectiveLinkFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
PAYLOADS = [
    "' OR '1'='1' --",
    "1; DROP TABLE catalogue_standard; --",
    "{{ request }}{% debug %}",
    SCRIPT,
    ATTRIBUTE,
    "A" * 5000,
    "null\x00byte",
    "\u202eevil\u200b\ufeff\U0001d54f\U0001f9ea",
    "../../../../etc/passwd",
    "-1",
    "1e309",
    "99999999999999999999999",
]
RAW_QUERY_PAYLOADS = ["%ED%A0%80", "%FF%FE", "%00", "%", "a=b&c"]
COMMON = ["page", "page_size", "ordering", "format"]


def params_of(filterset) -> list[str]:
    return sorted(set(filterset.base_filters) | set(COMMON))


LISTS = [
    ("/api/v1/standards/", params_of(StandardFilterSet)),
    ("/api/v1/instruments/", params_of(InstrumentFilterSet)),
    ("/api/v1/mappings/", params_of(MappingFilterSet)),
    ("/api/v1/adoptions/", COMMON + ["standard", "body", "jurisdiction", "degree"]),
    ("/api/v1/objectives/", COMMON),
    ("/api/v1/jurisdictions/", COMMON + ["kind"]),
    ("/api/v1/committees/", COMMON),
    ("/api/v1/lifecycle-stages/", COMMON),
    ("/standards/", params_of(StandardFilterSet)),
    ("/coverage/", ["jurisdiction", "jurisdiction_scope", "view"]),
    ("/", ["q", "jurisdiction"]),
    ("/instruments/", ["jurisdiction", "kind", "binding", "page"]),
    ("/jurisdictions/", ["kind", "page"]),
    ("/feeds/standards/", ["objective", "jurisdiction", "q", "ordering"]),
]
DETAILS = [
    "/api/v1/standards/{}/",
    "/api/v1/objectives/{}/",
    "/api/v1/instruments/{}/",
    "/api/v1/jurisdictions/{}/",
    "/standards/{}/",
    "/objectives/{}/",
    "/instruments/{}/",
    "/jurisdictions/{}/",
    "/committees/{}/",
]


def check(response, where: str):
    assert response.status_code < 500, f"{where}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    # text/plain and JSON are never rendered as markup (and nosniff is sent).
    if "html" in content_type or "xml" in content_type:
        body = response.content.decode("utf-8", "replace")
        assert SCRIPT not in body, f"{where}: script echoed unescaped"
        assert "onerror=alert(1)>" not in body, f"{where}: attribute echoed unescaped"
        assert "WSGIRequest" not in body, f"{where}: template syntax evaluated"


FREE_TEXT = {"q", "updated_since", "source"}


@pytest.mark.parametrize(("url", "params"), LISTS, ids=[url for url, _ in LISTS])
def test_hostile_filter_values_are_refused_cleanly(client, url, params):
    """Every parameter at once per payload (a form validates every field, so each field's
    error path runs), and free-text parameters alone too, since only a valid form filters."""
    for payload in PAYLOADS:
        check(client.get(url, dict.fromkeys(params, payload)), f"{url} all={payload[:30]!r}")
        for param in FREE_TEXT & set(params):
            check(client.get(url, {param: payload}), f"{url}?{param}={payload[:30]!r}")
    for raw in RAW_QUERY_PAYLOADS:
        query = "&".join(f"{param}={raw}" for param in params)
        check(client.get(f"{url}?{query}"), f"{url}?…={raw}")
    check(client.get(url, {"objective": PAYLOADS, "q": PAYLOADS[5]}), f"{url} repeated")


@pytest.mark.parametrize("template", DETAILS)
def test_hostile_path_segments_are_404s(client, template):
    for payload in PAYLOADS:
        url = template.format(quote(payload, safe=""))
        check(client.get(url), url[:80])


def test_hostile_admin_login_is_refused_without_echoing(client):
    for payload in PAYLOADS:
        response = client.post("/admin/login/", {"username": payload, "password": payload})
        check(response, f"admin login {payload[:30]!r}")
        assert response.status_code == 200


def test_hostile_curation_comment_and_action(client, curator, reviewer):
    client.force_login(reviewer)
    for payload in PAYLOADS:
        link = ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
        url = f"/curation/objective/{link.pk}/review/"
        check(client.post(url, {"action": payload, "comment": payload}, follow=True), url)
        check(client.post(url, {"action": "reject", "comment": payload}, follow=True), url)
    check(client.get("/curation/"), "queue after hostile comments")


def test_hostile_csv_upload_is_reported_not_raised(client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    header = "reference,slug,aliases,deliverable_type,number,part,year,edition,publication_date,"
    header += (
        "title,summary,committee,series,stage_code,iso_id,url,in_brief,source,confidence,notes"
    )
    for payload in PAYLOADS:
        cell = '"' + payload.replace('"', '""') + '"'
        row = ",".join([cell] * 20)
        upload = SimpleUploadedFile("h.csv", f"{header}\n{row}\n".encode("utf-8", "surrogatepass"))
        response = client.post("/admin/catalogue/standard/import-csv/", {"file": upload})
        check(response, f"csv {payload[:30]!r}")
        assert response.status_code == 200
