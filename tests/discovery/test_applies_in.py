"""The applies-in table is derived data: after any sequence of writes it equals a fresh
computation, and the jurisdiction filter reads it."""

import random

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import NationalAdoption
from core.models import ReviewState
from discovery.applies_in import Scope, applicability_differences, applicability_rebuild, scope_ids
from discovery.models import Applicability
from policies.models import BlocMembership, Jurisdiction
from tests.factories import (
    AdoptionFactory,
    JurisdictionFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    StandardFactory,
    StandardsBodyFactory,
)

pytestmark = pytest.mark.django_db


def assert_fresh():
    assert applicability_differences() == (set(), set())


def test_the_reference_catalogue_table_equals_a_fresh_computation(reference_catalogue):
    assert Applicability.objects.exists()
    assert_fresh()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_the_table_equal_to_a_fresh_computation(seed):
    rng = random.Random(seed)
    places = [JurisdictionFactory() for _ in range(4)]
    standards = [StandardFactory() for _ in range(6)]
    instruments = [PolicyInstrumentFactory(jurisdiction=rng.choice(places)) for _ in range(3)]
    bodies = [StandardsBodyFactory(country=rng.choice(places)) for _ in range(3)]
    links, adoptions = [], []

    def add_link():
        provision = ProvisionFactory(instrument=rng.choice(instruments))
        links.append(
            ProvisionLinkFactory(
                standard=rng.choice(standards),
                provision=provision,
                review_state=rng.choice(list(ReviewState.values)),
            )
        )

    def review_link():
        if links:
            link = rng.choice(links)
            link.review_state = rng.choice(list(ReviewState.values))
            link.save()

    def move_link():
        if links:
            link = rng.choice(links)
            link.standard = rng.choice(standards)
            link.save()

    def delete_link():
        if links:
            links.pop(rng.randrange(len(links))).delete()

    def add_adoption():
        adoptions.append(
            AdoptionFactory(
                standard=rng.choice(standards),
                body=rng.choice(bodies),
                degree=rng.choice(list(NationalAdoption.Degree.values) + [""]),
                status=rng.choice(list(NationalAdoption.AdoptionStatus.values)),
            )
        )

    def change_adoption():
        if adoptions:
            adoption = rng.choice(adoptions)
            adoption.degree = rng.choice(list(NationalAdoption.Degree.values))
            adoption.status = rng.choice(list(NationalAdoption.AdoptionStatus.values))
            adoption.save()

    def delete_adoption():
        if adoptions:
            adoptions.pop(rng.randrange(len(adoptions))).delete()

    def move_instrument():
        instrument = rng.choice(instruments)
        instrument.jurisdiction = rng.choice(places)
        instrument.save()

    def move_body():
        body = rng.choice(bodies)
        body.country = rng.choice(places)
        body.save()

    def review_entry():
        entry = rng.choice(
            [rng.choice(standards), rng.choice(instruments), *[link.provision for link in links]]
        )
        entry.review_state = rng.choice(list(ReviewState.values))
        entry.save()

    writes = [
        review_entry,
        add_link,
        add_link,
        review_link,
        move_link,
        delete_link,
        add_adoption,
        add_adoption,
        change_adoption,
        delete_adoption,
        move_instrument,
        move_body,
    ]
    for _ in range(60):
        rng.choice(writes)()
        assert_fresh()
    assert Applicability.objects.exists()


def test_rebuild_recomputes_a_stale_table():
    link = ProvisionLinkFactory()
    Applicability.objects.all().delete()  # as a bulk write would leave it
    with pytest.raises(CommandError, match="stale"):
        call_command("rebuild_applicability", "--check")
    call_command("rebuild_applicability")
    call_command("rebuild_applicability", "--check")
    assert Applicability.objects.filter(provision_link=link).count() == 1


def test_rebuild_in_sql_gives_the_rows_the_services_write():
    ProvisionLinkFactory()
    AdoptionFactory()
    columns = ["standard", "jurisdiction", "provision_link", "adoption"]
    before = set(Applicability.objects.values_list(*columns))
    assert applicability_rebuild() == len(before)
    assert set(Applicability.objects.values_list(*columns)) == before


def test_the_cached_reach_follows_a_new_bloc_membership():
    country = JurisdictionFactory()
    bloc = JurisdictionFactory(kind=Jurisdiction.Kind.BLOC)
    before = scope_ids(country.code, Scope.INHERITED)

    BlocMembership.objects.create(bloc=bloc, member=country, source="Test source")

    assert bloc.pk not in before
    assert bloc.pk in scope_ids(country.code, Scope.INHERITED)
    assert scope_ids(country.code, Scope.EXACT) == [country.pk]
