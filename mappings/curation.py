"""Reads for the curation queue: proposed links of every kind, with their evidence."""

import dataclasses

from mappings.models import (
    ReviewState,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from mappings.services import LINK_MODELS, review_permission


@dataclasses.dataclass
class QueueItem:
    kind: str
    link: object
    target: str
    can_review: bool
    own: bool


def proposed_links(user) -> list[QueueItem]:
    """Every proposed link, oldest first; three queries whatever the queue's length."""
    kinds = [
        (
            "objective",
            StandardObjectiveLink.objects.select_related("standard", "objective", "recorded_by"),
        ),
        (
            "provision",
            StandardProvisionLink.objects.select_related(
                "standard", "instrument", "provision", "recorded_by"
            ),
        ),
        (
            "lifecycle",
            StandardLifecycleLink.objects.select_related("standard", "stage", "recorded_by"),
        ),
    ]
    items = []
    for kind, queryset in kinds:
        can_review = user.has_perm(review_permission(queryset.model))
        for link in queryset.filter(review_state=ReviewState.PROPOSED).order_by(
            "recorded_at", "id"
        ):
            target = getattr(link, "objective", None) or getattr(link, "stage", None)
            if kind == "provision":
                target = link.provision or link.instrument
            items.append(
                QueueItem(
                    kind=kind,
                    link=link,
                    target=str(target),
                    can_review=can_review,
                    own=link.recorded_by_id == user.pk,
                )
            )
    return sorted(items, key=lambda item: (item.link.recorded_at, item.kind, item.link.pk))


def get_link(kind: str, pk: int):
    return LINK_MODELS[kind].objects.get(pk=pk)
