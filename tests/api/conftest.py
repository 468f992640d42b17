"""An API client that checks every request and response against the live OpenAPI schema.

The schema is generated on first use in each test, after the test has made its data, so the
enumerations it documents (objective codes, jurisdictions, slugs …) are the ones in the
database. ``api.get(url)`` asserts that the request conforms to the schema and that the
response is documented and matches it; ``request_conforms=False`` asserts that the schema
rejects the request (a bad input the schema can describe), ``None`` skips that check.
"""

import json

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.exceptions import OpenAPIError

# The document is checked once with openapi-spec-validator (test_schema.py); loading it here
# skips that slow check, and identical documents share one loaded OpenAPI object.
_LOADED: dict[str, OpenAPI] = {}


def schema_document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def load(document: dict) -> OpenAPI:
    key = json.dumps(document, sort_keys=True, default=str)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))
    return _LOADED[key]


class ApiClient:
    def __init__(self):
        self.client = Client()
        self._openapi = None
        self._document = None

    @property
    def document(self) -> dict:
        if self._document is None:
            self._document = schema_document()
        return self._document

    @property
    def openapi(self) -> OpenAPI:
        if self._openapi is None:
            self._openapi = load(self.document)
        return self._openapi

    def request(self, method: str, url: str, *, request_conforms=True, **headers):
        response = getattr(self.client, method)(url, headers=headers)
        if response.streaming:
            response.body = b"".join(response.streaming_content)
        else:
            response.body = response.content
        request = DjangoOpenAPIRequest(response.wsgi_request)
        if request_conforms is True:
            self.openapi.validate_request(request)
        elif request_conforms is False:
            with pytest.raises(OpenAPIError):
                self.openapi.validate_request(request)
        if method == "get":
            self.check_response(request, response)
        return response

    def get(self, url: str, *, request_conforms=True, **headers):
        return self.request("get", url, request_conforms=request_conforms, **headers)

    def check_response(self, request, response):
        if response.streaming:
            # Streamed bodies are lists, whose paths have no parameters.
            operation = self.document["paths"][response.wsgi_request.path]["get"]
            documented = operation["responses"][str(response.status_code)]["content"]
            assert response["Content-Type"].split(";")[0] in documented
        else:
            self.openapi.validate_response(request, DjangoOpenAPIResponse(response))

    def json(self, url: str, **kwargs):
        response = self.get(url, **kwargs)
        assert response.status_code == 200, response.body
        return response.json()


@pytest.fixture
def api(db):
    return ApiClient()
