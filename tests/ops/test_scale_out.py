"""The replica router and the cache of costly counts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections, transaction

from config.db_router import PRIMARY, PrimaryReplicaRouter
from core.cache import catalogue_cached, catalogue_version
from tests.factories import StandardFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def one_replica(monkeypatch):
    monkeypatch.setattr("config.db_router.replica_aliases", lambda: ["replica1"])


def test_router_sends_reads_to_a_replica_and_writes_to_the_primary(one_replica):
    router = PrimaryReplicaRouter()
    assert router.db_for_write(None) == PRIMARY
    assert router.db_for_read(None) == "replica1"
    assert router.allow_migrate("replica1", "catalogue") is False


@pytest.mark.django_db
def test_reads_inside_a_write_transaction_stay_on_the_primary(one_replica):
    with transaction.atomic():
        assert connections[PRIMARY].in_atomic_block
        assert PrimaryReplicaRouter().db_for_read(None) == PRIMARY


def test_router_without_replicas_uses_the_primary():
    assert PrimaryReplicaRouter().db_for_read(None) == PRIMARY


@pytest.mark.django_db
def test_cached_counts_are_recomputed_after_a_write():
    calls = []

    def count():
        calls.append(1)
        return len(calls)

    assert catalogue_cached("test-count", {"a": 1}, count) == 1
    assert catalogue_cached("test-count", {"a": 1}, count) == 1  # served from the cache
    before = catalogue_version()
    StandardFactory()  # any catalogue write
    assert catalogue_version() != before
    assert catalogue_cached("test-count", {"a": 1}, count) == 2


@pytest.mark.django_db
def test_a_rolled_back_write_never_hands_its_version_to_a_later_one():
    before = catalogue_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        StandardFactory()
        rolled_back = catalogue_version()
        raise RuntimeError
    assert catalogue_version() == before
    StandardFactory()
    assert catalogue_version() not in {before, rolled_back}


@pytest.mark.django_db
def test_counts_can_be_turned_off(settings):
    settings.CATALOGUE_CACHE = False
    calls = []
    catalogue_cached("test-count", {}, lambda: calls.append(1))
    catalogue_cached("test-count", {}, lambda: calls.append(1))
    assert len(calls) == 2


OTHER_PROCESS = """
import sys, django
django.setup()
from catalogue.models import Standard
from core.cache import catalogue_cached
for line in sys.stdin:
    count = catalogue_cached("probe", {}, lambda: Standard.objects.count())
    print(count, flush=True)
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_write_in_one_process_is_seen_by_the_next_read_of_another():
    """Two processes, each with its own memory cache (no Redis), one database."""
    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs a database another process can open (PostgreSQL; CI runs it)")
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("REDIS_URL", None)
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_PROCESS],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:

        def ask() -> int:
            other.stdin.write("count\n")
            other.stdin.flush()
            return int(other.stdout.readline())

        first = ask()
        assert ask() == first  # the other process serves it from its own cache
        StandardFactory()  # committed: this test runs outside a transaction
        assert ask() == first + 1
    finally:
        other.stdin.close()
        other.wait(timeout=30)


@pytest.mark.parametrize("redis_url", ["", "redis://127.0.0.1:6379/0"])
def test_production_caches_counts_with_or_without_a_shared_cache(redis_url):
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG"}},
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
        "REDIS_URL": redis_url,
    }
    code = "import config.settings as s; print(s.CATALOGUE_CACHE)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
