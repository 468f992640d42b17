"""Racing writes on PostgreSQL: a unique constraint's refusal is a 409, never a 500.

Each test starts its requests together (a barrier, no sleeps) from separate threads, so
separate database connections and transactions, as gunicorn's workers would.
"""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalogue.models import NationalAdoption, Standard, StandardsBody
from mappings.models import StandardObjectiveLink
from policies.models import Jurisdiction, Objective
from tests.api.test_writes import NEW

THREADS = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers with a database lock, so there is no race to test",
    ),
]


def race(method: str, url: str, payload: dict, token: str, threads: int = THREADS) -> list:
    """``threads`` identical requests sent at once; their status codes."""
    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    lock = threading.Lock()

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            barrier.wait()
            response = getattr(client, method)(url, payload, format="json")
            with lock:
                statuses.append(response.status_code)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=send) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statuses


@pytest.fixture
def admin_token():
    admin = User.objects.create_superuser("race-admin", password="pw")
    return Token.objects.create(user=admin).key


@pytest.fixture
def standard():
    return Standard.objects.create(
        reference="ISO/IEC 99200:2026",
        slug="iso-iec-99200-2026",
        deliverable_type="IS",
        number="99200",
        year=2026,
        title="A standard for the race",
        stage_code="60.60",
        review_state="approved",
        source="Test",
    )


def test_twenty_identical_proposals_give_one_201_and_409s(admin_token, standard):
    Objective.objects.get_or_create(code="4.2", defaults={"title": "Objective for the race"})
    proposal = {"standard": standard.slug, "target": "objective:4.2", "source": "race"}
    statuses = race("post", "/api/v1/mappings/", proposal, admin_token)
    assert sorted(statuses) == [201] + [409] * (THREADS - 1)
    assert StandardObjectiveLink.objects.filter(standard=standard).count() == 1


def test_racing_creates_of_one_standard_give_one_201_and_409s(admin_token):
    statuses = race("post", "/api/v1/standards/", {**NEW, "committee": None}, admin_token)
    assert sorted(statuses) == [201] + [409] * (THREADS - 1)
    assert Standard.objects.filter(reference=NEW["reference"]).count() == 1


def test_racing_adoptions_of_one_designation_give_one_201_and_409s(admin_token, standard):
    country, _created = Jurisdiction.objects.get_or_create(
        code="DE", defaults={"name": "Germany", "kind": "country"}
    )
    StandardsBody.objects.get_or_create(
        acronym="DIN", defaults={"slug": "din", "name": "DIN", "country": country}
    )
    adoption = {"standard": standard.slug, "body": "DIN", "designation": "DIN RACE 1"}
    statuses = race("post", "/api/v1/adoptions/", adoption, admin_token)
    assert sorted(statuses) == [201] + [409] * (THREADS - 1)
    assert NationalAdoption.objects.filter(designation="DIN RACE 1").count() == 1
