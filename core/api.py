"""Plumbing shared by the read API: pagination, filtering, CSV export, ETags, errors, schema.

Every list endpoint is a ``CatalogueViewSet``:

- JSON lists are paginated (``count``, ``next``, ``previous``, ``results``); ``page_size`` is
  capped at ``MAX_PAGE_SIZE``. A ``page`` or ``page_size`` that is not a whole number in range
  is a 400 naming the parameter; a page past the end is a 404 with a message. Each page
  carries an RFC 8288 ``Link`` header with its ``first``, ``prev``, ``next`` and ``last``.
- ``?format=csv`` returns every filtered row (not a page) as CSV with a header row, streamed
  from the first row under a weak ``ETag`` of the catalogue version and the query; cells a
  spreadsheet would evaluate are neutralised (``core.csv_cells``), and ``&bom=1`` starts the
  file with a byte-order mark so that Excel reads it as UTF-8.
- Every other successful GET carries a strong ``ETag`` computed from the body; a request
  whose ``If-None-Match`` matches gets a 304 without a body.
- Errors are JSON whatever format was asked for: ``{"parameter": ["message"]}``.
"""

import copy
import csv
import hashlib

from csp.decorators import csp_update
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.gzip import gzip_page
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import (
    build_basic_type,
    build_choice_description_list,
    get_view_model,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import (
    exceptions,
    mixins,
    pagination,
    permissions,
    renderers,
    routers,
    serializers,
    viewsets,
)
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.cache import catalogue_cached, catalogue_version
from core.csv_cells import BOM, csv_cell
from core.language import LANGUAGE_PARAMETER, language_codes

MAX_PAGE_SIZE = 200
CSV_CHUNK_ROWS = 1000
CSV_BOM_PARAMETER = "bom"


def positive_int(raw: str, name: str, *, maximum: int | None = None) -> int:
    """Parse a query parameter that must be a whole number from 1 to ``maximum``."""
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or value < 1 or (maximum is not None and value > maximum):
        if maximum is None:
            message = _("'%(value)s' is not a whole number of 1 or more.") % {"value": raw}
        else:
            message = _("'%(value)s' is not a whole number from 1 to %(maximum)s.") % {
                "value": raw,
                "maximum": maximum,
            }
        raise exceptions.ValidationError({name: [message]})
    return value


class CachedCountPaginator(Paginator):
    """Count a filtered list once per catalogue version: the count re-ran the whole filter
    on every page of every request (issue 12)."""

    @cached_property
    def count(self) -> int:
        try:
            sql, params = self.object_list.query.sql_with_params()
        except (AttributeError, EmptyResultSet):
            return super().count
        key = {"model": self.object_list.model._meta.label, "sql": sql, "params": params}
        return catalogue_cached("list-count", key, lambda: Paginator.count.func(self))


class CataloguePagination(pagination.PageNumberPagination):
    """Page numbers with strict validation of ``page`` and ``page_size``."""

    django_paginator_class = CachedCountPaginator

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()
    page_query_description = _("A page number of the result, from 1.")
    page_size_query_description = _("Results per page, from 1 to %(maximum)s.") % {
        "maximum": MAX_PAGE_SIZE
    }

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        return positive_int(raw, self.page_size_query_param, maximum=self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        return 1 if raw is None else positive_int(raw, self.page_query_param)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request, paginator)
        if number > paginator.num_pages:
            message = _("Page %(page)s does not exist: the last page is %(last)s.") % {
                "page": number,
                "last": paginator.num_pages,
            }
            raise exceptions.NotFound({self.page_query_param: [message]})
        self.page = paginator.page(number)
        return list(self.page)

    def page_url(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def link_header(self) -> str:
        """RFC 8288 links to the first, previous, next and last pages of this list."""
        page = self.page
        links = [("first", 1)]
        if page.has_previous():
            links.append(("prev", page.previous_page_number()))
        if page.has_next():
            links.append(("next", page.next_page_number()))
        links.append(("last", page.paginator.num_pages))
        return ", ".join(f'<{self.page_url(number)}>; rel="{rel}"' for rel, number in links)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response["Link"] = self.link_header()
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            # OpenAPI 3.1 (SPECTACULAR_SETTINGS) spells "nullable" as a type list.
            paginated["properties"][link].pop("nullable", None)
            paginated["properties"][link]["type"] = ["string", "null"]
        paginated["required"] = ["count", "next", "previous", "results"]
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["schema"]["default"] = self.page_size
        return parameters


class CSVRenderer(renderers.BaseRenderer):
    """Claims ``?format=csv`` for list endpoints; the rows are written by ``csv_response``."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Rows (a list of flat dicts, or one dict) as CSV with a header row.

        Lists are streamed by ``csv_response`` and errors are switched to JSON by
        ``ConditionalGetMixin.handle_exception``, so this serves any other data a view
        hands back when CSV was asked for.
        """
        rows = data if isinstance(data, list) else [data]
        headers = list(dict.fromkeys(key for row in rows for key in row))
        writer, lines = csv.writer(_Line(), lineterminator="\r\n"), []
        lines.append(writer.writerow(headers))
        for row in rows:
            lines.append(writer.writerow([csv_cell(row.get(header)) for header in headers]))
        return "".join(lines).encode(self.charset)


class _Line:
    """A file-like object whose ``write`` hands the CSV line back instead of storing it."""

    def write(self, value):
        return value


def csv_bom_requested(request) -> bool:
    """Read ``?bom=``: ``1`` asks for a byte-order mark, ``0`` (the default) for none."""
    raw = request.GET.get(CSV_BOM_PARAMETER, "0")
    if raw not in ("0", "1"):
        message = _("'%(value)s' is not allowed. Allowed: 0, 1.") % {"value": raw}
        raise exceptions.ValidationError({CSV_BOM_PARAMETER: [message]})
    return raw == "1"


def csv_response(request, rows, columns, filename: str):
    """Stream ``rows`` as CSV from the first row, under a weak ETag.

    ``columns`` is a list of ``(header, function of a row)``. The ETag is weak: it names the
    catalogue version (which every write changes), the address and the columns, not the
    bytes, so it is known before the first row is read; a matching ``If-None-Match`` gets a
    304 without reading any. Rows are read in chunks of ``CSV_CHUNK_ROWS`` (each chunk runs
    the queryset's prefetches once), so memory stays flat whatever the number of rows.
    """
    bom = csv_bom_requested(request)
    headers = [header for header, _value in columns]
    language = get_language()
    key = "\n".join([catalogue_version(), language, request.get_full_path(), *headers])
    etag = f'W/"{hashlib.sha256(key.encode()).hexdigest()[:40]}"'
    writer = csv.writer(_Line(), lineterminator="\r\n")

    def lines():
        # The body is written after the middleware has returned: keep the answer's language.
        with override(language):
            yield from _lines()

    def _lines():
        if bom:
            yield BOM.encode("utf-8")
        yield writer.writerow(headers).encode("utf-8")
        source = rows.iterator(chunk_size=CSV_CHUNK_ROWS) if isinstance(rows, QuerySet) else rows
        for row in source:
            yield writer.writerow([csv_cell(value(row)) for _header, value in columns]).encode(
                "utf-8"
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


def body_etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest())


class ConditionalGetMixin:
    """Give every successful GET an ETag of its body and answer ``If-None-Match`` with 304.

    Also: an unknown ``format`` is a 400 that lists the formats, and errors are always JSON.
    """

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:
            allowed = ", ".join(renderer.format for renderer in self.get_renderers())
            message = _("Unknown format '%(value)s'. Allowed: %(allowed)s.") % {
                "value": request.query_params.get("format", ""),
                "allowed": allowed,
            }
            raise exceptions.ValidationError({"format": [message]}) from error

    def handle_exception(self, exc):
        renderer = getattr(self.request, "accepted_renderer", None)
        if renderer is not None and not isinstance(renderer, renderers.JSONRenderer):
            self.request.accepted_renderer = renderers.JSONRenderer()
            self.request.accepted_media_type = renderers.JSONRenderer.media_type
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.streaming:
            return response
        if hasattr(response, "render"):
            response.render()
        if not response.has_header("ETag"):
            response["ETag"] = body_etag(response.content)
        return get_conditional_response(request, etag=response["ETag"], response=response)


class CatalogueFilterBackend(DjangoFilterBackend):
    """django-filter's backend; its schema lists the values read from the database."""


class CatalogueFilterExtension(DjangoFilterExtension):
    """Describe filters from a FilterSet *instance*, whose choices are read from the database.

    The stock extension reads the class's ``base_filters`` and refuses to call choice
    callables, so enumerations such as objective or jurisdiction codes would be undocumented.
    """

    target_class = "core.api.CatalogueFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        model = get_view_model(auto_schema.view)
        if not model:
            return []
        queryset = model._default_manager.none()
        filterset_class = self.target.get_filterset_class(auto_schema.view, queryset)
        if not filterset_class:
            return []
        filterset = filterset_class(queryset=queryset)
        parameters = []
        for name, filter_field in filterset.filters.items():
            parameters += self.resolve_filter_field(
                auto_schema, model, filterset_class, name, filter_field
            )
        for parameter in parameters:
            if parameter["name"] in DATABASE_VALUES:
                document_database_values(parameter)
        return parameters

    def _get_schema_from_model_field(self, auto_schema, filter_field, model):
        # Filters that follow links (objective, jurisdiction …) match no model field; their
        # values are codes and slugs, so strings.
        if filter_field.method:
            return build_basic_type(OpenApiTypes.STR)
        try:
            return super()._get_schema_from_model_field(auto_schema, filter_field, model)
        except Exception:  # the stock extension treats any failure as "not a model field"
            return build_basic_type(OpenApiTypes.STR)

    def _get_explicit_filter_choices(self, filter_field):
        choices = filter_field.extra.get("choices")
        if callable(choices):
            return [value for value, _label in choices()]
        return super()._get_explicit_filter_choices(filter_field)

    def _get_field_description(self, filter_field, description):
        choices = filter_field.extra.get("choices")
        if not callable(choices):
            return super()._get_field_description(filter_field, description)
        label = str(filter_field.extra.get("help_text") or filter_field.label or "")
        return f"{label}\n\n{build_choice_description_list(choices())}".strip()


# Parameters whose values are rows of the database: documented as strings that name the
# endpoint listing them, never as enumerations (a generated client would go stale as soon as
# a curator adds a row). Fixed vocabularies (TextChoices) stay enumerations.
DATABASE_VALUES = {
    "objective": _("An objective's code (4.1 … 4.7); GET /api/v1/objectives/ lists them."),
    "jurisdiction": _(
        "A jurisdiction's code (DE, EU, INT …); GET /api/v1/jurisdictions/ lists them."
    ),
    "country": _("A jurisdiction's code (DE, GB …); GET /api/v1/jurisdictions/ lists them."),
    "lifecycle_stage": _(
        "A life-cycle stage's slug (deployment …); GET /api/v1/lifecycle-stages/ lists them."
    ),
    "committee": _(
        "A committee's slug or code (iso-iec-jtc-1-sc-42 …); GET /api/v1/committees/ lists them."
    ),
    "sector": _("A sector's slug (health, finance …), as the standards pages' facets show."),
    "instrument": _("An instrument's slug (eu-ai-act …); GET /api/v1/instruments/ lists them."),
    "standard": _("A standard's slug (iso-iec-42001-2023 …); GET /api/v1/standards/ lists them."),
    "source": _("A standard's slug (iso-iec-42001-2023 …); GET /api/v1/standards/ lists them."),
    "body": _(
        "A standards body's acronym (BSI, DIN …), as GET /api/v1/adoptions/ shows in `body`."
    ),
    "target": _(
        "What a link points at: objective:<code> (GET /api/v1/objectives/), "
        "instrument:<slug> (GET /api/v1/instruments/, with the links to its provisions), "
        "provision:<instrument>/<provision> (an instrument's detail lists its provisions) or "
        "lifecycle_stage:<slug> (GET /api/v1/lifecycle-stages/)."
    ),
}


def document_database_values(parameter: dict) -> None:
    """Make ``parameter`` a string (or list of strings) described by ``DATABASE_VALUES``."""
    schema = parameter["schema"]
    target = schema.get("items", schema)
    target.pop("enum", None)
    target["type"] = "string"
    label = parameter.get("description", "").split("\n\n")[0].strip()
    described = str(DATABASE_VALUES[parameter["name"]])
    parameter["description"] = f"{label}: {described}" if label else described
    if "items" in schema:
        parameter["description"] += " " + str(_("Several values are OR-ed."))


ERROR_SCHEMA_NAME = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Each key names a parameter or a field (or `detail`, `non_field_errors`); each value "
        "says what is wrong."
    ),
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
}
ERROR_REF = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
ERROR_DESCRIPTIONS = {
    "400": _("A parameter or field is malformed, missing or has an unknown value."),
    "401": _("No credentials, or invalid ones: send Authorization: Bearer <token>."),
    "403": _("Your account may not do this."),
    "404": _("No such object, or a page past the end."),
    "409": _(
        "A conflict: the values duplicate an existing record (which the body names), or other "
        "records link to the one you would delete."
    ),
    "412": _("If-Match does not match: the record changed since you read it. Read it again."),
    "428": _("If-Match is missing: send the ETag of the record you read."),
    "429": _("Too many requests: wait for Retry-After seconds."),
}
RETRY_AFTER_HEADER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds to wait before the next request.",
    }
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
PRECONDITION_METHODS = ("PUT", "PATCH", "DELETE")


def language_parameters() -> list[OpenApiParameter]:
    """``?lang=`` and ``Accept-Language``: the language of the labels (``core.language``)."""
    return [
        OpenApiParameter(
            LANGUAGE_PARAMETER,
            str,
            enum=language_codes(),
            description=str(
                _(
                    "The language of the labels (titles of objectives, life-cycle stages, "
                    "jurisdictions, and of standards where translated); codes and slugs do not "
                    "change. It wins over Accept-Language; English by default. Where a text "
                    "has no translation, the English one is given. An unknown value is a 400."
                )
            ),
        ),
        OpenApiParameter(
            "Accept-Language",
            str,
            OpenApiParameter.HEADER,
            description=str(
                _(
                    "The languages you read, e.g. 'ja, en;q=0.5': the first one the catalogue "
                    "speaks (en, ja) is used when lang is not given. The answer's "
                    "Content-Language names it."
                )
            ),
        ),
    ]


def error_response(code: str) -> dict:
    response = {
        "description": str(ERROR_DESCRIPTIONS[code]),
        "content": {"application/json": {"schema": ERROR_REF}},
    }
    if code == "429":
        response["headers"] = RETRY_AFTER_HEADER
    return response


SUMMARIES = {
    "list": _("List %(plural)s"),
    "retrieve": _("Read one %(noun)s"),
    "create": _("Create a %(noun)s"),
    "update": _("Replace a %(noun)s"),
    "partial_update": _("Change some fields of a %(noun)s"),
    "destroy": _("Delete a %(noun)s"),
}


def add_servers_and_error_schema(result, generator, request, public):
    """drf-spectacular post-processing: the shared error body, and this server's address."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    if request is not None:
        url = request.build_absolute_uri("/").rstrip("/")
    else:
        url = "/"  # relative to wherever the document is served
    result["servers"] = [{"url": url, "description": str(_("This catalogue"))}]
    # The document's default: a token is optional. Reads say so themselves with an empty
    # list, which documentation tools show without a lock (issue 16).
    schemes = result["components"].get("securitySchemes", {})
    result["security"] = [*({name: []} for name in sorted(schemes)), {}]
    for operations in result.get("paths", {}).values():
        for method in ("get", "head"):
            if method in operations:
                operations[method].setdefault("security", [])
    return result


def readable_enum_names(result, generator, request, public):
    """drf-spectacular post-processing: ``x-enum-varnames`` from the codes themselves.

    Generated clients name enum members after their values, and a value that does not
    start with a letter (``4.1``, ``60.60``, ``-reference``) becomes ``VALUE_36``; with
    these names it becomes ``CODE_4_1``, ``CODE_60_60``, ``REFERENCE_DESC``.
    """
    schemas = [*result.get("components", {}).get("schemas", {}).values()]
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                schemas.append(schema.get("items", schema))
    for schema in schemas:
        values = schema.get("enum") if isinstance(schema, dict) else None
        if not values or not all(isinstance(value, str) for value in values):
            continue
        schema["x-enum-varnames"] = enum_names(values)
    return result


def enum_names(values: list[str]) -> list[str]:
    names = []
    for value in values:
        descending = value.startswith("-")
        text = value[1:] if descending else value
        name = "".join(char if char.isalnum() else "_" for char in text).strip("_").upper()
        name = name or "BLANK"
        if not name[0].isalpha():
            name = f"CODE_{name}"
        if descending:
            name = f"{name}_DESC"
        while name in names:
            name = f"{name}_"
        names.append(name)
    return names


ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "Hash of the body; send it back in If-None-Match to get a 304.",
    }
}


LINK_HEADER = {
    "Link": {
        "schema": {"type": "string"},
        "description": "RFC 8288 links to the first, prev, next and last pages.",
    }
}


CONTENT_LANGUAGE_HEADER = {
    "Content-Language": {
        "schema": {"type": "string", "enum": ["en", "ja"]},
        "description": "The language of the labels: lang, else Accept-Language, else en.",
    }
}


class CatalogueAutoSchema(AutoSchema):
    """Document what the API does for clients that are generated from the schema.

    CSV bodies as text; ETag, Link and 304 on reads; If-Match (required) on PUT, PATCH and
    DELETE; every error a request can get (401, 403, 404, 409, 412, 428, 429) with the
    shared error body; the write serializer as the request body of writes; a summary and a
    tag (the resource) on every operation.
    """

    def get_auth(self):
        """Reads are public everywhere and need no credentials, also where writes do: no
        security of their own, so a generated client reads without a token; the document's
        root says credentials are optional (``add_servers_and_error_schema``)."""
        auths = super().get_auth()  # registers the schemes, for the writes
        return [] if self.method in ("GET", "HEAD") else auths

    def get_tags(self):
        tokens = self._tokenize_path()
        return tokens[1:2] or tokens[:1]

    def get_summary(self):
        action = getattr(self.view, "action", None)
        own = getattr(self.view, "schema_summaries", {})
        if action in own:
            return str(own[action])
        if action in SUMMARIES:
            noun = getattr(self.view, "schema_noun", None) or self.view.basename.replace("-", " ")
            plural = getattr(self.view, "schema_plural", None) or f"{noun}s"
            return str(SUMMARIES[action] % {"noun": noun, "plural": plural})
        handler = getattr(self.view, action or "", None)
        doc = (getattr(handler, "__doc__", None) or "").strip()
        return doc.split("\n")[0].split(";")[0].split(" (")[0].rstrip(".") or None

    def get_request_serializer(self):
        write_serializer = getattr(self.view, "write_serializer_class", None)
        if write_serializer is not None and self.method in ("POST", "PUT", "PATCH"):
            return write_serializer()
        return super().get_request_serializer()

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters()]  # never extend_schema's own list
        if self.method == "GET" and self._writes_csv():
            parameters.append(
                OpenApiParameter(
                    CSV_BOM_PARAMETER,
                    str,
                    enum=["0", "1"],
                    default="0",
                    description=str(
                        _(
                            "With format=csv: 1 starts the file with a UTF-8 byte-order mark, "
                            "so that Excel reads accents and dashes correctly."
                        )
                    ),
                )
            )
        if self.method == "GET":
            parameters += language_parameters()
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description=str(_("An ETag from an earlier response: 304 if unchanged.")),
                )
            )
        if self.method in PRECONDITION_METHODS:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=True,
                    description=str(
                        _(
                            "The ETag of the record as you read it (GET it first). Without it "
                            "the answer is 428; if the record changed since, 412, and nothing "
                            "changes."
                        )
                    ),
                )
            )
        return parameters

    def _writes_csv(self) -> bool:
        """Whether this operation can answer CSV (and so reads ``bom``)."""
        return any(isinstance(renderer, CSVRenderer) for renderer in self.view.get_renderers())

    def _error_codes(self) -> list[str]:
        detail = "{" in self.path
        codes = []
        if self.method in WRITE_METHODS:
            codes += ["400", "401", "403"]
        elif self.method == "GET":
            codes += ["400"]
        if detail or self.method == "GET":
            codes.append("404")
        if self.method in WRITE_METHODS and not (self.method == "POST" and detail):
            codes.append("409")
        if self.method in PRECONDITION_METHODS:
            codes += ["412", "428"]
        if self.method == "DELETE":
            codes.remove("400")
        codes.append("429")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        ok = responses.get("200")
        if self.method == "GET" and ok is not None:
            if "text/csv" in ok.get("content", {}):
                ok["content"]["text/csv"] = {"schema": {"type": "string"}}
            headers = {**ETAG_HEADER, **CONTENT_LANGUAGE_HEADER}
            if self._is_list_view() and getattr(self.view, "paginator", None) is not None:
                headers.update(LINK_HEADER)
            ok["headers"] = {**ok.get("headers", {}), **headers}
            responses["304"] = {"description": "Not modified.", "headers": ETAG_HEADER}
        writable = getattr(self.view, "write_serializer_class", None) is not None
        for code in ("200", "201"):
            if writable and self.method in ("POST", "PUT", "PATCH") and code in responses:
                responses[code]["headers"] = {**responses[code].get("headers", {}), **ETAG_HEADER}
        for code in self._error_codes():
            responses.setdefault(code, error_response(code))
        return responses


class CatalogueListViewSet(ConditionalGetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A public, read-only list: JSON, plus CSV when ``csv_columns`` is set.

    Reads need no credentials, so none are read (no session lookup, no auth in the schema).
    """

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    pagination_class = CataloguePagination
    filter_backends = [CatalogueFilterBackend]
    schema = CatalogueAutoSchema()
    csv_columns: list = []
    csv_filename = "export"

    def get_renderers(self):
        if self.action == "list" and self.csv_columns:
            return [renderers.JSONRenderer(), CSVRenderer()]
        return [renderers.JSONRenderer()]

    def filter_queryset(self, queryset):
        """Filter lists only: a detail is found by its key whatever the query string says."""
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != CSVRenderer.format:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        return csv_response(request, queryset, self.csv_columns, self.csv_filename)


class CatalogueViewSet(mixins.RetrieveModelMixin, CatalogueListViewSet):
    """A public, read-only resource: a list and a detail."""


class APIRootView(ConditionalGetMixin, routers.APIRootView):
    renderer_classes = [renderers.JSONRenderer]


@method_decorator(gzip_page, name="dispatch")
class SchemaView(ConditionalGetMixin, SpectacularAPIView):
    """The OpenAPI document, gzipped for clients that accept it (~290 KB of JSON becomes
    ~20 KB) and cached per catalogue version: its enumerations (objective codes,
    jurisdictions …) are read from the database, which takes about a second to generate."""

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        generator = self.generator_class(
            urlconf=self.urlconf, api_version=version, patterns=self.patterns
        )
        params = {
            "version": version,
            "language": get_language(),
            "host": request.get_host(),
            "public": self.serve_public,
        }
        schema = catalogue_cached(
            "openapi",
            params,
            lambda: generator.get_schema(request=request, public=self.serve_public),
        )
        filename = self._get_filename(request, version)
        return Response(
            data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )


@method_decorator(gzip_page, name="dispatch")
@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")
class DocsView(ConditionalGetMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its assets served from drf-spectacular-sidecar (no CDN).

    The split view loads its start-up script from ``?script`` instead of inlining it, so the
    Content Security Policy keeps forbidding inline scripts here too; Swagger UI does need
    inline styles, allowed on this page alone. The schema it loads is gzipped and cached
    (``SchemaView``); operations start folded (``SWAGGER_UI_SETTINGS``), so the first paint
    does not wait for every operation to be drawn.
    """

    # The start-up script embeds the request's CSRF token, so its ETag differs per request.


# For read serializers: build the fields from the model once per class and process, then copy
# them for each use, as DRF copies declared fields. ``ModelSerializer`` introspects the model
# again for every serializer of every response (a fifth of the API detail's time, issue 12);
# its fields depend on nothing but the class. (A comment, not a docstring: the OpenAPI schema
# would take it as the description of every serializer without one of its own.)
class FieldsBuiltOnce:
    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return copy.deepcopy(built)


class OptionalURLField(serializers.URLField):
    """An official page's address, or null when the catalogue has none (never "")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
