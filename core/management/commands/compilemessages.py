"""``manage.py compilemessages`` in pure Python: no GNU gettext needed.

Django's own command runs GNU ``msgfmt``, which a fresh machine may not have, while ``make
run`` needs nothing but Python and ``make``. This one compiles each ``.po`` file under
``LOCALE_PATHS`` (where the project keeps its catalogues) with Babel, as msgfmt would: fuzzy
entries left out unless ``--use-fuzzy``, the header always in, a ``.mo`` newer than its
``.po`` kept, placeholders checked (``%(name)s`` kept, one form per plural). It writes to a
temporary file and renames it, so a running server never reads half a catalogue.
"""

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import compilemessages


class Command(compilemessages.Command):
    help = (
        "Compile the .po files under LOCALE_PATHS to .mo files, in pure Python (Babel); "
        "GNU gettext is not needed."
    )

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        self.use_fuzzy = options["fuzzy"]
        chosen, excluded = set(options["locale"]), set(options["exclude"])
        catalogues = []
        for base in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(base.glob("*/LC_MESSAGES/*.po")):
                language = po_path.parent.parent.name
                if (not chosen or language in chosen) and language not in excluded:
                    catalogues.append(po_path)
        if not catalogues:
            raise CommandError(f"No .po file under LOCALE_PATHS ({settings.LOCALE_PATHS}).")
        problems = [problem for po_path in catalogues for problem in self.compile(po_path)]
        if problems:
            raise CommandError("\n".join(["compilemessages found errors:", *problems]))

    def compile(self, po_path: Path) -> list[str]:
        """Write ``po_path``'s ``.mo`` unless it is up to date; return the problems found."""
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            if self.verbosity > 0:
                self.stdout.write(f"File “{po_path}” is already compiled and up to date.")
            return []
        if self.verbosity > 0:
            self.stdout.write(f"processing file {po_path.name} in {po_path.parent}")
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, abort_invalid=True)
        except (PoFileError, UnicodeDecodeError) as error:
            return [f"{po_path}: {error}"]
        problems = [
            f"{po_path}:{message.lineno}: {message.id!r}: {error}"
            for message, errors in catalog.check()
            for error in errors
        ]
        if problems:
            return problems
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, prefix=".", suffix=".mo")
        try:
            with os.fdopen(handle, "wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=self.use_fuzzy)
            os.chmod(temporary, 0o644)
            os.replace(temporary, mo_path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return []
