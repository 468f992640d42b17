"""Reads about jurisdictions, instruments and objectives."""

from django.db.models import Count, Prefetch, QuerySet

from mappings.models import StandardObjectiveLink, StandardProvisionLink
from policies.models import Jurisdiction, Objective, PolicyInstrument, Provision


def instrument_list() -> QuerySet[PolicyInstrument]:
    """Public instruments (a curator's new one waits for review)."""
    return PolicyInstrument.objects.public().select_related("jurisdiction")


def _approved_standard_count(relation: str, link_model=StandardObjectiveLink) -> Count:
    """Count the public standards with a public link through ``relation``."""
    return Count(
        f"{relation}__standard",
        filter=link_model.public_condition(f"{relation}__"),
        distinct=True,
    )


def objective_list() -> QuerySet[Objective]:
    """Objectives, each with ``standard_count``: public standards with an approved link."""
    return Objective.objects.annotate(
        standard_count=_approved_standard_count("standard_links")
    ).order_by("code", "id")


def instrument_list_with_counts() -> QuerySet[PolicyInstrument]:
    """Instruments, each with ``standard_count``: public standards with an approved link."""
    return (
        instrument_list()
        .annotate(standard_count=_approved_standard_count("standard_links", StandardProvisionLink))
        .order_by("jurisdiction__code", "name", "id")
    )


def instrument_with_linked_standards() -> QuerySet[PolicyInstrument]:
    """Instruments with their provisions, and the approved links to each provision and to
    the instrument as a whole, with the standards (four queries whatever the numbers)."""
    approved = (
        StandardProvisionLink.objects.public()
        .select_related("standard")
        .order_by("standard__sort_key", "relationship", "id")
    )
    return instrument_list_with_counts().prefetch_related(
        Prefetch(
            "provisions",
            queryset=Provision.objects.public()
            .order_by("order", "id")
            .prefetch_related(
                Prefetch("standard_links", queryset=approved, to_attr="public_standard_links")
            ),
        ),
        Prefetch(
            "standard_links",
            queryset=approved.filter(provision__isnull=True),
            to_attr="public_instrument_links",
        ),
    )


def jurisdiction_list() -> QuerySet[Jurisdiction]:
    """Jurisdictions with their members (for blocs) and the blocs they belong to."""
    related = Jurisdiction.objects.order_by("code")
    return Jurisdiction.objects.prefetch_related(
        Prefetch("members", queryset=related), Prefetch("blocs", queryset=related)
    ).order_by("code", "id")
