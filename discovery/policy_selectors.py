"""Reads about jurisdictions, instruments and objectives."""

import dataclasses

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import NationalAdoption
from mappings.models import ReviewState, StandardObjectiveLink, StandardProvisionLink
from policies.models import (
    InstrumentRelation,
    InstrumentRelationKind,
    Jurisdiction,
    Objective,
    PolicyInstrument,
    Provision,
)


def regional_adoptions(jurisdiction: Jurisdiction) -> QuerySet[NationalAdoption]:
    """Current IDT/MOD adoptions by a regional body (CEN, CENELEC: a standards body whose
    country is a bloc) of a bloc ``jurisdiction`` belongs to, of public standards.

    They apply in ``jurisdiction`` by its membership (derived), unlike the adoptions its own
    bodies recorded; ``jurisdiction_scope=exact`` leaves them out.
    """
    return (
        NationalAdoption.objects.filter(
            body__country__in=jurisdiction.blocs.all(),
            body__country__kind=Jurisdiction.Kind.BLOC,
            degree__in=[NationalAdoption.Degree.IDT, NationalAdoption.Degree.MOD],
            status=NationalAdoption.AdoptionStatus.CURRENT,
            standard__review_state=ReviewState.APPROVED,
        )
        .select_related("standard", "body__country", "source_ref")
        .order_by("standard__reference", "body__acronym", "id")
    )


def adoption_reason(adoption: NationalAdoption, jurisdiction: Jurisdiction) -> str:
    """Why an adoption makes its standard apply in ``jurisdiction``, in words."""
    if adoption.body.country_id == jurisdiction.pk:
        return _("adopted as %(designation)s by %(body)s, a standards body of %(code)s") % {
            "designation": adoption.designation,
            "body": adoption.body.acronym,
            "code": jurisdiction.code,
        }
    return _("adopted as %(designation)s by %(body)s, of which %(code)s is a member") % {
        "designation": adoption.designation,
        "body": adoption.body.acronym,
        "code": jurisdiction.code,
    }


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
        .order_by("jurisdiction__code", "name_en", "id")  # name_ja may be missing
    )


def instrument_with_linked_standards() -> QuerySet[PolicyInstrument]:
    """Instruments with their provisions, and the approved links to each provision and to
    the instrument as a whole, with the standards (four queries whatever the numbers)."""
    approved = (
        StandardProvisionLink.objects.public()
        .select_related("standard")
        .order_by("standard__sort_key", "relationship", "id")
    )
    relations = InstrumentRelation.objects.select_related(
        "from_instrument", "from_provision", "to_instrument", "to_provision", "source_ref"
    ).order_by("kind", "id")
    return instrument_list_with_counts().prefetch_related(
        Prefetch(
            "provisions",
            queryset=Provision.objects.public()
            .order_by("order", "id")
            .prefetch_related(
                Prefetch("standard_links", queryset=approved, to_attr="public_standard_links"),
                Prefetch("links_from", queryset=relations, to_attr="relations_out"),
                Prefetch("links_to", queryset=relations, to_attr="relations_in"),
            ),
        ),
        Prefetch(
            "standard_links",
            queryset=approved.filter(provision__isnull=True),
            to_attr="public_instrument_links",
        ),
        Prefetch(
            "links_from",
            queryset=relations.filter(from_provision__isnull=True),
            to_attr="relations_out",
        ),
        Prefetch(
            "links_to", queryset=relations.filter(to_provision__isnull=True), to_attr="relations_in"
        ),
    )


INVERSE_INSTRUMENT_RELATION = {
    InstrumentRelationKind.IMPLEMENTS: gettext_lazy("is implemented by"),
    InstrumentRelationKind.AMENDS: gettext_lazy("is amended by"),
    InstrumentRelationKind.SUPERSEDES: gettext_lazy("is superseded by"),
    InstrumentRelationKind.GUIDANCE_FOR: gettext_lazy("has as guidance"),
}


@dataclasses.dataclass(frozen=True)
class RelatedInstrument:
    """One typed link seen from one side: ``label`` the other instrument (or provision)."""

    direction: str  # "outgoing" or "incoming"
    kind: str
    label: str
    instrument: PolicyInstrument
    provision: Provision | None
    relation: InstrumentRelation


def related_instruments(row: PolicyInstrument | Provision) -> list[RelatedInstrument]:
    """The prefetched links from and to an instrument or provision of
    ``instrument_with_linked_standards()``, both directions, outgoing first."""
    out = [
        RelatedInstrument(
            "outgoing",
            relation.kind,
            str(relation.get_kind_display()),
            relation.to_instrument,
            relation.to_provision,
            relation,
        )
        for relation in row.relations_out
    ]
    return out + [
        RelatedInstrument(
            "incoming",
            relation.kind,
            str(INVERSE_INSTRUMENT_RELATION[relation.kind]),
            relation.from_instrument,
            relation.from_provision,
            relation,
        )
        for relation in row.relations_in
    ]


def jurisdiction_list() -> QuerySet[Jurisdiction]:
    """Jurisdictions with their members (for blocs) and the blocs they belong to."""
    related = Jurisdiction.objects.order_by("code")
    return Jurisdiction.objects.prefetch_related(
        Prefetch("members", queryset=related), Prefetch("blocs", queryset=related)
    ).order_by("code", "id")
