import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from exchange.actor import add_actor_arguments, resolve_actor
from exchange.iso_open_data import (
    FORMATS,
    OpenDataError,
    StrictAbort,
    standards_import_open_data,
)


class Command(BaseCommand):
    help = (
        "Sync standards from ISO's Open Data file on disk: JSON Lines (gzipped or not), the "
        "CSV edition, or Parquet (with pyarrow). Updates the fields the import owns, never a "
        "value a person changed (those are listed as conflicts). Bad lines are reported by "
        "number and skipped (--strict: nothing is written). Idempotent."
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
        parser.add_argument(
            "--strict", action="store_true", help="Write nothing if any line is bad."
        )
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=FORMATS,
            help="The file's format (default: from its name; JSON Lines unless .csv/.parquet).",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            help="Refuse a file holding more bytes than this after decompression "
            "(default: the IMPORT_MAX_BYTES setting, 512 MiB).",
        )
        parser.add_argument(
            "--max-line-bytes",
            type=int,
            help="Refuse a line longer than this (default: IMPORT_MAX_LINE_BYTES, 1 MiB).",
        )
        add_actor_arguments(parser)

    def handle(self, *args, file, committee, dry_run, strict, verbosity, **options):
        user = resolve_actor(user=options["user"], system=options["system"])
        terminal = sys.stderr.isatty() and verbosity > 0
        progress_bar = (
            Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            if terminal
            else None
        )
        task = None

        def progress(done: int, total: int):
            nonlocal task
            if task is None:
                task = progress_bar.add_task(f"Reading {file.name}", total=total)
            progress_bar.update(task, completed=done)

        try:
            if progress_bar is not None:
                progress_bar.start()
            report = standards_import_open_data(
                path=file,
                committees=committee,
                dry_run=dry_run,
                strict=strict,
                user=user,
                file_format=options["file_format"],
                max_bytes=options["max_bytes"],
                max_line_bytes=options["max_line_bytes"],
                verbose=verbosity > 1,
                progress=progress if progress_bar is not None else None,
            )
        except OpenDataError as error:
            raise CommandError(str(error)) from error
        except StrictAbort as abort:
            for line in abort.report.bad:
                self.stdout.write(f"  {line}")
            raise CommandError(
                f"Nothing was written: {len(abort.report.bad)} bad lines (--strict)."
            ) from abort
        finally:
            if progress_bar is not None:
                progress_bar.stop()
        sections = [
            ("Created (proposed, private until approved)", report.created),
            ("Published under a new reference (the old address redirects)", report.renamed),
            ("Updated", report.updated),
            ("Conflicts (the value a person set was kept)", report.conflicts),
            ("Bad lines (skipped)", report.bad),
        ]
        if verbosity > 1:
            sections.insert(3, ("Unchanged", report.unchanged))
            sections.append(("Skipped", report.skipped))
            sections.append(
                ("Of committees the catalogue does not follow", report.not_followed_lines)
            )
        for title, items in sections:
            if items:
                self.stdout.write(f"{title}:")
                for item in items:
                    self.stdout.write(f"  {item}")
        self.stdout.write(report.summary())
        if user is None:
            self.stdout.write("Ran as a system operation (--system); history records it so.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
