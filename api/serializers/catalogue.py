"""Read serializers for standards, committees, life-cycle stages and national adoptions.

Explicit field lists; no queries: every related row comes from the selectors' joins and
prefetches. Each link says why it exists: relationship, source, locator and confidence.
"""

import re
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalogue.models import (
    STANDARD_CURATED_FIELDS,
    Committee,
    LifecycleStage,
    NationalAdoption,
    RelationKind,
    Series,
    Standard,
    StandardsBody,
    standard_stage_description,
    standard_status,
)
from core.api import FieldsBuiltOnce, OptionalURLField
from core.models import ReviewState
from exchange import iso_open_data
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink

LINK_FIELDS = ["relationship", "source", "cited_source", "locator", "confidence"]

INCOMING_LABELS = {
    RelationKind.REPLACES: _("is replaced by"),
    RelationKind.REVISES: _("is revised by"),
    RelationKind.AMENDS: _("is amended by"),
    RelationKind.PART_OF: _("has part"),
    RelationKind.NORMATIVELY_REFERENCES: _("is normatively referenced by"),
    RelationKind.RELATED: _("is related to"),
    RelationKind.ADOPTS: _("is adopted by"),
    RelationKind.BASED_ON: _("is the basis of"),
}


def list_url(request, name: str, **query) -> str:
    """The URL of an API list, filtered: ``list_url(request, "standard", objective="4.2")``."""
    return f"{reverse(f'api:{name}-list', request=request)}?{urlencode(query)}"


SAFE_LOOKUP = re.compile(r"[A-Za-z0-9._~-]+")


class CachedURLMixin:
    """Reverse a view's URL once per response; later objects put their key in its place.

    ``reverse()`` costs tens of microseconds and a page of 50 standards carries about 1,500
    URLs (one per link). A key that URL quoting could change goes through ``reverse()``.
    """

    def get_url(self, obj, view_name, request, format):
        value = getattr(obj, self.lookup_field, None)
        text = "" if value is None else str(value)
        if format or getattr(obj, "pk", None) in (None, "") or not SAFE_LOOKUP.fullmatch(text):
            return super().get_url(obj, view_name, request, format)
        templates = self.context.setdefault("_url_templates", {})
        template = templates.get(view_name)
        if template is None:
            url = super().get_url(obj, view_name, request, format)
            head, found, tail = url.rpartition(text)
            if found:
                templates[view_name] = (head, tail)
            return url
        return f"{template[0]}{text}{template[1]}"


class CachedHyperlinkedRelatedField(CachedURLMixin, serializers.HyperlinkedRelatedField):
    pass


class CachedHyperlinkedIdentityField(CachedURLMixin, serializers.HyperlinkedIdentityField):
    pass


def cited_source(row) -> dict | None:
    """A row's readable source as a titled link, or ``None``."""
    source = row.source_ref
    if source is None:
        return None
    return {
        "publisher": source.publisher,
        "title": source.title,
        "date": source.date,
        "url": source.url,
    }


class CitedSourceSerializer(serializers.Serializer):
    """A source people can read: publisher, title, date as precise as known, and address."""

    publisher = serializers.CharField()
    title = serializers.CharField()
    date = serializers.CharField(allow_blank=True)
    url = serializers.URLField()


@extend_schema_field(CitedSourceSerializer)
class CitedSourceField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, row):
        return cited_source(row)


def _link_fields(link) -> dict:
    return {
        "relationship": link.relationship,
        "source": link.source,
        "cited_source": cited_source(link),
        "locator": link.locator,
        "confidence": link.confidence,
    }


class StandardSummarySerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    api_url = CachedHyperlinkedIdentityField(view_name="api:standard-detail", lookup_field="slug")

    class Meta:
        model = Standard
        fields = ["reference", "slug", "title", "api_url"]


class ObjectiveLinkSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    cited_source = CitedSourceField()
    """A standard's approved link to an objective of the policy brief."""

    code = serializers.CharField(source="objective.code")
    title = serializers.CharField(source="objective.title")
    api_url = CachedHyperlinkedRelatedField(
        source="objective", view_name="api:objective-detail", lookup_field="code", read_only=True
    )

    class Meta:
        model = StandardObjectiveLink
        fields = ["code", "title", *LINK_FIELDS, "api_url"]

    def to_representation(self, link):
        # The fields above, written out: lists carry ten links per standard (issue 7).
        objective = link.objective
        return {
            "code": objective.code,
            "title": objective.title,
            **_link_fields(link),
            "api_url": self.fields["api_url"].to_representation(objective),
        }


class LifecycleLinkSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    cited_source = CitedSourceField()
    """A standard's approved link to a stage of the AI system life cycle."""

    slug = serializers.CharField(source="stage.slug")
    name = serializers.CharField(source="stage.name")
    api_url = CachedHyperlinkedRelatedField(
        source="stage", view_name="api:lifecycle-stage-detail", lookup_field="slug", read_only=True
    )

    class Meta:
        model = StandardLifecycleLink
        fields = ["slug", "name", *LINK_FIELDS, "api_url"]

    def to_representation(self, link):
        stage = link.stage
        return {
            "slug": stage.slug,
            "name": stage.name,
            **_link_fields(link),
            "api_url": self.fields["api_url"].to_representation(stage),
        }


class LinkedProvisionSerializer(serializers.Serializer):
    ref = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()


class InstrumentLinkSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    cited_source = CitedSourceField()
    """A standard's approved link to an instrument, or to one provision of it."""

    slug = serializers.CharField(source="instrument.slug")
    name = serializers.CharField(source="instrument.__str__")
    jurisdiction = serializers.CharField(source="instrument.jurisdiction.code")
    provision = LinkedProvisionSerializer(allow_null=True)
    api_url = CachedHyperlinkedRelatedField(
        source="instrument",
        view_name="api:instrument-detail",
        lookup_field="slug",
        read_only=True,
    )

    class Meta:
        model = StandardProvisionLink
        fields = ["slug", "name", "jurisdiction", "provision", *LINK_FIELDS, "api_url"]

    def to_representation(self, link):
        instrument, provision = link.instrument, link.provision
        return {
            "slug": instrument.slug,
            "name": str(instrument),
            "jurisdiction": instrument.jurisdiction.code,
            "provision": None
            if provision is None
            else {"ref": provision.ref, "slug": provision.slug, "title": provision.title},
            **_link_fields(link),
            "api_url": self.fields["api_url"].to_representation(instrument),
        }


class ReasonSerializer(serializers.Serializer):
    """A fact that matches an active filter (``discovery.reasons``)."""

    filter = serializers.ChoiceField(
        choices=["objective", "jurisdiction", "lifecycle_stage", "instrument"],
        help_text=_("The filter parameter this reason answers."),
    )
    text = serializers.CharField(
        help_text=_("The reason, e.g. “EU AI Act Art. 15 — supports compliance with, medium”.")
    )


class StandardListSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    api_url = CachedHyperlinkedIdentityField(view_name="api:standard-detail", lookup_field="slug")
    official_url = OptionalURLField(source="url")
    status = serializers.CharField()
    stage = serializers.CharField(source="stage_description")
    committee = serializers.CharField(source="committee.code", allow_null=True)
    series = serializers.CharField(source="series.code", allow_null=True)
    objectives = ObjectiveLinkSerializer(source="public_objective_links", many=True)
    lifecycle_stages = LifecycleLinkSerializer(source="public_lifecycle_links", many=True)
    instruments = InstrumentLinkSerializer(source="public_provision_links", many=True)
    matched_because = serializers.SerializerMethodField(
        help_text=_(
            "Why the standard matches the active objective, jurisdiction, life-cycle stage and "
            "instrument filters: the links and adoptions concerned. Empty without such filters."
        )
    )

    class Meta:
        model = Standard
        fields = [
            "reference",
            "slug",
            "title",
            "summary",
            "deliverable_type",
            "number",
            "part",
            "year",
            "edition",
            "publication_date",
            "stage_code",
            "stage",
            "status",
            "committee",
            "series",
            "in_brief",
            "iso_id",
            "official_url",
            "objectives",
            "lifecycle_stages",
            "instruments",
            "matched_because",
            "updated_at",
            "api_url",
        ]

    @extend_schema_field(ReasonSerializer(many=True))
    def get_matched_because(self, standard) -> list[dict]:
        reasons = self.context.get("matched_because", {}).get(standard.pk, [])
        return [{"filter": reason.filter, "text": reason.text} for reason in reasons]


class URLs:
    """Build API URLs from a key: one ``reverse()`` per view and response, then templates."""

    def __init__(self, request):
        self.request = request
        self.templates: dict[str, tuple[str, str]] = {}

    def __call__(self, view: str, lookup: str, key) -> str:
        text = str(key)
        template = self.templates.get(view)
        if template is not None and SAFE_LOOKUP.fullmatch(text):
            return f"{template[0]}{text}{template[1]}"
        url = reverse(view, kwargs={lookup: key}, request=self.request)
        head, found, tail = url.rpartition(text)
        if found and SAFE_LOOKUP.fullmatch(text):
            self.templates[view] = (head, tail)
        return url


_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def _optional(field, value):
    return None if value is None else field.to_representation(value)


def _link_values(link: dict) -> dict:
    return {
        "relationship": link["relationship"],
        "source": link["source"],
        "cited_source": None
        if link["source_ref_id"] is None
        else {
            "publisher": link["source_ref__publisher"],
            "title": link["source_ref__title"],
            "date": link["source_ref__date"],
            "url": link["source_ref__url"],
        },
        "locator": link["locator"],
        "confidence": link["confidence"],
    }


def standard_list_item(row: dict, urls: URLs) -> dict:
    """A row of ``discovery.selectors.standard_list_rows`` as ``StandardListSerializer`` shows
    a standard, written out from values (the list is the API's hot path; issue 12)."""
    return {
        "reference": row["reference"],
        "slug": row["slug"],
        "title": row["title"],
        "summary": row["summary"],
        "deliverable_type": row["deliverable_type"],
        "number": row["number"],
        "part": row["part"],
        "year": row["year"],
        "edition": row["edition"],
        "publication_date": _optional(_DATE, row["publication_date"]),
        "stage_code": row["stage_code"],
        "stage": standard_stage_description(row["stage_code"], row["stated_status"]),
        "status": str(standard_status(row["stage_code"], row["stated_status"])),
        "committee": row["committee__code"],
        "series": row["series__code"],
        "in_brief": row["in_brief"],
        "iso_id": row["iso_id"],
        "official_url": row["url"] or None,
        "objectives": [
            {
                "code": link["objective__code"],
                "title": link["objective__title"],
                **_link_values(link),
                "api_url": urls("api:objective-detail", "code", link["objective__code"]),
            }
            for link in row["objectives"]
        ],
        "lifecycle_stages": [
            {
                "slug": link["stage__slug"],
                "name": link["stage__name"],
                **_link_values(link),
                "api_url": urls("api:lifecycle-stage-detail", "slug", link["stage__slug"]),
            }
            for link in row["lifecycle_stages"]
        ],
        "instruments": [
            {
                "slug": link["instrument__slug"],
                "name": link["instrument__short_name"] or link["instrument__name"],
                "jurisdiction": link["instrument__jurisdiction__code"],
                "provision": None
                if link["provision_id"] is None
                else {
                    "ref": link["provision__ref"],
                    "slug": link["provision__slug"],
                    "title": link["provision__title"],
                },
                **_link_values(link),
                "api_url": urls("api:instrument-detail", "slug", link["instrument__slug"]),
            }
            for link in row["instruments"]
        ],
        "matched_because": [],  # filled by the view for the active filters
        "updated_at": _optional(_DATETIME, row["updated_at"]),
        "api_url": urls("api:standard-detail", "slug", row["slug"]),
    }


def is_public(standard: Standard) -> bool:
    return standard.review_state == ReviewState.APPROVED


class SeriesSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    parts = serializers.SerializerMethodField()

    class Meta:
        model = Series
        fields = ["code", "title", "summary", "parts"]

    @extend_schema_field(StandardSummarySerializer(many=True))
    def get_parts(self, series) -> list[dict]:
        parts = [part for part in series.parts.all() if is_public(part)]
        return StandardSummarySerializer(parts, many=True, context=self.context).data


class StandardAdoptionSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """A national designation of a standard; ``is_adoption`` is false for NEQ."""

    body = serializers.CharField(source="body.acronym")
    body_name = serializers.CharField(source="body.name")
    country = serializers.CharField(source="body.country.code")
    is_adoption = serializers.BooleanField()
    scope = serializers.SerializerMethodField(
        help_text=_(
            "national: recorded for the body's country; regional: by a regional body (CEN, "
            "CENELEC), applying in every member of its bloc, derived from membership."
        )
    )
    cited_source = CitedSourceField()

    class Meta:
        model = NationalAdoption
        fields = [
            "designation",
            "body",
            "body_name",
            "country",
            "degree",
            "degree_confidence",
            "is_adoption",
            "adopted_on",
            "status",
            "scope",
            "source",
            "cited_source",
            "confidence",
        ]

    def get_scope(self, adoption) -> str:
        return "regional" if adoption.is_regional else "national"


class AdoptionSerializer(StandardAdoptionSerializer):
    standard = StandardSummarySerializer()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:adoption-detail")

    class Meta(StandardAdoptionSerializer.Meta):
        fields = [
            "id",
            "standard",
            *StandardAdoptionSerializer.Meta.fields,
            "updated_at",
            "api_url",
        ]


class RelationSerializer(serializers.Serializer):
    """A relation between two standards, seen from one of them."""

    kind = serializers.ChoiceField(choices=RelationKind.choices)
    direction = serializers.ChoiceField(choices=["outgoing", "incoming"])
    label = serializers.CharField()
    standard = StandardSummarySerializer()
    degree = serializers.CharField(allow_blank=True)
    source = serializers.CharField()
    cited_source = CitedSourceSerializer(allow_null=True)
    confidence = serializers.CharField()


class IsoAbstractAttributionSerializer(serializers.Serializer):
    """Whose text ``iso_abstract`` is, and under which licence."""

    text = serializers.CharField()
    publisher = serializers.CharField()
    dataset = serializers.CharField()
    licence = serializers.CharField()
    licence_url = serializers.URLField()


def iso_abstract_attribution() -> dict:
    return {
        "text": str(
            _(
                "Text published by ISO in its Open Data (dataset %(dataset)s), © ISO, under "
                "the Open Data Commons Attribution License (%(licence)s). It is ISO's "
                "description, not this catalogue's summary."
            )
            % {"dataset": iso_open_data.DATASET, "licence": iso_open_data.LICENCE}
        ),
        "publisher": "ISO",
        "dataset": iso_open_data.DATASET,
        "licence": iso_open_data.LICENCE,
        "licence_url": iso_open_data.LICENCE_URL,
    }


class StandardDetailSerializer(StandardListSerializer):
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_list")
    series = SeriesSerializer(allow_null=True)
    replaces = serializers.SerializerMethodField()
    replaced_by = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()
    adoptions = StandardAdoptionSerializer(source="adoptions.all", many=True)
    matched_because = None  # a detail answers no filter
    cited_source = CitedSourceField()
    title_ja_source = serializers.CharField(
        read_only=True, help_text=_("Where the Japanese title is printed; empty without one.")
    )
    title_ja_confidence = serializers.CharField(
        read_only=True,
        help_text=_("How sure we are of the Japanese title (high, medium, low, unverified)."),
    )
    iso_abstract = serializers.SerializerMethodField(
        help_text=_(
            "The scope as ISO Open Data publishes it (plain text), or null: ISO's text, under "
            "iso_abstract_attribution's licence, never this catalogue's summary."
        )
    )
    iso_abstract_attribution = serializers.SerializerMethodField(
        help_text=_("Whose text iso_abstract is and its licence; null without an abstract.")
    )

    class Meta(StandardListSerializer.Meta):
        fields = [
            *(name for name in StandardListSerializer.Meta.fields if name != "matched_because"),
            "aliases",
            "stage_date",
            "ai_act_status",
            "oj_cited_on",
            "replaces",
            "replaced_by",
            "relations",
            "adoptions",
            "source",
            "cited_source",
            "confidence",
            "notes",
            "title_ja_source",
            "title_ja_confidence",
            "iso_abstract",
            "iso_abstract_attribution",
        ]

    def get_iso_abstract(self, standard) -> str | None:
        return standard.iso_abstract or None

    @extend_schema_field(IsoAbstractAttributionSerializer(allow_null=True))
    def get_iso_abstract_attribution(self, standard) -> dict | None:
        return iso_abstract_attribution() if standard.iso_abstract else None

    def _relations(self, standard) -> list[dict]:
        relations = [
            {
                "kind": relation.kind,
                "direction": "outgoing",
                "label": relation.get_kind_display(),
                "standard": relation.to_standard,
                "degree": relation.degree,
                "source": relation.source,
                "cited_source": cited_source(relation),
                "confidence": relation.confidence,
            }
            for relation in standard.relations_from.all()
            if is_public(relation.to_standard)
        ]
        relations += [
            {
                "kind": relation.kind,
                "direction": "incoming",
                "label": INCOMING_LABELS[relation.kind],
                "standard": relation.from_standard,
                "degree": relation.degree,
                "source": relation.source,
                "cited_source": cited_source(relation),
                "confidence": relation.confidence,
            }
            for relation in standard.relations_to.all()
            if is_public(relation.from_standard)
        ]
        return relations

    def _related(self, standard, kind: str, direction: str) -> list[dict]:
        standards = [
            relation["standard"]
            for relation in self._relations(standard)
            if relation["kind"] == kind and relation["direction"] == direction
        ]
        return StandardSummarySerializer(standards, many=True, context=self.context).data

    @extend_schema_field(StandardSummarySerializer(many=True))
    def get_replaces(self, standard) -> list[dict]:
        return self._related(standard, RelationKind.REPLACES, "outgoing")

    @extend_schema_field(StandardSummarySerializer(many=True))
    def get_replaced_by(self, standard) -> list[dict]:
        return self._related(standard, RelationKind.REPLACES, "incoming")

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, standard) -> list[dict]:
        return RelationSerializer(self._relations(standard), many=True, context=self.context).data


class CommitteeSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", allow_null=True)
    official_url = OptionalURLField(source="url")
    standards_url = serializers.SerializerMethodField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:committee-detail", lookup_field="slug"
    )

    class Meta:
        model = Committee
        fields = ["code", "slug", "title", "parent", "official_url", "standards_url", "api_url"]

    def get_standards_url(self, committee) -> str:
        return list_url(self.context["request"], "standard", committee=committee.slug)


class LifecycleStageSerializer(serializers.ModelSerializer):
    standard_count = serializers.IntegerField()
    standards_url = serializers.SerializerMethodField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:lifecycle-stage-detail", lookup_field="slug"
    )

    class Meta:
        model = LifecycleStage
        fields = [
            "slug",
            "name",
            "order",
            "description",
            "standard_count",
            "standards_url",
            "api_url",
        ]

    def get_standards_url(self, stage) -> str:
        return list_url(self.context["request"], "standard", lifecycle_stage=stage.slug)


class StandardWriteSerializer(serializers.ModelSerializer):
    """What a curator sends to create or change a standard (natural keys for relations)."""

    slug = serializers.SlugField(required=False, max_length=140)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    committee = serializers.SlugRelatedField(
        slug_field="code", queryset=Committee.objects.all(), allow_null=True, required=False
    )
    series = serializers.SlugRelatedField(
        slug_field="code", queryset=Series.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Standard
        fields = STANDARD_CURATED_FIELDS

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "aliases" in values:
            values["aliases"] = "\n".join(
                alias.strip() for alias in values["aliases"] if alias.strip()
            )
        return values


class AdoptionWriteSerializer(serializers.ModelSerializer):
    """What a standards body's curator sends to record or change a national adoption."""

    standard = serializers.SlugRelatedField(slug_field="slug", queryset=Standard.objects.public())
    body = serializers.SlugRelatedField(slug_field="acronym", queryset=StandardsBody.objects.all())

    class Meta:
        model = NationalAdoption
        fields = [
            "standard",
            "body",
            "designation",
            "degree",
            "degree_confidence",
            "adopted_on",
            "status",
            "source",
            "confidence",
            "notes",
        ]
        validators = []  # uniqueness is checked by the service's full_clean, with one message
