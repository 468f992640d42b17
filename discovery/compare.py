"""Compare jurisdictions: objectives × the chosen few (2 to 5), and the standards that apply in
some of them and not in the others, with the reasons.

A cell counts what ``/standards/?objective=4.2&jurisdiction=DE`` lists: the applies-in sets come
from ``discovery.applies_in.standards_by_jurisdiction`` (the one definition of
the rule) and the reasons from ``discovery.reasons``; nothing here
restates the rule. A fixed number of queries whatever the number of standards.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue.models import Standard
from core.filters import NamedMultipleChoiceField
from discovery.applies_in import standards_by_jurisdiction
from discovery.facets import KIND_ORDER
from discovery.filters import StandardFilterSet
from discovery.reasons import standard_reasons
from discovery.selectors import standard_list
from mappings.models import ReviewState, StandardObjectiveLink
from policies.models import Jurisdiction, Objective

MIN_JURISDICTIONS = 2
MAX_JURISDICTIONS = 5


class CompareForm(forms.Form):
    jurisdiction = NamedMultipleChoiceField(noun="jurisdiction", required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = choices

    def clean_jurisdiction(self):
        codes = list(dict.fromkeys(self.cleaned_data["jurisdiction"]))
        if codes and not MIN_JURISDICTIONS <= len(codes) <= MAX_JURISDICTIONS:
            raise ValidationError(
                _("Choose from %(min)d to %(max)d different jurisdictions; you chose %(n)d."),
                code="count",
                params={"min": MIN_JURISDICTIONS, "max": MAX_JURISDICTIONS, "n": len(codes)},
            )
        return codes


@dataclasses.dataclass(frozen=True)
class CompareCell:
    count: int
    query: str  # the standards list's query string for this cell


@dataclasses.dataclass(frozen=True)
class DifferingStandard:
    standard: Standard
    applies: list[bool]  # one per chosen jurisdiction, in their order
    reasons: list[list[str]]  # per chosen jurisdiction: why it applies there (empty if not)


@dataclasses.dataclass(frozen=True)
class CompareRow:
    objective: Objective
    cells: list[CompareCell]
    in_all: int  # standards of the objective that apply in every chosen jurisdiction
    differing: list[DifferingStandard]  # those that apply in some but not all


@dataclasses.dataclass(frozen=True)
class Comparison:
    form: CompareForm
    jurisdictions: list[Jurisdiction]  # the chosen ones, in the order asked
    rows: list[CompareRow]
    picker: list[tuple[str, list[tuple[str, str]]]]  # (group label, [(code, label)])
    slots: list[str]  # one picker per possible jurisdiction: the chosen code or ""

    @property
    def errors(self) -> list[str]:
        return [message for messages in self.form.errors.values() for message in messages]

    @property
    def is_valid(self) -> bool:
        return not self.form.errors


def jurisdiction_comparison(params: QueryDict) -> Comparison:
    """The comparison for ``?jurisdiction=DE&jurisdiction=JP…``; invalid input gives errors
    (naming the parameter and the allowed values) and no rows."""
    everything = list(Jurisdiction.objects.order_by("name"))
    choices = [(item.code, f"{item.name} ({item.code})") for item in everything]
    data = QueryDict(mutable=True)
    data.setlist("jurisdiction", [code for code in params.getlist("jurisdiction") if code])
    form = CompareForm(data, choices=choices)
    codes = form.cleaned_data["jurisdiction"] if form.is_valid() else []
    by_code = {item.code: item for item in everything}
    chosen = [by_code[code] for code in codes]
    shown = codes if form.is_valid() else data.getlist("jurisdiction")
    slots = (shown + [""] * MAX_JURISDICTIONS)[:MAX_JURISDICTIONS]
    return Comparison(
        form=form,
        jurisdictions=chosen,
        rows=_rows(chosen) if len(chosen) >= MIN_JURISDICTIONS else [],
        picker=_picker(everything),
        slots=slots,
    )


def _picker(jurisdictions: list[Jurisdiction]):
    groups = defaultdict(list)
    for item in jurisdictions:
        groups[item.kind].append((item.code, f"{item.name} ({item.code})"))
    labels = dict(Jurisdiction.Kind.choices)
    return [
        (str(labels.get(kind, kind)), groups[kind])
        for kind in sorted(groups, key=lambda kind: KIND_ORDER.get(kind, 3))
    ]


def _rows(chosen: list[Jurisdiction]) -> list[CompareRow]:
    public = standard_list()
    applying = standards_by_jurisdiction(public)
    sets = [applying.get(item.code, set()) for item in chosen]
    by_objective = defaultdict(set)
    for code, standard_id in (
        StandardObjectiveLink.objects.filter(
            review_state=ReviewState.APPROVED, standard__in=public.values("pk")
        )
        .order_by()
        .values_list("objective__code", "standard_id")
        .distinct()
    ):
        by_objective[code].add(standard_id)
    differing_ids = set()
    for ids in by_objective.values():
        differing_ids |= {pk for pk in ids if 0 < sum(pk in found for found in sets) < len(sets)}
    standards = {
        standard.pk: standard
        for standard in Standard.objects.public()
        .filter(pk__in=differing_ids)
        .only("reference", "slug", "title", "sort_key")
    }
    reasons = [_reasons(item.code, differing_ids) for item in chosen]
    rows = []
    for objective in Objective.objects.order_by("code"):
        ids = by_objective.get(objective.code, set())
        cells = [
            CompareCell(len(ids & found), _cell_query(objective.code, item.code))
            for item, found in zip(chosen, sets, strict=True)
        ]
        differing = [
            DifferingStandard(
                standard=standards[pk],
                applies=[pk in found for found in sets],
                reasons=[[reason.text for reason in by_id.get(pk, [])] for by_id in reasons],
            )
            for pk in ids
            if pk in standards
        ]
        differing.sort(key=lambda row: (row.standard.sort_key, row.standard.pk))
        in_all = sum(all(pk in found for found in sets) for pk in ids)
        rows.append(CompareRow(objective, cells, in_all, differing))
    return rows


def _reasons(code: str, ids: set[int]) -> dict:
    """Why each of ``ids`` applies in ``code`` (``discovery.reasons``)."""
    filterset = StandardFilterSet(QueryDict(f"jurisdiction={code}"), queryset=standard_list())
    return standard_reasons(filterset, sorted(ids))


def _cell_query(objective: str, jurisdiction: str) -> str:
    query = QueryDict(mutable=True)
    query["objective"] = objective
    query["jurisdiction"] = jurisdiction
    return query.urlencode()
