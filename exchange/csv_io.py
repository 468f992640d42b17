"""CSV import and export of standards, their relations, national adoptions and mappings.

Columns use natural keys (references, codes, slugs), so a file reads like the catalogue and
an export imported into an empty database exports again byte for byte. An import checks
every row and reports, with its line number, what would be created, updated, left unchanged
or rejected and why; the real run writes all rows or none. Writes go through the same
services as the admin and the API, so validation, permissions and history are identical.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.models import (
    STANDARD_CURATED_FIELDS,
    Committee,
    NationalAdoption,
    Series,
    Standard,
    StandardRelation,
    StandardsBody,
)
from catalogue.services import adoption_create, adoption_update
from core.csv_cells import BOM, csv_cell, csv_text, csv_uncell
from core.models import ReviewState
from core.services.common import save_validated
from core.services.entries import entry_create, entry_update
from core.text import reference_slug
from mappings.kinds import BY_CSV_KIND, LINK_KINDS, target_model
from mappings.models import StandardProvisionLink
from mappings.services import mapping_propose, mapping_review, review_permission
from policies.models import Provision

LIST_SEPARATOR = " | "


class RowError(Exception):
    """A row cannot be imported; the message says why."""


@dataclasses.dataclass
class RowOutcome:
    line: int
    key: str
    action: str  # created, updated, unchanged, rejected
    errors: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: list[RowOutcome] = dataclasses.field(default_factory=list)
    file_errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or self.counts["rejected"] > 0

    @property
    def applied(self) -> bool:
        return not self.dry_run and not self.has_errors

    def summary(self) -> str:
        counts = self.counts
        return _(
            "%(created)d to create, %(updated)d to update, %(unchanged)d unchanged, "
            "%(rejected)d rejected"
        ) % {name: counts[name] for name in ["created", "updated", "unchanged", "rejected"]}

    def lines(self) -> list[str]:
        out = [*self.file_errors]
        for row in self.rows:
            if row.action == "rejected":
                out.append(f"line {row.line}: {row.key}: rejected: {'; '.join(row.errors)}")
            else:
                out.append(f"line {row.line}: {row.key}: {row.action}")
        return out


class _Rollback(Exception):
    pass


# -- cell conversions -------------------------------------------------------------------------


def _int(value: str, column: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError as error:
        raise RowError(
            _("%(column)s: '%(value)s' is not a whole number") % {"column": column, "value": value}
        ) from error


def _bool(value: str, column: str) -> bool:
    if value.lower() in {"true", "1", "yes"}:
        return True
    if value.lower() in {"false", "0", "no", ""}:
        return False
    raise RowError(
        _("%(column)s: '%(value)s' is not true or false") % {"column": column, "value": value}
    )


def _lookup(model, column: str, **lookup):
    value = next(iter(lookup.values()))
    if value in ("", None):
        return None
    try:
        return model.objects.get(**lookup)
    except ObjectDoesNotExist as error:
        raise RowError(
            _("%(column)s: no %(thing)s '%(value)s'")
            % {"column": column, "thing": model._meta.verbose_name, "value": value}
        ) from error


def _required(row: dict, column: str) -> str:
    if not row[column]:
        raise RowError(_("%(column)s is required") % {"column": column})
    return row[column]


# -- kinds ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Kind:
    name: str
    columns: list[str]
    export: Callable[[], Iterable[dict]]
    import_row: Callable[[dict, Any, str], tuple[str, str]]  # returns (key, action)


def _save(*, instance, data, create, update) -> str:
    if instance is None:
        create(data)
        return "created"
    before = {field: getattr(instance, field) for field in data}
    if all(before[field] == value for field, value in data.items()):
        return "unchanged"
    update(instance, data)
    return "updated"


# standards


STANDARD_COLUMNS = STANDARD_CURATED_FIELDS
# Columns a file may leave out (files exported before the Japanese title or the degree's
# confidence): kept as they are.
OPTIONAL = {"title_ja", "title_ja_source", "title_ja_confidence", "degree_confidence"}


def _export_standards() -> Iterator[dict]:
    for standard in Standard.objects.select_related("committee", "series").order_by(
        "reference", "id"
    ):
        yield {
            **{column: csv_text(getattr(standard, column)) for column in STANDARD_COLUMNS},
            "aliases": LIST_SEPARATOR.join(standard.alias_list),
            # The English text whatever the active language (``title`` reads the active one).
            "title": csv_text(standard.title_en),
            "title_ja": csv_text(standard.title_ja or ""),
            "committee": standard.committee.code if standard.committee else "",
            "series": standard.series.code if standard.series else "",
        }


def _import_standard(row: dict, user, reason: str) -> tuple[str, str]:
    reference = _required(row, "reference")
    data = {
        "slug": row["slug"] or reference_slug(reference),
        "aliases": "\n".join(a.strip() for a in row["aliases"].split("|") if a.strip()),
        "deliverable_type": row["deliverable_type"],
        "number": row["number"],
        "part": row["part"],
        "year": _int(row["year"], "year"),
        "edition": _int(row["edition"], "edition"),
        "publication_date": _date(row["publication_date"]) if row["publication_date"] else None,
        "title_en": row["title"],
        "summary": row["summary"],
        "committee": _lookup(Committee, "committee", code=row["committee"]),
        "series": _lookup(Series, "series", code=row["series"]),
        "stage_code": row["stage_code"],
        "iso_id": _int(row["iso_id"], "iso_id"),
        "url": row["url"],
        "in_brief": _bool(row["in_brief"], "in_brief"),
        "source": row["source"],
        "confidence": row["confidence"] or "medium",
        "notes": row["notes"],
    }
    if "title_ja" in row:  # a file written before the Japanese columns leaves them as they are
        data.update(
            title_ja=row["title_ja"] or None,
            title_ja_source=row.get("title_ja_source", ""),
            title_ja_confidence=row.get("title_ja_confidence", ""),
        )
    instance = Standard.objects.filter(reference=reference).first()
    return reference, _save(
        instance=instance,
        data=data,
        create=lambda d: entry_create(
            model=Standard, user=user, data={"reference": reference, **d}, reason=reason
        ),
        update=lambda i, d: entry_update(instance=i, user=user, data=d, reason=reason),
    )


def _date(value: str):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise RowError(
            _("publication_date: '%(value)s' is not a date (YYYY-MM-DD)") % {"value": value}
        ) from error


# national adoptions

ADOPTION_COLUMNS = [
    "body",
    "designation",
    "standard",
    "degree",
    "degree_confidence",
    "adopted_on",
    "status",
    "source",
    "confidence",
    "notes",
]


def _export_adoptions() -> Iterator[dict]:
    for adoption in NationalAdoption.objects.select_related("body", "standard").order_by(
        "body__acronym", "designation", "id"
    ):
        yield {
            **{column: csv_text(getattr(adoption, column)) for column in ADOPTION_COLUMNS},
            "body": adoption.body.acronym,
            "standard": adoption.standard.reference,
        }


def _import_adoption(row: dict, user, reason: str) -> tuple[str, str]:
    body = _lookup(StandardsBody, "body", acronym=_required(row, "body"))
    designation = _required(row, "designation")
    data = {
        "standard": _lookup(Standard, "standard", reference=_required(row, "standard")),
        "degree": row["degree"],
        "adopted_on": _date(row["adopted_on"]) if row["adopted_on"] else None,
        "status": row["status"] or NationalAdoption.AdoptionStatus.CURRENT,
        "source": row["source"],
        "confidence": row["confidence"] or "medium",
        "notes": row["notes"],
    }
    if "degree_confidence" in row:
        data["degree_confidence"] = row["degree_confidence"]
    instance = NationalAdoption.objects.filter(body=body, designation=designation).first()
    return f"{body.acronym} {designation}", _save(
        instance=instance,
        data=data,
        create=lambda d: adoption_create(
            user=user, data={"body": body, "designation": designation, **d}, reason=reason
        ),
        update=lambda i, d: adoption_update(adoption=i, user=user, data=d, reason=reason),
    )


# mappings

MAPPING_COLUMNS = [
    "kind",
    "standard",
    "target",
    "provision",
    "relationship",
    "source",
    "locator",
    "confidence",
    "rationale",
    "review_state",
]


def _export_mappings() -> Iterator[dict]:
    for kind in LINK_KINDS:
        links = kind.model.objects.select_related(*kind.related).order_by(*kind.csv_order)
        for link in links:
            target, provision = kind.csv_target(link)
            yield {
                "kind": kind.csv_kind,
                "standard": link.standard.reference,
                "target": target,
                "provision": provision,
                "relationship": link.relationship,
                "source": link.source,
                "locator": link.locator,
                "confidence": link.confidence,
                "rationale": link.rationale,
                "review_state": link.review_state,
            }


def _import_mapping(row: dict, user, reason: str) -> tuple[str, str]:
    kind = _required(row, "kind")
    if kind not in BY_CSV_KIND:
        raise RowError(
            _("kind: '%(value)s' is not one of %(allowed)s")
            % {"value": kind, "allowed": ", ".join(BY_CSV_KIND)}
        )
    link_kind = BY_CSV_KIND[kind]
    model = link_kind.model
    standard = _lookup(Standard, "standard", reference=_required(row, "standard"))
    target = _required(row, "target")
    found = _lookup(target_model(link_kind), "target", **{link_kind.target_key: target})
    keys = {link_kind.target_field: found}
    if model is StandardProvisionLink:  # a link to the whole instrument, or to one provision
        provision = None
        if row["provision"]:
            provision = _lookup(Provision, "provision", instrument=found, ref=row["provision"])
        keys["provision"] = provision
    relationship = row["relationship"] or model._meta.get_field("relationship").default
    if not isinstance(relationship, str) or not relationship:
        raise RowError(_("relationship is required"))
    keys["relationship"] = relationship
    data = {
        "source": _required(row, "source"),
        "locator": row["locator"],
        "confidence": row["confidence"] or "medium",
        "rationale": row["rationale"],
    }
    state = row["review_state"] or ReviewState.PROPOSED
    if state not in ReviewState.values:
        raise RowError(
            _("review_state: '%(value)s' is not one of %(allowed)s")
            % {"value": state, "allowed": ", ".join(ReviewState.values)}
        )
    if user is None:
        # A system operation (import_csv --system) trusts the file, review states included.
        data["review_state"] = state
    key = " ".join(filter(None, [kind, standard.reference, "→", target, row["provision"]]))
    instance = model.objects.filter(standard=standard, **keys).first()

    def create(values):
        if user is None:
            save_validated(model(standard=standard, **keys, **values), reason=reason)
        else:
            mapping_propose(model=model, user=user, standard=standard, **keys, **values)

    def update(link, values):
        if user is not None and not user.has_perm(link_kind.permission("change")):
            raise PermissionDenied(_("You may not change existing links; propose a new one."))
        for field, value in values.items():
            setattr(link, field, value)
        save_validated(link, user=user, reason=reason)

    action = _save(instance=instance, data=data, create=create, update=update)
    review = REVIEW_ACTIONS.get(state)
    if user is not None and instance is not None and review and state != instance.review_state:
        # A person's file does not set review states: a change is that person's review, with
        # the same rules as the queue (a reviewer's, never of their own proposal). A file
        # older than a review ("proposed") leaves the link as it is.
        if not user.has_perm(review_permission(instance)):
            raise RowError(
                _("review_state: only a reviewer may change it from %(current)s to %(wanted)s")
                % {"current": instance.review_state, "wanted": state}
            )
        try:
            mapping_review(link=instance, action=review, user=user, comment=reason)
        except ValidationError as error:
            raise RowError(" ".join(error.messages)) from error
        action = "updated"
    return key, action


REVIEW_ACTIONS = {
    ReviewState.APPROVED: "approve",
    ReviewState.REJECTED: "reject",
    ReviewState.WITHDRAWN: "withdraw",
}


# relations between standards

RELATION_COLUMNS = ["from", "kind", "to", "source", "confidence", "notes"]


def _export_relations() -> Iterator[dict]:
    for relation in StandardRelation.objects.select_related(
        "from_standard", "to_standard"
    ).order_by("from_standard__reference", "kind", "to_standard__reference", "id"):
        yield {
            "from": relation.from_standard.reference,
            "kind": relation.kind,
            "to": relation.to_standard.reference,
            "source": relation.source,
            "confidence": relation.confidence,
            "notes": relation.notes,
        }


def _import_relation(row: dict, user, reason: str) -> tuple[str, str]:
    keys = {
        "from_standard": _lookup(Standard, "from", reference=_required(row, "from")),
        "kind": _required(row, "kind"),
        "to_standard": _lookup(Standard, "to", reference=_required(row, "to")),
    }
    data = {
        "source": row["source"],
        "confidence": row["confidence"] or "medium",
        "notes": row["notes"],
    }
    instance = StandardRelation.objects.filter(**keys).first()
    return f"{row['from']} {row['kind']} {row['to']}", _save(
        instance=instance,
        data=data,
        create=lambda d: entry_create(
            model=StandardRelation, user=user, data={**keys, **d}, reason=reason
        ),
        update=lambda i, d: entry_update(instance=i, user=user, data=d, reason=reason),
    )


KINDS = {
    "standards": Kind("standards", STANDARD_COLUMNS, _export_standards, _import_standard),
    "adoptions": Kind("adoptions", ADOPTION_COLUMNS, _export_adoptions, _import_adoption),
    "mappings": Kind("mappings", MAPPING_COLUMNS, _export_mappings, _import_mapping),
    "relations": Kind("relations", RELATION_COLUMNS, _export_relations, _import_relation),
}


# -- entry points -----------------------------------------------------------------------------


def csv_export(*, kind: str, out: io.TextIOBase, bom: bool = False) -> int:
    """Write every row of ``kind`` to ``out`` as CSV; return the number of rows.

    Cells a spreadsheet would evaluate are neutralised (``core.csv_cells``; the import
    reverses it); ``bom`` starts the file with a byte-order mark for Excel.
    """
    spec = KINDS[kind]
    if bom:
        out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=spec.columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in spec.export():
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
        count += 1
    return count


def decode(data: bytes) -> str:
    """Decode an uploaded file as UTF-8 (with or without BOM), naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RowError(
            _("The file is not UTF-8 text (bad byte on line %(line)d); save it as CSV UTF-8.")
            % {"line": line}
        ) from error


SYSTEM_REASON = "CSV import (system operation, --system)"
USER_REASON = "CSV import"


def csv_import(*, kind: str, text: str, user=None, dry_run: bool = True) -> ImportReport:
    """Check every row of ``text`` and, unless ``dry_run``, write them all or none.

    With a ``user`` every row is checked against that user's permissions and review rules:
    new links are proposals whatever the file's ``review_state`` says, and a change of an
    existing link's ``review_state`` is applied only as that user's review (a reviewer's,
    never of their own proposal). ``user=None`` is a system operation (``import_csv
    --system``): the file is trusted as a whole, review states included, and history records
    it as such.
    """
    reason = USER_REASON if user is not None else SYSTEM_REASON
    spec = KINDS[kind]
    report = ImportReport(kind=kind, dry_run=dry_run)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [column for column in spec.columns if column not in header and column not in OPTIONAL]
    unknown = [column for column in header if column not in spec.columns]
    if missing:
        report.file_errors.append(
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if unknown:
        report.file_errors.append(
            _("Unknown columns: %(columns)s. Allowed: %(allowed)s.")
            % {"columns": ", ".join(unknown), "allowed": ", ".join(spec.columns)}
        )
    if report.file_errors:
        return report
    try:
        with transaction.atomic():
            for row in reader:
                line = reader.line_num
                if None in row or any(value is None for value in row.values()):
                    report.rows.append(
                        RowOutcome(line, "", "rejected", [_("wrong number of cells")])
                    )
                    continue
                row = {column: csv_uncell(value.strip()) for column, value in row.items()}
                if any("\x00" in value for value in row.values()):
                    report.rows.append(
                        RowOutcome(line, "", "rejected", [_("a cell contains a null character")])
                    )
                    continue
                try:
                    with transaction.atomic():
                        key, action = spec.import_row(row, user, reason)
                    report.rows.append(RowOutcome(line, key, action))
                except (RowError, PermissionDenied) as error:
                    report.rows.append(
                        RowOutcome(line, _row_key(row, spec), "rejected", [str(error)])
                    )
                except ValidationError as error:
                    report.rows.append(
                        RowOutcome(line, _row_key(row, spec), "rejected", _messages(error))
                    )
            if report.dry_run or report.has_errors:
                raise _Rollback
    except _Rollback:
        pass
    except csv.Error as error:
        report.file_errors.append(
            _("Line %(line)d: %(error)s") % {"line": reader.line_num, "error": error}
        )
    return report


def _row_key(row: dict, spec: Kind) -> str:
    return " ".join(row.get(column, "") for column in spec.columns[:2] if row.get(column))


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
    return list(error.messages)
