"""The standards FilterSet's semantics, on factory data (independent of the shipped data)."""

import pytest
from django.http import QueryDict

from catalogue.models import NationalAdoption, Standard, StandardsBody
from discovery.filters import StandardFilterSet
from policies.models import BlocMembership
from tests.factories import (
    JurisdictionFactory,
    LifecycleLinkFactory,
    ObjectiveFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def run(query: str, queryset=None):
    filterset = StandardFilterSet(
        QueryDict(query), queryset=queryset or Standard.objects.filter(reference__startswith="TEST")
    )
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("reference", flat=True))


def errors(query: str):
    filterset = StandardFilterSet(QueryDict(query), queryset=Standard.objects.all())
    assert not filterset.is_valid()
    return filterset.errors


@pytest.fixture
def world():
    """DE in the EU; one standard per kind of jurisdiction link."""
    int_ = JurisdictionFactory(code="INT", kind="global")
    eu = JurisdictionFactory(code="EU", kind="bloc")
    de = JurisdictionFactory(code="DE")
    fr = JurisdictionFactory(code="FR")
    BlocMembership.objects.get_or_create(bloc=eu, member=de)
    standards = {}
    for name, jurisdiction in [("int", int_), ("eu", eu), ("de", de), ("fr", fr)]:
        provision = ProvisionFactory(instrument=PolicyInstrumentFactory(jurisdiction=jurisdiction))
        standards[name] = ProvisionLinkFactory(provision=provision).standard
    adopted = StandardFactory()
    body, _ = StandardsBody.objects.get_or_create(
        acronym="TESTDIN", defaults={"slug": "testdin", "name": "Test body", "country": de}
    )
    NationalAdoption.objects.create(standard=adopted, body=body, designation="T 1", degree="IDT")
    not_adopted = StandardFactory()
    NationalAdoption.objects.create(
        standard=not_adopted, body=body, designation="T 2", degree="NEQ"
    )
    standards["adopted"], standards["neq"] = adopted, not_adopted
    return {name: standard.reference for name, standard in standards.items()}


def test_jurisdiction_filter_includes_bloc_and_global_instruments_and_adoptions(world):
    assert run("jurisdiction=DE") == {world["int"], world["eu"], world["de"], world["adopted"]}


def test_exact_scope_keeps_only_the_jurisdictions_own(world):
    assert run("jurisdiction=DE&jurisdiction_scope=exact") == {world["de"], world["adopted"]}


def test_bloc_inherits_global_but_not_members_instruments(world):
    assert run("jurisdiction=EU") == {world["int"], world["eu"]}


def test_objective_values_are_ored_and_only_approved_links_count():
    a = ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.2")).standard
    b = ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.3")).standard
    ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.2"), review_state="proposed")
    assert run("objective=4.2") == {a.reference}
    assert run("objective=4.2&objective=4.3") == {a.reference, b.reference}


def test_filters_of_different_kinds_are_anded():
    objective = ObjectiveFactory(code="4.5")
    both = ObjectiveLinkFactory(objective=objective).standard
    LifecycleLinkFactory(standard=both, stage__slug="test-deploy")
    ObjectiveLinkFactory(objective=objective)
    assert run("objective=4.5&lifecycle_stage=test-deploy") == {both.reference}


def test_status_filter_uses_stage_code_buckets():
    published = StandardFactory(stage_code="60.60")
    draft = StandardFactory(stage_code="40.20", year=None)
    assert run("status=published") == {published.reference}
    assert run("status=in_development") == {draft.reference}


def test_q_searches_reference_aliases_title_and_summary():
    standard = StandardFactory(
        title="Controllability of automated systems", aliases="TEST/IEC CD 5"
    )
    assert run("q=controllability") == {standard.reference}
    assert run("q=CD 5") == {standard.reference}


def test_unknown_objective_names_the_allowed_values():
    ObjectiveFactory(code="4.1"), ObjectiveFactory(code="4.7")
    message = errors("objective=9.9")["objective"][0]
    assert "Unknown objective '9.9'" in message and "4.1" in message and "4.7" in message


def test_unknown_jurisdiction_and_ordering_are_errors():
    assert "Unknown jurisdiction 'XX'" in errors("jurisdiction=XX")["jurisdiction"][0]
    assert "reference" in errors("ordering=colour")["ordering"][0]


def test_q_longer_than_200_characters_is_an_error():
    assert "q" in errors("q=" + "x" * 201)


def test_malformed_updated_since_is_an_error():
    assert "updated_since" in errors("updated_since=yesterday")


def test_ordering_ends_with_a_unique_tie_breaker():
    StandardFactory(year=2020)
    filterset = StandardFilterSet(QueryDict("ordering=-year"), queryset=Standard.objects.all())
    assert filterset.qs.query.order_by == ("-year", "id")
