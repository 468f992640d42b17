"""The registry of link kinds: each kind declared once, and what iterates over it."""

import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from core.roles import CURATOR, REVIEWER
from mappings.kinds import LINK_KINDS
from mappings.models import CuratedLink, LifecycleRelationship
from mappings.roles import ROLE_PERMISSIONS
from tests.factories import LifecycleLinkFactory, LifecycleStageFactory, StandardFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_kind_of_link_is_declared_in_the_registry():
    models = {
        model
        for model in apps.get_app_config("mappings").get_models()
        if issubclass(model, CuratedLink) and not model.__name__.startswith("Historical")
    }
    assert {kind.model for kind in LINK_KINDS} == models
    assert len({kind.name for kind in LINK_KINDS}) == len(LINK_KINDS)


@pytest.mark.parametrize("role", [CURATOR, REVIEWER])
def test_the_roles_migration_gives_each_group_what_the_registry_says(role):
    granted = {
        (permission.content_type.app_label, permission.codename)
        for permission in Group.objects.get(name=role).permissions.select_related("content_type")
    }
    expected = {
        (app_label, codename)
        for app_label, codenames in ROLE_PERMISSIONS[role].items()
        for codename in codenames
    }
    assert granted == expected


def test_the_changes_feed_includes_life_cycle_links(client):
    link = LifecycleLinkFactory(
        standard=StandardFactory(reference="ISO/IEC 99999:2026"),
        stage=LifecycleStageFactory(name="Feed test stage"),
    )
    entries = ET.fromstring(client.get("/feeds/changes/").content).findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert any(str(link) in title for title in titles), titles


def test_the_about_page_lists_life_cycle_relationships_and_their_confidence(
    client, reference_catalogue
):
    html = client.get("/about/").content.decode()
    assert "Life-cycle links" in html  # a column of the confidence table
    for _value, label in LifecycleRelationship.choices:
        assert f"<strong>{label}</strong> the stage" in html
