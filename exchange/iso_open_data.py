"""Sync standards from ISO's Open Data file (dataset ``iso_deliverables_metadata``, ODC-By 1.0).

The file is read from disk as JSON Lines (gzipped or not), as the CSV edition (nested keys
flattened: ``title.en``, ``scope.en``, ``pages.en``) or, where pyarrow is installed, as
Parquet. It is streamed within the limits of ``exchange.streams``; lines of committees the
catalogue does not follow are counted and dropped before any query.

What the import owns: stage code, edition, publication date, committee, ISO id, the title
(``title.en``), ISO's abstract (``scope.en``, its own field, never our summary) and, when a
draft is published under the same ISO id, the reference, year and slug (the old slug keeps
redirecting). A published edition already catalogued under its reference is matched by its
normalised reference instead of being created again.

What counts as a curator's: a value is a curator's only if the last change to it in history
was made by a person (history records a user) other than through this import. Values loaded
from the reference data or by an earlier import take ISO's; a curator's value is never
overwritten and the disagreement is reported as a conflict.

Bad lines (broken JSON, a missing key such as a null ``ownerCommittee``, a stage code outside
ISO Guide 69, a value of the wrong type) are reported by line number and skipped; the good
lines apply in one transaction. ``strict`` makes any bad line abort with nothing written.
Running the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from catalogue.models import (
    Committee,
    DeliverableType,
    RelationKind,
    Standard,
    StandardRelation,
    StandardSlugAlias,
)
from catalogue.stages import STAGE_CODES
from core.models import Confidence, ReviewState
from core.services.common import DeletionRefused, delete_protected, save_validated
from core.services.entries import entry_check_permission
from core.text import reference_slug
from exchange.streams import (
    BoundedSource,
    LimitExceeded,
    StreamError,
    iter_lines,
    line_too_long,
    max_line_bytes,
    text_stream,
)
from exchange.streams import max_bytes as limit_bytes

SOURCE = "ISO Open Data"
DATASET = "iso_deliverables_metadata"
LICENCE = "ODC-By 1.0"
LICENCE_URL = "https://opendatacommons.org/licenses/by/1-0/"
REASON = "ISO Open Data import"
SYSTEM_REASON = "ISO Open Data import (system operation, --system)"
OWNED_FIELDS = ["stage_code", "edition", "publication_date", "committee", "title"]
RENAME_FIELDS = ["reference", "number", "part", "year", "slug"]
REQUIRED_KEYS = ["id", "deliverableType", "reference", "currentStage", "ownerCommittee"]
FORMATS = ["jsonl", "csv", "parquet"]
HISTORY_CHUNK = 500
PARQUET_BATCH_ROWS = 2000


class OpenDataError(Exception):
    """The file cannot be imported at all (missing, not gzip, over a limit, no permission)."""


class StrictAbort(Exception):
    """``strict`` and the file has bad lines: nothing was written (``report`` lists them)."""

    def __init__(self, report):
        super().__init__("bad lines")
        self.report = report


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
    renamed: list[str] = dataclasses.field(default_factory=list)
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    bad: list[str] = dataclasses.field(default_factory=list)
    not_followed: int = 0
    not_followed_lines: list[str] = dataclasses.field(default_factory=list)
    lines_read: int = 0
    dry_run: bool = False
    strict: bool = False

    @property
    def malformed(self) -> list[str]:
        return self.bad

    @property
    def written(self) -> bool:
        return not self.dry_run and not (self.strict and self.bad)

    def summary(self) -> str:
        return _(
            "%(lines)d lines read: %(created)d created, %(updated)d updated (%(renamed)d "
            "published under a new reference), %(unchanged)d unchanged, %(conflicts)d "
            "conflicts, %(skipped)d skipped, %(not_followed)d of committees the catalogue "
            "does not follow, %(bad)d bad lines"
        ) % {
            "lines": self.lines_read,
            "created": len(self.created),
            "updated": len(self.updated),
            "renamed": len(self.renamed),
            "unchanged": len(self.unchanged),
            "conflicts": len(self.conflicts),
            "skipped": len(self.skipped),
            "not_followed": self.not_followed,
            "bad": len(self.bad),
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
    title: str = ""
    abstract: str = ""


# -- reading ----------------------------------------------------------------------------------


def detect_format(path: Path) -> str:
    suffixes = [suffix.lower() for suffix in Path(path).suffixes if suffix.lower() != ".gz"]
    if suffixes and suffixes[-1] == ".csv":
        return "csv"
    if suffixes and suffixes[-1] in (".parquet", ".pq"):
        return "parquet"
    return "jsonl"


Record = tuple[int, dict | str]  # (line number, the object or why it is unusable)


def _jsonl_records(source: BoundedSource, line_limit: int | None) -> Iterator[Record]:
    for number, raw in iter_lines(source, line_limit=line_limit):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            yield (
                number,
                _("not UTF-8 text (bad byte at column %(column)d)") % {"column": error.start + 1},
            )
            continue
        try:
            item = json.loads(text)
        except json.JSONDecodeError as error:
            yield number, _("not valid JSON (%(error)s)") % {"error": error.msg}
            continue
        yield number, item if isinstance(item, dict) else _("not a JSON object")


def _csv_records(source: BoundedSource, line_limit: int | None) -> Iterator[Record]:
    limit = max_line_bytes(line_limit)
    previous = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        reader = csv.reader(text_stream(source))
        try:
            header = next(reader, None)
        except UnicodeDecodeError as error:
            raise OpenDataError(_("The file is not UTF-8 text.")) from error
        if not header:
            return
        header = [column.strip() for column in header]
        missing = [key for key in REQUIRED_KEYS if key not in header]
        if missing:
            raise OpenDataError(
                _("The CSV header lacks %(columns)s; is this ISO's CSV edition?")
                % {"columns": ", ".join(missing)}
            )
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise OpenDataError(
                    _("The file is not UTF-8 text (after line %(line)d).") % {"line": start}
                ) from error
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    raise line_too_long(start, limit) from error
                yield start, _("not valid CSV (%(error)s)") % {"error": error}
                continue
            if not any(cell.strip() for cell in row):
                continue
            if sum(len(cell) for cell in row) > limit:
                raise line_too_long(start, limit)
            if len(row) != len(header):
                yield (
                    start,
                    _("has %(found)d cells, the header %(expected)d")
                    % {
                        "found": len(row),
                        "expected": len(header),
                    },
                )
                continue
            yield start, dict(zip(header, row, strict=True))
    finally:
        csv.field_size_limit(previous)


def parquet_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _parquet_records(path: Path, max_bytes: int | None) -> Iterator[Record]:
    try:
        import pyarrow.parquet as parquet
    except ImportError as error:
        raise OpenDataError(
            _("Reading Parquet needs pyarrow: pip install 'ai-standards-catalogue[parquet]'.")
        ) from error
    try:
        handle = parquet.ParquetFile(str(path))
    except (OSError, ValueError) as error:
        raise OpenDataError(_("%(path)s is not a Parquet file.") % {"path": path}) from error
    limit = limit_bytes(max_bytes)
    if (
        handle.metadata.serialized_size
        + sum(
            handle.metadata.row_group(index).total_byte_size
            for index in range(handle.metadata.num_row_groups)
        )
        > limit
    ):
        raise LimitExceeded(
            _("%(path)s holds more than %(limit)d bytes of data (IMPORT_MAX_BYTES).")
            % {"path": path.name, "limit": limit}
        )
    number = 0
    for batch in handle.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for item in batch.to_pylist():
            number += 1
            yield number, item


def read_records(
    path: Path,
    *,
    file_format: str | None = None,
    max_bytes: int | None = None,
    max_line_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Record]:
    """Yield each record of the file, streamed within the limits; see ``exchange.streams``."""
    path = Path(path)
    file_format = file_format or detect_format(path)
    if file_format == "parquet":
        if not path.is_file():
            raise OpenDataError(_("Cannot read %(path)s.") % {"path": path})
        yield from _parquet_records(path, max_bytes)
        return
    try:
        source = BoundedSource(path, limit=max_bytes)
    except StreamError as error:
        raise OpenDataError(str(error)) from error
    try:
        records = (
            _csv_records(source, max_line_bytes)
            if file_format == "csv"
            else _jsonl_records(source, max_line_bytes)
        )
        for count, record in enumerate(records, start=1):
            if progress is not None and count % 500 == 0:
                progress(source.position, source.size)
            yield record
        if progress is not None:
            progress(source.size, source.size)
    except StreamError as error:
        raise OpenDataError(str(error)) from error
    finally:
        source.close()


# -- one record -------------------------------------------------------------------------------


def _nested(item: dict, key: str, language: str = "en"):
    """``title.en`` of the CSV edition, or ``title["en"]`` of the JSON one."""
    flat = item.get(f"{key}.{language}")
    if flat not in (None, ""):
        return flat
    value = item.get(key)
    if isinstance(value, dict):
        return value.get(language)
    return None


def _integer(value) -> int | None:
    """A whole number from JSON (``6060``) or the CSV edition (``"6060"``, ``"6060.0"``)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"-?\d+\.0*", text):
        text = text.split(".")[0]
    return int(text)


def _id_list(value) -> list[int]:
    """``[1, 2]`` in JSON; in the CSV edition ``"[1, 2]"``, ``"1|2"``, ``"1;2"`` or ``"1 2"``."""
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        return [_integer(item) for item in value if item not in (None, "")]
    if isinstance(value, int | float):
        return [_integer(value)]
    text = str(value).strip()
    if text.startswith("["):
        return _id_list(json.loads(text))
    return [_integer(item) for item in re.split(r"[|;,\s]+", text) if item]


def abstract_text(markup: str | None) -> str:
    """ISO's scope is HTML (``<p>…</p>``): keep its words and paragraphs, as plain text."""
    if not markup:
        return ""
    text = re.sub(r"(?i)</p\s*>|<br\s*/?>|</li\s*>", "\n\n", str(markup))
    text = html.unescape(strip_tags(text))
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


def _committee_code(item: dict) -> str:
    value = item.get("ownerCommittee")
    return str(value).strip() if value not in (None, "") else ""


def parse(line: int, item: dict) -> Deliverable | str:
    """Return a Deliverable, or why the line is unusable."""
    missing = [key for key in REQUIRED_KEYS if item.get(key) in (None, "")]
    if missing:
        return _("missing %(keys)s") % {"keys": ", ".join(missing)}
    try:
        stage = _integer(item["currentStage"])
        iso_id = _integer(item["id"])
        edition = _integer(item.get("edition"))
        date = item.get("publicationDate")
        if isinstance(date, datetime.datetime):
            publication_date = date.date()
        elif isinstance(date, datetime.date):
            publication_date = date
        else:
            publication_date = datetime.date.fromisoformat(str(date)[:10]) if date else None
        replaces = _id_list(item.get("replaces"))
        replaced_by = _id_list(item.get("replacedBy"))
    except (TypeError, ValueError) as error:
        return _("a value has the wrong type (%(error)s)") % {"error": error}
    stage_code = f"{stage // 100:02d}.{stage % 100:02d}" if 0 <= stage <= 9999 else str(stage)
    if stage_code not in STAGE_CODES:
        return _("currentStage %(stage)s is not an ISO Guide 69 stage code") % {
            "stage": item["currentStage"]
        }
    if iso_id < 1:
        return _("id %(id)s is not a positive whole number") % {"id": item["id"]}
    title = _nested(item, "title")
    return Deliverable(
        line=line,
        iso_id=iso_id,
        reference=" ".join(str(item["reference"]).split()),
        deliverable_type=str(item["deliverableType"]).strip(),
        supplement=str(item.get("supplementType") or "").strip(),
        stage_code=stage_code,
        edition=edition,
        publication_date=publication_date,
        committee_code=_committee_code(item),
        replaces=replaces,
        replaced_by=replaced_by,
        title=" ".join(str(title).split())[:500] if title else "",
        abstract=abstract_text(_nested(item, "scope")),
    )


def normalised_reference(reference: str) -> str:
    """How two printings of one reference compare: case, spaces and dashes aside."""
    text = reference.upper().replace("\u2013", "-").replace("\u2010", "-").replace("\u2011", "-")
    text = re.sub(r"\s*([/:-])\s*", r"\1", text)
    return " ".join(text.split())


def _number_part_year(reference: str) -> tuple[str, str, int | None]:
    """``ISO/IEC TS 5259-1:2024`` → ("5259", "1", 2024); ``ISO/IEC DIS 42006`` → no year."""
    body = reference.split()[-1]
    number_part, _sep, year = body.partition(":")
    number, _sep, part = number_part.partition("-")
    return number, part, int(year) if year.isdigit() else None


def _snapshot(value) -> str | int | None:
    """How a value is remembered in ``open_data_values`` (JSON) and compared."""
    if isinstance(value, Committee):
        return value.code
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# -- who changed what -------------------------------------------------------------------------


def _curated_fields(standard_ids: list[int]) -> dict[int, set[str]]:
    """For each standard, the fields whose last change in history a person made.

    A change by this import (whoever ran it) or without a user (the reference data, a system
    operation) is not a person's.
    """
    history = Standard.history.model
    fields = [*OWNED_FIELDS, *RENAME_FIELDS]
    columns = ["committee_id" if field == "committee" else field for field in fields]
    curated: dict[int, set[str]] = {}
    for start in range(0, len(standard_ids), HISTORY_CHUNK):
        chunk = standard_ids[start : start + HISTORY_CHUNK]
        rows = (
            history.objects.filter(id__in=chunk)
            .order_by("id", "history_date", "history_id")
            .values_list("id", "history_user_id", "history_change_reason", *columns)
        )
        previous: dict[int, tuple] = {}
        for standard_id, user_id, reason, *values in rows:
            person = user_id is not None and not (reason or "").startswith(REASON)
            before = previous.get(standard_id)
            marks = curated.setdefault(standard_id, set())
            for index, field in enumerate(fields):
                old = before[index] if before is not None else None
                if values[index] == old or (before is None and values[index] in (None, "")):
                    continue
                if person:
                    marks.add(field)
                else:
                    marks.discard(field)
            previous[standard_id] = tuple(values)
    return curated


# -- the import -------------------------------------------------------------------------------


class _Importer:
    def __init__(self, *, committees, dry_run, strict, user, verbose):
        self.create_for = set(committees)
        self.report = OpenDataReport(dry_run=dry_run, strict=strict)
        self.user = user
        self.reason = REASON if user is not None else SYSTEM_REASON
        self.verbose = verbose
        self.now = timezone.now()
        self.committees = {committee.code: committee for committee in Committee.objects.all()}
        self.followed = set(self.committees) | self.create_for
        self.known_ids = set(
            Standard.objects.filter(iso_id__isnull=False).values_list("iso_id", flat=True)
        )

    # reading: no query per line

    def collect(self, records) -> list[Deliverable]:
        deliverables = []
        for number, item in records:
            self.report.lines_read += 1
            if isinstance(item, str):
                self.bad(number, item)
                continue
            code = _committee_code(item)
            if code and code not in self.followed:
                try:
                    known = _integer(item.get("id")) in self.known_ids
                except (TypeError, ValueError):
                    known = False
                if not known:
                    self.report.not_followed += 1
                    if self.verbose:
                        self.report.not_followed_lines.append(
                            _("line %(line)d: %(reference)s (%(committee)s)")
                            % {
                                "line": number,
                                "reference": item.get("reference"),
                                "committee": code,
                            }
                        )
                    continue
            parsed = parse(number, item)
            if isinstance(parsed, str):
                self.bad(number, parsed)
            else:
                deliverables.append(parsed)
        return deliverables

    def bad(self, line: int, reason: str):
        self.report.bad.append(_("line %(line)d: %(reason)s") % {"line": line, "reason": reason})

    def skip(self, deliverable: Deliverable, reason: str):
        self.report.skipped.append(
            _("line %(line)d: %(reference)s: %(reason)s")
            % {"line": deliverable.line, "reference": deliverable.reference, "reason": reason}
        )

    # writing: one transaction

    def apply(self, deliverables: list[Deliverable]) -> OpenDataReport:
        if self.report.strict and self.report.bad:
            raise StrictAbort(self.report)
        try:
            with transaction.atomic():
                self.preload(deliverables)
                by_iso_id = {}
                for deliverable in deliverables:
                    standard = self.sync(deliverable)
                    if standard is not None:
                        by_iso_id[deliverable.iso_id] = standard
                for deliverable in deliverables:
                    if deliverable.iso_id in by_iso_id:
                        self.relate(deliverable, by_iso_id)
                if self.report.dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        return self.report

    def preload(self, deliverables: list[Deliverable]):
        ids = [deliverable.iso_id for deliverable in deliverables]
        self.by_iso_id: dict[int, Standard] = {}
        for start in range(0, len(ids), HISTORY_CHUNK):
            for standard in Standard.objects.filter(iso_id__in=ids[start : start + HISTORY_CHUNK]):
                self.by_iso_id[standard.iso_id] = standard
        self.by_reference: dict[str, int] = {
            normalised_reference(reference): pk
            for pk, reference in Standard.objects.values_list("pk", "reference")
        }
        wanted = {normalised_reference(d.reference) for d in deliverables}
        extra = [pk for ref, pk in self.by_reference.items() if ref in wanted]
        self.curated = _curated_fields(
            sorted({standard.pk for standard in self.by_iso_id.values()} | set(extra))
        )

    def find_by_reference(self, reference: str) -> Standard | None:
        pk = self.by_reference.get(normalised_reference(reference))
        return Standard.objects.filter(pk=pk).first() if pk else None

    def sync(self, deliverable: Deliverable) -> Standard | None:
        if deliverable.supplement:
            self.skip(deliverable, _("amendments and corrigenda are not catalogued"))
            return None
        committee = self.committees.get(deliverable.committee_code)
        by_id = self.by_iso_id.get(deliverable.iso_id)
        by_reference = self.find_by_reference(deliverable.reference)
        if by_id is not None and by_reference is not None and by_id.pk != by_reference.pk:
            standard = self.merge(draft=by_id, published=by_reference)
        else:
            standard = by_id or by_reference
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
        slug = reference_slug(deliverable.reference)
        if Standard.objects.filter(slug=slug).exists():
            self.skip(deliverable, _("another standard has the address %(slug)s") % {"slug": slug})
            return None
        number, part, year = _number_part_year(deliverable.reference)
        values = {"title": deliverable.reference, **self.owned_values(deliverable, committee)}
        standard = Standard(
            reference=deliverable.reference,
            slug=slug,
            number=number,
            part=part,
            year=year,
            deliverable_type=deliverable.deliverable_type,
            iso_id=deliverable.iso_id,
            iso_abstract=deliverable.abstract,
            url=f"https://www.iso.org/standard/{deliverable.iso_id}.html",
            review_state=ReviewState.PROPOSED,
            source=SOURCE,
            confidence=Confidence.HIGH,
            notes=_("Proposed by the ISO Open Data import; the summary is to be written."),
            open_data_values={field: _snapshot(value) for field, value in values.items()},
            open_data_imported_at=self.now,
            **values,
        )
        save_validated(standard, user=self.user, reason=self.reason)
        self.by_iso_id[deliverable.iso_id] = standard
        self.by_reference[normalised_reference(standard.reference)] = standard.pk
        self.report.created.append(deliverable.reference)
        return standard

    def owned_values(self, deliverable: Deliverable, committee: Committee) -> dict:
        values = {
            "stage_code": deliverable.stage_code,
            "edition": deliverable.edition,
            "publication_date": deliverable.publication_date,
            "committee": committee,
        }
        if deliverable.title:  # a line without a title leaves ours as it is
            values["title"] = deliverable.title
        return values

    def merge(self, *, draft: Standard, published: Standard) -> Standard:
        """The draft row (found by ISO id) and the published edition's row (found by its
        reference) are one deliverable: keep the published row, give it the ISO id, and let
        the draft's address redirect to it."""
        old_slug, old_reference = draft.slug, draft.reference
        StandardSlugAlias.objects.filter(standard=draft).update(standard=published)
        draft._change_reason = self.reason
        try:
            delete_protected(draft, user=self.user)
        except DeletionRefused as error:
            draft.iso_id = None
            save_validated(draft, user=self.user, reason=self.reason)
            self.report.conflicts.append(
                Conflict(old_reference, "iso_id", "", f"{published.reference} ({error.message})")
            )
        else:
            StandardSlugAlias.objects.update_or_create(
                slug=old_slug, defaults={"standard": published}
            )
        self.by_reference.pop(normalised_reference(old_reference), None)
        self.report.renamed.append(f"{old_reference} → {published.reference}")
        return published

    def update(self, standard: Standard, deliverable: Deliverable, committee: Committee):
        curated = self.curated.get(standard.pk, set())
        incoming = self.owned_values(deliverable, committee)
        changed = []
        for field, theirs in incoming.items():
            ours = getattr(standard, field)
            if _snapshot(ours) == _snapshot(theirs):
                continue
            if field in curated and ours not in (None, ""):
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
        if standard.iso_id != deliverable.iso_id:
            standard.iso_id = deliverable.iso_id
            changed.append("iso_id")
        if standard.iso_abstract != deliverable.abstract and deliverable.abstract:
            standard.iso_abstract = deliverable.abstract
            changed.append("iso_abstract")
        if normalised_reference(standard.reference) != normalised_reference(deliverable.reference):
            changed += self.rename(standard, deliverable, curated)
        remembered = {field: _snapshot(value) for field, value in incoming.items()}
        if not changed and remembered == (standard.open_data_values or {}):
            self.report.unchanged.append(standard.reference)
            return standard
        standard.open_data_values = remembered
        standard.open_data_imported_at = self.now
        save_validated(standard, user=self.user, reason=self.reason)
        (self.report.updated if changed else self.report.unchanged).append(standard.reference)
        return standard

    def rename(self, standard: Standard, deliverable: Deliverable, curated: set) -> list[str]:
        """Follow the ISO id: a draft published under a new reference takes its reference,
        year and address; the old address redirects."""
        if "reference" in curated:
            self.report.conflicts.append(
                Conflict(standard.reference, "reference", standard.reference, deliverable.reference)
            )
            return []
        slug = reference_slug(deliverable.reference)
        if Standard.objects.filter(slug=slug).exclude(pk=standard.pk).exists():
            self.report.conflicts.append(Conflict(standard.reference, "slug", standard.slug, slug))
            return []
        old_reference, old_slug = standard.reference, standard.slug
        number, part, year = _number_part_year(deliverable.reference)
        standard.reference, standard.slug = deliverable.reference, slug
        standard.number, standard.part, standard.year = number, part, year
        if old_slug != slug:
            StandardSlugAlias.objects.update_or_create(
                slug=old_slug, defaults={"standard": standard}
            )
            StandardSlugAlias.objects.filter(slug=slug).delete()
        self.by_reference.pop(normalised_reference(old_reference), None)
        self.by_reference[normalised_reference(standard.reference)] = standard.pk
        self.report.renamed.append(f"{old_reference} → {standard.reference}")
        return ["reference"]

    def relate(self, deliverable: Deliverable, by_iso_id: dict[int, Standard]):
        standard = by_iso_id[deliverable.iso_id]
        pairs = [(standard, other) for other in deliverable.replaces] + [
            (other, standard) for other in deliverable.replaced_by
        ]
        for newer, older in pairs:
            newer = newer if isinstance(newer, Standard) else self.standard_for(newer, by_iso_id)
            older = older if isinstance(older, Standard) else self.standard_for(older, by_iso_id)
            if newer is None or older is None or newer.pk == older.pk:
                continue
            if not StandardRelation.objects.filter(
                from_standard=newer, to_standard=older, kind=RelationKind.REPLACES
            ).exists():
                save_validated(
                    StandardRelation(
                        from_standard=newer,
                        to_standard=older,
                        kind=RelationKind.REPLACES,
                        source=SOURCE,
                        confidence=Confidence.HIGH,
                    ),
                    user=self.user,
                    reason=self.reason,
                )

    def standard_for(self, iso_id: int, by_iso_id: dict[int, Standard]) -> Standard | None:
        if iso_id in by_iso_id:
            return by_iso_id[iso_id]
        if iso_id in self.by_iso_id:
            return self.by_iso_id[iso_id]
        if iso_id not in self.known_ids:
            return None
        return Standard.objects.filter(iso_id=iso_id).first()


def standards_import_open_data(
    *,
    path: Path,
    committees: list[str] = (),
    dry_run: bool = False,
    strict: bool = False,
    user=None,
    file_format: str | None = None,
    max_bytes: int | None = None,
    max_line_bytes: int | None = None,
    verbose: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> OpenDataReport:
    """Sync standards from the ISO Open Data file at ``path``; see the module docstring.

    ``user`` is the person the import acts as (their permissions apply and history names
    them); None is a system operation. Raises ``OpenDataError`` when the file cannot be
    imported at all and ``StrictAbort`` when ``strict`` and a line is bad; in both cases
    nothing is written.
    """
    if user is not None:
        try:
            entry_check_permission(user, Standard, "change")
            if committees:
                entry_check_permission(user, Standard, "add")
        except PermissionDenied as error:
            raise OpenDataError(str(error)) from error
    importer = _Importer(
        committees=list(committees), dry_run=dry_run, strict=strict, user=user, verbose=verbose
    )
    records = read_records(
        Path(path),
        file_format=file_format,
        max_bytes=max_bytes,
        max_line_bytes=max_line_bytes,
        progress=progress,
    )
    deliverables = importer.collect(records)
    return importer.apply(deliverables)
