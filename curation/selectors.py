"""Reads for the curation queue: proposed entries and links, and how many wait."""

import dataclasses

from django.urls import reverse

from catalogue.models import Standard
from core.models import ReviewState
from core.services.entries import entry_can_review
from mappings.curation import proposed_links
from mappings.kinds import LINK_KINDS
from policies.models import PolicyInstrument, Provision

ENTRY_MODELS = {"standard": Standard, "instrument": PolicyInstrument, "provision": Provision}


@dataclasses.dataclass
class QueueEntry:
    kind: str
    entry: object
    can_review: bool
    own: bool

    @property
    def label(self) -> str:
        return str(self.entry._meta.verbose_name).capitalize()

    @property
    def admin_url(self) -> str:
        meta = self.entry._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.entry.pk])


def proposed_entries(user) -> list[QueueEntry]:
    """Every proposed standard, instrument and provision, oldest first (three queries)."""
    querysets = {
        "standard": Standard.objects.select_related("proposed_by", "committee"),
        "instrument": PolicyInstrument.objects.select_related("proposed_by", "jurisdiction"),
        "provision": Provision.objects.select_related("proposed_by", "instrument"),
    }
    items = []
    for kind, queryset in querysets.items():
        can_review = entry_can_review(user, queryset.model)
        for entry in queryset.filter(review_state=ReviewState.PROPOSED).order_by(
            "created_at", "id"
        ):
            items.append(QueueEntry(kind, entry, can_review, entry.proposed_by_id == user.pk))
    return sorted(items, key=lambda item: (item.entry.created_at, item.kind, item.entry.pk))


def queue_items(user) -> dict:
    return {"entries": proposed_entries(user), "links": proposed_links(user)}


def queue_counts() -> dict[str, int]:
    """How many links and entries wait for review (six counts)."""
    return {
        "links": sum(
            kind.model.objects.filter(review_state=ReviewState.PROPOSED).count()
            for kind in LINK_KINDS
        ),
        "entries": sum(
            model.objects.filter(review_state=ReviewState.PROPOSED).count()
            for model in ENTRY_MODELS.values()
        ),
    }
