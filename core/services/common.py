"""Helpers shared by the write services."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext as _


class DeletionRefused(Exception):
    """A delete that would orphan curated links; ``message`` names what links to the row."""

    def __init__(self, instance: models.Model, blockers):
        self.instance = instance
        self.blockers = blockers
        names = sorted({f"{blocker._meta.verbose_name} “{blocker}”" for blocker in blockers})
        shown = "; ".join(names[:10]) + (
            _(" and %(n)d more") % {"n": len(names) - 10} if len(names) > 10 else ""
        )
        self.message = _("%(object)s cannot be deleted because these link to it: %(links)s.") % {
            "object": f"{instance._meta.verbose_name} “{instance}”",
            "links": shown,
        }
        super().__init__(self.message)


def save_validated(instance: models.Model, *, user=None, reason: str = "") -> models.Model:
    """Validate every field and constraint, then save, recording who and why in history."""
    instance.full_clean()
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance


def delete_protected(instance: models.Model, *, user=None) -> None:
    """Delete ``instance`` or raise ``DeletionRefused`` naming the rows that link to it."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    try:
        instance.delete()
    except ProtectedError as error:
        raise DeletionRefused(instance, error.protected_objects) from error


def apply_changes(instance: models.Model, data: dict) -> list[str]:
    """Set the fields in ``data`` on ``instance``; return the names that changed."""
    changed = []
    for field, value in data.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed.append(field)
    return changed


__all__ = [
    "DeletionRefused",
    "ValidationError",
    "apply_changes",
    "delete_protected",
    "save_validated",
]
