from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.models import ReviewState
from curation.admin.csv import CsvImportExportMixin
from mappings.kinds import LINK_KINDS
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
from mappings.services import mapping_review, review_permission

LINK_FIELDS = ["relationship", "source", "locator", "confidence", "review_state"]
REVIEW_FIELDS = ["review_state", "recorded_by", "recorded_at", "reviewed_by", "reviewed_at"]


class LinkInline(admin.TabularInline):
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


def _review(modeladmin, request, queryset, action: str):
    done, refused = 0, []
    for link in queryset:
        try:
            mapping_review(link=link, action=action, user=request.user)
            done += 1
        except (PermissionDenied, ValidationError) as error:
            refused.append(f"{link}: {' '.join(getattr(error, 'messages', [str(error)]))}")
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(n)d link %(action)s.", "%(n)d links %(action)s.", done)
            % {
                "n": done,
                "action": {"approve": _("approved"), "reject": _("rejected")}.get(
                    action, _("withdrawn")
                ),
            },
            messages.SUCCESS,
        )
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)


@admin.action(description=_("Approve selected links (publish them)"))
def approve(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, "approve")


@admin.action(description=_("Reject selected links"))
def reject(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, "reject")


@admin.action(description=_("Withdraw selected links"))
def withdraw(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, "withdraw")


class LinkAdmin(CsvImportExportMixin, SimpleHistoryAdmin):
    csv_kind = "mappings"
    list_filter = ["review_state", "confidence", "relationship"]
    readonly_fields = [*REVIEW_FIELDS, "review_comment", "updated_at"]
    date_hierarchy = "recorded_at"
    actions = [approve, reject, withdraw]

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
