"""Crosswalk exports: the approved standard↔provision and standard↔objective links as an
OSCAL 1.2 mapping collection (JSON) and in NIST OLIR's columns (CSV).

Thin views: ``discovery.mapping_filters.CrosswalkFilterSet`` validates the filters,
``mappings.selectors`` reads the links and ``exchange.crosswalks`` shapes them.
"""

from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from api.serializers.catalogue import URLs
from core.api import (
    DATABASE_VALUES,
    CatalogueAutoSchema,
    ConditionalGetMixin,
    CSVRenderer,
    csv_response,
)
from core.cache import catalogue_changed_at, catalogue_version
from core.models import Confidence
from discovery.mapping_filters import CrosswalkFilterSet
from exchange.crosswalks import (
    ISO_OPEN_DATA_LICENCE,
    ISO_OPEN_DATA_LICENCE_URL,
    OLIR_SET_RELATIONSHIPS,
    OLIR_SUPPORTIVE,
    OSCAL_RELATIONSHIPS,
    OSCAL_VERSION,
    CrosswalkURLs,
    notice,
    olir_columns,
    oscal_mapping_collection,
)
from mappings.models import StandardProvisionLink
from mappings.selectors import crosswalk_rows, target_documents

FILTER_PARAMETERS = [
    OpenApiParameter(
        "instrument",
        str,
        many=True,
        explode=True,
        description=_(
            "Export the links to this instrument and its provisions. With objective, the "
            "links to each are exported. %(values)s"
        )
        % {"values": DATABASE_VALUES["instrument"]},
    ),
    OpenApiParameter(
        "objective",
        str,
        many=True,
        explode=True,
        description=_(
            "Export the links to this objective (4.1 … 4.7; GET /api/v1/objectives/ lists "
            "them). With instrument, the links to each are exported."
        ),
    ),
    OpenApiParameter(
        "standard",
        str,
        many=True,
        explode=True,
        description=_("Keep the links of this standard. %(values)s")
        % {"values": DATABASE_VALUES["standard"]},
    ),
    OpenApiParameter(
        "confidence",
        str,
        many=True,
        explode=True,
        enum=Confidence.values,
        description=_("Keep the links recorded with this confidence."),
    ),
]


class CrosswalkSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    media_type = serializers.CharField()
    specification = serializers.URLField()
    url = serializers.URLField()
    parameters = serializers.ListField(child=serializers.CharField())


class VocabularySerializer(serializers.Serializer):
    oscal_relationships = serializers.DictField(child=serializers.CharField())
    olir_relationships = serializers.DictField(child=serializers.CharField())
    olir_relationship_types = serializers.DictField(child=serializers.CharField())


class CrosswalkListSerializer(serializers.Serializer):
    notice = serializers.CharField()
    iso_open_data_licence = serializers.CharField()
    iso_open_data_licence_url = serializers.URLField()
    namespace = serializers.URLField(
        help_text=_("Qualifies the catalogue's own tokens in the OSCAL export (its ns values).")
    )
    vocabulary = VocabularySerializer()
    results = CrosswalkSerializer(many=True)


OSCAL_RESPONSE = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=_(
        "An OSCAL %(version)s mapping collection (`mapping-collection`), valid against NIST's "
        "oscal_mapping_schema.json. 404 when no approved link matches: the model needs at "
        "least one mapping."
    )
    % {"version": OSCAL_VERSION},
)


class CrosswalkAutoSchema(CatalogueAutoSchema):
    """Every crosswalk answer is one document, the list of exports included."""

    def _is_list_view(self, serializer=None):
        return False


class CrosswalkViewSet(ConditionalGetMixin, viewsets.ViewSet):
    """Crosswalk exports of the approved links, for compliance tools."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    renderer_classes = [renderers.JSONRenderer]
    schema = CrosswalkAutoSchema()
    schema_summaries = {
        "list": _("List the crosswalk exports"),
        "oscal": _("Export the links as an OSCAL mapping collection"),
        "olir": _("Export the links in NIST OLIR's columns (CSV)"),
    }

    def _urls(self, request) -> CrosswalkURLs:
        urls = URLs(request)
        return CrosswalkURLs(
            namespace=reverse("api:crosswalk-list", request=request),
            export=request.build_absolute_uri(),
            standards=reverse("api:standard-list", request=request),
            objectives=reverse("api:objective-list", request=request),
            standard=lambda slug: urls("api:standard-detail", "slug", slug),
            instrument=lambda slug: urls("api:instrument-detail", "slug", slug),
        )

    def _query(self, request):
        filterset = CrosswalkFilterSet(
            request.query_params, queryset=StandardProvisionLink.objects.none()
        )
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset.crosswalk_query()

    @extend_schema(responses=CrosswalkListSerializer)
    def list(self, request):
        """The crosswalk exports, with their addresses and the vocabulary they use."""
        exports = [
            {
                "id": "oscal",
                "title": str(_("OSCAL mapping collection")),
                "description": str(
                    _(
                        "The approved links as an OSCAL %(version)s mapping collection: one "
                        "mapping per policy instrument (and one for the objectives), one map "
                        "entry per link."
                    )
                    % {"version": OSCAL_VERSION}
                ),
                "media_type": "application/json",
                "specification": "https://pages.nist.gov/OSCAL/",
                "url": reverse("api:crosswalk-oscal", request=request),
                "parameters": ["instrument", "objective", "standard", "confidence"],
            },
            {
                "id": "olir",
                "title": str(_("NIST OLIR columns (CSV)")),
                "description": str(
                    _(
                        "The approved links, one row each, in the columns of a NIST OLIR "
                        "template (NIST IR 8278A Rev. 1): the policy text is the focal "
                        "document, the standard the reference document."
                    )
                ),
                "media_type": "text/csv",
                "specification": "https://doi.org/10.6028/NIST.IR.8278Ar1",
                "url": reverse("api:crosswalk-olir", request=request),
                "parameters": ["instrument", "objective", "standard", "confidence", "bom"],
            },
        ]
        return Response(
            {
                "notice": notice(),
                "iso_open_data_licence": ISO_OPEN_DATA_LICENCE,
                "iso_open_data_licence_url": ISO_OPEN_DATA_LICENCE_URL,
                "namespace": reverse("api:crosswalk-list", request=request),
                "vocabulary": {
                    "oscal_relationships": {str(k): v for k, v in OSCAL_RELATIONSHIPS.items()},
                    "olir_relationships": {str(k): v for k, v in OLIR_SET_RELATIONSHIPS.items()},
                    "olir_relationship_types": {
                        str(k): " — ".join(part for part in v if part)
                        for k, v in OLIR_SUPPORTIVE.items()
                    },
                },
                "results": exports,
            }
        )

    @extend_schema(parameters=FILTER_PARAMETERS, responses={200: OSCAL_RESPONSE})
    @action(detail=False, methods=["get"])
    def oscal(self, request):
        """The approved links as an OSCAL mapping collection (JSON)."""
        query = self._query(request)
        rows = list(crosswalk_rows(query))
        version = catalogue_version()
        last_modified = catalogue_changed_at() or max(
            (row["link_updated_at"] for row in rows), default=None
        )
        document = None
        if rows:
            document = oscal_mapping_collection(
                rows=rows,
                documents=target_documents(query),
                query=query,
                version=version,
                last_modified=last_modified,
                urls=self._urls(request),
            )
        if document is None:
            raise exceptions.NotFound(_("No approved link matches these filters."))
        response = Response(document)
        response["Last-Modified"] = http_date(last_modified.timestamp())
        return response

    @extend_schema(
        # and bom, as every CSV (CatalogueAutoSchema); the answer is CSV whatever format says
        parameters=[*FILTER_PARAMETERS, OpenApiParameter("format", exclude=True)],
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=False, methods=["get"], renderer_classes=[renderers.JSONRenderer, CSVRenderer])
    def olir(self, request):
        """The approved links in NIST OLIR's columns, one row each (CSV)."""
        query = self._query(request)
        documents = target_documents(query)
        return csv_response(
            request, crosswalk_rows(query), olir_columns(documents), "crosswalk-olir"
        )
