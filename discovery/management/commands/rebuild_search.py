from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from discovery.search import search_differences, search_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the standards' search documents and full-text index from the standards "
        "(after bulk writes), or with --check report whether they differ from a fresh "
        "computation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; exit 1 if the index is stale."
        )

    def handle(self, *args, check=False, **options):
        if check:
            stale = search_differences()
            if stale:
                raise CommandError(
                    f"The search index is stale for {len(stale)} standards. Run rebuild_search."
                )
            self.stdout.write("The search index equals a fresh computation.")
            return
        with transaction.atomic():
            rows = search_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search index: {rows} standards."))
