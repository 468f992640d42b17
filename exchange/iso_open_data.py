"""Sync standards from an ISO Open Data file (JSON lines, optionally gzipped) read from disk.

The import owns a few fields (stage code, edition, publication date, committee, ISO id and
replaces / replaced-by relations). It remembers on each standard the values it last
imported, so it can tell ISO's changes from a curator's: a value a curator changed since
the last import (or entered before any import) is never overwritten; the disagreement is
reported as a conflict instead. Malformed lines are reported one by one, and then nothing is
written. Running the same file twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Committee, DeliverableType, RelationKind, Standard, StandardRelation
from catalogue.stages import STAGE_CODES
from core.models import Confidence, ReviewState
from core.services.common import save_validated
from core.text import reference_slug

SOURCE = "ISO Open Data"
OWNED_FIELDS = ["stage_code", "edition", "publication_date", "committee"]
REQUIRED_KEYS = ["id", "deliverableType", "reference", "currentStage", "ownerCommittee"]


class OpenDataError(Exception):
    """The file cannot be read at all (missing, not UTF-8 text, not gzip)."""


@dataclasses.dataclass
class Conflict:
    reference: str
    field: str
    ours: str
    theirs: str

    def __str__(self):
        return _("%(reference)s: %(field)s is %(ours)s here, ISO says %(theirs)s (kept ours)") % {
            "reference": self.reference,
            "field": self.field,
            "ours": self.ours or "—",
            "theirs": self.theirs or "—",
        }


@dataclasses.dataclass
class OpenDataReport:
    created: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)
    unchanged: list[str] = dataclasses.field(default_factory=list)
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    malformed: list[str] = dataclasses.field(default_factory=list)
    dry_run: bool = False

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.malformed

    def summary(self) -> str:
        return _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(conflicts)d conflicts, %(skipped)d lines skipped, %(malformed)d malformed"
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "conflicts": len(self.conflicts),
            "skipped": len(self.skipped),
            "malformed": len(self.malformed),
        }


class _Rollback(Exception):
    pass


@dataclasses.dataclass
class Deliverable:
    line: int
    iso_id: int
    reference: str
    deliverable_type: str
    stage_code: str
    edition: int | None
    publication_date: datetime.date | None
    committee_code: str
    replaces: list[int]
    replaced_by: list[int]
    supplement: str = ""


def read_lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise OpenDataError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
        ) from error
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise OpenDataError(_("%(path)s is not a valid gzip file.") % {"path": path}) from error
    try:
        return raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise OpenDataError(
            _("%(path)s is not UTF-8 text (bad byte on line %(line)d).")
            % {"path": path, "line": line}
        ) from error


def _parse(line_number: int, text: str) -> Deliverable | str:
    """Return a Deliverable, or a reason why the line is malformed."""
    try:
        item = json.loads(text)
    except json.JSONDecodeError as error:
        return _("not valid JSON (%(error)s)") % {"error": error.msg}
    if not isinstance(item, dict):
        return _("not a JSON object")
    missing = [key for key in REQUIRED_KEYS if item.get(key) in (None, "")]
    if missing:
        return _("missing %(keys)s") % {"keys": ", ".join(missing)}
    try:
        stage = int(item["currentStage"])
        stage_code = f"{stage // 100:02d}.{stage % 100:02d}"
        iso_id = int(item["id"])
        edition = int(item["edition"]) if item.get("edition") not in (None, "") else None
        date = item.get("publicationDate")
        publication_date = datetime.date.fromisoformat(date[:10]) if date else None
        replaces = [int(value) for value in item.get("replaces") or []]
        replaced_by = [int(value) for value in item.get("replacedBy") or []]
    except (TypeError, ValueError) as error:
        return _("a value has the wrong type (%(error)s)") % {"error": error}
    if stage_code not in STAGE_CODES:
        return _("currentStage %(stage)s is not an ISO Guide 69 stage code") % {
            "stage": item["currentStage"]
        }
    return Deliverable(
        line=line_number,
        iso_id=iso_id,
        reference=str(item["reference"]).strip(),
        deliverable_type=str(item["deliverableType"]).strip(),
        supplement=item.get("supplementType") or "",
        stage_code=stage_code,
        edition=edition,
        publication_date=publication_date,
        committee_code=str(item["ownerCommittee"]).strip(),
        replaces=replaces,
        replaced_by=replaced_by,
    )


def _owned_values(deliverable: Deliverable, committee: Committee | None) -> dict:
    return {
        "stage_code": deliverable.stage_code,
        "edition": deliverable.edition,
        "publication_date": deliverable.publication_date,
        "committee": committee,
    }


def _snapshot(value) -> str | int | None:
    """How a value is remembered in ``open_data_values`` (JSON)."""
    if isinstance(value, Committee):
        return value.code
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _number_and_part(reference: str) -> tuple[str, str, int | None]:
    """``ISO/IEC TS 5259-1:2024`` → ("5259", "1", 2024)."""
    body = reference.split()[-1]
    number_part, _sep, year = body.partition(":")
    number, _sep, part = number_part.partition("-")
    return number, part, int(year) if year.isdigit() else None


class _Importer:
    def __init__(self, *, committees: list[str], dry_run: bool):
        self.create_for = set(committees)
        self.report = OpenDataReport(dry_run=dry_run)
        self.committees = {committee.code: committee for committee in Committee.objects.all()}
        self.now = timezone.now()

    def run(self, lines: list[str]) -> OpenDataReport:
        deliverables = []
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            parsed = _parse(number, text)
            if isinstance(parsed, str):
                self.report.malformed.append(
                    _("line %(line)d: %(reason)s") % {"line": number, "reason": parsed}
                )
            else:
                deliverables.append(parsed)
        try:
            with transaction.atomic():
                by_iso_id = {}
                for deliverable in deliverables:
                    standard = self.sync(deliverable)
                    if standard is not None:
                        by_iso_id[deliverable.iso_id] = standard
                for deliverable in deliverables:
                    if deliverable.iso_id in by_iso_id:
                        self.relate(deliverable, by_iso_id)
                if self.report.dry_run or self.report.malformed:
                    raise _Rollback
        except _Rollback:
            pass
        return self.report

    def skip(self, deliverable: Deliverable, reason: str):
        self.report.skipped.append(
            _("line %(line)d: %(reference)s: %(reason)s")
            % {"line": deliverable.line, "reference": deliverable.reference, "reason": reason}
        )

    def find(self, deliverable: Deliverable) -> Standard | None:
        return (
            Standard.objects.filter(iso_id=deliverable.iso_id).first()
            or Standard.objects.filter(reference=deliverable.reference).first()
        )

    def sync(self, deliverable: Deliverable) -> Standard | None:
        if deliverable.supplement:
            self.skip(deliverable, _("amendments and corrigenda are not catalogued"))
            return None
        committee = self.committees.get(deliverable.committee_code)
        standard = self.find(deliverable)
        if standard is None:
            return self.create(deliverable, committee)
        if committee is None:
            self.skip(
                deliverable,
                _("committee %(code)s is not in the catalogue")
                % {"code": deliverable.committee_code},
            )
            return standard
        return self.update(standard, deliverable, committee)

    def create(self, deliverable: Deliverable, committee: Committee | None) -> Standard | None:
        if deliverable.committee_code not in self.create_for:
            self.skip(deliverable, _("not in the catalogue (use --committee to propose it)"))
            return None
        if committee is None:
            self.skip(
                deliverable,
                _("committee %(code)s is not in the catalogue")
                % {"code": deliverable.committee_code},
            )
            return None
        if deliverable.deliverable_type not in DeliverableType.values:
            self.skip(
                deliverable,
                _("deliverable type %(type)s is not catalogued")
                % {"type": deliverable.deliverable_type},
            )
            return None
        number, part, year = _number_and_part(deliverable.reference)
        values = _owned_values(deliverable, committee)
        standard = Standard(
            reference=deliverable.reference,
            slug=reference_slug(deliverable.reference),
            number=number,
            part=part,
            year=year,
            deliverable_type=deliverable.deliverable_type,
            title=deliverable.reference,
            iso_id=deliverable.iso_id,
            url=f"https://www.iso.org/standard/{deliverable.iso_id}.html",
            review_state=ReviewState.PROPOSED,
            source=SOURCE,
            confidence=Confidence.HIGH,
            notes=_("Proposed by the ISO Open Data import; title and summary to be written."),
            open_data_values={field: _snapshot(value) for field, value in values.items()},
            open_data_imported_at=self.now,
            **values,
        )
        save_validated(standard, reason=SOURCE)
        self.report.created.append(deliverable.reference)
        return standard

    def update(
        self, standard: Standard, deliverable: Deliverable, committee: Committee
    ) -> Standard:
        incoming = _owned_values(deliverable, committee)
        if standard.iso_id is None:
            incoming["iso_id"] = deliverable.iso_id
        last = standard.open_data_values or {}
        changed = []
        for field, theirs in incoming.items():
            ours = getattr(standard, field)
            if _snapshot(ours) == _snapshot(theirs):
                continue
            curator_edited = ours not in (None, "") and (
                field not in last or _snapshot(ours) != last[field]
            )
            if field != "iso_id" and curator_edited:
                self.report.conflicts.append(
                    Conflict(
                        standard.reference,
                        field,
                        str(_snapshot(ours) or ""),
                        str(_snapshot(theirs) or ""),
                    )
                )
                continue
            setattr(standard, field, theirs)
            changed.append(field)
        remembered = {
            field: _snapshot(value) for field, value in incoming.items() if field != "iso_id"
        }
        if not changed and remembered == last:
            self.report.unchanged.append(standard.reference)
            return standard
        standard.open_data_values = remembered
        standard.open_data_imported_at = self.now
        save_validated(standard, reason=SOURCE)
        (self.report.updated if changed else self.report.unchanged).append(standard.reference)
        return standard

    def relate(self, deliverable: Deliverable, by_iso_id: dict[int, Standard]):
        standard = by_iso_id[deliverable.iso_id]
        pairs = [(standard, other) for other in deliverable.replaces] + [
            (other, standard) for other in deliverable.replaced_by
        ]
        for newer, older in pairs:
            newer = (
                newer
                if isinstance(newer, Standard)
                else by_iso_id.get(newer) or Standard.objects.filter(iso_id=newer).first()
            )
            older = (
                older
                if isinstance(older, Standard)
                else by_iso_id.get(older) or Standard.objects.filter(iso_id=older).first()
            )
            if newer is None or older is None or newer == older:
                continue
            StandardRelation.objects.get_or_create(
                from_standard=newer,
                to_standard=older,
                kind=RelationKind.REPLACES,
                defaults={"source": SOURCE, "confidence": Confidence.HIGH},
            )


def standards_import_open_data(
    *, path: Path, committees: list[str] = (), dry_run: bool = False
) -> OpenDataReport:
    """Sync standards from the ISO Open Data file at ``path``; see the module docstring."""
    return _Importer(committees=list(committees), dry_run=dry_run).run(read_lines(Path(path)))
