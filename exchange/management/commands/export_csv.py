import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from exchange.csv_io import KINDS, csv_export


class Command(BaseCommand):
    help = "Export standards, national adoptions or mappings as CSV, in the import's columns."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path, nargs="?", help="Defaults to standard output.")

    def handle(self, *args, kind, file, **options):
        if file is None:
            csv_export(kind=kind, out=sys.stdout)
            return
        with file.open("w", encoding="utf-8", newline="") as out:
            count = csv_export(kind=kind, out=out)
        self.stderr.write(f"Wrote {count} {kind} to {file}.")
