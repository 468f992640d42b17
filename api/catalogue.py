"""Read API for standards, committees, life-cycle stages and national adoptions."""

from api.serializers.catalogue import (
    AdoptionSerializer,
    AdoptionWriteSerializer,
    CommitteeSerializer,
    LifecycleStageSerializer,
    StandardDetailSerializer,
    StandardListSerializer,
    StandardWriteSerializer,
)
from catalogue.models import Standard
from catalogue.services import adoption_check_body, adoption_create, adoption_update
from core.api import CatalogueViewSet
from core.api_write import WritableMixin
from core.services.entries import entry_create, entry_delete, entry_update
from core.text import reference_slug
from discovery.filters import AdoptionFilterSet, StandardFilterSet
from discovery.selectors import (
    adoption_list,
    committee_list,
    lifecycle_stage_list,
    standard_detail,
    standard_list_with_instruments,
)

SLUG_PATTERN = r"[-a-z0-9]+"


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
        ("in_brief", lambda s: s.in_brief),
        ("official_url", lambda s: s.url),
        ("updated_at", lambda s: s.updated_at),
    ]

    write_serializer_class = StandardWriteSerializer

    def get_queryset(self):
        if self.action == "list":
            return standard_list_with_instruments()
        return standard_detail()

    def get_serializer_class(self):
        if self.action == "list":
            return StandardListSerializer
        return StandardDetailSerializer

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
