"""API permissions: reads are public without building the viewset's queryset; writes need the
model permission, as with DRF's DjangoModelPermissionsOrAnonReadOnly."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from catalogue.models import Standard
from core.permissions import ModelPermissionsOrReadOnly
from tests.factories import make_user

pytestmark = pytest.mark.django_db


class View:
    """A viewset stand-in that counts how often the check asks for its queryset."""

    def __init__(self):
        self.asked = 0

    def get_queryset(self):
        self.asked += 1
        return Standard.objects.all()


def request(method: str, user):
    built = getattr(APIRequestFactory(), method)("/api/v1/standards/")
    built.user = user
    return built


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_a_read_is_allowed_without_building_the_queryset(method):
    view = View()

    assert ModelPermissionsOrReadOnly().has_permission(request(method, AnonymousUser()), view)
    assert view.asked == 0


def test_a_write_needs_the_model_permission():
    view = View()
    check = ModelPermissionsOrReadOnly()

    assert not check.has_permission(request("post", AnonymousUser()), view)
    assert not check.has_permission(request("post", make_user("no-perms")), view)
    assert view.asked >= 1
