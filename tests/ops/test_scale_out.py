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
    assert catalogue_version() > before
    assert catalogue_cached("test-count", {"a": 1}, count) == 2


@pytest.mark.django_db
def test_without_a_shared_cache_counts_are_computed_every_time(settings):
    settings.CATALOGUE_CACHE = False
    calls = []
    catalogue_cached("test-count", {}, lambda: calls.append(1))
    catalogue_cached("test-count", {}, lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("redis_url", "expected"), [("", "False"), ("redis://127.0.0.1:6379/0", "True")]
)
def test_production_caches_counts_only_with_a_shared_cache(redis_url, expected):
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
    assert result.stdout.strip() == expected
