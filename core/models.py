"""Vocabularies and abstract bases shared by the catalogue, policy and mapping apps."""

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
