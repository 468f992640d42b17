"""Write errors a client can act on: missing fields named, duplicates as 409, Bearer tokens."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalogue.models import NationalAdoption, Standard
from mappings.models import StandardProvisionLink
from tests.api.test_writes import NEW, token_client
from tests.factories import StandardFactory

pytestmark = pytest.mark.django_db

REQUIRED = "This field is required."


def test_a_bearer_token_is_read_like_a_token(curator):
    token, _created = Token.objects.get_or_create(user=curator)
    for number, keyword in enumerate(("Bearer", "Token", "bearer"), start=1):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"{keyword} {token.key}")
        reference = f"ISO/IEC 99101-{number}:2026"
        response = client.post("/api/v1/standards/", {**NEW, "reference": reference}, format="json")
        assert response.status_code == 201, (keyword, response.json())


def test_a_wrong_bearer_token_is_401_with_a_bearer_challenge():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = client.post("/api/v1/standards/", NEW, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_proposal_without_relationship_for_a_provision_names_the_field(curator):
    StandardFactory(slug="t-norel")
    response = token_client(curator).post(
        "/api/v1/mappings/",
        {"standard": "t-norel", "target": "provision:eu-ai-act/article-40", "source": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"relationship": [REQUIRED]}
    assert not StandardProvisionLink.objects.filter(standard__slug="t-norel").exists()


def test_a_proposal_without_relationship_for_an_objective_takes_the_default(curator):
    StandardFactory(slug="t-defrel")
    response = token_client(curator).post(
        "/api/v1/mappings/",
        {"standard": "t-defrel", "target": "objective:4.2", "source": "x"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["relationship"] == "supports"


@pytest.mark.parametrize(
    ("url", "required"),
    [
        ("/api/v1/standards/", {"reference", "deliverable_type", "title"}),
        ("/api/v1/adoptions/", {"standard", "body", "designation"}),
        ("/api/v1/mappings/", {"standard", "target", "source"}),
    ],
)
def test_an_empty_write_names_every_required_field(url, required):
    admin = token_client(User.objects.create_superuser("root", password="pw"))
    response = admin.post(url, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert required <= set(body), body
    assert all(body[field] == [REQUIRED] for field in required)
    assert "NOT_PROVIDED" not in str(body)


def test_a_second_identical_proposal_is_409_naming_the_existing_link(curator):
    StandardFactory(slug="t-dup")
    api = token_client(curator)
    proposal = {"standard": "t-dup", "target": "objective:4.3", "source": "x"}
    first = api.post("/api/v1/mappings/", proposal, format="json")
    assert first.status_code == 201
    again = api.post("/api/v1/mappings/", proposal, format="json")
    assert again.status_code == 409
    assert again.json()["existing"] == first.json()["id"]
    assert "already exists" in again.json()["detail"]


def test_a_standard_with_a_taken_slug_or_reference_is_409():
    admin = token_client(User.objects.create_superuser("root", password="pw"))
    StandardFactory(slug="t-taken", reference="ISO/IEC 99102:2026")
    taken_slug = admin.post("/api/v1/standards/", {**NEW, "slug": "t-taken"}, format="json")
    assert taken_slug.status_code == 409
    assert "slug" in taken_slug.json()
    taken_reference = admin.post(
        "/api/v1/standards/", {**NEW, "reference": "ISO/IEC 99102:2026"}, format="json"
    )
    assert taken_reference.status_code == 409
    assert "reference" in taken_reference.json()
    assert Standard.objects.filter(slug="t-taken").count() == 1


def test_a_duplicate_adoption_designation_is_409(bodies):
    StandardFactory(slug="t-adopt-dup")
    din = token_client(bodies["din_curator"])
    payload = {"standard": "t-adopt-dup", "body": "DIN", "designation": "DIN DUP 1"}
    assert din.post("/api/v1/adoptions/", payload, format="json").status_code == 201
    again = din.post("/api/v1/adoptions/", payload, format="json")
    assert again.status_code == 409, again.json()
    assert NationalAdoption.objects.filter(designation="DIN DUP 1").count() == 1
