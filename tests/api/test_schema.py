"""The OpenAPI document: valid, complete, enumerations from the database, docs served locally."""

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

from tests.api.conftest import schema_document
from tests.factories import LifecycleStageFactory

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/standards/",
    "/api/v1/standards/{slug}/",
    "/api/v1/objectives/",
    "/api/v1/objectives/{code}/",
    "/api/v1/instruments/",
    "/api/v1/instruments/{slug}/",
    "/api/v1/jurisdictions/",
    "/api/v1/jurisdictions/{code}/",
    "/api/v1/lifecycle-stages/",
    "/api/v1/committees/",
    "/api/v1/mappings/",
    "/api/v1/adoptions/",
    "/api/v1/crosswalks/",
    "/api/v1/crosswalks/oscal/",
    "/api/v1/crosswalks/olir/",
]


def parameters(document, path) -> dict:
    return {
        parameter["name"]: parameter for parameter in document["paths"][path]["get"]["parameters"]
    }


def enum(parameter) -> list:
    schema = parameter["schema"]
    return schema.get("items", schema).get("enum", [])


def test_served_schema_is_a_valid_openapi_3_document(api):
    response = api.client.get("/api/schema/?format=json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    validate(document)
    assert set(PATHS) <= set(document["paths"])


def test_standard_list_documents_every_parameter_with_allowed_values(api):
    LifecycleStageFactory(slug="test-only-stage")
    params = parameters(schema_document(), "/api/v1/standards/")
    assert {
        "objective",
        "jurisdiction",
        "jurisdiction_scope",
        "lifecycle_stage",
        "committee",
        "deliverable_type",
        "status",
        "sector",
        "instrument",
        "q",
        "updated_since",
        "ordering",
        "page",
        "page_size",
        "format",
    } <= set(params)
    assert set(enum(params["jurisdiction_scope"])) == {"inherited", "exact"}
    assert {"reference", "-reference", "year", "-year", "updated", "-updated"} == set(
        enum(params["ordering"])
    )
    assert set(enum(params["format"])) == {"json", "csv"}
    assert {"IS", "TS", "TR"} <= set(enum(params["deliverable_type"]))
    assert params["page_size"]["schema"]["maximum"] == 200
    assert params["updated_since"]["schema"]["format"] == "date-time"


@pytest.mark.parametrize(
    ("path", "name", "endpoint"),
    [
        ("/api/v1/standards/", "objective", "/api/v1/objectives/"),
        ("/api/v1/standards/", "jurisdiction", "/api/v1/jurisdictions/"),
        ("/api/v1/standards/", "lifecycle_stage", "/api/v1/lifecycle-stages/"),
        ("/api/v1/standards/", "committee", "/api/v1/committees/"),
        ("/api/v1/standards/", "instrument", "/api/v1/instruments/"),
        ("/api/v1/standards/", "sector", None),
        ("/api/v1/instruments/", "jurisdiction", "/api/v1/jurisdictions/"),
        ("/api/v1/adoptions/", "standard", "/api/v1/standards/"),
        ("/api/v1/adoptions/", "country", "/api/v1/jurisdictions/"),
        ("/api/v1/adoptions/", "body", "/api/v1/adoptions/"),
        ("/api/v1/mappings/", "source", "/api/v1/standards/"),
        ("/api/v1/mappings/", "target", "/api/v1/objectives/"),
    ],
)
def test_database_values_are_strings_naming_the_endpoint_that_lists_them(api, path, name, endpoint):
    LifecycleStageFactory(slug="test-only-stage")
    parameter = parameters(schema_document(), path)[name]
    schema = parameter["schema"].get("items", parameter["schema"])
    assert schema["type"] == "string" and "enum" not in schema
    if endpoint:
        assert endpoint in parameter["description"]
    assert "test-only-stage" not in str(parameter)


def test_other_lists_document_their_filters(api):
    document = schema_document()
    assert {"jurisdiction", "kind", "binding"} <= set(parameters(document, "/api/v1/instruments/"))
    binding = parameters(document, "/api/v1/instruments/")["binding"]
    assert set(enum(binding)) == {"true", "false", "unknown"}
    mapping_params = parameters(document, "/api/v1/mappings/")
    assert {"source", "target", "relationship", "confidence"} <= set(mapping_params)
    assert "subset_of" in enum(mapping_params["relationship"])


def test_list_responses_document_csv_etag_and_errors(api):
    responses = schema_document()["paths"]["/api/v1/standards/"]["get"]["responses"]
    assert {"application/json", "text/csv"} == set(responses["200"]["content"])
    assert "ETag" in responses["200"]["headers"]
    assert {"200", "304", "400", "404"} <= set(responses)


def test_docs_are_served_with_local_assets(api):
    response = api.client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs"):
        assert cdn not in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


CSV_LISTS = [
    "/api/v1/standards/",
    "/api/v1/objectives/",
    "/api/v1/instruments/",
    "/api/v1/committees/",
    "/api/v1/mappings/",
    "/api/v1/adoptions/",
    "/api/v1/crosswalks/olir/",
]


def test_every_csv_endpoint_documents_bom_and_json_ones_do_not(api):
    document = schema_document()
    for path in CSV_LISTS:
        bom = parameters(document, path)["bom"]
        assert bom["in"] == "query" and set(enum(bom)) == {"0", "1"}, path
        assert "byte-order mark" in bom["description"]
    for path in ("/api/v1/standards/{slug}/", "/api/v1/crosswalks/oscal/", "/api/v1/crosswalks/"):
        assert "bom" not in parameters(document, path), path


def test_crosswalk_exports_document_their_filters_and_media_types(api):
    document = schema_document()
    for path in ("/api/v1/crosswalks/oscal/", "/api/v1/crosswalks/olir/"):
        params = parameters(document, path)
        assert {"instrument", "objective", "standard", "confidence"} <= set(params), path
        assert "/api/v1/instruments/" in params["instrument"]["description"]
        assert "enum" not in params["instrument"]["schema"].get("items", {})
    olir = document["paths"]["/api/v1/crosswalks/olir/"]["get"]
    assert list(olir["responses"]["200"]["content"]) == ["text/csv"]
    assert "format" not in parameters(document, "/api/v1/crosswalks/olir/")
    oscal = document["paths"]["/api/v1/crosswalks/oscal/"]["get"]
    assert "OSCAL" in oscal["summary"] and "404" in oscal["responses"]
