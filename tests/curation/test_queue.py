import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mappings.models import StandardObjectiveLink
from tests.factories import LifecycleLinkFactory, ObjectiveLinkFactory

pytestmark = pytest.mark.django_db
QUEUE = "/curation/"


def test_queue_is_for_staff_only(client):
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_queue_lists_proposed_links_with_their_evidence(client, curator, reviewer):
    link = ObjectiveLinkFactory(
        review_state="proposed",
        recorded_by=curator,
        source="Clause 6 of the text",
        rationale="It sets data quality measures.",
    )
    ObjectiveLinkFactory(review_state="approved")
    client.force_login(reviewer)
    content = client.get(QUEUE).content.decode()
    assert link.standard.reference in content
    assert "Clause 6 of the text" in content and "It sets data quality measures." in content
    assert content.count('class="link-card"') == 1


def test_reviewer_approves_in_one_action_and_the_link_goes_public(client, curator, reviewer):
    link = ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
    client.force_login(reviewer)
    response = client.post(
        f"/curation/objective/{link.pk}/review/", {"action": "approve", "comment": "Fine"}
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.review_state, link.review_comment, link.reviewed_by) == (
        "approved",
        "Fine",
        reviewer,
    )
    assert link in StandardObjectiveLink.objects.approved()


def test_curator_cannot_approve_from_the_queue(client, curator):
    link = ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
    client.force_login(curator)
    assert "Approve" not in client.get(QUEUE).content.decode()
    response = client.post(
        f"/curation/objective/{link.pk}/review/", {"action": "approve"}, follow=True
    )
    link.refresh_from_db()
    assert link.review_state == "proposed"
    assert "You may not review links." in response.content.decode()


def test_unknown_kind_or_link_is_404_and_bad_action_a_message(client, reviewer, curator):
    client.force_login(reviewer)
    assert client.post("/curation/nonsense/1/review/", {"action": "approve"}).status_code == 404
    assert (
        client.post("/curation/objective/999999/review/", {"action": "approve"}).status_code == 404
    )
    link = ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
    response = client.post(
        f"/curation/objective/{link.pk}/review/", {"action": "<b>x</b>"}, follow=True
    )
    assert "Choose approve, reject or withdraw." in response.content.decode()


def test_queue_runs_a_fixed_number_of_queries(client, curator, reviewer):
    client.force_login(reviewer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE).status_code == 200
        return len(queries)

    ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
    one = count()
    for _ in range(10):
        ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
        LifecycleLinkFactory(review_state="proposed", recorded_by=curator)
    assert count() == one


def test_staff_see_the_queue_in_the_navigation_and_visitors_do_not(client, reviewer):
    assert 'href="/curation/"' not in client.get("/").content.decode()
    client.force_login(reviewer)
    assert 'href="/curation/"' in client.get("/").content.decode()
