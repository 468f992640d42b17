from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from catalogue.models import (
    Committee,
    LifecycleStage,
    NationalAdoption,
    Sector,
    Series,
    Standard,
    StandardRelation,
    StandardsBody,
)
from catalogue.services import adoption_can_edit
from catalogue.stages import Status, stage_codes_for
from curation.admin.bilingual import BilingualAdmin
from curation.admin.csv import URL_FIELDS_HTTPS, CsvImportExportMixin
from curation.admin.mappings import (
    StandardLifecycleLinkInline,
    StandardObjectiveLinkInline,
    StandardProvisionLinkInline,
)
from curation.admin.review import SHORT_TEXT, CompactInlineMixin, ReviewedEntryAdmin
from mappings.models import StandardObjectiveLink
from policies.models import Objective


@admin.register(Committee)
class CommitteeAdmin(BilingualAdmin, SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ["code", "title", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", "title"]
    prepopulated_fields = {"slug": ["code"]}
    autocomplete_fields = ["parent"]


@admin.register(Sector)
class SectorAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["committees"]


@admin.register(LifecycleStage)
class LifecycleStageAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["order", "name", "slug"]
    list_display_links = ["name"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class SeriesPartInline(admin.TabularInline):
    model = Standard
    fields = ["reference", "title", "stage_code"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False
    verbose_name = _("part")
    verbose_name_plural = _("parts")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Series)
class SeriesAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["code", "title", "committee"]
    list_select_related = ["committee"]
    list_filter = ["committee"]
    search_fields = ["code", "title", "summary"]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [SeriesPartInline]


class RelationInline(CompactInlineMixin, admin.TabularInline):
    model = StandardRelation
    fk_name = "from_standard"
    fields = ["kind", "degree", "to_standard", "source", "confidence"]
    autocomplete_fields = ["to_standard"]
    extra = 0


class AdoptionInline(CompactInlineMixin, admin.TabularInline):
    """Adoptions are shown under a standard; they are edited on their own page, where the
    adopting body's curators alone may change them."""

    model = NationalAdoption
    fields = ["body", "designation", "degree", "adopted_on", "status", "confidence"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ObjectiveFilter(admin.SimpleListFilter):
    """Standards with an approved link to the objective (as the public list filters)."""

    title = _("objective")
    parameter_name = "objective"

    def lookups(self, request, model_admin):
        return [(o.code, f"{o.code} {o.title}") for o in Objective.objects.order_by("code")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        links = StandardObjectiveLink.objects.approved().filter(
            standard=OuterRef("pk"), objective__code=self.value()
        )
        return queryset.filter(Exists(links))


class StatusFilter(admin.SimpleListFilter):
    """The status buckets of the stage codes (published, under review, withdrawn …)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if not self.value() or self.value() not in Status.values:
            return queryset
        return queryset.filter(stage_code__in=stage_codes_for(self.value()))


@admin.register(Standard)
class StandardAdmin(ReviewedEntryAdmin, CsvImportExportMixin, BilingualAdmin, SimpleHistoryAdmin):
    formfield_overrides = {**URL_FIELDS_HTTPS, **SHORT_TEXT}
    csv_kind = "standards"
    list_display = [
        "reference",
        "short_title",
        "status_label",
        "committee",
        "review_state",
        "updated_at",
    ]
    list_display_links = ["reference"]
    list_select_related = ["committee"]
    list_filter = [
        "review_state",
        ObjectiveFilter,
        StatusFilter,
        ("committee", admin.RelatedOnlyFieldListFilter),
        "deliverable_type",
        "in_brief",
        "confidence",
    ]
    list_per_page = 50
    search_fields = ["reference", "aliases", "title", "summary"]
    prepopulated_fields = {"slug": ["reference"]}
    autocomplete_fields = ["committee", "series"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["reference", "slug", "aliases", "title", "summary"]}),
        (
            _("Identification"),
            {
                "fields": [
                    ("deliverable_type", "number", "part", "year"),
                    ("edition", "publication_date"),
                    ("series", "committee"),
                    ("stage_code", "iso_id"),
                    "url",
                    "in_brief",
                ]
            },
        ),
        (_("Provenance"), {"fields": ["source", "confidence", "notes"]}),
        (_("Japanese title"), {"fields": ["title_ja_source", "title_ja_confidence"]}),
        ReviewedEntryAdmin.review_fieldset,
        (_("Record"), {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    inlines = [
        StandardObjectiveLinkInline,
        StandardLifecycleLinkInline,
        StandardProvisionLinkInline,
        RelationInline,
        AdoptionInline,
    ]

    @admin.display(description=_("title"), ordering="title")
    def short_title(self, standard):
        return Truncator(standard.title).chars(80)

    @admin.display(description=_("status"), ordering="stage_code")
    def status_label(self, standard):
        label = standard.status.label
        return f"{label} ({standard.stage_code})" if standard.stage_code else label


@admin.register(StandardRelation)
class StandardRelationAdmin(CsvImportExportMixin, SimpleHistoryAdmin):
    csv_kind = "relations"
    list_display = ["from_standard", "kind", "to_standard", "confidence"]
    list_select_related = ["from_standard", "to_standard"]
    list_filter = ["kind", "confidence"]
    search_fields = ["from_standard__reference", "to_standard__reference"]
    autocomplete_fields = ["from_standard", "to_standard"]


@admin.register(StandardsBody)
class StandardsBodyAdmin(BilingualAdmin, SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ["acronym", "name", "country"]
    list_select_related = ["country"]
    search_fields = ["acronym", "name", "country__name"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["country"]
    filter_horizontal = ["curators"]


@admin.register(NationalAdoption)
class NationalAdoptionAdmin(CsvImportExportMixin, SimpleHistoryAdmin):
    csv_kind = "adoptions"
    list_display = ["designation", "standard", "body", "degree", "adopted_on", "status"]
    list_select_related = ["standard", "body"]
    list_filter = ["degree", "status", "body"]
    search_fields = ["designation", "standard__reference", "body__acronym"]
    autocomplete_fields = ["standard"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or adoption_can_edit(request.user, obj.body))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or adoption_can_edit(request.user, obj.body))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "body" and not request.user.is_superuser:
            kwargs["queryset"] = StandardsBody.objects.filter(curators=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
