"""The public shape of a mapping: a source standard, a target, a relationship, a confidence
and the provenance of the judgement (rows from ``mappings.selectors.mapping_rows``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalogue.models import Standard
from core.models import Confidence
from discovery.mapping_filters import RELATIONSHIP_CHOICES
from mappings.curation import link_target
from mappings.kinds import LINK_KINDS, kind_of
from mappings.selectors import TargetType, target_id

TARGET_VIEWS = {target.type: target.api_view for kind in LINK_KINDS for target in kind.targets}


class MappingSourceSerializer(serializers.Serializer):
    type = serializers.CharField(default="standard")
    reference = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
    api_url = serializers.URLField()


class MappingTargetSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("The value the target filter takes."))
    type = serializers.ChoiceField(choices=TargetType.ALL)
    key = serializers.CharField()
    label = serializers.CharField()
    api_url = serializers.URLField()


class ProvenanceSerializer(serializers.Serializer):
    source = serializers.CharField()
    locator = serializers.CharField()
    rationale = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class MappingSerializer(serializers.Serializer):
    id = serializers.CharField()
    source = MappingSourceSerializer()
    target = MappingTargetSerializer()
    relationship = serializers.ChoiceField(choices=RELATIONSHIP_CHOICES)
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    provenance = ProvenanceSerializer()
    updated_at = serializers.DateTimeField()

    def to_representation(self, row):
        return super().to_representation(mapping_as_object(row, self.context["request"]))


def mapping_as_object(row: dict, request) -> dict:
    """Shape a row of ``mapping_rows()`` as the API shows it."""
    target_type = row["target_type"]
    view, lookup, column = TARGET_VIEWS[target_type]
    key = row[column]
    return {
        "id": f"{row['link_kind']}-{row['link_id']}",
        "source": {
            "type": "standard",
            "reference": row["standard_reference"],
            "slug": row["standard_slug"],
            "title": row["standard_title"],
            "api_url": reverse(
                "api:standard-detail", kwargs={"slug": row["standard_slug"]}, request=request
            ),
        },
        "target": {
            "id": target_id(target_type, row["target_key"]),
            "type": target_type,
            "key": row["target_key"],
            "label": row["target_label"],
            "api_url": reverse(view, kwargs={lookup: key}, request=request),
        },
        "relationship": row["link_relationship"],
        "confidence": row["link_confidence"],
        "provenance": {
            "source": row["link_source"],
            "locator": row["link_locator"],
            "rationale": row["link_rationale"],
            "recorded_at": row["link_recorded_at"],
        },
        "updated_at": row["link_updated_at"],
    }


class MappingProposalSerializer(serializers.Serializer):
    """A curator's proposed link; it stays private until another user approves it."""

    standard = serializers.SlugRelatedField(slug_field="slug", queryset=Standard.objects.public())
    target = serializers.CharField(
        help_text=_(
            "objective:4.2, instrument:eu-ai-act, provision:eu-ai-act/article-40 or "
            "lifecycle_stage:deployment"
        )
    )
    relationship = serializers.ChoiceField(
        choices=RELATIONSHIP_CHOICES,
        required=False,
        help_text=_(
            "Required for instrument and provision targets; an objective target defaults to "
            "supports, a life-cycle stage target to applies_to."
        ),
    )
    source = serializers.CharField(max_length=500)
    locator = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    confidence = serializers.ChoiceField(choices=Confidence.choices, default=Confidence.MEDIUM)
    rationale = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_target(self, value):
        try:
            return link_target(value)
        except LookupError as error:
            raise serializers.ValidationError(str(error.args[0])) from error

    def validate(self, attrs):
        model, target = attrs["target"]
        field = model._meta.get_field("relationship")
        relationship = attrs.get("relationship")
        if not relationship:
            if not field.has_default():
                raise serializers.ValidationError(
                    {"relationship": [self.fields["relationship"].error_messages["required"]]}
                )
            relationship = field.default
        allowed = field.choices
        if relationship not in [value for value, _label in allowed]:
            raise serializers.ValidationError(
                {
                    "relationship": _("'%(value)s' does not fit this target. Allowed: %(allowed)s.")
                    % {"value": relationship, "allowed": ", ".join(v for v, _l in allowed)}
                }
            )
        attrs["model"], attrs["target"], attrs["relationship"] = model, target, relationship
        return attrs


class LinkStateSerializer(serializers.Serializer):
    """Where a link stands after a proposal or a review."""

    id = serializers.SerializerMethodField()
    standard = serializers.CharField(source="standard.slug")
    target = serializers.CharField(source="__str__")
    relationship = serializers.CharField()
    review_state = serializers.CharField()
    recorded_by = serializers.CharField(allow_null=True)
    reviewed_by = serializers.CharField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_comment = serializers.CharField()

    def get_id(self, link) -> str:
        return f"{kind_of(link).name}-{link.pk}"


class ReviewSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve", "reject", "withdraw"])
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
