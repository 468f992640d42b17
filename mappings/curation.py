"""Reads for the curation queue: proposed links of every kind, with their evidence."""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import ReviewState
from mappings.kinds import BY_NAME, BY_TARGET_TYPE, LINK_KINDS, TargetType, target_model
from mappings.models import StandardProvisionLink
from mappings.selectors import TARGET_SEPARATOR
from mappings.services import review_permission
from policies.models import Provision


@dataclasses.dataclass
class QueueItem:
    kind: str
    link: object
    target: str
    can_review: bool
    own: bool

    @property
    def admin_url(self) -> str:
        meta = self.link._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.link.pk])


def proposed_links(user) -> list[QueueItem]:
    """Every proposed link, oldest first; one query per kind whatever the queue's length."""
    items = []
    for kind in LINK_KINDS:
        can_review = user.has_perm(review_permission(kind.model))
        links = kind.model.objects.select_related(*kind.related, "recorded_by")
        for link in links.filter(review_state=ReviewState.PROPOSED).order_by("recorded_at", "id"):
            items.append(
                QueueItem(
                    kind=kind.name,
                    link=link,
                    target=str(kind.target_of(link)),
                    can_review=can_review,
                    own=link.recorded_by_id == user.pk,
                )
            )
    return sorted(items, key=lambda item: (item.link.recorded_at, item.kind, item.link.pk))


def get_link(kind: str, pk: int):
    return BY_NAME[kind].model.objects.get(pk=pk)


def link_target(name: str):
    """Resolve a target named ``type:key`` (as the API's ``target``) to the link model and
    the fields that point at it; ``LookupError`` says what is wrong."""
    kind, _separator, key = name.partition(TARGET_SEPARATOR)
    if kind == TargetType.PROVISION:
        instrument, _slash, slug = key.partition("/")
        found = (
            Provision.objects.filter(instrument__slug=instrument, slug=slug)
            .select_related("instrument")
            .first()
        )
        if found is None:
            raise LookupError(_("No provision '%(key)s'.") % {"key": key})
        return StandardProvisionLink, {"instrument": found.instrument, "provision": found}
    link_kind = BY_TARGET_TYPE.get(kind)
    if link_kind is None:
        raise LookupError(
            _("Unknown target type '%(kind)s'. Allowed: %(allowed)s.")
            % {"kind": kind, "allowed": ", ".join(TargetType.ALL)}
        )
    found = target_model(link_kind).objects.filter(**{link_kind.target_key: key}).first()
    if found is None:
        raise LookupError(_("No %(kind)s '%(key)s'.") % {"kind": kind, "key": key})
    return link_kind.model, {link_kind.target_field: found}
