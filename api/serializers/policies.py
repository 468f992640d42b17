"""Read serializers for objectives, jurisdictions and policy instruments (no queries)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.catalogue import (
    LINK_FIELDS,
    CitedSourceField,
    CitedSourceSerializer,
    StandardSummarySerializer,
    list_url,
)
from core.api import OptionalURLField
from discovery.policy_selectors import adoption_reason, regional_adoptions, related_instruments
from mappings.models import StandardProvisionLink
from policies.models import (
    InstrumentRelationKind,
    Jurisdiction,
    Objective,
    PolicyInstrument,
    Provision,
)


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


class RegionalAdoptionSerializer(serializers.Serializer):
    """An adoption by a regional body of a bloc this jurisdiction belongs to: it applies here,
    derived from the membership (not recorded for this jurisdiction)."""

    standard = StandardSummarySerializer(source="adoption.standard")
    designation = serializers.CharField(source="adoption.designation")
    body = serializers.CharField(source="adoption.body.acronym")
    bloc = serializers.CharField(source="adoption.body.country.code")
    degree = serializers.CharField(source="adoption.degree")
    reason = serializers.CharField()
    derived = serializers.BooleanField(default=True)
    source = serializers.CharField(source="adoption.source")
    cited_source = CitedSourceSerializer(source="adoption.source_ref", allow_null=True)
    confidence = serializers.CharField(source="adoption.confidence")


class JurisdictionDetailSerializer(JurisdictionSerializer):
    regional_adoptions = serializers.SerializerMethodField(
        help_text=_("Adoptions that apply here through a bloc's regional body (derived).")
    )

    class Meta(JurisdictionSerializer.Meta):
        fields = [*JurisdictionSerializer.Meta.fields, "regional_adoptions"]

    @extend_schema_field(RegionalAdoptionSerializer(many=True))
    def get_regional_adoptions(self, jurisdiction) -> list[dict]:
        rows = [
            {"adoption": adoption, "reason": adoption_reason(adoption, jurisdiction)}
            for adoption in regional_adoptions(jurisdiction)
        ]
        return RegionalAdoptionSerializer(rows, many=True, context=self.context).data


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
    cited_source = CitedSourceField()

    class Meta:
        model = StandardProvisionLink
        fields = ["standard", *LINK_FIELDS]


class RelatedInstrumentSerializer(serializers.Serializer):
    """A typed link to or from another instrument (or one of its provisions)."""

    direction = serializers.ChoiceField(choices=["outgoing", "incoming"])
    kind = serializers.ChoiceField(choices=InstrumentRelationKind.choices)
    label = serializers.CharField()
    instrument = serializers.CharField(source="instrument.slug")
    instrument_name = serializers.CharField(source="instrument.__str__")
    provision = serializers.CharField(source="provision.ref", allow_null=True, default=None)
    source = serializers.CharField(source="relation.source")
    cited_source = CitedSourceSerializer(source="relation.source_ref", allow_null=True)
    confidence = serializers.CharField(source="relation.confidence")
    notes = serializers.CharField(source="relation.notes")


class ProvisionSerializer(serializers.ModelSerializer):
    standards = LinkedStandardSerializer(source="public_standard_links", many=True)
    related_instruments = serializers.SerializerMethodField()

    class Meta:
        model = Provision
        fields = ["ref", "slug", "title", "summary", "standards", "related_instruments"]

    @extend_schema_field(RelatedInstrumentSerializer(many=True))
    def get_related_instruments(self, provision) -> list[dict]:
        return RelatedInstrumentSerializer(related_instruments(provision), many=True).data


class InstrumentDetailSerializer(InstrumentListSerializer):
    provisions = ProvisionSerializer(source="provisions.all", many=True)
    standards = LinkedStandardSerializer(
        source="public_instrument_links",
        many=True,
        help_text=_("Standards linked to the instrument as a whole (not to one provision)."),
    )

    related_instruments = serializers.SerializerMethodField()
    cited_source = CitedSourceField()

    class Meta(InstrumentListSerializer.Meta):
        fields = [
            *InstrumentListSerializer.Meta.fields,
            "related_instruments",
            "provisions",
            "standards",
            "source",
            "cited_source",
            "confidence",
            "notes",
        ]

    @extend_schema_field(RelatedInstrumentSerializer(many=True))
    def get_related_instruments(self, instrument) -> list[dict]:
        return RelatedInstrumentSerializer(related_instruments(instrument), many=True).data
