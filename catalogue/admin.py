from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
from mappings.admin import (
    StandardLifecycleLinkInline,
    StandardObjectiveLinkInline,
    StandardProvisionLinkInline,
)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", "title"]
    prepopulated_fields = {"slug": ["code"]}
    autocomplete_fields = ["parent"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["committees"]


@admin.register(LifecycleStage)
class LifecycleStageAdmin(admin.ModelAdmin):
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
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "committee"]
    list_select_related = ["committee"]
    list_filter = ["committee"]
    search_fields = ["code", "title", "summary"]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [SeriesPartInline]


class RelationInline(admin.TabularInline):
    model = StandardRelation
    fk_name = "from_standard"
    fields = ["kind", "to_standard", "source", "confidence"]
    autocomplete_fields = ["to_standard"]
    extra = 0


class AdoptionInline(admin.TabularInline):
    model = NationalAdoption
    fields = ["body", "designation", "degree", "adopted_on", "status", "confidence"]
    autocomplete_fields = ["body"]
    extra = 0


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "deliverable_type",
        "stage_code",
        "committee",
        "in_brief",
        "confidence",
        "updated_at",
    ]
    list_select_related = ["committee"]
    list_filter = ["deliverable_type", "in_brief", "confidence", "committee", "series"]
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
                    "deliverable_type",
                    "number",
                    "part",
                    "year",
                    "edition",
                    "publication_date",
                    "series",
                    "committee",
                    "stage_code",
                    "iso_id",
                    "url",
                    "in_brief",
                ]
            },
        ),
        (_("Provenance"), {"fields": ["source", "confidence", "notes"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [
        StandardObjectiveLinkInline,
        StandardLifecycleLinkInline,
        StandardProvisionLinkInline,
        RelationInline,
        AdoptionInline,
    ]


@admin.register(StandardRelation)
class StandardRelationAdmin(admin.ModelAdmin):
    list_display = ["from_standard", "kind", "to_standard", "confidence"]
    list_select_related = ["from_standard", "to_standard"]
    list_filter = ["kind", "confidence"]
    search_fields = ["from_standard__reference", "to_standard__reference"]
    autocomplete_fields = ["from_standard", "to_standard"]


@admin.register(StandardsBody)
class StandardsBodyAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "country"]
    list_select_related = ["country"]
    search_fields = ["acronym", "name", "country__name"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["country"]


@admin.register(NationalAdoption)
class NationalAdoptionAdmin(admin.ModelAdmin):
    list_display = ["designation", "standard", "body", "degree", "adopted_on", "status"]
    list_select_related = ["standard", "body"]
    list_filter = ["degree", "status", "body"]
    search_fields = ["designation", "standard__reference", "body__acronym"]
    autocomplete_fields = ["standard", "body"]
