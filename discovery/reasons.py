"""Why a standard is in a filtered list: the facts that match the active filters.

One place for the list page, the CSV export (``why`` column) and the API list
(``matched_because``). Given a bound, valid ``StandardFilterSet`` and the ids of the rows
shown, ``standard_reasons`` reads the matching approved links and adoptions in a fixed number
of queries (one per active kind of filter, plus the jurisdiction's blocs), whatever the number
of rows:

- ``objective=4.2``: the objective link and its source (“4.2 — ISO policy brief, section 4.2”);
- ``lifecycle_stage``: the stage link and its source;
- ``instrument``: the provision links to that instrument (“EU AI Act Art. 15 — supports
  compliance with, medium”);
- ``jurisdiction=DE``: the provision links to instruments of DE, of its blocs and global ones
  (with the jurisdiction when it is not DE), and the current IDT/MOD adoptions by bodies of
  those jurisdictions (“adopted in DE as DIN EN ISO/IEC 42001:2023”), as
  ``discovery.applies_in`` records them (``jurisdiction_scope=exact`` keeps DE's own).

Filters on a standard's own fields (committee, status, type, search) need no reason: the row
shows them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from catalogue.models import NationalAdoption, Standard
from core.models import Confidence
from discovery.applies_in import Scope, reasons_in
from discovery.filters import StandardFilterSet
from discovery.selectors import (
    approved_lifecycle_links,
    approved_objective_links,
    approved_provision_links,
)
from mappings.models import StandardProvisionLink

# The filters a reason can answer, in the order reasons are listed.
REASON_FILTERS = ["objective", "jurisdiction", "lifecycle_stage", "instrument"]
CHUNK_ROWS = 1000


@dataclasses.dataclass(frozen=True)
class Reason:
    filter: str  # the parameter it answers: objective, jurisdiction, lifecycle_stage, instrument
    text: str

    def __str__(self) -> str:
        return self.text


def active_reason_filters(filterset: StandardFilterSet) -> dict:
    """The active filters a reason can answer, with their cleaned values."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    return {name: cleaned[name] for name in REASON_FILTERS if cleaned.get(name)}


def standard_reasons(filterset: StandardFilterSet, standard_ids: Iterable[int]) -> dict:
    """Map each of ``standard_ids`` to its reasons (a list, empty when nothing explains it).

    Links are read as values and the choice labels put into words once per call: a page of
    50 rows has hundreds of inherited reasons, and model rows with a ``get_*_display()`` each
    were most of the filtered list's time (issue 12)."""
    ids = list(standard_ids)
    reasons: dict[int, list[Reason]] = {pk: [] for pk in ids}
    active = active_reason_filters(filterset)
    if not ids or not active:
        return reasons
    if "objective" in active:
        links = approved_objective_links().filter(
            standard_id__in=ids, objective__code__in=active["objective"]
        )
        for standard_id, code, source, locator in links.values_list(
            "standard_id", "objective__code", "source", "locator"
        ):
            reasons[standard_id].append(Reason("objective", _sourced(code, source, locator)))
    if "jurisdiction" in active:
        _jurisdiction_reasons(filterset, active["jurisdiction"], ids, reasons)
    if "lifecycle_stage" in active:
        links = approved_lifecycle_links().filter(
            standard_id__in=ids, stage__slug__in=active["lifecycle_stage"]
        )
        for standard_id, name, source, locator in links.values_list(
            "standard_id", "stage__name", "source", "locator"
        ):
            text = _sourced(str(name), source, locator)
            reasons[standard_id].append(Reason("lifecycle_stage", text))
    if "instrument" in active:
        links = approved_provision_links().filter(
            standard_id__in=ids, instrument__slug__in=active["instrument"]
        )
        words = _ProvisionWords()
        for link in links.values(*PROVISION_REASON_VALUES):
            reasons[link["standard_id"]].append(Reason("instrument", words(link)))
    return {pk: _unique(found) for pk, found in reasons.items()}


def with_reasons(filterset: StandardFilterSet, rows: Iterable[Standard]) -> Iterator[Standard]:
    """Yield ``rows`` (a queryset is read in chunks) each with ``matched_because`` set: for
    exports, where the rows are not one page."""
    if hasattr(rows, "iterator"):
        rows = rows.iterator(chunk_size=CHUNK_ROWS)
    chunk: list[Standard] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            yield from _annotated(filterset, chunk)
            chunk = []
    yield from _annotated(filterset, chunk)


def annotate_reasons(filterset: StandardFilterSet, rows: list[Standard]) -> list[Standard]:
    """Set ``matched_because`` on each of ``rows`` (one page) and return them."""
    return list(_annotated(filterset, rows))


def _annotated(filterset, rows: list[Standard]) -> Iterator[Standard]:
    reasons = standard_reasons(filterset, [row.pk for row in rows])
    for row in rows:
        row.matched_because = reasons.get(row.pk, [])
        yield row


def _jurisdiction_reasons(filterset, code: str, ids: list[int], reasons: dict) -> None:
    """The reasons of ``discovery.applies_in`` (the one definition of the rule), in words."""
    scope = filterset.form.cleaned_data.get("jurisdiction_scope") or Scope.INHERITED
    found = reasons_in(code, ids, scope)
    link_ids = [reason.provision_link_id for reason in found if reason.provision_link_id]
    adoption_ids = [reason.adoption_id for reason in found if reason.adoption_id]
    links = {
        link["id"]: link
        for link in approved_provision_links()
        .filter(pk__in=link_ids)
        .order_by()
        .values("id", *PROVISION_REASON_VALUES)
    }
    adoptions = {
        pk: (where, designation, degree_confidence)
        for pk, where, designation, degree_confidence in NationalAdoption.objects.filter(
            pk__in=adoption_ids
        )
        .order_by()
        .values_list("pk", "body__country__code", "designation", "degree_confidence")
    }
    words = _ProvisionWords()
    for reason in found:
        link = links.get(reason.provision_link_id)
        adoption = adoptions.get(reason.adoption_id)
        if link is not None:
            text = words(link, reason.origin if reason.inherited else None)
        elif adoption is not None:
            text = _("adopted in %(where)s as %(designation)s") % {
                "where": adoption[0],
                "designation": adoption[1],
            }
            if adoption[2]:
                text = _("%(reason)s (degree of correspondence: %(confidence)s)") % {
                    "reason": text,
                    "confidence": Confidence(adoption[2]).label,
                }
        else:
            continue
        reasons[reason.standard_id].append(Reason("jurisdiction", text))


def _sourced(subject: str, source: str, locator: str) -> str:
    where = ", ".join(part for part in (source, locator) if part)
    return f"{subject} — {where}" if where else subject


# What a provision link's reason says, read as values (``_ProvisionWords``).
PROVISION_REASON_VALUES = [
    "standard_id",
    "instrument__short_name",
    "instrument__name",
    "provision_id",
    "provision__ref",
    "relationship",
    "confidence",
]


class _ProvisionWords:
    """“EU AI Act Art. 15 (EU) — supports compliance with, medium” for a provision link's
    values; ``where`` is the instrument's jurisdiction when it is not the one asked for.
    The labels are translated once, in the active language, as ``get_*_display()`` would."""

    def __init__(self):
        def labels(name: str) -> dict:
            field = StandardProvisionLink._meta.get_field(name)
            return {value: str(label) for value, label in field.flatchoices}

        self.relationships = labels("relationship")
        self.confidences = {value: label.lower() for value, label in labels("confidence").items()}

    def __call__(self, link: dict, where: str | None = None) -> str:
        instrument = link["instrument__short_name"] or link["instrument__name"]
        target = instrument
        if link["provision_id"] is not None:
            target = f"{instrument} {link['provision__ref']}"
        if where:
            target = f"{target} ({where})"
        relationship = self.relationships.get(link["relationship"], link["relationship"])
        confidence = self.confidences.get(link["confidence"], str(link["confidence"]).lower())
        return f"{target} — {relationship}, {confidence}"


def _unique(reasons: list[Reason]) -> list[Reason]:
    return list(dict.fromkeys(reasons))
