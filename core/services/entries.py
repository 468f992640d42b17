"""Writes for catalogue and policy entries. The admin, the write API and the imports all call
these, so validation and history are the same on every path."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.services.common import apply_changes, delete_protected, save_validated


def entry_check_permission(user, model, action: str) -> None:
    if user is None:  # management commands run with the operator's full authority
        return
    if not user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}"):
        raise PermissionDenied(
            _("You may not %(action)s %(things)s.")
            % {"action": action, "things": model._meta.verbose_name_plural}
        )


@transaction.atomic
def entry_create(*, model, user=None, data: dict, reason: str = ""):
    """Validate and create a catalogue or policy entry, recording it in history."""
    entry_check_permission(user, model, "add")
    return save_validated(model(**data), user=user, reason=reason)


@transaction.atomic
def entry_update(*, instance, user=None, data: dict, reason: str = ""):
    """Validate and save changes to an entry; return it unchanged if nothing differs."""
    entry_check_permission(user, type(instance), "change")
    if not apply_changes(instance, data):
        return instance
    return save_validated(instance, user=user, reason=reason)


@transaction.atomic
def entry_delete(*, instance, user=None) -> None:
    """Delete an entry, or raise ``DeletionRefused`` naming what links to it."""
    entry_check_permission(user, type(instance), "delete")
    delete_protected(instance, user=user)
