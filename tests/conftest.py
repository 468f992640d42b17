"""Test set-up shared by the whole suite.

The reference catalogue (``fixtures/*.yaml``) is loaded once into the test database when
it is created; each test runs in a transaction that is rolled back, so every test sees the
catalogue as shipped and may change it freely.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from catalogue.models import StandardsBody
from core.roles import CURATOR, REVIEWER
from exchange.reference_data import catalogue_load_reference
from tests.factories import JurisdictionFactory, make_user


class InvalidTemplateVariable(str):
    """``string_if_invalid`` marker that makes a missing template variable visible in tests."""

    def __mod__(self, other):
        return f"!!INVALID TEMPLATE VARIABLE {other}!!"


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Lockouts would make login-based tests depend on each other; tests/ops enable it.
    settings.AXES_ENABLED = False
    # Throttling is tested on its own; the rest of the suite must not trip it.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None},
    }
    settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The Japanese pages need locale/ja's .mo, which is build output: compile it when it is
    missing or older than its .po (as ``make test`` does), so that ``pytest`` alone works."""
    call_command("compilemessages", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        catalogue_load_reference()
        # Give PostgreSQL's planner statistics, as autovacuum would: without them it
        # guesses one row per table and nests semi-joins into minutes-long loops.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached counts from one test must not leak into the next (rollbacks send no signal)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request's language stays active in the thread after the response (LocaleMiddleware does
    not reset it); with compiled catalogues, a Japanese request would turn later tests Japanese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference_catalogue(db):
    """The shipped reference catalogue (loaded once per test session, rolled back per test)."""
    return None


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
