"""The kinds of curated link, each declared once.

Services, the union selector, the curation queue, the admin, CSV, the API, feeds, roles and
the about page iterate over ``LINK_KINDS`` instead of naming kinds. Adding a kind is a model
(``mappings.models``), its migration and an entry here (README, "How to add a link kind").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.apps import apps
from django.db import models
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

from mappings.models import (
    CuratedLink,
    LifecycleRelationship,
    ObjectiveRelationship,
    ProvisionRelationship,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)


class TargetType:
    """What a link points at, as the API and the ``target`` filter name it."""

    OBJECTIVE = "objective"
    INSTRUMENT = "instrument"
    PROVISION = "provision"
    LIFECYCLE_STAGE = "lifecycle_stage"
    ALL = [OBJECTIVE, INSTRUMENT, PROVISION, LIFECYCLE_STAGE]


def _text(value) -> Value:
    return Value(value, output_field=CharField())


@dataclasses.dataclass(frozen=True)
class Target:
    """One part of a kind's rows in ``mapping_rows()``: a target type and how to read it."""

    type: str
    condition: Q  # which of the kind's links have this type of target
    lookups: list[tuple[str, str]]  # (target type asked for, lookup its keys go in)
    key: models.Expression
    label: models.Expression
    instrument: models.Expression  # the instrument slug, for provision and instrument targets
    api_view: tuple[str, str, str]  # (API view, its lookup, the row column holding the key)
    annotations: dict = dataclasses.field(default_factory=dict)  # computed before filtering


_INSTRUMENT_NAME = Coalesce(NullIf("instrument__short_name", _text("")), "instrument__name")
_NO_INSTRUMENT = Value(None, output_field=CharField())
_PROVISION_PATH = Concat(
    "instrument__slug", _text("/"), "provision__slug", output_field=CharField()
)


@dataclasses.dataclass(frozen=True)
class LinkKind:
    name: str  # in the API's ids (``objective-12``) and the curation queue's addresses
    model: type[CuratedLink]
    relationship: type[models.TextChoices]
    label: str  # "Objective links", for people
    related: list[str]  # what a link of this kind needs to be shown
    targets: list[Target]
    target_of: Callable[[CuratedLink], object]  # the row a link points at, for people
    target_field: str  # the link's foreign key to what it points at
    target_model: str  # that model, "app_label.Model"
    target_key: str  # its natural key, in the CSV's ``target`` column
    about_heading: str  # the about page's heading for this kind's relationships
    about_target: str  # "the objective": how the about page names the target
    about_note: str  # a line under the heading, or ""
    csv_kind: str  # the ``kind`` column of the mappings CSV
    csv_order: list[str]
    csv_target: Callable[[CuratedLink], tuple[str, str]]  # (target, provision) columns

    def permission(self, action: str) -> str:
        return f"{self.model._meta.app_label}.{action}_{self.model._meta.model_name}"


LINK_KINDS = [
    LinkKind(
        name="objective",
        model=StandardObjectiveLink,
        relationship=ObjectiveRelationship,
        label=_("Objective links"),
        related=["standard", "objective"],
        targets=[
            Target(
                type=TargetType.OBJECTIVE,
                condition=Q(),
                lookups=[(TargetType.OBJECTIVE, "objective__code__in")],
                key=F("objective__code"),
                label=F("objective__title"),
                instrument=_NO_INSTRUMENT,
                api_view=("api:objective-detail", "code", "target_key"),
            )
        ],
        target_of=lambda link: link.objective,
        target_field="objective",
        target_model="policies.Objective",
        target_key="code",
        about_heading=_("A standard and a policy objective"),
        about_target=_("the objective"),
        about_note="",
        csv_kind="objective",
        csv_order=["objective__code", "standard__reference", "relationship", "id"],
        csv_target=lambda link: (link.objective.code, ""),
    ),
    LinkKind(
        name="provision",
        model=StandardProvisionLink,
        relationship=ProvisionRelationship,
        label=_("Instrument links"),
        related=["standard", "instrument", "provision"],
        targets=[
            Target(
                type=TargetType.PROVISION,
                condition=Q(provision__isnull=False),
                lookups=[
                    (TargetType.INSTRUMENT, "instrument__slug__in"),
                    (TargetType.PROVISION, "provision_path__in"),
                ],
                key=F("provision_path"),
                label=Concat(_INSTRUMENT_NAME, _text(", "), "provision__ref"),
                instrument=F("instrument__slug"),
                api_view=("api:instrument-detail", "slug", "target_instrument"),
                annotations={"provision_path": _PROVISION_PATH},
            ),
            Target(
                type=TargetType.INSTRUMENT,
                condition=Q(provision__isnull=True),
                lookups=[(TargetType.INSTRUMENT, "instrument__slug__in")],
                key=F("instrument__slug"),
                label=_INSTRUMENT_NAME,
                instrument=F("instrument__slug"),
                api_view=("api:instrument-detail", "slug", "target_key"),
            ),
        ],
        target_of=lambda link: link.provision or link.instrument,
        target_field="instrument",
        target_model="policies.PolicyInstrument",
        target_key="slug",
        about_heading=_("A standard and an instrument or provision"),
        about_target=_("the provision"),
        about_note=_(
            "The first three are how policy texts use standards; the others are the set "
            "relations of NIST IR 8477 for comparing content."
        ),
        csv_kind="instrument",
        csv_order=[
            "instrument__slug",
            "provision__ref",
            "standard__reference",
            "relationship",
            "id",
        ],
        csv_target=lambda link: (
            link.instrument.slug,
            link.provision.ref if link.provision else "",
        ),
    ),
    LinkKind(
        name="lifecycle",
        model=StandardLifecycleLink,
        relationship=LifecycleRelationship,
        label=_("Life-cycle links"),
        related=["standard", "stage"],
        targets=[
            Target(
                type=TargetType.LIFECYCLE_STAGE,
                condition=Q(),
                lookups=[(TargetType.LIFECYCLE_STAGE, "stage__slug__in")],
                key=F("stage__slug"),
                label=F("stage__name"),
                instrument=_NO_INSTRUMENT,
                api_view=("api:lifecycle-stage-detail", "slug", "target_key"),
            )
        ],
        target_of=lambda link: link.stage,
        target_field="stage",
        target_model="catalogue.LifecycleStage",
        target_key="slug",
        about_heading=_("A standard and a stage of the AI life cycle"),
        about_target=_("the stage"),
        about_note="",
        csv_kind="lifecycle",
        csv_order=["stage__order", "standard__reference", "relationship", "id"],
        csv_target=lambda link: (link.stage.slug, ""),
    ),
]

BY_NAME = {kind.name: kind for kind in LINK_KINDS}
BY_MODEL = {kind.model: kind for kind in LINK_KINDS}
BY_CSV_KIND = {kind.csv_kind: kind for kind in LINK_KINDS}
# The kind of link each target type belongs to (a provision's kind is its instrument's).
BY_TARGET_TYPE = {target.type: kind for kind in LINK_KINDS for target in kind.targets}


def target_model(kind: LinkKind) -> type[models.Model]:
    return apps.get_model(kind.target_model)


def kind_of(link_or_model) -> LinkKind:
    model = link_or_model if isinstance(link_or_model, type) else type(link_or_model)
    return BY_MODEL[model]


def relationship_choices() -> list[tuple[str, str]]:
    """Every relationship any kind of link may have, each once, in declaration order."""
    seen = {}
    for kind in LINK_KINDS:
        for value, label in kind.relationship.choices:
            seen.setdefault(value, label)
    return list(seen.items())
