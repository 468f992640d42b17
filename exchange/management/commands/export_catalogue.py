from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from exchange.backup import BACKUP_PARTS


class Command(BaseCommand):
    help = (
        "Export everything (catalogue, policies, mappings, their full history and the staff "
        "accounts) into DIR as XML, for import_catalogue into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        directory.mkdir(parents=True, exist_ok=True)
        for name, labels, natural in BACKUP_PARTS:
            path = directory / f"{name}.xml"
            call_command(
                "dumpdata",
                *labels,
                output=str(path),
                format="xml",
                indent=1,
                natural_foreign=natural,
                verbosity=0,
            )
            self.stdout.write(f"Wrote {path}")
