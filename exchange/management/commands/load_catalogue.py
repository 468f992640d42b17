from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.reference_data import (
    DEFAULT_DIRECTORY,
    ReferenceDataError,
    catalogue_load_reference,
)


class Command(BaseCommand):
    help = (
        "Load the reference catalogue (fixtures/*.yaml). Idempotent: rows that exist are kept "
        "as curators left them; differences are reported, and --update overwrites them. "
        "A system operation: history records it as the reference catalogue, with no user."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=DEFAULT_DIRECTORY)
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite values that differ from the reference data.",
        )

    def handle(self, *args, directory: Path, update: bool, verbosity: int, **options):
        if not directory.is_dir():
            raise CommandError(f"No reference data directory at {directory}.")
        try:
            report = catalogue_load_reference(directory=directory, update=update)
        except ReferenceDataError as error:
            raise CommandError(
                f"Reference data not loaded, nothing was written: {error}"
            ) from error
        if verbosity > 0:
            for line in report.lines():
                self.stdout.write(line)
        if report.differences:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.differences)} rows differ from the reference data and were kept."
                )
            )
            if verbosity > 1:
                for line in report.differences:
                    self.stdout.write(f"  {line}")
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS("Reference catalogue loaded (a system operation, no user).")
            )
