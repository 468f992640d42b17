from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from curation.admin.csv import CsvImportExportMixin
from curation.admin.review import CompactInlineMixin, ReviewActionForm, run_review
from mappings.models import (
    ReviewState,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from mappings.services import mapping_review, review_permission

LINK_FIELDS = ["relationship", "source", "locator", "confidence", "review_state"]
REVIEW_FIELDS = ["review_state", "recorded_by", "recorded_at", "reviewed_by", "reviewed_at"]


class LinkInline(CompactInlineMixin, admin.TabularInline):
    """Links shown under a standard; the review state changes only through review actions."""

    extra = 0
    readonly_fields = ["review_state"]
    can_delete = False  # a published link is withdrawn, never deleted


class StandardObjectiveLinkInline(LinkInline):
    model = StandardObjectiveLink
    fields = ["objective", *LINK_FIELDS]


class StandardLifecycleLinkInline(LinkInline):
    model = StandardLifecycleLink
    fields = ["stage", "rationale", "confidence", "review_state"]


class StandardProvisionLinkInline(LinkInline):
    model = StandardProvisionLink
    fields = ["instrument", "provision", *LINK_FIELDS]
    autocomplete_fields = ["instrument", "provision"]


def _link_review(link, action, user, comment):
    mapping_review(link=link, action=action, user=user, comment=comment)


@admin.action(description=_("Approve selected links (publish them)"))
def approve(modeladmin, request, queryset):
    run_review(modeladmin, request, queryset, "approve", _link_review)


@admin.action(description=_("Reject selected links"))
def reject(modeladmin, request, queryset):
    run_review(modeladmin, request, queryset, "reject", _link_review)


@admin.action(description=_("Withdraw selected links"))
def withdraw(modeladmin, request, queryset):
    run_review(modeladmin, request, queryset, "withdraw", _link_review)


class LinkAdmin(CsvImportExportMixin, SimpleHistoryAdmin):
    csv_kind = "mappings"
    list_filter = ["review_state", "confidence", "relationship"]
    readonly_fields = [*REVIEW_FIELDS, "review_comment", "updated_at"]
    autocomplete_fields = ["standard"]
    date_hierarchy = "recorded_at"
    actions = [approve, reject, withdraw]
    action_form = ReviewActionForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(review_permission(self.model)):
            for name in ["approve", "reject", "withdraw"]:
                actions.pop(name, None)
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
            obj.review_state = ReviewState.PROPOSED
        super().save_model(request, obj, form, change)


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
