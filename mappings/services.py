"""Writes for curated links: propose, then approve, reject or withdraw after review."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import ReviewState
from core.services.common import save_validated
from core.services.review import OUTCOMES, TRANSITIONS
from mappings.kinds import kind_of


class LinkExists(Exception):
    """A proposal that duplicates a link already recorded (in any review state)."""

    def __init__(self, link):
        self.link = link
        self.message = _(
            "This link already exists (%(state)s): %(link)s. Propose a different relationship "
            "or target, or ask a reviewer about the existing one."
        ) % {"state": link.get_review_state_display().lower(), "link": link}
        super().__init__(self.message)


def identity_fields(model) -> tuple[str, ...]:
    """The fields that make a link unique (its UniqueConstraints): the standard, what it
    points at (``mappings.kinds``) and the relationship."""
    targets = [name for name in kind_of(model).related if name != "standard"]
    return ("standard", *targets, "relationship")


def _existing_link(model, fields: dict):
    identity = {name: fields.get(name) for name in identity_fields(model)}
    return model.objects.filter(**identity).select_related("standard").first()


def review_permission(link) -> str:
    return kind_of(link).permission("review")


@transaction.atomic
def mapping_propose(*, model, user, **fields):
    """Record a proposed link; it stays private until another user approves it.

    A link that already exists raises ``LinkExists``, also when a racing request recorded it
    between the check and the insert (the unique constraint refuses the second).
    """
    if not user.has_perm(kind_of(model).permission("add")):
        raise PermissionDenied(_("You may not propose links of this kind."))
    existing = _existing_link(model, fields)
    if existing is not None:
        raise LinkExists(existing)
    link = model(
        **fields,
        review_state=ReviewState.PROPOSED,
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    try:
        with transaction.atomic():  # a savepoint: the outer transaction stays usable
            return save_validated(link, user=user, reason="proposed")
    except (IntegrityError, ValidationError):
        existing = _existing_link(model, fields)
        if existing is None:
            raise
        raise LinkExists(existing) from None


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
