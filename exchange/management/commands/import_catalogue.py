from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue.models import Standard
from core.cache import catalogue_changed
from discovery.applies_in import applicability_rebuild
from discovery.search import search_rebuild
from exchange.backup import BACKUP_PARTS
from policies.models import Jurisdiction


class Command(BaseCommand):
    help = "Import an export_catalogue directory into an empty, migrated database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        paths = [directory / f"{name}.xml" for name, _labels, _natural in BACKUP_PARTS]
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"Not an export_catalogue directory; missing {', '.join(missing)}.")
        if Standard.objects.exists() or Jurisdiction.objects.exists():
            raise CommandError(
                "The database already holds a catalogue; import only into an empty one "
                "(migrate a new database first)."
            )
        with transaction.atomic():
            for path in paths:
                call_command("loaddata", str(path), verbosity=0)
                self.stdout.write(f"Loaded {path}")
            # Derived, so not in the backup; loaddata sends raw saves.
            applicability_rebuild()
            search_rebuild()
        catalogue_changed()
        self.stdout.write(self.style.SUCCESS("Catalogue imported."))
        self.stdout.write(
            self.style.WARNING(
                "API tokens are not in a backup: every user who writes through the API needs a "
                "new one (admin, Auth Token, or: manage.py drf_create_token USERNAME). "
                "Sessions and login lockouts start afresh too."
            )
        )
