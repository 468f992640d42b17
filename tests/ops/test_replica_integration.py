"""Reads really go to a replica when one is configured.

Run by .ci/run with ``DATABASE_REPLICA_URLS`` pointing at the primary itself (a replica
alias on the same PostgreSQL); skipped otherwise, and ``REQUIRE_REPLICA=1`` makes the skip
a failure.
"""

import os

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from catalogue.models import Standard
from tests.factories import StandardFactory

REPLICA = "replica1"

if REPLICA not in settings.DATABASES:
    if os.environ.get("REQUIRE_REPLICA") == "1":
        raise RuntimeError("REQUIRE_REPLICA=1 but DATABASE_REPLICA_URLS is not set.")
    pytest.skip("no read replica configured (set DATABASE_REPLICA_URLS)", allow_module_level=True)


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_reads_go_to_the_replica_and_writes_to_the_primary():
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        standard = StandardFactory()
        read = Standard.objects.get(pk=standard.pk)
    assert read.reference == standard.reference
    assert any("INSERT" in query["sql"] for query in primary.captured_queries)
    assert not any("INSERT" in query["sql"] for query in replica.captured_queries)
    assert any(
        "SELECT" in query["sql"] and "catalogue_standard" in query["sql"]
        for query in replica.captured_queries
    )
