"""Writes for curated links: propose, then approve, reject or withdraw after review."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import ReviewState
from core.services.common import save_validated
from mappings.kinds import kind_of

# action -> (states it may start from, state it leads to)
TRANSITIONS = {
    "approve": ({ReviewState.PROPOSED}, ReviewState.APPROVED),
    "reject": ({ReviewState.PROPOSED}, ReviewState.REJECTED),
    "withdraw": ({ReviewState.PROPOSED, ReviewState.APPROVED}, ReviewState.WITHDRAWN),
}

OUTCOMES = {
    "approve": gettext_lazy("approved"),
    "reject": gettext_lazy("rejected"),
    "withdraw": gettext_lazy("withdrawn"),
}


def review_permission(link) -> str:
    return kind_of(link).permission("review")


@transaction.atomic
def mapping_propose(*, model, user, **fields):
    """Record a proposed link; it stays private until another user approves it."""
    if not user.has_perm(kind_of(model).permission("add")):
        raise PermissionDenied(_("You may not propose links of this kind."))
    link = model(
        **fields,
        review_state=ReviewState.PROPOSED,
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    return save_validated(link, user=user, reason="proposed")


@transaction.atomic
def mapping_review(*, link, action: str, user, comment: str = ""):
    """Approve, reject or withdraw ``link`` as ``user``, recording who, when and why.

    A reviewer cannot approve a link they proposed (the database refuses it too).
    """
    if action not in TRANSITIONS:
        raise ValidationError(
            _("Unknown action '%(action)s'. Allowed: %(allowed)s.")
            % {"action": action, "allowed": ", ".join(TRANSITIONS)}
        )
    if not user.has_perm(review_permission(link)):
        raise PermissionDenied(_("You may not review links."))
    link = type(link).objects.select_for_update().get(pk=link.pk)
    sources, target = TRANSITIONS[action]
    if link.review_state not in sources:
        raise ValidationError(
            _("This link is %(state)s; it cannot be %(outcome)s.")
            % {"state": link.get_review_state_display().lower(), "outcome": OUTCOMES[action]}
        )
    if action == "approve" and link.recorded_by_id == user.pk:
        raise PermissionDenied(_("You cannot approve a link you proposed; another reviewer must."))
    link.review_state = target
    link.reviewed_by = user
    link.reviewed_at = timezone.now()
    link.review_comment = comment
    return save_validated(link, user=user, reason=f"{action}: {comment}" if comment else action)
