"""ISO Guide 69 harmonized stage codes and the status buckets people read.

The stage code is the truth; the status bucket is derived from it and never stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

STAGES = {
    "00": _("Preliminary"),
    "10": _("Proposal"),
    "20": _("Preparatory (working draft)"),
    "30": _("Committee (committee draft)"),
    "40": _("Enquiry (draft international standard)"),
    "50": _("Approval (final draft)"),
    "60": _("Publication"),
    "90": _("Review"),
    "95": _("Withdrawal"),
}

STAGE_CODES = {
    "00.00": _("Proposal for new project received"),
    "00.20": _("Proposal for new project under review"),
    "00.60": _("Close of review"),
    "00.98": _("Proposal for new project abandoned"),
    "00.99": _("Approval to ballot proposal for new project"),
    "10.00": _("Proposal for new project registered"),
    "10.20": _("New project ballot initiated"),
    "10.60": _("Close of voting"),
    "10.92": _("Proposal returned to submitter for further definition"),
    "10.98": _("New project rejected"),
    "10.99": _("New project approved"),
    "20.00": _("New project registered in TC/SC work programme"),
    "20.20": _("Working draft study initiated"),
    "20.60": _("Close of comment period"),
    "20.98": _("Project deleted"),
    "20.99": _("Working draft approved for registration as committee draft"),
    "30.00": _("Committee draft registered"),
    "30.20": _("Committee draft study or ballot initiated"),
    "30.60": _("Close of voting or comment period"),
    "30.92": _("Committee draft referred back to working group"),
    "30.98": _("Project deleted"),
    "30.99": _("Committee draft approved for registration as draft international standard"),
    "40.00": _("Draft international standard registered"),
    "40.20": _("Draft international standard ballot initiated"),
    "40.60": _("Close of voting"),
    "40.92": _("Full report circulated: draft returned to committee"),
    "40.93": _("Full report circulated: decision for new draft ballot"),
    "40.98": _("Project deleted"),
    "40.99": _("Full report circulated: draft approved for registration as final draft"),
    "50.00": _("Final draft registered for formal approval"),
    "50.20": _("Final draft ballot initiated"),
    "50.60": _("Close of voting, proof returned by secretariat"),
    "50.92": _("Final draft referred back to committee"),
    "50.98": _("Project deleted"),
    "50.99": _("Final draft approved for publication"),
    "60.00": _("Under publication"),
    "60.60": _("Published"),
    "90.20": _("Under systematic review"),
    "90.60": _("Close of review"),
    "90.92": _("To be revised"),
    "90.93": _("Confirmed"),
    "90.99": _("Withdrawal proposed"),
    "95.20": _("Withdrawal ballot initiated"),
    "95.60": _("Close of voting on withdrawal"),
    "95.92": _("Decision not to withdraw"),
    "95.99": _("Withdrawn"),
}


class Status(models.TextChoices):
    IN_DEVELOPMENT = "in_development", _("In development")
    PUBLISHED = "published", _("Published")
    UNDER_REVIEW = "under_review", _("Under review")
    TO_BE_REVISED = "to_be_revised", _("To be revised")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ABANDONED = "abandoned", _("Abandoned")
    UNKNOWN = "unknown", _("Stage not known")


def status_for(stage_code: str) -> Status:
    """Return the status bucket a stage code falls in."""
    if not stage_code:
        return Status.UNKNOWN
    stage, substage = stage_code.split(".")
    if substage == "98":
        return Status.ABANDONED
    if stage in {"00", "10", "20", "30", "40", "50"}:
        return Status.IN_DEVELOPMENT
    if stage == "60":
        return Status.PUBLISHED
    if stage_code == "90.92":
        return Status.TO_BE_REVISED
    if stage_code in {"90.93", "95.92"}:
        return Status.CONFIRMED
    if stage_code == "95.99":
        return Status.WITHDRAWN
    return Status.UNDER_REVIEW


def stage_codes_for(status: str) -> list[str]:
    """Return the stage codes of a status bucket (``""`` stands for an unknown stage)."""
    if status == Status.UNKNOWN:
        return [""]
    return [code for code in STAGE_CODES if status_for(code) == status]


def describe_stage(stage_code: str) -> str:
    """Explain a stage code in words: ``60.60`` → ``Publication: Published``."""
    if not stage_code:
        return str(_("Stage not known"))
    return f"{STAGES[stage_code[:2]]}: {STAGE_CODES[stage_code]}"
