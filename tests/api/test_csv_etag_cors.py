"""CSV export, conditional GET (ETag / 304) and cross-origin reads."""

import csv
import io

import pytest

from tests.factories import (
    LifecycleLinkFactory,
    ObjectiveFactory,
    ObjectiveLinkFactory,
    ProvisionLinkFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db

STANDARD_COLUMNS = [
    "reference",
    "slug",
    "title",
    "deliverable_type",
    "number",
    "part",
    "year",
    "edition",
    "publication_date",
    "stage_code",
    "status",
    "ai_act_status",
    "committee",
    "series",
    "objectives",
    "lifecycle_stages",
    "instruments",
    "why",
    "in_brief",
    "official_url",
    "updated_at",
]


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.body.decode("utf-8"))))


def test_csv_has_stable_columns_and_joins_multiple_values(api):
    standard = StandardFactory()
    ObjectiveLinkFactory(standard=standard, objective=ObjectiveFactory(code="4.2"))
    ObjectiveLinkFactory(standard=standard, objective=ObjectiveFactory(code="4.3"))
    response = api.get(f"/api/v1/standards/?format=csv&q={standard.number}")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="standards.csv"' in response["Content-Disposition"]
    assert response.body.decode().splitlines()[0].split(",") == STANDARD_COLUMNS
    [row] = rows(response)
    assert row["reference"] == standard.reference
    assert row["objectives"] == "4.2; 4.3"
    assert row["status"] == "published" and row["in_brief"] == "false"


@pytest.mark.parametrize(
    "query",
    ["", "objective=4.1", "objective=4.1&objective=4.6&ordering=-year", "q=management"],
)
def test_csv_and_json_list_the_same_references(api, query):
    StandardFactory.create_batch(3)
    ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.1"))
    json_refs = [
        row["reference"] for row in api.json(f"/api/v1/standards/?{query}&page_size=200")["results"]
    ]
    csv_refs = [row["reference"] for row in rows(api.get(f"/api/v1/standards/?{query}&format=csv"))]
    assert csv_refs == json_refs and csv_refs


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("objectives", "code"),
        ("instruments", "slug"),
        ("jurisdictions", "code"),
        ("lifecycle-stages", "slug"),
        ("committees", "code"),
        ("adoptions", "designation"),
    ],
)
def test_every_list_exports_the_same_rows_as_csv(api, path, key):
    data = api.json(f"/api/v1/{path}/?page_size=200")
    assert data["count"] <= 200
    assert [row[key] for row in rows(api.get(f"/api/v1/{path}/?format=csv"))] == [
        row[key] for row in data["results"]
    ]


def test_mappings_csv_matches_json(api):
    link = ProvisionLinkFactory()
    LifecycleLinkFactory(standard=link.standard)
    query = f"source={link.standard.slug}"
    data = api.json(f"/api/v1/mappings/?{query}")
    exported = rows(api.get(f"/api/v1/mappings/?{query}&format=csv"))
    assert [row["id"] for row in exported] == [mapping["id"] for mapping in data["results"]]
    assert [row["target"] for row in exported] == [m["target"]["id"] for m in data["results"]]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/standards/",
        "/api/v1/standards/?format=csv",
        "/api/v1/objectives/4.2/",
        "/api/v1/mappings/",
        "/api/v1/jurisdictions/DE/",
        "/api/schema/",
        "/api/docs/",
    ],
)
def test_every_get_has_an_etag_and_if_none_match_gets_304(api, path):
    first = api.client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith(('"', 'W/"')) and len(etag) > 10
    again = api.client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    other = api.client.get(path, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_etag_changes_when_the_data_changes(api):
    standard = StandardFactory()
    url = f"/api/v1/standards/{standard.slug}/"
    etag = api.get(url)["ETag"]
    standard.title = "A corrected title"
    standard.save()
    response = api.get(url, **{"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_csv_etag_changes_when_a_row_changes(api):
    standard = StandardFactory()
    url = f"/api/v1/standards/?format=csv&q={standard.number}"
    etag = api.get(url)["ETag"]
    assert api.get(url, **{"If-None-Match": etag}).status_code == 304
    ObjectiveLinkFactory(standard=standard, objective=ObjectiveFactory(code="4.7"))
    assert api.get(url, **{"If-None-Match": etag}).status_code == 200


def test_head_has_the_same_etag_as_get(api):
    etag = api.client.get("/api/v1/objectives/")["ETag"]
    assert api.client.head("/api/v1/objectives/")["ETag"] == etag


def test_cross_origin_get_is_allowed_on_the_api(api):
    response = api.get("/api/v1/objectives/", Origin="https://dashboard.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_cross_origin_preflight_allows_reads_only(api):
    response = api.client.options(
        "/api/v1/standards/",
        headers={"Origin": "https://dashboard.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_cross_origin_is_not_allowed_outside_the_api(api):
    response = api.client.get("/admin/login/", headers={"Origin": "https://dashboard.example"})
    assert "Access-Control-Allow-Origin" not in response


def test_anonymous_writes_need_credentials_and_read_only_resources_refuse_writes(api):
    assert api.client.post("/api/v1/standards/", {"reference": "X"}).status_code == 401
    assert api.client.post("/api/v1/objectives/", {"code": "4.8"}).status_code == 405


def test_the_csv_renderer_writes_csv_not_json():
    from core.api import CSVRenderer

    body = CSVRenderer().render([{"code": "4.2", "stages": ["a", "b"]}, {"code": "4.3"}])
    assert body.decode() == "code,stages\r\n4.2,a; b\r\n4.3,\r\n"


def test_csv_streams_under_a_weak_etag_known_before_the_first_row(api):
    response = api.client.get("/api/v1/standards/?format=csv&objective=4.2")
    assert response.streaming
    assert response["ETag"].startswith('W/"')
    again = api.client.get(
        "/api/v1/standards/?format=csv&objective=4.2", headers={"If-None-Match": response["ETag"]}
    )
    assert again.status_code == 304
    other_query = api.client.get("/api/v1/standards/?format=csv&objective=4.3")
    assert other_query["ETag"] != response["ETag"]
