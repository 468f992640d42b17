import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from catalogue.models import Committee, Standard, StandardRelation
from catalogue.stages import STAGE_CODES, Status, describe_stage, stage_codes_for, status_for
from tests.factories import (
    CommitteeFactory,
    ObjectiveLinkFactory,
    ProvisionLinkFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_reference_is_rejected():
    standard = StandardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(reference=standard.reference, slug="another-slug")


def test_duplicate_slug_is_rejected():
    standard = StandardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(slug=standard.slug)


@pytest.mark.parametrize("stage_code", ["61.00", "60.6", "abc", "99.99"])
def test_stage_code_outside_iso_guide_69_is_rejected(stage_code):
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(stage_code=stage_code)


def test_unknown_stage_code_may_be_left_empty():
    standard = StandardFactory(stage_code="")
    assert standard.status == Status.UNKNOWN


@pytest.mark.parametrize("year", [1800, 2500])
def test_insane_year_is_rejected(year):
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(year=year)


def test_unknown_deliverable_type_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(deliverable_type="XX")


def test_standard_cannot_relate_to_itself():
    standard = StandardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardRelation.objects.create(
            from_standard=standard, to_standard=standard, kind="replaces"
        )


def test_duplicate_relation_is_rejected():
    new, old = StandardFactory(), StandardFactory()
    StandardRelation.objects.create(from_standard=new, to_standard=old, kind="replaces")
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardRelation.objects.create(from_standard=new, to_standard=old, kind="replaces")


def test_committee_cannot_be_its_own_parent():
    committee = CommitteeFactory()
    committee.parent = committee
    with pytest.raises(IntegrityError), transaction.atomic():
        committee.save()


def test_deleting_a_standard_that_a_mapping_uses_is_refused():
    link = ObjectiveLinkFactory()
    with pytest.raises(ProtectedError):
        link.standard.delete()
    assert Standard.objects.filter(pk=link.standard.pk).exists()


def test_deleting_a_standard_linked_to_a_provision_is_refused():
    link = ProvisionLinkFactory()
    with pytest.raises(ProtectedError):
        link.standard.delete()


def test_deleting_a_committee_with_standards_is_refused():
    standard = StandardFactory()
    with pytest.raises(ProtectedError):
        standard.committee.delete()
    assert Committee.objects.filter(pk=standard.committee.pk).exists()


@pytest.mark.parametrize(
    ("stage_code", "status"),
    [
        ("", Status.UNKNOWN),
        ("00.00", Status.IN_DEVELOPMENT),
        ("30.20", Status.IN_DEVELOPMENT),
        ("50.99", Status.IN_DEVELOPMENT),
        ("30.98", Status.ABANDONED),
        ("60.00", Status.PUBLISHED),
        ("60.60", Status.PUBLISHED),
        ("90.20", Status.UNDER_REVIEW),
        ("90.92", Status.TO_BE_REVISED),
        ("90.93", Status.CONFIRMED),
        ("95.99", Status.WITHDRAWN),
    ],
)
def test_status_bucket_follows_stage_code(stage_code, status):
    assert status_for(stage_code) == status


def test_every_stage_code_is_in_exactly_one_bucket():
    buckets = [code for status in Status for code in stage_codes_for(status)]
    assert sorted(buckets) == sorted(["", *STAGE_CODES])


def test_stage_is_described_in_words():
    assert describe_stage("60.60") == "Publication: Published"
    assert describe_stage("40.20").startswith("Enquiry")
