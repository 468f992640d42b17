from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.iso_open_data import OpenDataError, standards_import_open_data


class Command(BaseCommand):
    help = (
        "Sync standards from an ISO Open Data file (JSON lines, optionally gzipped) on disk. "
        "Updates the fields the import owns, never a value a curator changed: those are "
        "listed as conflicts. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--committee",
            action="append",
            default=[],
            help="Propose missing deliverables of this committee (repeatable), "
            'e.g. --committee "ISO/IEC JTC 1/SC 42".',
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, file, committee, dry_run, verbosity, **options):
        try:
            report = standards_import_open_data(path=file, committees=committee, dry_run=dry_run)
        except OpenDataError as error:
            raise CommandError(str(error)) from error
        sections = [
            ("Created (proposed, private until approved)", report.created),
            ("Updated", report.updated),
            ("Conflicts (curator's value kept)", report.conflicts),
            ("Skipped", report.skipped),
            ("Malformed", report.malformed),
        ]
        if verbosity > 1:
            sections.insert(2, ("Unchanged", report.unchanged))
        for title, items in sections:
            if items:
                self.stdout.write(f"{title}:")
                for item in items:
                    self.stdout.write(f"  {item}")
        self.stdout.write(report.summary())
        if report.malformed:
            raise CommandError("Nothing was written: the file has malformed lines.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
