"""Review in the admin: actions that approve, reject or withdraw with a comment, for links and
for new entries, and the proposal rule for entries a person adds."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.services.entries import (
    REVIEW_FIELDS,
    entry_can_review,
    entry_mark_proposed,
    entry_review,
)
from core.services.review import OUTCOMES
from mappings.models import CuratedLink, ReviewState

# Text fields in inline rows are one line: a tall textarea per row made a standard's change
# page 4,900 px high (issue 16).
ONE_LINE = {models.TextField: {"widget": forms.TextInput(attrs={"class": "vTextField"})}}


# Long texts on an entry's own page: a few lines each, growing as the curator types.
SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}


class CompactInlineMixin:
    """Inline rows on one line: text fields one line high, no add/change/delete/view icons
    beside each select (they wrapped under it and doubled every row's height)."""

    formfield_overrides = ONE_LINE
    classes = ["compact-inline"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield


class ReviewActionForm(ActionForm):
    """The changelist's action bar, with a comment for review actions."""

    comment = forms.CharField(
        label=_("Review comment"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"size": 40}),
    )


def run_review(modeladmin, request, queryset, action: str, review) -> None:
    """Apply ``review(item, action, user, comment)`` to each selected row; report each refusal."""
    comment = request.POST.get("comment", "").strip()[:2000]
    done, refused = 0, []
    for item in queryset:
        try:
            review(item, action, request.user, comment)
            done += 1
        except (PermissionDenied, ValidationError) as error:
            refused.append(f"{item}: {' '.join(getattr(error, 'messages', [str(error)]))}")
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(n)d row %(action)s.", "%(n)d rows %(action)s.", done)
            % {"n": done, "action": OUTCOMES[action]},
            messages.SUCCESS,
        )
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)


def _entry_review(item, action, user, comment):
    entry_review(instance=item, action=action, user=user, comment=comment)


@admin.action(description=_("Approve selected entries (publish them)"))
def approve_entries(modeladmin, request, queryset):
    run_review(modeladmin, request, queryset, "approve", _entry_review)


@admin.action(description=_("Reject selected entries"))
def reject_entries(modeladmin, request, queryset):
    run_review(modeladmin, request, queryset, "reject", _entry_review)


@admin.action(description=_("Withdraw selected entries (take them off public pages)"))
def withdraw_entries(modeladmin, request, queryset):
    run_review(modeladmin, request, queryset, "withdraw", _entry_review)


ENTRY_ACTIONS = ["approve_entries", "reject_entries", "withdraw_entries"]


class ReviewedEntryAdmin:
    """Admin behaviour of a reviewed entry (standard, instrument, provision): a new one is a
    proposal by the current user; reviewers approve, reject or withdraw with a comment."""

    action_form = ReviewActionForm
    actions = [approve_entries, reject_entries, withdraw_entries]
    review_fieldset = (
        _("Review"),
        {
            "fields": [
                ("review_state", "proposed_by"),
                ("reviewed_by", "reviewed_at"),
                "review_comment",
            ],
            "description": _("Changed only by review actions."),
        },
    )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *REVIEW_FIELDS]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not entry_can_review(request.user, self.model):
            for name in ENTRY_ACTIONS:
                actions.pop(name, None)
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            entry_mark_proposed(obj, user=request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Rows added inline are proposals by the current user: links, and reviewed entries
        (an instrument's provisions)."""
        for obj in formset.save(commit=False):
            if obj.pk is None and isinstance(obj, CuratedLink):
                obj.recorded_by = request.user
                obj.review_state = ReviewState.PROPOSED
            elif obj.pk is None:
                entry_mark_proposed(obj, user=request.user)
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
