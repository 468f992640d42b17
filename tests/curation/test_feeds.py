import xml.etree.ElementTree as ET

import pytest

from core.services.entries import entry_update
from mappings.models import StandardObjectiveLink
from mappings.services import mapping_propose, mapping_review
from policies.models import Objective
from tests.factories import StandardFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entry_titles(response) -> list[str]:
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def test_changes_feed_lists_published_changes_but_not_proposals(client, curator, reviewer):
    standard = StandardFactory()
    entry_update(instance=standard, user=curator, data={"title": "Retitled for the feed"})
    link = mapping_propose(
        model=StandardObjectiveLink,
        user=curator,
        standard=standard,
        objective=Objective.objects.get(code="4.1"),
        relationship="supports",
        source="Curator",
    )
    titles = entry_titles(client.get("/feeds/changes/"))
    assert any(standard.reference in title and "changed" in title for title in titles)
    assert not any("objective link" in title and standard.reference in title for title in titles)

    mapping_review(link=link, action="approve", user=reviewer)
    titles = entry_titles(client.get("/feeds/changes/"))
    assert any("objective link" in title and standard.reference in title for title in titles)


def test_saved_filter_feed_lists_matching_standards(client):
    titles = entry_titles(client.get("/feeds/standards/?objective=4.3"))
    assert any(title.startswith("ISO/IEC 42001:2023") for title in titles)
    assert not any(title.startswith("ISO/IEC 5259-1:2024") for title in titles)


def test_saved_filter_feed_rejects_unknown_values_with_400(client):
    response = client.get("/feeds/standards/?objective=9.9")
    assert response.status_code == 400
    assert "Unknown objective '9.9'" in response.content.decode()
