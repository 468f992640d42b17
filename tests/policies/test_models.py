import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from policies.models import BlocMembership, Jurisdiction, Objective
from tests.factories import JurisdictionFactory, ProvisionFactory, ProvisionLinkFactory

pytestmark = pytest.mark.django_db


def test_objective_code_outside_the_brief_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        Objective.objects.create(code="9.9", title="Not an objective of the brief")


def test_duplicate_jurisdiction_code_is_rejected():
    JurisdictionFactory(code="QA")
    with pytest.raises(IntegrityError), transaction.atomic():
        Jurisdiction.objects.create(code="QA", name="Again", kind="country")


def test_jurisdiction_kind_is_constrained():
    with pytest.raises(IntegrityError), transaction.atomic():
        Jurisdiction.objects.create(code="QB", name="Nowhere", kind="planet")


def test_bloc_cannot_be_its_own_member():
    bloc = JurisdictionFactory(code="QBLOC", kind="bloc")
    with pytest.raises(IntegrityError), transaction.atomic():
        BlocMembership.objects.create(bloc=bloc, member=bloc)


def test_duplicate_provision_reference_in_one_instrument_is_rejected():
    provision = ProvisionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionFactory(instrument=provision.instrument, ref=provision.ref)


def test_deleting_a_provision_that_a_mapping_uses_is_refused():
    link = ProvisionLinkFactory()
    with pytest.raises(ProtectedError):
        link.provision.delete()


def test_deleting_an_instrument_with_provisions_is_refused():
    provision = ProvisionFactory()
    with pytest.raises(ProtectedError):
        provision.instrument.delete()
