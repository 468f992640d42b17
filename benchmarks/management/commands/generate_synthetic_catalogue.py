import time

from django.core.management.base import BaseCommand, CommandError

from benchmarks.synthetic import (
    SyntheticDataError,
    synthetic_catalogue_clear,
    synthetic_catalogue_exists,
    synthetic_catalogue_generate,
)
from exchange.reference_data import ReferenceDataError, catalogue_load_reference
from policies.models import Objective


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic catalogue of N standards (and instruments, "
        "provisions, links and adoptions in proportion) for benchmarks. Synthetic rows are "
        "marked SYN/ and syn-; --clear deletes them and nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument("--standards", type=int, help="How many synthetic standards to add.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same rows (0).")
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Delete the synthetic rows first (alone: delete them and stop).",
        )

    def handle(self, *args, standards, seed, clear, verbosity, **options):
        if standards is None and not clear:
            raise CommandError("Give --standards N, or --clear to delete the synthetic rows.")
        if standards is not None and standards < 1:
            raise CommandError("--standards must be at least 1.")
        if clear:
            deleted = synthetic_catalogue_clear()
            total = sum(deleted.values())
            self.stdout.write(f"Deleted {total} synthetic rows.")
            if verbosity > 1:
                for name, count in sorted(deleted.items()):
                    self.stdout.write(f"  {name}: {count}")
        if standards is None:
            return
        if synthetic_catalogue_exists():
            raise CommandError(
                "A synthetic catalogue is already loaded: add --clear to replace it."
            )
        if not Objective.objects.exists():
            self.stdout.write("Loading the reference catalogue first.")
            try:
                catalogue_load_reference()
            except ReferenceDataError as error:
                raise CommandError(f"The reference catalogue did not load: {error}") from error
        started = time.perf_counter()
        try:
            report = synthetic_catalogue_generate(standards=standards, seed=seed)
        except SyntheticDataError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic catalogue of {standards} standards (seed {seed}) "
                f"generated in {time.perf_counter() - started:.1f} s."
            )
        )
