from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.csv_io import KINDS, RowError, csv_import, decode


class Command(BaseCommand):
    help = (
        "Import standards, national adoptions or mappings from CSV (the export's columns). "
        "Every row is checked; a real run writes all rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, kind, file, dry_run, verbosity, **options):
        try:
            text = decode(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except RowError as error:
            raise CommandError(str(error)) from error
        report = csv_import(kind=kind, text=text, dry_run=dry_run)
        for line in report.lines():
            if verbosity > 1 or "rejected" in line or not line.startswith("line "):
                self.stdout.write(line)
        self.stdout.write(report.summary())
        if report.has_errors:
            raise CommandError("Nothing was imported: fix the rejected rows and run again.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {kind}."))
