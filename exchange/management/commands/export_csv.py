import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from exchange.csv_io import KINDS, csv_export


class Command(BaseCommand):
    help = (
        "Export standards, national adoptions or mappings as CSV, in the import's columns. "
        "Cells a spreadsheet would evaluate as a formula start with a quote (the import "
        "removes it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path, nargs="?", help="Defaults to standard output.")
        parser.add_argument(
            "--bom",
            action="store_true",
            help="Start with a UTF-8 byte-order mark, so that Excel reads the file as UTF-8.",
        )

    def handle(self, *args, kind, file, bom, **options):
        if file is None:
            csv_export(kind=kind, out=sys.stdout, bom=bom)
            return
        with file.open("w", encoding="utf-8", newline="") as out:
            count = csv_export(kind=kind, out=out, bom=bom)
        self.stderr.write(f"Wrote {count} {kind} to {file}.")
