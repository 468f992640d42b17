"""Reads for the curation queue: proposed links of every kind, with their evidence."""

import dataclasses

from core.models import ReviewState
from mappings.kinds import BY_NAME, LINK_KINDS
from mappings.services import review_permission


@dataclasses.dataclass
class QueueItem:
    kind: str
    link: object
    target: str
    can_review: bool
    own: bool


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
