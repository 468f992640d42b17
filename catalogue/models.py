"""The documents: standards (one edition of one deliverable), their series, committees and
national adoptions, and the AI system life-cycle stages they apply to."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogue.stages import STAGE_CODES, Status, describe_stage, status_for
from core.managers import NaturalKeyManager
from core.models import (
    Confidence,
    Reviewed,
    ReviewedQuerySet,
    ReviewState,
    Sourced,
    TimeStamped,
    choices_check,
    japanese_confidence,
    japanese_confidence_checks,
    japanese_source,
    review_constraints,
)
from core.text import reference_sort_key
from policies.models import Cited


class Committee(models.Model):
    """A technical committee, subcommittee or joint working group (``ISO/IEC JTC 1/SC 42``)."""

    code = models.CharField(_("code"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_ja_source = japanese_source(_("source of the Japanese title"))
    title_ja_confidence = japanese_confidence(_("confidence in the Japanese title"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent committee"),
    )
    url = models.URLField(_("official page"), max_length=500, blank=True)

    objects = NaturalKeyManager("code")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["code"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            *japanese_confidence_checks("committee", "title"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="committee_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("catalogue:committee-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.code,)


class Sector(models.Model):
    """An application sector (finance, health …) and the committees that serve it."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ja_source = japanese_source(_("source of the Japanese name"))
    name_ja_confidence = japanese_confidence(_("confidence in the Japanese name"))
    description = models.TextField(_("description"), blank=True)
    committees = models.ManyToManyField(
        Committee, related_name="sectors", blank=True, verbose_name=_("committees")
    )

    objects = NaturalKeyManager("slug")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["name_en"]  # in every language: a Japanese name may be missing
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [*japanese_confidence_checks("sector", "name")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class LifecycleStage(models.Model):
    """A stage of the ISO/IEC 22989 AI system life cycle, in order."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ja_source = japanese_source(_("source of the Japanese name"))
    name_ja_confidence = japanese_confidence(_("confidence in the Japanese name"))
    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = NaturalKeyManager("slug")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["order"]
        verbose_name = _("life-cycle stage")
        verbose_name_plural = _("life-cycle stages")
        constraints = [*japanese_confidence_checks("lifecycle_stage", "name")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Series(models.Model):
    """A multi-part deliverable cited as a whole (``ISO/IEC 5259``); its parts are standards."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=500)
    title_ja_source = japanese_source(_("source of the Japanese title"))
    title_ja_confidence = japanese_confidence(_("confidence in the Japanese title"))
    summary = models.TextField(_("summary"), blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("committee"),
    )

    objects = NaturalKeyManager("code")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["code"]
        verbose_name = _("series")
        verbose_name_plural = _("series")
        constraints = [*japanese_confidence_checks("series", "title")]

    def __str__(self):
        return f"{self.code} series"

    def natural_key(self):
        return (self.code,)


class StandardQuerySet(ReviewedQuerySet):
    """``public()``: standards a reviewer has approved (a curator or an import proposes)."""


class StandardManager(NaturalKeyManager.from_queryset(StandardQuerySet)):
    def __init__(self):
        super().__init__("reference")


class DeliverableType(models.TextChoices):
    IS = "IS", _("International Standard")
    TS = "TS", _("Technical Specification")
    TR = "TR", _("Technical Report")
    PAS = "PAS", _("Publicly Available Specification")
    IWA = "IWA", _("International Workshop Agreement")
    GUIDE = "Guide", _("Guide")
    EN = "EN", _("European Standard")


# What a curator sets on a standard, in this order: the columns of the standards CSV (import
# and export) and the fields of the write API.
STANDARD_CURATED_FIELDS = [
    "reference",
    "slug",
    "aliases",
    "deliverable_type",
    "number",
    "part",
    "year",
    "edition",
    "publication_date",
    "title",
    "title_ja",
    "title_ja_source",
    "title_ja_confidence",
    "summary",
    "committee",
    "series",
    "stage_code",
    "iso_id",
    "url",
    "in_brief",
    "source",
    "confidence",
    "notes",
]


def standard_status(stage_code: str, stated_status: str) -> Status:
    """The stage code's bucket; without a code, the status a source states, if any."""
    if not stage_code and stated_status:
        return Status(stated_status)
    return status_for(stage_code)


def standard_stage_description(stage_code: str, stated_status: str) -> str:
    """The stage in words; without a code, the stated status "…, stage not stated"."""
    if not stage_code and stated_status:
        return str(_("%(status)s, stage not stated") % {"status": Status(stated_status).label})
    return describe_stage(stage_code)


class AiActStatus(models.TextChoices):
    """Where a European deliverable stands as a harmonised standard under the EU AI Act."""

    NONE = "", _("Not a harmonised standard candidate")
    CANDIDATE = (
        "candidate",
        _("Harmonised standard candidate, not yet cited in the Official Journal"),
    )
    CITED = "cited", _("Cited in the Official Journal")


class Standard(Reviewed, Sourced, Cited, TimeStamped):
    """One edition of one deliverable (``ISO/IEC TS 8200:2024``), or a project without a year."""

    DeliverableType = DeliverableType

    reference = models.CharField(_("reference"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    sort_key = models.CharField(
        _("sort key"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The reference in its natural order (core.text.reference_sort_key)."),
    )
    aliases = models.TextField(
        _("other printed forms"),
        blank=True,
        help_text=_("One per line, e.g. the form a policy prints without the year."),
    )
    number = models.CharField(_("number"), max_length=20)
    part = models.CharField(_("part"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    deliverable_type = models.CharField(
        _("deliverable type"), max_length=8, choices=DeliverableType.choices
    )
    title = models.CharField(_("title"), max_length=500)
    title_ja_source = japanese_source(_("source of the Japanese title"))
    title_ja_confidence = japanese_confidence(_("confidence in the Japanese title"))
    summary = models.TextField(_("summary"), blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standards",
        verbose_name=_("committee"),
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("series"),
    )
    stage_code = models.CharField(
        _("harmonized stage code"),
        max_length=5,
        blank=True,
        choices=[(code, f"{code} {label}") for code, label in STAGE_CODES.items()],
        help_text=_("ISO Guide 69 stage code; empty when not known."),
    )
    stated_status = models.CharField(
        _("status as the sources state it"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_(
            "Only when no source gives a stage code: e.g. published, stage not stated. "
            "A stage code, when known, decides the status."
        ),
    )
    stage_date = models.DateField(_("stage reached on"), null=True, blank=True)
    ai_act_status = models.CharField(
        _("EU AI Act status"),
        max_length=10,
        choices=AiActStatus.choices,
        blank=True,
        help_text=_("For European deliverables written for the AI Act."),
    )
    oj_cited_on = models.DateField(_("cited in the Official Journal on"), null=True, blank=True)
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    iso_id = models.PositiveIntegerField(_("ISO id"), null=True, blank=True, unique=True)
    url = models.URLField(_("official page"), max_length=500, blank=True)
    in_brief = models.BooleanField(_("named in the ISO policy brief"), default=False)
    open_data_values = models.JSONField(
        _("values as last imported from ISO Open Data"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Lets an import tell a curator's edit from a change at ISO."),
    )
    open_data_imported_at = models.DateTimeField(
        _("last imported from ISO Open Data"), null=True, blank=True, editable=False
    )
    iso_abstract = models.TextField(
        _("ISO's abstract"),
        blank=True,
        editable=False,
        help_text=_(
            "The scope as ISO Open Data publishes it (plain text), shown as ISO's text with "
            "the licence's attribution; never our summary."
        ),
    )

    objects = StandardManager()

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        permissions = [("review_standard", _("Can approve, reject or withdraw a standard"))]
        constraints = [
            *japanese_confidence_checks("standard", "title"),
            choices_check("deliverable_type", DeliverableType, "standard_deliverable_type_valid"),
            *review_constraints("standard"),
            choices_check("stated_status", Status, "standard_stated_status_valid", blank=True),
            choices_check("ai_act_status", AiActStatus, "standard_ai_act_status_valid"),
            models.CheckConstraint(
                condition=(
                    models.Q(ai_act_status=AiActStatus.CITED, oj_cited_on__isnull=False)
                    | (
                        ~models.Q(ai_act_status=AiActStatus.CITED)
                        & models.Q(oj_cited_on__isnull=True)
                    )
                ),
                name="standard_oj_citation_dated",
            ),
            models.CheckConstraint(
                condition=models.Q(stage_code__in=["", *STAGE_CODES]),
                name="standard_stage_code_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__gte=1947, year__lte=2100),
                name="standard_year_sane",
            ),
            models.CheckConstraint(
                condition=models.Q(edition__isnull=True) | models.Q(edition__gte=1),
                name="standard_edition_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(reference="") & ~models.Q(slug=""),
                name="standard_reference_not_empty",
            ),
        ]
        indexes = [
            models.Index(fields=["stage_code"], name="standard_stage_code_idx"),
            models.Index(fields=["year", "id"], name="standard_year_idx"),
            # Public lists count and page in reference order: an index-only count and an
            # ordered scan instead of reading every row (issues 7 and 16).
            models.Index(
                fields=["review_state", "sort_key", "id"], name="standard_public_sort_idx"
            ),
            # ... and a narrow one that PostgreSQL prefers for counting them at 100,000 rows,
            # where the wide index above costs more in its estimate than reading the table.
            models.Index(
                fields=["id"],
                condition=models.Q(review_state="approved"),
                name="standard_public_count_idx",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("catalogue:standard-detail", kwargs={"slug": self.slug})

    def clean(self):
        """Keep the sort key in step with the reference: every validated write (admin, write
        API, CSV and ISO Open Data imports, reference loader) passes here."""
        super().clean()
        self.sort_key = reference_sort_key(self.reference)

    def natural_key(self):
        return (self.reference,)

    @property
    def status(self) -> Status:
        return standard_status(self.stage_code, self.stated_status)

    @property
    def stage_description(self) -> str:
        return standard_stage_description(self.stage_code, self.stated_status)

    @cached_property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.aliases.splitlines() if alias.strip()]


class StandardSlugAliasQuerySet(models.QuerySet):
    def public_standard(self, slug: str) -> Standard | None:
        """The published standard that once had the address ``slug``, if any."""
        alias = (
            self.filter(slug=slug, standard__review_state=ReviewState.APPROVED)
            .select_related("standard")
            .first()
        )
        return alias.standard if alias else None


class StandardSlugAlias(models.Model):
    """An address a standard had before (a draft's, before ISO published it): it redirects."""

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    standard = models.ForeignKey(
        Standard,
        on_delete=models.CASCADE,
        related_name="previous_slugs",
        verbose_name=_("standard"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StandardSlugAliasQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("previous address of a standard")
        verbose_name_plural = _("previous addresses of standards")

    def __str__(self):
        return f"{self.slug} → {self.standard.slug}"


class RelationKind(models.TextChoices):
    REPLACES = "replaces", _("replaces")
    REVISES = "revises", _("revises")
    AMENDS = "amends", _("amends")
    PART_OF = "part_of", _("is part of")
    NORMATIVELY_REFERENCES = "normatively_references", _("normatively references")
    RELATED = "related", _("is related to")
    ADOPTS = "adopts", _("adopts")
    BASED_ON = "based_on", _("is based on")


class StandardRelation(Sourced, Cited):
    """A typed link between two standards: ``from_standard`` *replaces* ``to_standard`` …"""

    Kind = RelationKind

    from_standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="relations_from"
    )
    to_standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="relations_to")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    degree = models.CharField(
        _("degree of correspondence"),
        max_length=3,
        choices=[("IDT", _("Identical")), ("MOD", _("Modified"))],
        blank=True,
        help_text=_("For an adoption (EN ISO/IEC …): identical or modified."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_standard__reference", "kind", "to_standard__reference"]
        verbose_name = _("relation between standards")
        verbose_name_plural = _("relations between standards")
        constraints = [
            choices_check("kind", RelationKind, "standard_relation_kind_valid"),
            models.UniqueConstraint(
                fields=["from_standard", "to_standard", "kind"], name="standard_relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_standard=models.F("to_standard")),
                name="standard_relation_not_self",
            ),
            models.CheckConstraint(
                condition=models.Q(degree="")
                | models.Q(kind=RelationKind.ADOPTS, degree__in=["IDT", "MOD"]),
                name="standard_relation_degree_for_adoption",
            ),
        ]

    def __str__(self):
        return f"{self.from_standard} {self.get_kind_display()} {self.to_standard}"


class StandardsBody(models.Model):
    """A national (or regional) standards body: BSI, DIN, JISC, KEBS …"""

    acronym = models.CharField(_("acronym"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    name_ja_source = japanese_source(_("source of the Japanese name"))
    name_ja_confidence = japanese_confidence(_("confidence in the Japanese name"))
    country = models.ForeignKey(
        "policies.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="standards_bodies",
        verbose_name=_("country"),
    )
    url = models.URLField(_("official page"), max_length=500, blank=True)
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="standards_bodies",
        blank=True,
        verbose_name=_("curators"),
        help_text=_("Staff who may record and edit this body's national adoptions."),
    )

    objects = NaturalKeyManager("acronym")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("standards body")
        verbose_name_plural = _("standards bodies")
        constraints = [*japanese_confidence_checks("standards_body", "name")]

    def __str__(self):
        return self.acronym

    def natural_key(self):
        return (self.acronym,)


class Degree(models.TextChoices):
    IDT = "IDT", _("Identical")
    MOD = "MOD", _("Modified")
    NEQ = "NEQ", _("Not equivalent")


class AdoptionStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    DRAFT = "draft", _("In preparation")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NationalAdoption(Sourced, Cited, TimeStamped):
    """A standards body's national designation of a standard (``BS ISO/IEC 42001:2023``).

    A ``NEQ`` (not equivalent) designation is recorded but is not an adoption.
    """

    Degree = Degree

    AdoptionStatus = AdoptionStatus

    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("standard")
    )
    body = models.ForeignKey(
        StandardsBody,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("standards body"),
    )
    designation = models.CharField(_("national designation"), max_length=200)
    degree = models.CharField(
        _("degree of correspondence"),
        max_length=3,
        choices=Degree.choices,
        blank=True,
        help_text=_("Empty when no source states it; only IDT and MOD count as adoptions."),
    )
    degree_confidence = models.CharField(
        _("confidence in the degree"),
        max_length=10,
        choices=Confidence.choices,
        blank=True,
        help_text=_(
            "Set when the degree is less sure than the rest of the row: unverified when the "
            "research recorded it but the source read does not state it."
        ),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AdoptionStatus.choices, default=AdoptionStatus.CURRENT
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["body__acronym", "designation", "id"]
        verbose_name = _("national adoption")
        verbose_name_plural = _("national adoptions")
        constraints = [
            choices_check("degree", Degree, "adoption_degree_valid", blank=True),
            choices_check(
                "degree_confidence", Confidence, "adoption_degree_confidence_valid", blank=True
            ),
            choices_check("status", AdoptionStatus, "adoption_status_valid"),
            models.UniqueConstraint(
                fields=["body", "designation"], name="adoption_designation_unique"
            ),
        ]

    def __str__(self):
        return self.designation

    def natural_key(self):
        return (self.body.acronym, self.designation)

    @property
    def is_adoption(self) -> bool:
        return self.degree in {Degree.IDT, Degree.MOD}

    @property
    def is_regional(self) -> bool:
        """Adopted by a regional body (CEN, CENELEC) whose country is a bloc: it applies in
        the bloc's members, derived from their membership."""
        return self.body.country.kind == "bloc"
