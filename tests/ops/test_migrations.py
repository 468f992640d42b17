"""Every migration of ours is reversible: migrate to zero and back on this database."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.models import Standard
from core.models import CatalogueVersion
from discovery.applies_in import applicability_differences
from discovery.models import Applicability
from exchange.reference_data import catalogue_load_reference

# Dependants first: the applies-in table on the documents and links; core's roles on all
# three apps; catalogue on policies.
APPS_IN_REVERSE_ORDER = ["discovery", "core", "mappings", "catalogue", "policies"]


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


# The leaf migrations of the release before the applies-in table and the version row.
PREVIOUS_RELEASE = [
    ("core", "0001_roles"),
    ("catalogue", "0007_standard_public_count_index"),
    ("policies", "0003_jurisdiction_code_length"),
    ("mappings", "0002_history_and_curation"),
    ("discovery", None),
]


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_previous_release_migrates_forward_without_losing_a_row():
    try:
        call_command("flush", "--noinput", verbosity=0)
        executor = MigrationExecutor(connection)
        executor.migrate(PREVIOUS_RELEASE)
        old = executor.loader.project_state(
            [node for node in PREVIOUS_RELEASE if node[1] is not None]
        ).apps
        place = old.get_model("policies", "Jurisdiction").objects.create(
            code="QM", name="Migrania", kind="country"
        )
        instrument = old.get_model("policies", "PolicyInstrument").objects.create(
            slug="old-act", name="Old Act", jurisdiction=place, kind="regulation", year=2020
        )
        provision = old.get_model("policies", "Provision").objects.create(
            instrument=instrument, ref="Article 1", slug="article-1", title="Scope", order=1
        )
        standard = old.get_model("catalogue", "Standard").objects.create(
            reference="TEST/IEC 1:2020",
            slug="test-iec-1-2020",
            number="1",
            year=2020,
            deliverable_type="IS",
            title="An old standard",
            stage_code="60.60",
        )
        old.get_model("mappings", "StandardProvisionLink").objects.create(
            standard=standard,
            instrument=instrument,
            provision=provision,
            relationship="supports_compliance_with",
            source="A source",
            confidence="medium",
            review_state="approved",
        )
        body = old.get_model("catalogue", "StandardsBody").objects.create(
            acronym="QMS", slug="qms", name="Migrania Standards", country=place
        )
        old.get_model("catalogue", "NationalAdoption").objects.create(
            standard=standard, body=body, designation="QMS 1", degree="IDT", source="A source"
        )

        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

        kept = Standard.objects.get(slug="test-iec-1-2020")
        assert kept.title == "An old standard"
        assert kept.provision_links.get().provision.ref == "Article 1"
        assert kept.adoptions.get().designation == "QMS 1"
        reasons = Applicability.objects.filter(standard=kept)
        assert reasons.filter(provision_link__isnull=False).count() == 1
        assert reasons.filter(adoption__isnull=False).count() == 1
        assert CatalogueVersion.objects.filter(pk=1).exists()
        assert applicability_differences() == (set(), set())
    finally:
        call_command("migrate", verbosity=0)
        call_command("flush", "--noinput", verbosity=0)
        call_command("migrate", verbosity=0)
        catalogue_load_reference()
