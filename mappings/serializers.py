"""The public shape of a mapping: a source standard, a target, a relationship, a confidence
and the provenance of the judgement (rows from ``mappings.selectors.mapping_rows``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.reverse import reverse

from core.models import Confidence
from mappings.filters import RELATIONSHIP_CHOICES
from mappings.selectors import TargetType, target_id

TARGET_VIEWS = {
    TargetType.OBJECTIVE: ("api:objective-detail", "code"),
    TargetType.INSTRUMENT: ("api:instrument-detail", "slug"),
    TargetType.LIFECYCLE_STAGE: ("api:lifecycle-stage-detail", "slug"),
}


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
    if target_type == TargetType.PROVISION:
        view, lookup, key = "api:instrument-detail", "slug", row["target_instrument"]
    else:
        (view, lookup), key = TARGET_VIEWS[target_type], row["target_key"]
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
