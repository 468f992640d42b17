from django.contrib import admin

from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink

LINK_FIELDS = ["relationship", "source", "locator", "confidence", "review_state"]


class StandardObjectiveLinkInline(admin.TabularInline):
    model = StandardObjectiveLink
    fields = ["objective", *LINK_FIELDS]
    extra = 0


class StandardLifecycleLinkInline(admin.TabularInline):
    model = StandardLifecycleLink
    fields = ["stage", "rationale", "confidence", "review_state"]
    extra = 0


class StandardProvisionLinkInline(admin.TabularInline):
    model = StandardProvisionLink
    fields = ["instrument", "provision", *LINK_FIELDS]
    autocomplete_fields = ["instrument", "provision"]
    extra = 0


class LinkAdmin(admin.ModelAdmin):
    list_filter = ["review_state", "confidence", "relationship"]
    readonly_fields = ["recorded_at", "updated_at"]
    autocomplete_fields = ["standard"]
    date_hierarchy = "recorded_at"


@admin.register(StandardObjectiveLink)
class StandardObjectiveLinkAdmin(LinkAdmin):
    list_display = ["standard", "relationship", "objective", "locator", "review_state"]
    list_select_related = ["standard", "objective"]
    list_filter = ["objective", *LinkAdmin.list_filter]
    search_fields = ["standard__reference", "objective__code", "source", "locator"]


@admin.register(StandardProvisionLink)
class StandardProvisionLinkAdmin(LinkAdmin):
    list_display = ["standard", "relationship", "instrument", "provision", "review_state"]
    list_select_related = ["standard", "instrument", "provision"]
    list_filter = ["instrument", *LinkAdmin.list_filter]
    search_fields = ["standard__reference", "instrument__short_name", "provision__ref", "source"]
    autocomplete_fields = ["standard", "instrument", "provision"]


@admin.register(StandardLifecycleLink)
class StandardLifecycleLinkAdmin(LinkAdmin):
    list_display = ["standard", "stage", "confidence", "review_state"]
    list_select_related = ["standard", "stage"]
    list_filter = ["stage", *LinkAdmin.list_filter]
    search_fields = ["standard__reference", "rationale"]
