"""Reads about jurisdictions, instruments and objectives."""

from django.db.models import Count, Prefetch, Q, QuerySet

from mappings.models import ReviewState, StandardProvisionLink
from policies.models import Jurisdiction, Objective, PolicyInstrument, Provision

GLOBAL_CODE = "INT"


class Scope:
    INHERITED = "inherited"
    EXACT = "exact"
    CHOICES = [INHERITED, EXACT]


def jurisdiction_scope(jurisdiction: Jurisdiction, scope: str = Scope.INHERITED) -> list[int]:
    """Return the ids of the jurisdictions whose instruments apply in ``jurisdiction``.

    ``exact`` is the jurisdiction alone. ``inherited`` adds every bloc it belongs to and the
    global jurisdiction (``INT``): Germany inherits the EU's, the OECD's, the Council of
    Europe's and the global instruments; the EU inherits the global ones (not its members').
    """
    if scope == Scope.EXACT:
        return [jurisdiction.pk]
    ids = {jurisdiction.pk}
    ids.update(Jurisdiction.objects.filter(code=GLOBAL_CODE).values_list("pk", flat=True))
    ids.update(jurisdiction.blocs.values_list("pk", flat=True))
    return sorted(ids)


def instrument_list() -> QuerySet[PolicyInstrument]:
    return PolicyInstrument.objects.select_related("jurisdiction")


def instrument_detail_queryset() -> QuerySet[PolicyInstrument]:
    return instrument_list().prefetch_related(
        Prefetch("provisions", queryset=Provision.objects.order_by("order", "id"))
    )


def _approved_standard_count(relation: str) -> Count:
    return Count(
        f"{relation}__standard",
        filter=Q(
            **{
                f"{relation}__review_state": ReviewState.APPROVED,
                f"{relation}__standard__review_state": ReviewState.APPROVED,
            }
        ),
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
        .annotate(standard_count=_approved_standard_count("standard_links"))
        .order_by("jurisdiction__code", "name", "id")
    )


def instrument_with_linked_standards() -> QuerySet[PolicyInstrument]:
    """Instruments with their provisions, and the approved links to each provision and to
    the instrument as a whole, with the standards (four queries whatever the numbers)."""
    approved = (
        StandardProvisionLink.objects.filter(
            review_state=ReviewState.APPROVED, standard__review_state=ReviewState.APPROVED
        )
        .select_related("standard")
        .order_by("standard__sort_key", "relationship", "id")
    )
    return instrument_list_with_counts().prefetch_related(
        Prefetch(
            "provisions",
            queryset=Provision.objects.order_by("order", "id").prefetch_related(
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
