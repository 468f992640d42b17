"""Read serializers for objectives, jurisdictions and policy instruments (no queries)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers.catalogue import LINK_FIELDS, StandardSummarySerializer, list_url
from core.api import OptionalURLField
from mappings.models import StandardProvisionLink
from policies.models import Jurisdiction, Objective, PolicyInstrument, Provision


class ObjectiveSerializer(serializers.ModelSerializer):
    standard_count = serializers.IntegerField(
        help_text=_("Standards with an approved link to this objective.")
    )
    standards_url = serializers.SerializerMethodField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:objective-detail", lookup_field="code"
    )

    class Meta:
        model = Objective
        fields = ["code", "title", "summary", "standard_count", "standards_url", "api_url"]

    def get_standards_url(self, objective) -> str:
        return list_url(self.context["request"], "standard", objective=objective.code)


class JurisdictionSummarySerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:jurisdiction-detail", lookup_field="code"
    )

    class Meta:
        model = Jurisdiction
        fields = ["code", "name", "kind", "api_url"]


class JurisdictionSerializer(JurisdictionSummarySerializer):
    members = JurisdictionSummarySerializer(source="members.all", many=True)
    blocs = JurisdictionSummarySerializer(source="blocs.all", many=True)
    instruments_url = serializers.SerializerMethodField()
    standards_url = serializers.SerializerMethodField()

    class Meta(JurisdictionSummarySerializer.Meta):
        fields = [
            "code",
            "name",
            "kind",
            "members",
            "blocs",
            "instruments_url",
            "standards_url",
            "api_url",
        ]

    def get_instruments_url(self, jurisdiction) -> str:
        return list_url(self.context["request"], "instrument", jurisdiction=jurisdiction.code)

    def get_standards_url(self, jurisdiction) -> str:
        return list_url(self.context["request"], "standard", jurisdiction=jurisdiction.code)


class InstrumentListSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.CharField(source="jurisdiction.code")
    official_url = OptionalURLField(source="url")
    standard_count = serializers.IntegerField(
        help_text=_("Standards with an approved link to this instrument or its provisions.")
    )
    standards_url = serializers.SerializerMethodField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:instrument-detail", lookup_field="slug"
    )

    class Meta:
        model = PolicyInstrument
        fields = [
            "slug",
            "name",
            "short_name",
            "issuing_body",
            "jurisdiction",
            "kind",
            "binding",
            "adopted_on",
            "year",
            "official_url",
            "brief_section",
            "standards_summary",
            "standard_count",
            "standards_url",
            "updated_at",
            "api_url",
        ]

    def get_standards_url(self, instrument) -> str:
        return list_url(self.context["request"], "standard", instrument=instrument.slug)


class LinkedStandardSerializer(serializers.ModelSerializer):
    """A standard linked to an instrument or a provision, and why."""

    standard = StandardSummarySerializer()

    class Meta:
        model = StandardProvisionLink
        fields = ["standard", *LINK_FIELDS]


class ProvisionSerializer(serializers.ModelSerializer):
    standards = LinkedStandardSerializer(source="public_standard_links", many=True)

    class Meta:
        model = Provision
        fields = ["ref", "slug", "title", "summary", "standards"]


class InstrumentDetailSerializer(InstrumentListSerializer):
    provisions = ProvisionSerializer(source="provisions.all", many=True)
    standards = LinkedStandardSerializer(
        source="public_instrument_links",
        many=True,
        help_text=_("Standards linked to the instrument as a whole (not to one provision)."),
    )

    class Meta(InstrumentListSerializer.Meta):
        fields = [
            *InstrumentListSerializer.Meta.fields,
            "provisions",
            "standards",
            "source",
            "confidence",
            "notes",
        ]
