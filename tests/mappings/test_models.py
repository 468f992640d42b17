import pytest
from django.db import IntegrityError, transaction

from mappings.models import StandardObjectiveLink, StandardProvisionLink
from tests.factories import (
    LifecycleLinkFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionLinkFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_objective_link_is_rejected():
    link = ObjectiveLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ObjectiveLinkFactory(standard=link.standard, objective=link.objective)


def test_same_pair_with_another_relationship_is_allowed():
    link = ObjectiveLinkFactory()
    ObjectiveLinkFactory(
        standard=link.standard,
        objective=link.objective,
        relationship=StandardObjectiveLink.Relationship.EXAMPLE_OF,
    )
    assert link.standard.objective_links.count() == 2


def test_duplicate_provision_link_is_rejected():
    link = ProvisionLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionLinkFactory(standard=link.standard, provision=link.provision)


def test_duplicate_instrument_level_link_is_rejected():
    standard, instrument = StandardFactory(), PolicyInstrumentFactory()
    values = {
        "standard": standard,
        "instrument": instrument,
        "provision": None,
        "relationship": StandardProvisionLink.Relationship.EXPLICITLY_CITED_BY,
        "source": "Test",
    }
    StandardProvisionLink.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardProvisionLink.objects.create(**values)


def test_duplicate_lifecycle_link_is_rejected():
    link = LifecycleLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LifecycleLinkFactory(standard=link.standard, stage=link.stage)


@pytest.mark.parametrize(
    ("field", "value"),
    [("review_state", "published"), ("confidence", "certain"), ("relationship", "loves")],
)
def test_link_vocabularies_are_constrained(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        ObjectiveLinkFactory(**{field: value})


def test_only_approved_links_are_public():
    approved = ObjectiveLinkFactory(review_state="approved")
    proposed = ObjectiveLinkFactory(review_state="proposed")
    public = set(StandardObjectiveLink.objects.approved())
    assert approved in public
    assert proposed not in public
