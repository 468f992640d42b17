"""The OpenAPI document as generated clients read it (issue 14): every response a request
can get, If-Match on writes, the token scheme the server reads, readable enum names."""

import pytest

from tests.api.conftest import schema_document

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


@pytest.fixture
def document(db):
    return schema_document()


def test_every_operation_has_a_summary_and_documents_429(document):
    for path, method, operation in operations(document):
        assert operation.get("summary"), (method, path)
        assert "429" in operation["responses"], (method, path)
        assert "Retry-After" in operation["responses"]["429"]["headers"]


def test_writes_document_their_errors_with_the_error_body(document):
    writes = [(p, m, o) for p, m, o in operations(document) if m != "get"]
    assert len(writes) >= 9
    for path, method, operation in writes:
        expected = {"401", "403", "429"}
        if method in {"put", "patch", "delete"}:
            expected |= {"404", "409", "412", "428"}
        assert expected <= set(operation["responses"]), (method, path)
        for code in expected:
            body = operation["responses"][code]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}
    assert "additionalProperties" in document["components"]["schemas"]["Error"]


def test_put_patch_and_delete_require_if_match(document):
    checked = 0
    for path, method, operation in operations(document):
        headers = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}
        if method in {"put", "patch", "delete"}:
            assert headers["If-Match"]["required"] is True, (method, path)
            assert "428" in headers["If-Match"]["description"]
            checked += 1
        else:
            assert "If-Match" not in headers
    assert checked == 6  # standards and adoptions, three methods each


def test_patch_takes_the_write_fields_not_the_read_representation(document):
    body = document["paths"]["/api/v1/standards/{slug}/"]["patch"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/PatchedStandardWrite"
    fields = document["components"]["schemas"]["PatchedStandardWrite"]["properties"]
    assert "summary" in fields and "objectives" not in fields


def test_the_token_scheme_is_bearer_as_the_server_reads_it(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerAuth"]["description"],
    }
    assert "Token <token>" in schemes["bearerAuth"]["description"]
    patch = document["paths"]["/api/v1/standards/{slug}/"]["patch"]
    assert {"bearerAuth": []} in patch["security"]


def test_servers_and_licence_are_declared(api):
    served = api.client.get("/api/schema/?format=json").json()
    assert served["servers"] == [{"url": "http://testserver", "description": "This catalogue"}]
    licence = served["info"]["license"]
    assert "ODC-By 1.0" in licence["name"] and licence["url"].startswith("https://")


def test_enum_members_get_names_from_their_codes(document):
    schemas = document["components"]["schemas"]
    for name, schema in schemas.items():
        if "enum" in schema and all(isinstance(v, str) for v in schema["enum"]):
            names = schema["x-enum-varnames"]
            assert len(names) == len(set(names)) == len(schema["enum"]), name
            assert not any(n.startswith("VALUE_") for n in names), name
    stage = schemas["StageCodeEnum"]
    assert dict(zip(stage["enum"], stage["x-enum-varnames"], strict=True))["60.60"] == (
        "CODE_60_60"
    )
    ordering = next(
        p
        for p in document["paths"]["/api/v1/standards/"]["get"]["parameters"]
        if p["name"] == "ordering"
    )
    items = ordering["schema"].get("items", ordering["schema"])
    named = dict(zip(items["enum"], items["x-enum-varnames"], strict=True))
    assert named["-reference"] == "REFERENCE_DESC" and named["reference"] == "REFERENCE"


def test_paginated_lists_document_the_link_header(document):
    ok = document["paths"]["/api/v1/standards/"]["get"]["responses"]["200"]
    assert {"ETag", "Link"} <= set(ok["headers"])
