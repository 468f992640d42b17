from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from curation.admin.bilingual import BilingualAdmin
from curation.admin.csv import URL_FIELDS_HTTPS
from curation.admin.review import CompactInlineMixin, ReviewedEntryAdmin
from policies.models import (
    BlocMembership,
    Institution,
    InstrumentRelation,
    Jurisdiction,
    Objective,
    PolicyInstrument,
    Provision,
    Source,
)


class MembershipInline(admin.TabularInline):
    model = BlocMembership
    fk_name = "bloc"
    fields = ["member", "source", "confidence"]
    autocomplete_fields = ["member"]
    extra = 0
    verbose_name = _("member")
    verbose_name_plural = _("members")


@admin.register(Jurisdiction)
class JurisdictionAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(BlocMembership)
class BlocMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["bloc", "member", "confidence"]
    list_select_related = ["bloc", "member"]
    list_filter = ["bloc", "confidence"]
    search_fields = ["member__name", "member__code", "bloc__code"]
    autocomplete_fields = ["bloc", "member"]


@admin.register(Objective)
class ObjectiveAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["code", "title"]
    search_fields = ["code", "title", "summary"]


class ProvisionInline(CompactInlineMixin, admin.TabularInline):
    """One line per provision; its summary and notes are edited on its own page."""

    model = Provision
    fields = [
        ("ref", "slug", "order"),
        "title",
        "summary",
        ("source", "source_ref", "confidence"),
        "notes",
        "staff_notes",
        "review_state",
    ]
    readonly_fields = ["review_state"]
    autocomplete_fields = ["source_ref"]
    prepopulated_fields = {"slug": ["ref"]}
    show_change_link = True
    extra = 0


class InstrumentRelationInline(admin.TabularInline):
    """Links from this instrument (or one of its provisions) to another instrument."""

    model = InstrumentRelation
    fk_name = "from_instrument"
    fields = [
        "from_provision",
        "kind",
        "to_instrument",
        "to_provision",
        "source",
        "source_ref",
        "confidence",
        "staff_notes",
    ]
    autocomplete_fields = ["from_provision", "to_instrument", "to_provision", "source_ref"]
    extra = 0
    verbose_name = _("link to another instrument")
    verbose_name_plural = _("links to other instruments")


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ["publisher", "title", "date", "url"]
    search_fields = ["publisher", "title", "url"]


@admin.register(InstrumentRelation)
class InstrumentRelationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "confidence"]
    list_select_related = ["from_instrument", "from_provision", "to_instrument", "to_provision"]
    list_filter = ["kind", "confidence"]
    search_fields = ["from_instrument__slug", "to_instrument__slug", "source", "notes"]
    autocomplete_fields = [
        "from_instrument",
        "from_provision",
        "to_instrument",
        "to_provision",
        "source_ref",
    ]


@admin.register(PolicyInstrument)
class PolicyInstrumentAdmin(ReviewedEntryAdmin, BilingualAdmin, SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = [
        "__str__",
        "jurisdiction",
        "kind",
        "binding",
        "year",
        "brief_section",
        "confidence",
        "review_state",
    ]
    list_select_related = ["jurisdiction"]
    list_filter = ["review_state", "kind", "binding", "confidence", "jurisdiction__kind"]
    search_fields = ["name", "short_name", "issuing_body", "jurisdiction__code"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["jurisdiction"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ProvisionInline, InstrumentRelationInline]


@admin.register(Provision)
class ProvisionAdmin(ReviewedEntryAdmin, SimpleHistoryAdmin):
    list_display = ["ref", "instrument", "title", "confidence", "review_state"]
    list_select_related = ["instrument"]
    list_filter = ["review_state", "confidence", "instrument"]
    search_fields = ["ref", "title", "summary", "instrument__name", "instrument__short_name"]
    autocomplete_fields = ["instrument"]


@admin.register(Institution)
class InstitutionAdmin(BilingualAdmin, SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ["__str__", "jurisdiction", "confidence"]
    list_select_related = ["jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["jurisdiction"]
