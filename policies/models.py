"""Policy instruments, the provisions in them that concern standards, and the policy goals."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.managers import NaturalKeyManager
from core.models import (
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

OBJECTIVE_CODES = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]


class Source(models.Model):
    """A document people can read (publisher, title, date, address), kept once and cited by
    the rows whose facts come from it."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    publisher = models.CharField(_("publisher"), max_length=300)
    title = models.CharField(_("title"), max_length=500)
    date = models.CharField(
        _("date"),
        max_length=20,
        blank=True,
        help_text=_("As precise as the source states it: 2024, 2024-11 or 2024-11-27."),
    )

    objects = NaturalKeyManager("url")

    history = HistoricalRecords()

    class Meta:
        ordering = ["publisher", "title", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") & ~models.Q(title="") & ~models.Q(publisher=""),
                name="source_described",
            ),
            models.CheckConstraint(
                condition=models.Q(date="") | models.Q(date__regex=r"^[0-9]{4}(-[0-9]{2}){0,2}$"),
                name="source_date_iso",
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}" + (f" ({self.date})" if self.date else "")

    def natural_key(self):
        return (self.url,)


class Cited(models.Model):
    """A readable source for the row, and what is ours (reference-file row ids, curators'
    notes) in a field that only staff see in the admin."""

    source_ref = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cited source"),
    )
    staff_notes = models.TextField(
        _("staff notes"),
        blank=True,
        help_text=_("Internal bookkeeping (reference-file rows, curators' notes); never public."),
    )

    class Meta:
        abstract = True


class JurisdictionKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    BLOC = "bloc", _("Bloc")
    GLOBAL = "global", _("Global")


class Jurisdiction(models.Model):
    """A country (ISO 3166-1 alpha-2), a bloc of countries, or ``INT`` for global instruments."""

    Kind = JurisdictionKind

    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        help_text=_(
            "ISO 3166-1 alpha-2 for a country; a bloc's own code (AFRICAN_UNION, since AU is "
            "Australia in ISO 3166); INT for global."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    name_ja_source = japanese_source(_("source of the Japanese name"))
    name_ja_confidence = japanese_confidence(_("confidence in the Japanese name"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    members = models.ManyToManyField(
        "self",
        through="BlocMembership",
        through_fields=("bloc", "member"),
        symmetrical=False,
        related_name="blocs",
        blank=True,
        verbose_name=_("members"),
    )

    objects = NaturalKeyManager("code")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["code"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [
            *japanese_confidence_checks("jurisdiction", "name"),
            choices_check("kind", JurisdictionKind, "jurisdiction_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(code=""), name="jurisdiction_code_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("policies:jurisdiction-detail", kwargs={"code": self.code})

    def natural_key(self):
        return (self.code,)


class BlocMembership(Sourced):
    bloc = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="memberships_as_bloc"
    )
    member = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="memberships_as_member"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["bloc__code", "member__code"]
        verbose_name = _("bloc membership")
        verbose_name_plural = _("bloc memberships")
        constraints = [
            models.UniqueConstraint(fields=["bloc", "member"], name="bloc_membership_unique"),
            models.CheckConstraint(
                condition=~models.Q(bloc=models.F("member")), name="bloc_membership_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.member.code} ∈ {self.bloc.code}"

    def natural_key(self):
        return (self.bloc.code, self.member.code)


class Objective(models.Model):
    """One of the seven objective areas of the ISO policy brief (sections 4.1–4.7)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    title_ja_source = japanese_source(_("source of the Japanese title"))
    title_ja_confidence = japanese_confidence(_("confidence in the Japanese title"))
    summary_ja_source = japanese_source(_("source of the Japanese summary"))
    summary_ja_confidence = japanese_confidence(_("confidence in the Japanese summary"))

    objects = NaturalKeyManager("code")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        ordering = ["code"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            *japanese_confidence_checks("objective", "title", "summary"),
            models.CheckConstraint(
                condition=models.Q(code__in=OBJECTIVE_CODES), name="objective_code_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("policies:objective-detail", kwargs={"code": self.code})

    def natural_key(self):
        return (self.code,)


class InstrumentKind(models.TextChoices):
    TREATY = "treaty", _("Treaty")
    LAW = "law", _("Law")
    REGULATION = "regulation", _("Regulation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    RESOLUTION = "resolution", _("Resolution")
    DECLARATION = "declaration", _("Declaration")
    STRATEGY = "strategy", _("Strategy")
    GUIDELINE = "guideline", _("Guideline")
    FRAMEWORK = "framework", _("Framework")
    WHITE_PAPER = "white_paper", _("White paper")
    STANDARDISATION_REQUEST = "standardisation_request", _("Standardisation request")
    EXECUTIVE_ORDER = "executive_order", _("Executive order")
    OTHER = "other", _("Other")


class PolicyInstrument(Reviewed, Sourced, Cited, TimeStamped):
    """A treaty, law, regulation, recommendation, strategy … that concerns AI."""

    Kind = InstrumentKind

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    name_ja_source = japanese_source(_("source of the Japanese name"))
    name_ja_confidence = japanese_confidence(_("confidence in the Japanese name"))
    short_name_ja_source = japanese_source(_("source of the Japanese short name"))
    short_name_ja_confidence = japanese_confidence(_("confidence in the Japanese short name"))
    issuing_body = models.CharField(_("issuing body"), max_length=300, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="instruments",
        verbose_name=_("jurisdiction"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    binding = models.BooleanField(
        _("legally binding"), null=True, blank=True, help_text=_("Leave empty when unclear.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("official page"), max_length=500, blank=True)
    brief_section = models.CharField(
        _("section of the ISO policy brief"), max_length=40, blank=True
    )
    standards_summary = models.TextField(_("what it says about standards"), blank=True)

    objects = NaturalKeyManager.from_queryset(ReviewedQuerySet)("slug")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        # By the English name in every language: a Japanese name may be missing, and the two
        # databases sort a missing one at opposite ends.
        ordering = ["jurisdiction__code", "name_en", "id"]
        verbose_name = _("policy instrument")
        verbose_name_plural = _("policy instruments")
        permissions = [
            ("review_policyinstrument", _("Can approve, reject or withdraw a policy instrument"))
        ]
        constraints = [
            *japanese_confidence_checks("instrument", "name", "short_name"),
            choices_check("kind", InstrumentKind, "instrument_kind_valid"),
            *review_constraints("instrument"),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__gte=1945, year__lte=2100),
                name="instrument_year_sane",
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("policies:instrument-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class ProvisionManager(models.Manager.from_queryset(ReviewedQuerySet)):
    def get_by_natural_key(self, instrument_slug, ref):
        return self.get(instrument__slug=instrument_slug, ref=ref)


class Provision(Reviewed, Sourced, Cited, TimeStamped):
    """An article or paragraph of an instrument that concerns standards."""

    instrument = models.ForeignKey(
        PolicyInstrument,
        on_delete=models.PROTECT,
        related_name="provisions",
        verbose_name=_("instrument"),
    )
    ref = models.CharField(_("reference"), max_length=100, help_text=_("e.g. Article 40"))
    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ProvisionManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument__slug", "order", "id"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        permissions = [("review_provision", _("Can approve, reject or withdraw a provision"))]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "ref"], name="provision_ref_unique"),
            models.UniqueConstraint(fields=["instrument", "slug"], name="provision_slug_unique"),
            *review_constraints("provision"),
        ]

    def __str__(self):
        return f"{self.instrument}, {self.ref}"

    def natural_key(self):
        return (self.instrument.slug, self.ref)

    natural_key.dependencies = ["policies.policyinstrument"]

    @classmethod
    def public_condition(cls, prefix: str = "") -> models.Q:
        """A provision is public when it and its instrument are approved."""
        return super().public_condition(prefix) & models.Q(
            **{f"{prefix}instrument__review_state": ReviewState.APPROVED}
        )


class Institution(Sourced, TimeStamped):
    """A body the policies name (a regulator, an AI office, a standards hub): not an instrument."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_ja_source = japanese_source(_("source of the Japanese name"))
    name_ja_confidence = japanese_confidence(_("confidence in the Japanese name"))
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="institutions",
        verbose_name=_("jurisdiction"),
    )
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("official page"), max_length=500, blank=True)

    objects = NaturalKeyManager("slug")

    # history: registered in translation.py, after the Japanese fields (see there).

    class Meta:
        # By the English name in every language: a Japanese name may be missing, and the two
        # databases sort a missing one at opposite ends.
        ordering = ["jurisdiction__code", "name_en", "id"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [*japanese_confidence_checks("institution", "name")]

    def __str__(self):
        return self.short_name or self.name

    def natural_key(self):
        return (self.slug,)


class InstrumentRelationKind(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    AMENDS = "amends", _("amends")
    SUPERSEDES = "supersedes", _("supersedes")
    GUIDANCE_FOR = "guidance_for", _("is guidance for")


class InstrumentRelation(Sourced, Cited):
    """A typed link from one instrument (or one of its provisions) to another: M/593
    *implements* AI Act Article 40; M/613 *amends* M/593; M/593 deliverable 9 *implements*
    Article 17.

    A provision, when set, belongs to the instrument beside it (``clean``).
    """

    Kind = InstrumentRelationKind

    from_instrument = models.ForeignKey(
        PolicyInstrument,
        on_delete=models.PROTECT,
        related_name="links_from",
        verbose_name=_("from instrument"),
    )
    from_provision = models.ForeignKey(
        Provision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="links_from",
        verbose_name=_("from provision"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    to_instrument = models.ForeignKey(
        PolicyInstrument,
        on_delete=models.PROTECT,
        related_name="links_to",
        verbose_name=_("to instrument"),
    )
    to_provision = models.ForeignKey(
        Provision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="links_to",
        verbose_name=_("to provision"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_instrument__slug", "from_provision__order", "kind", "id"]
        verbose_name = _("relation between instruments")
        verbose_name_plural = _("relations between instruments")
        constraints = [
            choices_check("kind", InstrumentRelationKind, "instrument_relation_kind_valid"),
            models.UniqueConstraint(
                fields=[
                    "from_instrument",
                    "from_provision",
                    "kind",
                    "to_instrument",
                    "to_provision",
                ],
                name="instrument_relation_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_instrument=models.F("to_instrument")),
                name="instrument_relation_not_self",
            ),
        ]

    def __str__(self):
        source = self.from_provision or self.from_instrument
        target = self.to_provision or self.to_instrument
        return f"{source} {self.get_kind_display()} {target}"

    def clean(self):
        super().clean()
        errors = {}
        if self.from_provision_id and self.from_provision.instrument_id != self.from_instrument_id:
            errors["from_provision"] = _("This provision belongs to another instrument.")
        if self.to_provision_id and self.to_provision.instrument_id != self.to_instrument_id:
            errors["to_provision"] = _("This provision belongs to another instrument.")
        if errors:
            raise ValidationError(errors)
