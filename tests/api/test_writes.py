"""The write API: credentials, permissions, services, and optimistic concurrency."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalogue.models import NationalAdoption, Standard
from core.services.entries import entry_review
from tests.factories import ObjectiveLinkFactory, StandardFactory

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def curator_api(curator):
    return token_client(curator)


NEW = {
    "reference": "ISO/IEC 99100:2026",
    "deliverable_type": "IS",
    "number": "99100",
    "year": 2026,
    "title": "A standard written for the tests",
    "committee": "ISO/IEC JTC 1/SC 42",
    "stage_code": "60.60",
    "aliases": ["ISO/IEC 99100"],
    "source": "Test",
    "confidence": "high",
}


def test_curator_creates_a_standard_with_a_token(curator_api, curator, reviewer):
    response = curator_api.post("/api/v1/standards/", NEW, format="json")
    assert response.status_code == 201, response.json()
    assert response["Location"].endswith("/api/v1/standards/iso-iec-99100-2026/")
    standard = Standard.objects.get(reference=NEW["reference"])
    assert standard.alias_list == ["ISO/IEC 99100"]
    assert standard.history.latest().history_user == curator
    # A curator's new standard is a proposal: private until another reviewer approves it.
    assert standard.review_state == "proposed"
    assert APIClient().get(response["Location"]).status_code == 404
    entry_review(instance=standard, action="approve", user=reviewer)
    assert APIClient().get(response["Location"]).status_code == 200


def test_anonymous_write_is_401_and_a_user_without_permission_403():
    assert APIClient().post("/api/v1/standards/", NEW, format="json").status_code == 401
    nobody = token_client(User.objects.create_user("nobody", password="pw"))
    assert nobody.post("/api/v1/standards/", NEW, format="json").status_code == 403
    assert not Standard.objects.filter(reference=NEW["reference"]).exists()


def test_stale_etag_gets_412_and_the_first_change_stands(curator, reviewer):
    StandardFactory(slug="t-race", title="Before")
    first, second = token_client(curator), token_client(curator)
    url = "/api/v1/standards/t-race/"
    etag_first, etag_second = first.get(url)["ETag"], second.get(url)["ETag"]
    assert etag_first == etag_second

    ok = first.patch(url, {"title": "First writer"}, format="json", HTTP_IF_MATCH=etag_first)
    assert ok.status_code == 200 and ok["ETag"] != etag_first
    late = second.patch(url, {"title": "Second writer"}, format="json", HTTP_IF_MATCH=etag_second)
    assert late.status_code == 412
    assert Standard.objects.get(slug="t-race").title == "First writer"


def test_write_without_if_match_is_428(curator_api):
    StandardFactory(slug="t-428")
    response = curator_api.patch("/api/v1/standards/t-428/", {"title": "x"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_invalid_values_are_400s_naming_the_field(curator_api):
    bad = curator_api.post("/api/v1/standards/", {**NEW, "stage_code": "61.00"}, format="json")
    assert bad.status_code == 400 and "stage_code" in bad.json()
    bad = curator_api.post("/api/v1/standards/", {**NEW, "committee": "ISO/TC 0"}, format="json")
    assert bad.status_code == 400 and "committee" in bad.json()
    StandardFactory(slug="t-400", year=2020)
    url = "/api/v1/standards/t-400/"
    etag = curator_api.get(url)["ETag"]
    bad = curator_api.patch(url, {"year": 1200}, format="json", HTTP_IF_MATCH=etag)
    assert bad.status_code == 400 and "year" in str(bad.json())
    assert Standard.objects.get(slug="t-400").year == 2020


def test_deleting_a_linked_standard_is_409_naming_the_links(client):
    admin = token_client(User.objects.create_superuser("root", password="pw"))
    link = ObjectiveLinkFactory()
    url = f"/api/v1/standards/{link.standard.slug}/"
    response = admin.delete(url, HTTP_IF_MATCH=admin.get(url)["ETag"])
    assert response.status_code == 409
    assert str(link) in response.json()["linked"]
    unlinked = StandardFactory(slug="t-gone")
    url = "/api/v1/standards/t-gone/"
    assert admin.delete(url, HTTP_IF_MATCH=admin.get(url)["ETag"]).status_code == 204
    assert not Standard.objects.filter(pk=unlinked.pk).exists()


def test_bsi_curator_cannot_edit_a_din_adoption_through_the_api(bodies):
    adoption = NationalAdoption.objects.create(
        standard=StandardFactory(), body=bodies["din"], designation="DIN API 1", degree="IDT"
    )
    url = f"/api/v1/adoptions/{adoption.pk}/"
    bsi = token_client(bodies["bsi_curator"])
    response = bsi.patch(url, {"degree": "MOD"}, format="json", HTTP_IF_MATCH=bsi.get(url)["ETag"])
    assert response.status_code == 403
    adoption.refresh_from_db()
    assert adoption.degree == "IDT"

    din = token_client(bodies["din_curator"])
    response = din.patch(url, {"degree": "MOD"}, format="json", HTTP_IF_MATCH=din.get(url)["ETag"])
    assert response.status_code == 200 and response.json()["degree"] == "MOD"


def test_curator_records_an_adoption_for_their_own_body(bodies):
    standard = StandardFactory(slug="t-adopt")
    din = token_client(bodies["din_curator"])
    payload = {"standard": "t-adopt", "body": "DIN", "designation": "DIN API 2", "degree": "IDT"}
    response = din.post("/api/v1/adoptions/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert NationalAdoption.objects.get(designation="DIN API 2").standard == standard
    bsi = token_client(bodies["bsi_curator"])
    refused = bsi.post("/api/v1/adoptions/", {**payload, "designation": "DIN API 3"}, format="json")
    assert refused.status_code == 403


def test_proposed_mapping_is_invisible_until_another_user_approves_it(curator, reviewer):
    StandardFactory(slug="t-map")
    proposal = {
        "standard": "t-map",
        "target": "objective:4.4",
        "source": "A curator's reading",
        "locator": "clause 5",
        "confidence": "medium",
    }
    created = token_client(curator).post("/api/v1/mappings/", proposal, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["review_state"] == "proposed"
    public = APIClient().get("/api/v1/mappings/?source=t-map").json()
    assert public["count"] == 0
    page = APIClient().get("/standards/t-map/")
    assert "A curator&#x27;s reading" not in page.content.decode()

    link_id = created.json()["id"]
    own = token_client(curator).post(f"/api/v1/mappings/{link_id}/review/", {"action": "approve"})
    assert own.status_code == 403
    approved = token_client(reviewer).post(
        f"/api/v1/mappings/{link_id}/review/", {"action": "approve", "comment": "ok"}
    )
    assert approved.status_code == 200 and approved.json()["review_state"] == "approved"
    public = APIClient().get("/api/v1/mappings/?source=t-map").json()
    assert public["count"] == 1 and public["results"][0]["target"]["id"] == "objective:4.4"


def test_mapping_proposals_validate_their_target(curator):
    api = token_client(curator)
    StandardFactory(slug="t-map2")
    bad = api.post(
        "/api/v1/mappings/", {"standard": "t-map2", "target": "planet:mars", "source": "x"}
    )
    assert bad.status_code == 400 and "Allowed: objective" in str(bad.json()["target"])
    bad = api.post(
        "/api/v1/mappings/",
        {
            "standard": "t-map2",
            "target": "objective:4.4",
            "relationship": "subset_of",
            "source": "x",
        },
    )
    assert bad.status_code == 400 and "relationship" in bad.json()
    assert APIClient().post("/api/v1/mappings/", {"standard": "t-map2"}).status_code == 401
