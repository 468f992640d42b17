"""Reads for the curation queue: proposed links of every kind, with their evidence."""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue.models import LifecycleStage
from mappings.models import (
    ReviewState,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from mappings.selectors import TARGET_SEPARATOR, TargetType
from mappings.services import LINK_MODELS, review_permission
from policies.models import Objective, PolicyInstrument, Provision


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
    lookups = {
        TargetType.OBJECTIVE: (StandardObjectiveLink, "objective", Objective, "code"),
        TargetType.INSTRUMENT: (StandardProvisionLink, "instrument", PolicyInstrument, "slug"),
        TargetType.LIFECYCLE_STAGE: (StandardLifecycleLink, "stage", LifecycleStage, "slug"),
    }
    if kind not in lookups:
        raise LookupError(
            _("Unknown target type '%(kind)s'. Allowed: %(allowed)s.")
            % {"kind": kind, "allowed": ", ".join(TargetType.ALL)}
        )
    model, field, target_model, key_field = lookups[kind]
    found = target_model.objects.filter(**{key_field: key}).first()
    if found is None:
        raise LookupError(_("No %(kind)s '%(key)s'.") % {"kind": kind, "key": key})
    return model, {field: found}
