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
    assert enum(params["objective"]) == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]
    assert "Allowed" not in params["objective"]["description"]  # labels, not an error text
    assert "`4.2` - 4.2 " in params["objective"]["description"]
    assert {"DE", "EU", "INT"} <= set(enum(params["jurisdiction"]))
    assert set(enum(params["jurisdiction_scope"])) == {"inherited", "exact"}
    assert "test-only-stage" in enum(params["lifecycle_stage"])
    assert {"reference", "-reference", "year", "-year", "updated", "-updated"} == set(
        enum(params["ordering"])
    )
    assert set(enum(params["format"])) == {"json", "csv"}
    assert params["page_size"]["schema"]["maximum"] == 200
    assert params["updated_since"]["schema"]["format"] == "date-time"


def test_other_lists_document_their_filters(api):
    document = schema_document()
    assert {"jurisdiction", "kind", "binding"} <= set(parameters(document, "/api/v1/instruments/"))
    binding = parameters(document, "/api/v1/instruments/")["binding"]
    assert set(enum(binding)) == {"true", "false", "unknown"}
    mapping_params = parameters(document, "/api/v1/mappings/")
    assert {"source", "target", "relationship", "confidence"} <= set(mapping_params)
    assert "objective:4.2" in enum(mapping_params["target"])
    assert "instrument:eu-ai-act" in enum(mapping_params["target"])


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
