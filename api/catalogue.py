"""Read API for standards, committees, life-cycle stages and national adoptions."""

import base64

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.serializers.catalogue import (
    AdoptionSerializer,
    AdoptionWriteSerializer,
    CommitteeSerializer,
    LifecycleStageSerializer,
    StandardDetailSerializer,
    StandardListSerializer,
    StandardWriteSerializer,
    URLs,
    standard_list_item,
)
from catalogue.models import Standard, StandardSlugAlias
from catalogue.services import adoption_check_body, adoption_create, adoption_update
from core.api import CatalogueFilterBackend, CatalogueViewSet, CSVRenderer, csv_response
from core.api_write import WritableMixin
from core.services.entries import entry_create, entry_delete, entry_update
from core.text import reference_slug
from discovery.filters import AdoptionFilterSet, StandardFilterSet
from discovery.reasons import standard_reasons, with_reasons
from discovery.selectors import (
    adoption_list,
    committee_list,
    lifecycle_stage_list,
    standard_detail,
    standard_list_rows,
    standard_list_with_instruments,
)

SLUG_PATTERN = r"[-a-z0-9]+"
CURSOR = "cursor"


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(value: str) -> int:
    """The id a cursor continues after (0 for an empty cursor, the start)."""
    if value == "":
        return 0
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        label, _colon, number = text.partition(":")
        if label == "after" and number.isdigit():
            return int(number)
    except (ValueError, UnicodeDecodeError):
        pass
    message = _("Not a cursor of this list; start with an empty cursor and follow 'next'.")
    raise exceptions.ValidationError({CURSOR: [message]})


class BoundFilterBackend(CatalogueFilterBackend):
    """The catalogue's filter backend, keeping the bound FilterSet on the view
    (``view.bound_filterset``) so that reasons reuse its validated values and choices."""

    def get_filterset(self, request, queryset, view):
        view.bound_filterset = super().get_filterset(request, queryset, view)
        return view.bound_filterset


def _unique(values):
    return list(dict.fromkeys(values))


class StandardViewSet(WritableMixin, CatalogueViewSet):
    """Standards, filtered by objective, jurisdiction, life-cycle stage and more.

    Each standard lists its approved links (objectives, life-cycle stages, instruments and
    provisions) with the relationship, source, locator and confidence of each.
    """

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = StandardFilterSet
    filter_backends = [BoundFilterBackend]
    csv_filename = "standards"
    csv_columns = [
        ("reference", lambda s: s.reference),
        ("slug", lambda s: s.slug),
        ("title", lambda s: s.title),
        ("deliverable_type", lambda s: s.deliverable_type),
        ("number", lambda s: s.number),
        ("part", lambda s: s.part),
        ("year", lambda s: s.year),
        ("edition", lambda s: s.edition),
        ("publication_date", lambda s: s.publication_date),
        ("stage_code", lambda s: s.stage_code),
        ("status", lambda s: s.status.value),
        ("ai_act_status", lambda s: s.ai_act_status),
        ("committee", lambda s: s.committee and s.committee.code),
        ("series", lambda s: s.series and s.series.code),
        ("objectives", lambda s: _unique(link.objective.code for link in s.public_objective_links)),
        (
            "lifecycle_stages",
            lambda s: _unique(link.stage.slug for link in s.public_lifecycle_links),
        ),
        (
            "instruments",
            lambda s: _unique(link.instrument.slug for link in s.public_provision_links),
        ),
        ("why", lambda s: [reason.text for reason in s.matched_because]),
        ("in_brief", lambda s: s.in_brief),
        ("official_url", lambda s: s.url),
        ("updated_at", lambda s: s.updated_at),
    ]

    write_serializer_class = StandardWriteSerializer

    def get_queryset(self):
        if self.action == "list":
            return standard_list_with_instruments()
        # A curator's new standard is private until approved, but they may still correct it.
        return standard_detail(drafts=self.request.method not in SAFE_METHODS)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                CURSOR,
                str,
                allow_blank=True,
                description=_(
                    "Walk every row in keyset pages instead of numbered ones: send it empty to "
                    "start, then follow `next`. Not combined with `ordering` or `page`."
                ),
            )
        ]
    )
    def list(self, request, *args, **kwargs):
        # JSON pages from values: one indexed query for the page's ids, then its rows and
        # links as plain values (no model instances); CSV streams the model rows.
        if request.accepted_renderer.format == CSVRenderer.format:
            queryset = self.filter_queryset(self.get_queryset())
            rows = with_reasons(self._bound_filterset(), queryset)
            return csv_response(request, rows, self.csv_columns, self.csv_filename)
        queryset = self.filter_queryset(Standard.objects.public().order_by("sort_key", "id"))
        if CURSOR in request.query_params:
            return self.cursor_page(request, queryset)
        ids = self.paginate_queryset(queryset.values_list("pk", flat=True))
        return self.get_paginated_response(self._items(request, ids))

    def _items(self, request, ids):
        """The page's rows from values, each with ``matched_because`` (``discovery.reasons``)
        for the active filters."""
        urls = URLs(request)
        rows = standard_list_rows(ids)
        reasons = standard_reasons(self._bound_filterset(), [row["id"] for row in rows])
        items = []
        for row in rows:
            item = standard_list_item(row, urls)
            item["matched_because"] = [
                {"filter": reason.filter, "text": reason.text}
                for reason in reasons.get(row["id"], [])
            ]
            items.append(item)
        return items

    def cursor_page(self, request, queryset):
        """Keyset pages for scripts that walk everything: ``?cursor=`` starts, each ``next``
        goes on after the last row's id. Rows added meanwhile are met once, none twice."""
        if request.query_params.get("ordering"):
            message = _("A cursor walks the list in a fixed order; leave out ordering.")
            raise exceptions.ValidationError({"ordering": [message]})
        after = decode_cursor(request.query_params[CURSOR])
        size = self.paginator.get_page_size(request)
        ids = list(
            queryset.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[: size + 1]
        )
        more, ids = len(ids) > size, ids[:size]
        results = self._items(request, ids)
        next_url = None
        if more:
            next_url = replace_query_param(
                request.build_absolute_uri(), CURSOR, encode_cursor(ids[-1])
            )
        count = self.paginator.django_paginator_class(queryset, size).count
        return Response({"count": count, "next": next_url, "previous": None, "results": results})

    def get_serializer_class(self):
        if self.action == "list":
            return StandardListSerializer
        return StandardDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A draft's address keeps working after ISO publishes it under a new reference.
            moved = StandardSlugAlias.objects.public_standard(kwargs.get("slug", ""))
            if moved is None or request.method not in ("GET", "HEAD"):
                raise
            location = reverse("api:standard-detail", kwargs={"slug": moved.slug})
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)

    def _bound_filterset(self) -> StandardFilterSet:
        bound = getattr(self, "bound_filterset", None)
        if bound is None:  # no filtering ran (never for a list; kept for safety)
            bound = StandardFilterSet(self.request.query_params, queryset=Standard.objects.none())
        return bound

    def perform_write_create(self, data):
        data.setdefault("slug", reference_slug(data.get("reference", "")))
        return entry_create(model=Standard, user=self.request.user, data=data, reason="API")

    def perform_write_update(self, instance, data):
        return entry_update(instance=instance, user=self.request.user, data=data, reason="API")

    def perform_write_delete(self, instance):
        entry_delete(instance=instance, user=self.request.user)


class CommitteeViewSet(CatalogueViewSet):
    """Technical committees, subcommittees and working groups."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    serializer_class = CommitteeSerializer
    csv_filename = "committees"
    csv_columns = [
        ("code", lambda c: c.code),
        ("slug", lambda c: c.slug),
        ("title", lambda c: c.title),
        ("parent", lambda c: c.parent and c.parent.code),
        ("official_url", lambda c: c.url),
    ]

    def get_queryset(self):
        return committee_list()


class LifecycleStageViewSet(CatalogueViewSet):
    """The stages of the ISO/IEC 22989 AI system life cycle, in order."""

    schema_noun = _("life-cycle stage")

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    serializer_class = LifecycleStageSerializer
    csv_filename = "lifecycle-stages"
    csv_columns = [
        ("slug", lambda s: s.slug),
        ("name", lambda s: s.name),
        ("order", lambda s: s.order),
        ("standard_count", lambda s: s.standard_count),
    ]

    def get_queryset(self):
        return lifecycle_stage_list()


class AdoptionViewSet(WritableMixin, CatalogueViewSet):
    """National designations of standards; a NEQ designation is listed but is no adoption."""

    schema_noun = _("national adoption")

    lookup_value_regex = r"[0-9]+"
    serializer_class = AdoptionSerializer
    filterset_class = AdoptionFilterSet
    csv_filename = "adoptions"
    csv_columns = [
        ("designation", lambda a: a.designation),
        ("standard", lambda a: a.standard.reference),
        ("standard_slug", lambda a: a.standard.slug),
        ("body", lambda a: a.body.acronym),
        ("country", lambda a: a.body.country.code),
        ("degree", lambda a: a.degree),
        ("is_adoption", lambda a: a.is_adoption),
        ("adopted_on", lambda a: a.adopted_on),
        ("status", lambda a: a.status),
        ("scope", lambda a: "regional" if a.is_regional else "national"),
        ("source", lambda a: a.source),
        ("cited_source", lambda a: _source_cell(a)),
        ("confidence", lambda a: a.confidence),
    ]

    write_serializer_class = AdoptionWriteSerializer

    def get_queryset(self):
        return adoption_list()

    def perform_write_create(self, data):
        return adoption_create(user=self.request.user, data=data, reason="API")

    def perform_write_update(self, instance, data):
        return adoption_update(adoption=instance, user=self.request.user, data=data, reason="API")

    def perform_write_delete(self, instance):
        adoption_check_body(self.request.user, instance.body)
        entry_delete(instance=instance, user=self.request.user)


def _source_cell(row) -> str:
    """A readable source in one cell: publisher, title (date) and address."""
    source = row.source_ref
    if source is None:
        return ""
    date = f" ({source.date})" if source.date else ""
    return f"{source.publisher}: {source.title}{date} <{source.url}>"
