import pytest
from django.contrib.auth.models import Group, User

from catalogue.models import StandardsBody
from core.roles import CURATOR, REVIEWER
from tests.factories import JurisdictionFactory


def make_user(username: str, *roles: str) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=roles))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def curator(db):
    return make_user("curator", CURATOR)


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", REVIEWER)


@pytest.fixture
def second_reviewer(db):
    return make_user("reviewer2", REVIEWER)


@pytest.fixture
def bodies(db):
    """BSI and DIN, each with a curator of its own."""
    gb, de = JurisdictionFactory(code="GB"), JurisdictionFactory(code="DE")
    bsi, _ = StandardsBody.objects.get_or_create(
        acronym="BSI",
        defaults={"slug": "bsi", "name": "British Standards Institution", "country": gb},
    )
    din, _ = StandardsBody.objects.get_or_create(
        acronym="DIN", defaults={"slug": "din", "name": "DIN", "country": de}
    )
    bsi_curator, din_curator = make_user("bsi", CURATOR), make_user("din", CURATOR)
    bsi.curators.add(bsi_curator)
    din.curators.add(din_curator)
    return {"bsi": bsi, "din": din, "bsi_curator": bsi_curator, "din_curator": din_curator}
