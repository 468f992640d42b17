"""Forms of the curation queue: propose a link (the API's proposal, as a form) and review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import LifecycleStage, Standard
from core.models import Confidence, ReviewState
from core.services.review import TRANSITIONS
from mappings.curation import link_target
from mappings.models import LifecycleRelationship, ObjectiveRelationship, ProvisionRelationship
from mappings.selectors import TargetType, target_id
from policies.models import Objective, PolicyInstrument, Provision

# Entries that may still be linked: public ones and proposals (not rejected or withdrawn).
LINKABLE = [ReviewState.APPROVED, ReviewState.PROPOSED]


def _relationship_choices():
    seen = {}
    for choices in (ObjectiveRelationship, ProvisionRelationship, LifecycleRelationship):
        for value, label in choices.choices:
            seen.setdefault(value, label)
    return [("", _("the usual one for the target")), *seen.items()]


def target_choices():
    """Every target a link may point at, grouped, named ``type:key`` as in the API."""
    instruments = PolicyInstrument.objects.filter(review_state__in=LINKABLE).order_by("slug")
    provisions = (
        Provision.objects.filter(review_state__in=LINKABLE, instrument__review_state__in=LINKABLE)
        .select_related("instrument")
        .order_by("instrument__slug", "order", "id")
    )
    return [
        ("", _("Choose a target")),
        (
            _("Objectives"),
            [
                (target_id(TargetType.OBJECTIVE, o.code), f"{o.code} {o.title}")
                for o in Objective.objects.order_by("code")
            ],
        ),
        (
            _("Life-cycle stages"),
            [
                (target_id(TargetType.LIFECYCLE_STAGE, s.slug), s.name)
                for s in LifecycleStage.objects.order_by("order")
            ],
        ),
        (
            _("Instruments (as a whole)"),
            [(target_id(TargetType.INSTRUMENT, i.slug), str(i)) for i in instruments],
        ),
        (
            _("Provisions"),
            [
                (target_id(TargetType.PROVISION, f"{p.instrument.slug}/{p.slug}"), str(p))
                for p in provisions
            ],
        ),
    ]


class ProposeLinkForm(forms.Form):
    """What ``POST /api/v1/mappings/`` takes, for people: the link stays private until another
    person approves it."""

    standard = forms.ModelChoiceField(
        label=_("Standard"),
        queryset=Standard.objects.filter(review_state__in=LINKABLE).order_by("reference", "id"),
        to_field_name="slug",
        empty_label=_("Choose a standard"),
    )
    target = forms.ChoiceField(label=_("Target"))
    relationship = forms.ChoiceField(
        label=_("Relationship"), choices=_relationship_choices, required=False
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Where the link comes from: a document's title or address."),
    )
    locator = forms.CharField(
        label=_("Locator"), max_length=200, required=False, help_text=_("e.g. section 4.3")
    )
    confidence = forms.ChoiceField(
        label=_("Confidence"), choices=Confidence.choices, initial=Confidence.MEDIUM
    )
    rationale = forms.CharField(label=_("Rationale"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices()

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("target")
        if not name:
            return cleaned
        try:
            model, target = link_target(name)
        except LookupError as error:
            self.add_error("target", str(error))
            return cleaned
        field = model._meta.get_field("relationship")
        allowed = [value for value, _label in field.choices]
        relationship = cleaned.get("relationship") or (field.default if field.has_default() else "")
        if not relationship:
            self.add_error(
                "relationship",
                _("Choose how the standard relates to an instrument or provision: %(allowed)s.")
                % {"allowed": ", ".join(str(label) for _value, label in field.choices)},
            )
        elif relationship not in allowed:
            self.add_error(
                "relationship",
                _("“%(value)s” does not fit this target. Allowed: %(allowed)s.")
                % {
                    "value": relationship,
                    "allowed": ", ".join(str(label) for _value, label in field.choices),
                },
            )
        cleaned["model"], cleaned["target_fields"] = model, target
        cleaned["relationship"] = relationship
        return cleaned


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[(action, action) for action in TRANSITIONS])
    comment = forms.CharField(max_length=2000, required=False)
