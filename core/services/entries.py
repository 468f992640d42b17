"""Writes for catalogue and policy entries. The admin, the write API and the imports all call
these, so validation, review and history are the same on every path.

Review: a standard, an instrument or a provision that a person adds starts *proposed* and
private; another person with the review permission approves it (``entry_review``), and only
then is it public. ``user=None`` is the operator's system import (the reference data, a
command run with ``--system``), which records approved entries. Edits to an entry keep its
review state; history records every change.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Reviewed, ReviewState
from core.services.common import apply_changes, delete_protected, save_validated
from core.services.review import OUTCOMES, TRANSITIONS

REVIEW_FIELDS = ["review_state", "proposed_by", "reviewed_by", "reviewed_at", "review_comment"]


def entry_check_permission(user, model, action: str) -> None:
    if user is None:  # management commands run with the operator's full authority
        return
    if not user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}"):
        raise PermissionDenied(
            _("You may not %(action)s %(things)s.")
            % {"action": action, "things": model._meta.verbose_name_plural}
        )


def entry_is_reviewed(model) -> bool:
    return issubclass(model, Reviewed)


def entry_mark_proposed(instance, *, user) -> None:
    """Make a new entry a proposal by ``user`` (nothing for a system import or a model
    without review)."""
    if user is None or not entry_is_reviewed(type(instance)):
        return
    instance.review_state = ReviewState.PROPOSED
    instance.proposed_by = user if getattr(user, "is_authenticated", False) else None
    instance.reviewed_by, instance.reviewed_at, instance.review_comment = None, None, ""


@transaction.atomic
def entry_create(*, model, user=None, data: dict, reason: str = ""):
    """Validate and create a catalogue or policy entry, recording it in history.

    With a ``user``, a reviewed entry starts proposed; review fields in ``data`` are ignored.
    """
    entry_check_permission(user, model, "add")
    if user is not None:
        data = {key: value for key, value in data.items() if key not in REVIEW_FIELDS}
    instance = model(**data)
    entry_mark_proposed(instance, user=user)
    return save_validated(instance, user=user, reason=reason)


@transaction.atomic
def entry_update(*, instance, user=None, data: dict, reason: str = ""):
    """Validate and save changes to an entry; return it unchanged if nothing differs.

    The review state changes only through ``entry_review``.
    """
    entry_check_permission(user, type(instance), "change")
    if user is not None:
        data = {key: value for key, value in data.items() if key not in REVIEW_FIELDS}
    if not apply_changes(instance, data):
        return instance
    return save_validated(instance, user=user, reason=reason)


@transaction.atomic
def entry_delete(*, instance, user=None) -> None:
    """Delete an entry, or raise ``DeletionRefused`` naming what links to it."""
    entry_check_permission(user, type(instance), "delete")
    delete_protected(instance, user=user)


def entry_can_review(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.review_{model._meta.model_name}")


@transaction.atomic
def entry_review(*, instance, action: str, user, comment: str = ""):
    """Approve, reject or withdraw a proposed entry as ``user``, recording who, when and why.

    Nobody approves an entry they proposed (the database refuses it too). Withdrawing an
    approved entry takes it off every public page.
    """
    if action not in TRANSITIONS:
        raise ValidationError(
            _("Unknown action '%(action)s'. Allowed: %(allowed)s.")
            % {"action": action, "allowed": ", ".join(TRANSITIONS)}
        )
    model = type(instance)
    if not entry_is_reviewed(model):
        raise ValidationError(
            _("%(things)s are not reviewed.") % {"things": model._meta.verbose_name_plural}
        )
    if not entry_can_review(user, model):
        raise PermissionDenied(
            _("You may not review %(things)s.") % {"things": model._meta.verbose_name_plural}
        )
    instance = model._default_manager.select_for_update().get(pk=instance.pk)
    sources, target = TRANSITIONS[action]
    if instance.review_state not in sources:
        raise ValidationError(
            _("This %(thing)s is %(state)s; it cannot be %(outcome)s.")
            % {
                "thing": model._meta.verbose_name,
                "state": instance.get_review_state_display().lower(),
                "outcome": OUTCOMES[action],
            }
        )
    if action == "approve" and instance.proposed_by_id == user.pk:
        raise PermissionDenied(
            _("You cannot approve a %(thing)s you proposed; another reviewer must.")
            % {"thing": model._meta.verbose_name}
        )
    instance.review_state = target
    instance.reviewed_by = user
    instance.reviewed_at = timezone.now()
    instance.review_comment = comment
    return save_validated(instance, user=user, reason=f"{action}: {comment}" if comment else action)
