"""Every migration of ours is reversible: migrate to zero and back on this database."""

import pytest
from django.core.management import call_command
from django.db import connection

from catalogue.models import Standard
from exchange.reference_data import catalogue_load_reference

# Dependants first: core's roles depend on all three apps; catalogue on policies.
APPS_IN_REVERSE_ORDER = ["core", "mappings", "catalogue", "policies"]


@pytest.mark.django_db(transaction=True)
def test_every_migration_reverses_to_zero_and_applies_again():
    try:
        # Reversing a relaxed constraint (an adoption's optional degree) cannot invent the
        # values it would need, so the schema is reversed on an empty database.
        call_command("flush", "--noinput", verbosity=0)
        for app in APPS_IN_REVERSE_ORDER:
            call_command("migrate", app, "zero", verbosity=0)
        tables = connection.introspection.table_names()
        assert not [
            table for table in tables if table.startswith(("catalogue_", "policies_", "mappings_"))
        ]

        call_command("migrate", verbosity=0)
        report = catalogue_load_reference()
        assert sum(report.created.values()) > 0
        assert Standard.objects.filter(reference="ISO/IEC 42001:2023").exists()
    finally:
        call_command("migrate", verbosity=0)
        if not Standard.objects.exists():
            catalogue_load_reference()
