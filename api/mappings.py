"""Read API for mappings: approved links only; nothing proposed or rejected is listed."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.response import Response

from api.serializers.mappings import (
    LinkStateSerializer,
    MappingProposalSerializer,
    MappingSerializer,
    ReviewSerializer,
)
from core.api import CatalogueListViewSet
from core.api_write import as_api_error
from discovery.mapping_filters import MappingFilterSet
from mappings.kinds import BY_NAME
from mappings.selectors import mapping_rows
from mappings.services import mapping_propose, mapping_review


class MappingViewSet(CatalogueListViewSet):
    """Every approved link from a standard to an objective, an instrument or one of its
    provisions, or a life-cycle stage, with its relationship, confidence and provenance."""

    serializer_class = MappingSerializer
    filterset_class = MappingFilterSet
    # Reads are public; proposing and reviewing need a curator's or reviewer's credentials,
    # and the services check the finer permissions.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    lookup_value_regex = r"(objective|provision|lifecycle)-[0-9]+"
    csv_filename = "mappings"
    csv_columns = [
        ("id", lambda r: f"{r['link_kind']}-{r['link_id']}"),
        ("source_reference", lambda r: r["standard_reference"]),
        ("source_slug", lambda r: r["standard_slug"]),
        ("target", lambda r: f"{r['target_type']}:{r['target_key']}"),
        ("target_type", lambda r: r["target_type"]),
        ("target_label", lambda r: r["target_label"]),
        ("relationship", lambda r: r["link_relationship"]),
        ("confidence", lambda r: r["link_confidence"]),
        ("provenance_source", lambda r: r["link_source"]),
        ("provenance_locator", lambda r: r["link_locator"]),
        ("provenance_rationale", lambda r: r["link_rationale"]),
        ("recorded_at", lambda r: r["link_recorded_at"]),
        ("updated_at", lambda r: r["link_updated_at"]),
    ]

    def get_queryset(self):
        # Names the model for the filter backend and the schema; MappingFilterSet reads the
        # rows from mapping_rows() (approved links of every kind).
        return mapping_rows()

    @extend_schema(request=MappingProposalSerializer, responses={201: LinkStateSerializer})
    def create(self, request, *args, **kwargs):
        """Propose a link; it is not public until a reviewer other than you approves it."""
        proposal = MappingProposalSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        proposal.is_valid(raise_exception=True)
        data = dict(proposal.validated_data)
        model, target = data.pop("model"), data.pop("target")
        try:
            link = mapping_propose(model=model, user=request.user, **target, **data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        return Response(LinkStateSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewSerializer, responses={200: LinkStateSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Approve, reject or withdraw a link (reviewers; not one's own proposal)."""
        kind, _separator, number = pk.partition("-")
        link_kind = BY_NAME.get(kind)
        link = link_kind.model.objects.filter(pk=number).first() if link_kind else None
        if link is None:
            raise Http404
        review = ReviewSerializer(data=request.data)
        review.is_valid(raise_exception=True)
        try:
            link = mapping_review(link=link, user=request.user, **review.validated_data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        return Response(LinkStateSerializer(link).data)
