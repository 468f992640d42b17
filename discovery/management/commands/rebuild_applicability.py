from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.cache import catalogue_changed
from discovery.applies_in import applicability_differences, applicability_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the 'applies in' table from the curated rows (after bulk writes), or with "
        "--check report whether it differs from a fresh computation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; exit 1 if the table is stale."
        )

    def handle(self, *args, check=False, **options):
        if check:
            extra, missing = applicability_differences()
            if extra or missing:
                raise CommandError(
                    f"The applies-in table is stale: {len(extra)} rows too many, "
                    f"{len(missing)} missing. Run rebuild_applicability."
                )
            self.stdout.write("The applies-in table equals a fresh computation.")
            return
        with transaction.atomic():
            rows = applicability_rebuild()
            catalogue_changed()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the applies-in table: {rows} rows."))
