from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import ReviewState
from curation.admin.csv import CsvImportExportMixin
from curation.admin.review import CompactInlineMixin, ReviewActionForm, run_review
from mappings.kinds import LINK_KINDS
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
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


def _link_admin(kind) -> type[LinkAdmin]:
    """The admin of one kind of link, from its declaration in ``mappings.kinds``."""
    targets = [name for name in kind.related if name != "standard"]

    class KindAdmin(LinkAdmin):
        list_display = ["standard", "relationship", *targets, "confidence", "review_state"]
        list_select_related = kind.related
        list_filter = [kind.target_field, *LinkAdmin.list_filter]
        search_fields = [
            "standard__reference",
            f"{kind.target_field}__{kind.target_key}",
            "source",
            "locator",
            "rationale",
        ]

        def get_autocomplete_fields(self, request):
            """The standard, and each target whose admin can be searched."""
            fields = ["standard"]
            for name in targets:
                related = self.model._meta.get_field(name).related_model
                target_admin = self.admin_site._registry.get(related)
                if target_admin is not None and target_admin.search_fields:
                    fields.append(name)
            return fields

    KindAdmin.__name__ = KindAdmin.__qualname__ = f"{kind.model.__name__}Admin"
    return KindAdmin


for _kind in LINK_KINDS:
    admin.site.register(_kind.model, _link_admin(_kind))
