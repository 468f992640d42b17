"""Vocabularies and abstract bases shared by the catalogue, policy and mapping apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How sure we are of a fact or a judgement.

    ``unverified`` is a fact we hold but could not confirm; it is shown as such and never
    promoted to a higher level without a new source.
    """

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
    UNVERIFIED = "unverified", _("Unverified")


class ReviewState(models.TextChoices):
    """Where a curated record stands: only approved records are public."""

    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def choices_check(field: str, choices: type[models.TextChoices], name: str, *, blank=False):
    """Return a CheckConstraint that keeps ``field`` within ``choices`` (choices alone do not)."""
    allowed = list(choices.values) + ([""] if blank else [])
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": allowed}), name=name)


def japanese_source(verbose_name) -> models.TextField:
    """The source of a row's Japanese text: a public fact, like every other source."""
    return models.TextField(
        verbose_name,
        blank=True,
        help_text=_('Where the Japanese text is printed, or "our translation".'),
    )


def japanese_confidence(verbose_name) -> models.CharField:
    """How sure we are of a row's Japanese text; empty while there is none."""
    return models.CharField(verbose_name, max_length=12, choices=Confidence.choices, blank=True)


def japanese_confidence_checks(model: str, *fields: str) -> list[models.CheckConstraint]:
    """Keep each ``<field>_ja_confidence`` within the confidence levels, or empty."""
    return [
        choices_check(
            f"{field}_ja_confidence", Confidence, f"{model}_{field}_ja_confidence_valid", blank=True
        )
        for field in fields
    ]


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Sourced(models.Model):
    """Where a fact comes from and how sure we are of it."""

    source = models.TextField(_("source"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=12, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Discrepancies between sources, unverified details.")
    )

    class Meta:
        abstract = True


class CatalogueVersion(models.Model):
    """The catalogue's version: one row whose token changes in the same transaction as every
    write to a catalogue, policy or mapping row (``core.cache``).

    Every process reads it from the database, so a count cached under it, by any process
    with or without a shared cache, is stale the moment another process commits a write. A
    token rather than a counter: a rolled-back write can never hand its number to a later one.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue version")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="catalogue_version_single_row")
        ]

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class Reviewed(models.Model):
    """Review of a catalogue or policy entry (a standard, an instrument, a provision).

    An entry a person adds starts *proposed* and private; it becomes public when another
    person with the review permission approves it (``core.services.entries.entry_review``).
    The reference data and the operator's system imports record approved entries.
    """

    review_state = models.CharField(
        _("review state"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.APPROVED,
        help_text=_(
            "Entries a curator adds, or an import proposes, stay private until another "
            "person approves them."
        ),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("proposed by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    review_comment = models.TextField(_("review comment"), blank=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def public_condition(cls, prefix: str = "") -> models.Q:
        """The condition for public rows, seen through the relation ``prefix`` (``"x__"``)."""
        return models.Q(**{f"{prefix}review_state": ReviewState.APPROVED})

    @property
    def is_public(self) -> bool:
        return self.review_state == ReviewState.APPROVED


def review_constraints(prefix: str) -> list:
    """Named constraints of a reviewed entry: a known state, and four eyes."""
    return [
        choices_check("review_state", ReviewState, f"{prefix}_review_state_valid"),
        models.CheckConstraint(
            condition=~models.Q(
                review_state=ReviewState.APPROVED, reviewed_by=models.F("proposed_by")
            ),
            name=f"{prefix}_reviewer_not_proposer",
        ),
    ]


class ReviewedQuerySet(models.QuerySet):
    def public(self):
        """Rows the public may see: approved, and so is every entry they belong to."""
        return self.filter(self.model.public_condition())
