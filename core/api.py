"""Plumbing shared by the read API: pagination, filtering, CSV export, ETags, errors, schema.

Every list endpoint is a ``CatalogueViewSet``:

- JSON lists are paginated (``count``, ``next``, ``previous``, ``results``); ``page_size`` is
  capped at ``MAX_PAGE_SIZE``. A ``page`` or ``page_size`` that is not a whole number in range
  is a 400 naming the parameter; a page past the end is a 404 with a message.
- ``?format=csv`` returns every filtered row (not a page) as CSV with a header row, streamed
  from the first row under a weak ``ETag`` of the catalogue version and the query.
- Every other successful GET carries a strong ``ETag`` computed from the body; a request
  whose ``If-None-Match`` matches gets a 304 without a body.
- Errors are JSON whatever format was asked for: ``{"parameter": ["message"]}``.
"""

import csv
import datetime
import hashlib

from csp.decorators import csp_update
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import get_language
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

from core.cache import catalogue_cached, catalogue_version

MAX_PAGE_SIZE = 200
CSV_CHUNK_ROWS = 1000
CSV_SEPARATOR = "; "


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


def csv_cell(value) -> str:
    """Format a value for a CSV cell: lists joined with ``"; "``, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return CSV_SEPARATOR.join(csv_cell(item) for item in value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def csv_response(request, rows, columns, filename: str):
    """Stream ``rows`` as CSV from the first row, under a weak ETag.

    ``columns`` is a list of ``(header, function of a row)``. The ETag is weak: it names the
    catalogue version (which every write changes), the address and the columns, not the
    bytes, so it is known before the first row is read; a matching ``If-None-Match`` gets a
    304 without reading any. Rows are read in chunks of ``CSV_CHUNK_ROWS`` (each chunk runs
    the queryset's prefetches once), so memory stays flat whatever the number of rows.
    """
    headers = [header for header, _value in columns]
    key = "\n".join([catalogue_version(), request.get_full_path(), *headers])
    etag = f'W/"{hashlib.sha256(key.encode()).hexdigest()[:40]}"'
    writer = csv.writer(_Line(), lineterminator="\r\n")

    def lines():
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


ERROR_SCHEMA = {
    "type": "object",
    "description": "Each key names a parameter (or `detail`); each value says what is wrong.",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
}
ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "Hash of the body; send it back in If-None-Match to get a 304.",
    }
}


class CatalogueAutoSchema(AutoSchema):
    """Document CSV bodies as text, the ETag header, 304, and the JSON error bodies."""

    def get_auth(self):
        """Reads are public everywhere, also where writes need credentials: a GET lists no
        security requirement, so documentation tools draw no lock on it (issue 16)."""
        if self.method in ("GET", "HEAD"):
            return []
        return super().get_auth()

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "If-None-Match",
                str,
                OpenApiParameter.HEADER,
                description=str(_("An ETag from an earlier response: 304 if unchanged.")),
            ),
        ]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET" or "200" not in responses:
            return responses
        ok = responses["200"]
        if "text/csv" in ok.get("content", {}):
            ok["content"]["text/csv"] = {"schema": {"type": "string"}}
        ok["headers"] = {**ok.get("headers", {}), **ETAG_HEADER}
        responses["304"] = {"description": "Not modified.", "headers": ETAG_HEADER}
        responses["400"] = {
            "description": "A parameter is malformed or has an unknown value.",
            "content": {"application/json": {"schema": ERROR_SCHEMA}},
        }
        responses["404"] = {
            "description": "No such object, or a page past the end.",
            "content": {"application/json": {"schema": ERROR_SCHEMA}},
        }
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


class OptionalURLField(serializers.URLField):
    """An official page's address, or null when the catalogue has none (never "")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
