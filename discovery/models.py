"""Derived data that answers users' questions fast; recomputed from the curated rows, never
edited by hand."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Applicability(models.Model):
    """One reason a standard applies somewhere: an approved link to an instrument (or one of
    its provisions), or a current IDT/MOD adoption by a standards body.

    ``jurisdiction`` is where the reason comes from: the instrument's jurisdiction or the
    adopting body's country, which may be a bloc (CEN). A standard applies in J when a row
    comes from J, from a bloc J belongs to, or from ``INT`` (``discovery.applies_in``).
    Kept current in the same transaction as every write that changes a reason.
    """

    standard = models.ForeignKey(
        "catalogue.Standard", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    jurisdiction = models.ForeignKey(
        "policies.Jurisdiction", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    provision_link = models.ForeignKey(
        "mappings.StandardProvisionLink",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_index=False,
    )
    adoption = models.ForeignKey(
        "catalogue.NationalAdoption",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("applicability")
        verbose_name_plural = _("applicability")
        indexes = [
            models.Index(fields=["jurisdiction", "standard"], name="applicability_where"),
            models.Index(fields=["standard", "jurisdiction"], name="applicability_standard"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(provision_link__isnull=False, adoption__isnull=True)
                | Q(provision_link__isnull=True, adoption__isnull=False),
                name="applicability_one_reason",
            ),
            models.UniqueConstraint(
                fields=["provision_link"],
                condition=Q(provision_link__isnull=False),
                name="applicability_link_once",
            ),
            models.UniqueConstraint(
                fields=["adoption"],
                condition=Q(adoption__isnull=False),
                name="applicability_adoption_once",
            ),
        ]

    def __str__(self):
        reason = (
            f"link {self.provision_link_id}"
            if self.provision_link_id
            else (f"adoption {self.adoption_id}")
        )
        return f"standard {self.standard_id} in {self.jurisdiction_id}: {reason}"


class StandardSearch(models.Model):
    """The search document of one standard (``discovery.search``), built in Python from its
    reference, printed forms, titles and summaries (every language the model has).

    ``printed`` is the reference and its printed forms, case-folded, for substring matches as
    a reference is typed ("5259-1", "ISO/IEC 22989"). ``reference``, ``title`` and
    ``summary`` are the same texts as words (one line per value, each word after a space),
    which ``LIKE`` matches exactly as word prefixes or phrases; ``words`` lists the distinct
    words once more for the full-text index: an FTS5 table over it on SQLite, a generated,
    GIN-indexed ``tsvector`` column on PostgreSQL (migration 0002), which only narrow the
    rows ``LIKE`` then confirms, so both databases find the same standards.
    """

    standard = models.OneToOneField(
        "catalogue.Standard",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search",
    )
    printed = models.TextField(blank=True)
    reference = models.TextField(blank=True)
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"search document of standard {self.standard_id}"
