from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from curation.admin.csv import URL_FIELDS_HTTPS
from curation.admin.review import CompactInlineMixin, ReviewedEntryAdmin
from policies.models import (
    BlocMembership,
    Institution,
    Jurisdiction,
    Objective,
    PolicyInstrument,
    Provision,
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
class JurisdictionAdmin(SimpleHistoryAdmin):
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
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title"]
    search_fields = ["code", "title", "summary"]


class ProvisionInline(CompactInlineMixin, admin.TabularInline):
    """One line per provision; its summary and notes are edited on its own page."""

    model = Provision
    fields = ["ref", "slug", "order", "title", "source", "confidence", "review_state"]
    readonly_fields = ["review_state"]
    prepopulated_fields = {"slug": ["ref"]}
    show_change_link = True
    extra = 0


@admin.register(PolicyInstrument)
class PolicyInstrumentAdmin(ReviewedEntryAdmin, SimpleHistoryAdmin):
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
    inlines = [ProvisionInline]


@admin.register(Provision)
class ProvisionAdmin(ReviewedEntryAdmin, SimpleHistoryAdmin):
    list_display = ["ref", "instrument", "title", "confidence", "review_state"]
    list_select_related = ["instrument"]
    list_filter = ["review_state", "confidence", "instrument"]
    search_fields = ["ref", "title", "summary", "instrument__name", "instrument__short_name"]
    autocomplete_fields = ["instrument"]


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = ["__str__", "jurisdiction", "confidence"]
    list_select_related = ["jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["jurisdiction"]
