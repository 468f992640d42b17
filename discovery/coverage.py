"""Coverage matrices: how many standards serve each objective at each life-cycle stage, and in
each jurisdiction that has instruments.

Every cell counts what the standards list shows for the cell's query string (the same
approved links, the same jurisdiction rules), so a cell is a link people can follow and check.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.http import QueryDict

from catalogue.models import LifecycleStage, Standard
from core.cache import catalogue_cached
from discovery.applies_in import Scope, standards_by_jurisdiction
from discovery.facets import KIND_ORDER, Facet, standard_facets
from discovery.filters import StandardFilterSet
from discovery.selectors import standard_list
from mappings.models import StandardLifecycleLink, StandardObjectiveLink
from policies.models import Jurisdiction, Objective, PolicyInstrument

LEVELS = 4


@dataclasses.dataclass(frozen=True)
class Cell:
    count: int
    level: int  # 0 for a gap, 1..LEVELS by share of the largest cell
    query: str  # the standards list's query string for this cell

    @property
    def is_gap(self) -> bool:
        return self.count == 0


@dataclasses.dataclass(frozen=True)
class Row:
    objective: Objective
    cells: list[Cell]
    total: Cell


@dataclasses.dataclass(frozen=True)
class Matrix:
    columns: list  # life-cycle stages or jurisdictions
    rows: list[Row]
    totals: list[Cell]

    @property
    def gap_count(self) -> int:
        return sum(cell.is_gap for row in self.rows for cell in row.cells)


@dataclasses.dataclass(frozen=True)
class StageCoverage:
    filterset: StandardFilterSet
    jurisdiction: Jurisdiction | None
    scope: str
    matrix: Matrix
    picker: Facet  # every jurisdiction, with the number of standards that apply there

    @property
    def code(self) -> str:
        return self.jurisdiction.code if self.jurisdiction else ""


def stage_coverage(params: QueryDict) -> StageCoverage:
    """Objectives × life-cycle stages, for one jurisdiction when ``params`` names one.

    An unknown jurisdiction leaves the form's errors on ``filterset`` and draws the matrix
    for every jurisdiction.
    """
    data = QueryDict(mutable=True)
    for name in ("jurisdiction", "jurisdiction_scope"):
        if params.get(name):
            data[name] = params[name]
    filterset = StandardFilterSet(data, queryset=standard_list())
    jurisdiction, scope, base = None, Scope.INHERITED, standard_list()
    fixed = {}
    if filterset.is_valid() and filterset.form.cleaned_data.get("jurisdiction"):
        code = filterset.form.cleaned_data["jurisdiction"]
        scope = filterset.form.cleaned_data.get("jurisdiction_scope") or Scope.INHERITED
        jurisdiction = Jurisdiction.objects.get(code=code)
        base = filterset.qs
        fixed = {"jurisdiction": [code]}
        if scope == Scope.EXACT:
            fixed["jurisdiction_scope"] = [scope]

    def matrix_of_stages() -> Matrix:
        stages = list(LifecycleStage.objects.order_by("order"))
        by_stage = _standards_by(
            StandardLifecycleLink.objects.filter(standard__in=base.values("pk")), "stage_id"
        )
        columns = [
            (stage, by_stage[stage.pk], {"lifecycle_stage": [stage.slug]}) for stage in stages
        ]
        return _matrix(base, columns, fixed)

    # Counting every link is the page's cost: cache it per catalogue version (core.cache).
    code = jurisdiction.code if jurisdiction else ""
    matrix = catalogue_cached("coverage:stages", [code, scope], matrix_of_stages)
    picker = standard_facets(QueryDict(), ["jurisdiction"])["jurisdiction"]
    return StageCoverage(filterset, jurisdiction, scope, matrix, picker)


def jurisdiction_coverage() -> Matrix:
    """Objectives × the jurisdictions that have instruments or adoptions (their own, or through
    a regional body of a bloc they belong to, as CEN members do), each counting the standards
    that apply there (``jurisdiction=``, blocs and global instruments included).
    Cached per catalogue version (``core.cache``)."""
    return catalogue_cached("coverage:jurisdictions", [], _jurisdiction_matrix)


def _jurisdiction_matrix() -> Matrix:
    base = standard_list()
    adopting = Q(standards_bodies__adoptions__isnull=False)
    jurisdictions = sorted(
        Jurisdiction.objects.filter(
            PolicyInstrument.public_condition("instruments__")
            | adopting
            | Q(blocs__standards_bodies__adoptions__isnull=False)
        ).distinct(),
        key=lambda jurisdiction: (KIND_ORDER.get(jurisdiction.kind, 3), jurisdiction.code),
    )
    reach = standards_by_jurisdiction(base, scope=Scope.INHERITED)
    columns = [
        (jurisdiction, reach.get(jurisdiction.code, set()), {"jurisdiction": [jurisdiction.code]})
        for jurisdiction in jurisdictions
    ]
    return _matrix(base, columns, {})


def _standards_by(links: QuerySet, key: str) -> dict[int, set[int]]:
    """Map ``key`` of each public link to the set of its standards' ids."""
    grouped = defaultdict(set)
    approved = links.public()
    for value, standard_id in approved.values_list(key, "standard_id"):
        grouped[value].add(standard_id)
    return grouped


def _matrix(base: QuerySet[Standard], columns: list[tuple], fixed: dict) -> Matrix:
    objectives = list(Objective.objects.order_by("code"))
    by_objective = _standards_by(
        StandardObjectiveLink.objects.filter(standard__in=base.values("pk")), "objective_id"
    )
    counts = [
        [len(by_objective[objective.pk] & ids) for _column, ids, _query in columns]
        for objective in objectives
    ]
    largest = max([count for row in counts for count in row], default=0)

    def cell(count: int, query: dict) -> Cell:
        level = math.ceil(count * LEVELS / largest) if count else 0
        encoded = QueryDict(mutable=True)
        for key, values in {**query, **fixed}.items():
            encoded.setlist(key, values)
        return Cell(count, level, encoded.urlencode())

    rows = []
    for objective, row in zip(objectives, counts, strict=True):
        objective_query = {"objective": [objective.code]}
        cells = [
            cell(count, {**objective_query, **query})
            for count, (_column, _ids, query) in zip(row, columns, strict=True)
        ]
        total = len(by_objective[objective.pk])
        rows.append(Row(objective, cells, Cell(total, 0, cell(total, objective_query).query)))
    totals = [Cell(len(ids), 0, cell(len(ids), query).query) for _column, ids, query in columns]
    return Matrix([column for column, _ids, _query in columns], rows, totals)
