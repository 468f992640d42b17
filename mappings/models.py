"""Curatorial judgements that link a standard to a policy goal, a rule or a life-cycle stage.

Every link carries its relationship, its provenance and a review state; only approved links
are public.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Confidence, ReviewState, choices_check
from policies.models import Cited


class LinkQuerySet(models.QuerySet):
    def approved(self):
        """Approved links, whatever the state of what they link (use ``public()`` to show)."""
        return self.filter(review_state=ReviewState.APPROVED)

    def public(self):
        """Links the public may see: approved, between public entries."""
        return self.filter(self.model.public_condition())


class CuratedLink(Cited):
    """Provenance and review state shared by every kind of link."""

    source = models.CharField(_("source"), max_length=500)
    locator = models.CharField(
        _("locator"), max_length=200, blank=True, help_text=_("e.g. section 4.3, Article 40")
    )
    confidence = models.CharField(
        _("confidence"), max_length=12, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    rationale = models.TextField(_("rationale"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    review_state = models.CharField(
        _("review state"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.PROPOSED,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = LinkQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    # The entries a link joins; it is public only when they all are (``public_condition``).
    ends: tuple[str, ...] = ("standard",)
    optional_ends: tuple[str, ...] = ()

    @classmethod
    def public_condition(cls, prefix: str = "") -> models.Q:
        """The condition for public links, seen through the relation ``prefix`` (``"x__"``):
        approved, of a public standard and (for instrument links) a public instrument and
        provision."""
        condition = models.Q(**{f"{prefix}review_state": ReviewState.APPROVED})
        for end in cls.ends:
            condition &= models.Q(**{f"{prefix}{end}__review_state": ReviewState.APPROVED})
        for end in cls.optional_ends:
            condition &= models.Q(**{f"{prefix}{end}__isnull": True}) | models.Q(
                **{f"{prefix}{end}__review_state": ReviewState.APPROVED}
            )
        return condition

    @property
    def is_public(self) -> bool:
        return self.review_state == ReviewState.APPROVED


def _link_constraints(prefix: str, relationship_choices) -> list:
    return [
        choices_check("relationship", relationship_choices, f"{prefix}_relationship_valid"),
        choices_check("confidence", Confidence, f"{prefix}_confidence_valid"),
        choices_check("review_state", ReviewState, f"{prefix}_review_state_valid"),
        models.CheckConstraint(
            condition=~models.Q(
                review_state=ReviewState.APPROVED, reviewed_by=models.F("recorded_by")
            ),
            name=f"{prefix}_reviewer_not_proposer",
        ),
    ]


class ObjectiveRelationship(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    INTEGRAL_TO = "integral_to", _("is integral to")
    EXAMPLE_OF = "example_of", _("is an example of")


class StandardObjectiveLink(CuratedLink):
    """A standard supports one of the policy brief's objective areas."""

    Relationship = ObjectiveRelationship

    standard = models.ForeignKey(
        "catalogue.Standard",
        on_delete=models.PROTECT,
        related_name="objective_links",
        verbose_name=_("standard"),
    )
    objective = models.ForeignKey(
        "policies.Objective",
        on_delete=models.PROTECT,
        related_name="standard_links",
        verbose_name=_("objective"),
    )
    relationship = models.CharField(
        _("relationship"),
        max_length=20,
        choices=Relationship.choices,
        default=Relationship.SUPPORTS,
    )

    class Meta:
        ordering = ["objective__code", "standard__reference", "id"]
        verbose_name = _("standard–objective link")
        verbose_name_plural = _("standard–objective links")
        permissions = [
            ("review_standardobjectivelink", _("Can approve, reject or withdraw a proposed link")),
        ]
        constraints = [
            *_link_constraints("objective_link", ObjectiveRelationship),
            models.UniqueConstraint(
                fields=["standard", "objective", "relationship"],
                name="objective_link_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["objective", "review_state", "standard"], name="objlink_obj_idx"),
        ]

    def __str__(self):
        return f"{self.standard} {self.get_relationship_display()} {self.objective.code}"


class ProvisionRelationship(models.TextChoices):
    EXPLICITLY_CITED_BY = "explicitly_cited_by", _("is explicitly cited by")
    SUPPORTS_COMPLIANCE_WITH = "supports_compliance_with", _("supports compliance with")
    HARMONISED_CANDIDATE_FOR = (
        "harmonised_candidate_for",
        _("is a harmonised standard candidate for"),
    )
    EQUAL = "equal", _("is equal to (NIST IR 8477)")
    SUBSET_OF = "subset_of", _("is a subset of (NIST IR 8477)")
    SUPERSET_OF = "superset_of", _("is a superset of (NIST IR 8477)")
    INTERSECTS_WITH = "intersects_with", _("intersects with (NIST IR 8477)")
    NO_RELATIONSHIP = "no_relationship", _("has no relationship with (NIST IR 8477)")


class StandardProvisionLink(CuratedLink):
    """A standard's relation to a policy instrument, or to one provision of it.

    ``provision`` is empty for a link to the instrument as a whole; when set, it belongs to
    ``instrument`` (checked by the service that records links).
    """

    Relationship = ProvisionRelationship
    ends = ("standard", "instrument")
    optional_ends = ("provision",)

    standard = models.ForeignKey(
        "catalogue.Standard",
        on_delete=models.PROTECT,
        related_name="provision_links",
        verbose_name=_("standard"),
    )
    instrument = models.ForeignKey(
        "policies.PolicyInstrument",
        on_delete=models.PROTECT,
        related_name="standard_links",
        verbose_name=_("instrument"),
    )
    provision = models.ForeignKey(
        "policies.Provision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standard_links",
        verbose_name=_("provision"),
    )
    relationship = models.CharField(_("relationship"), max_length=30, choices=Relationship.choices)

    class Meta:
        ordering = ["instrument__slug", "provision__order", "standard__reference", "id"]
        verbose_name = _("standard–instrument link")
        verbose_name_plural = _("standard–instrument links")
        permissions = [
            ("review_standardprovisionlink", _("Can approve, reject or withdraw a proposed link")),
        ]
        constraints = [
            *_link_constraints("provision_link", ProvisionRelationship),
            models.UniqueConstraint(
                fields=["standard", "instrument", "provision", "relationship"],
                condition=models.Q(provision__isnull=False),
                name="provision_link_unique",
            ),
            models.UniqueConstraint(
                fields=["standard", "instrument", "relationship"],
                condition=models.Q(provision__isnull=True),
                name="instrument_link_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["instrument", "review_state", "standard"], name="provlink_instr_idx"
            ),
        ]

    def __str__(self):
        target = self.provision or self.instrument
        return f"{self.standard} {self.get_relationship_display()} {target}"

    def clean(self):
        super().clean()
        if (
            self.provision_id
            and self.instrument_id
            and self.provision.instrument_id != self.instrument_id
        ):
            raise ValidationError({"provision": _("This provision belongs to another instrument.")})


class LifecycleRelationship(models.TextChoices):
    APPLIES_TO = "applies_to", _("applies to")


class StandardLifecycleLink(CuratedLink):
    """A standard applies to a stage of the AI system life cycle."""

    Relationship = LifecycleRelationship

    standard = models.ForeignKey(
        "catalogue.Standard",
        on_delete=models.PROTECT,
        related_name="lifecycle_links",
        verbose_name=_("standard"),
    )
    stage = models.ForeignKey(
        "catalogue.LifecycleStage",
        on_delete=models.PROTECT,
        related_name="standard_links",
        verbose_name=_("life-cycle stage"),
    )
    relationship = models.CharField(
        _("relationship"),
        max_length=20,
        choices=Relationship.choices,
        default=Relationship.APPLIES_TO,
    )

    class Meta:
        ordering = ["stage__order", "standard__reference", "id"]
        verbose_name = _("standard–life-cycle link")
        verbose_name_plural = _("standard–life-cycle links")
        permissions = [
            ("review_standardlifecyclelink", _("Can approve, reject or withdraw a proposed link")),
        ]
        constraints = [
            *_link_constraints("lifecycle_link", LifecycleRelationship),
            models.UniqueConstraint(
                fields=["standard", "stage", "relationship"], name="lifecycle_link_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["stage", "review_state", "standard"], name="lclink_stage_idx"),
        ]

    def __str__(self):
        return f"{self.standard} {self.get_relationship_display()} {self.stage}"
