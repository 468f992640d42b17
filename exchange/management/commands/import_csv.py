from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.actor import add_actor_arguments, resolve_actor
from exchange.csv_io import KINDS, RowError, csv_import, decode
from exchange.streams import max_bytes


class Command(BaseCommand):
    help = (
        "Import standards, national adoptions or mappings from CSV (the export's columns). "
        "Every row is checked; a real run writes all rows or none. Say who writes: --user NAME "
        "(that user's permissions and review rules apply) or --system."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            help="Refuse a larger file (default: the IMPORT_MAX_BYTES setting, 512 MiB).",
        )
        add_actor_arguments(parser)

    def handle(self, *args, kind, file, dry_run, verbosity, **options):
        user = resolve_actor(user=options["user"], system=options["system"])
        limit = max_bytes(options["max_bytes"])
        try:
            size = file.stat().st_size
            if size > limit:
                raise CommandError(
                    f"{file.name} is larger than {limit} bytes (IMPORT_MAX_BYTES); nothing was "
                    "written. Raise the limit with --max-bytes if the file is genuine."
                )
            text = decode(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except RowError as error:
            raise CommandError(str(error)) from error
        report = csv_import(kind=kind, text=text, user=user, dry_run=dry_run)
        for line in report.lines():
            if verbosity > 1 or "rejected" in line or not line.startswith("line "):
                self.stdout.write(line)
        self.stdout.write(report.summary())
        if report.has_errors:
            raise CommandError("Nothing was imported: fix the rejected rows and run again.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        elif user is None:
            self.stdout.write(
                self.style.SUCCESS(f"Imported {kind} as a system operation (--system).")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {kind} as {user.get_username()}."))
