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
