import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from catalogue.models import NationalAdoption, Standard
from catalogue.services import adoption_create, adoption_update
from core.roles import CURATOR, REVIEWER
from core.services.common import DeletionRefused
from core.services.entries import entry_delete, entry_update
from mappings.models import ReviewState, StandardObjectiveLink
from mappings.services import mapping_propose, mapping_review
from tests.factories import ObjectiveFactory, ObjectiveLinkFactory, StandardFactory, make_user

pytestmark = pytest.mark.django_db


def propose(curator, **fields):
    return mapping_propose(
        model=StandardObjectiveLink,
        user=curator,
        standard=fields.get("standard") or StandardFactory(),
        objective=ObjectiveFactory(code="4.4"),
        relationship="supports",
        source="Curator's reading",
        locator="clause 5",
        confidence="medium",
    )


def test_proposed_mapping_is_private_until_another_user_approves_it(curator, reviewer):
    link = propose(curator)
    assert link.review_state == ReviewState.PROPOSED
    assert link not in StandardObjectiveLink.objects.approved()

    approved = mapping_review(link=link, action="approve", user=reviewer, comment="Checked")
    assert approved.review_state == ReviewState.APPROVED
    assert (approved.reviewed_by, approved.review_comment) == (reviewer, "Checked")
    assert approved.reviewed_at is not None
    assert approved in StandardObjectiveLink.objects.approved()


def test_reviewer_cannot_approve_a_mapping_they_proposed():
    both = make_user("both", CURATOR, REVIEWER)
    link = propose(both)
    with pytest.raises(PermissionDenied):
        mapping_review(link=link, action="approve", user=both)
    link.refresh_from_db()
    assert link.review_state == ReviewState.PROPOSED


def test_database_refuses_self_approval_on_any_path(curator):
    link = ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
    link.review_state, link.reviewed_by = ReviewState.APPROVED, curator
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_curator_without_review_permission_cannot_approve(curator, reviewer):
    link = propose(curator)
    with pytest.raises(PermissionDenied):
        mapping_review(link=link, action="approve", user=curator)


def test_rejected_link_cannot_then_be_approved(curator, reviewer, second_reviewer):
    link = propose(curator)
    mapping_review(link=link, action="reject", user=reviewer, comment="Out of scope")
    with pytest.raises(ValidationError, match="rejected"):
        mapping_review(link=link, action="approve", user=second_reviewer)


def test_withdrawing_an_approved_link_unpublishes_it(curator, reviewer, second_reviewer):
    link = mapping_review(link=propose(curator), action="approve", user=reviewer)
    mapping_review(link=link, action="withdraw", user=second_reviewer, comment="Superseded")
    assert link not in StandardObjectiveLink.objects.approved()


def test_every_review_is_recorded_in_history(curator, reviewer):
    link = mapping_review(link=propose(curator), action="approve", user=reviewer)
    states = [(h.review_state, h.history_user) for h in link.history.order_by("history_date")]
    assert states == [("proposed", curator), ("approved", reviewer)]


def test_bsi_curator_cannot_edit_a_din_adoption(bodies):
    standard = StandardFactory()
    adoption = adoption_create(
        user=bodies["din_curator"],
        data={
            "standard": standard,
            "body": bodies["din"],
            "designation": "DIN EN 1",
            "degree": "IDT",
        },
    )
    with pytest.raises(PermissionDenied, match="DIN"):
        adoption_update(adoption=adoption, user=bodies["bsi_curator"], data={"degree": "MOD"})
    adoption.refresh_from_db()
    assert adoption.degree == "IDT"


def test_curator_cannot_record_an_adoption_for_another_body(bodies):
    with pytest.raises(PermissionDenied):
        adoption_create(
            user=bodies["bsi_curator"],
            data={
                "standard": StandardFactory(),
                "body": bodies["din"],
                "designation": "X",
                "degree": "IDT",
            },
        )
    assert not NationalAdoption.objects.filter(designation="X").exists()


def test_entry_update_validates_and_records_who_changed_what(curator):
    standard = StandardFactory()
    entry_update(instance=standard, user=curator, data={"title": "A clearer title"})
    latest = standard.history.latest()
    assert (latest.title, latest.history_user) == ("A clearer title", curator)
    with pytest.raises(ValidationError):
        entry_update(instance=standard, user=curator, data={"stage_code": "61.00"})
    assert Standard.objects.get(pk=standard.pk).stage_code == "60.60"


def test_deleting_a_linked_standard_is_refused_with_what_links_to_it():
    link = ObjectiveLinkFactory()
    with pytest.raises(DeletionRefused) as refused:
        entry_delete(instance=link.standard)
    assert str(link) in refused.value.message
    assert Standard.objects.filter(pk=link.standard.pk).exists()
