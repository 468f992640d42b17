"""The standards list page: results, facet counts, active-filter chips and the empty state.

Counts are *disjunctive*: the number beside a value is how many standards every other active
filter keeps and that value alone would keep, which is exactly what the list shows when that
value is the only one chosen in its facet. Counts call the FilterSet's own filter methods, so
a count cannot disagree with the list it leads to. Jurisdictions are the exception (hundreds
of values, each needing its bloc memberships): ``standards_by_jurisdiction`` counts them in
Python, in four queries, following the rules of ``discovery.filters.applies_in``.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalogue.models import Committee, Sector, Standard
from catalogue.stages import status_for
from core.api import CachedCountPaginator
from core.cache import catalogue_cached
from discovery.applies_in import Scope, applies_in, jurisdiction_counts
from discovery.filters import StandardFilterSet
from discovery.reasons import annotate_reasons
from discovery.selectors import standard_list
from mappings.models import (
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from policies.models import Jurisdiction

PAGE_SIZE = 20
PAGE_PARAM = "page"
DEFAULT_ORDERING = "reference"  # what standard_list() orders by
# Facets in the order the page shows them; "jurisdiction" is a picker, the others checkboxes.
FACETS = [
    "objective",
    "jurisdiction",
    "lifecycle_stage",
    "status",
    "deliverable_type",
    "committee",
    "sector",
    "instrument",
]
# Facets shown folded unless one of their values is chosen.
FOLDED = {"deliverable_type", "committee", "sector", "instrument"}
# Long lists show only the values that lead somewhere (and the chosen ones).
HIDE_EMPTY = {"status", "deliverable_type", "committee", "sector", "instrument"}
# A facet shows at most this many values (the chosen ones always).
LONG_FACET_OPTIONS = 60
# Filters that narrow the list but are not facets; chips still show them.
NOT_COUNTED = {"ordering", "jurisdiction_scope"}
JURISDICTION_GROUPS = [
    (Jurisdiction.Kind.GLOBAL, _("Global")),
    (Jurisdiction.Kind.BLOC, _("Blocs")),
    (Jurisdiction.Kind.COUNTRY, _("Countries")),
]
# Where pages list jurisdictions: global first, then blocs, then countries.
KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(JURISDICTION_GROUPS)}


@dataclasses.dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclasses.dataclass(frozen=True)
class OptionGroup:
    label: str
    options: list[Option]


@dataclasses.dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[Option]
    groups: list[OptionGroup] = dataclasses.field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(option.selected for option in self.options)

    @property
    def folded(self) -> bool:
        return self.name in FOLDED and not self.active


@dataclasses.dataclass(frozen=True)
class Chip:
    """An active filter value and the query string of the list without it."""

    label: str
    value: str
    remove_query: str


@dataclasses.dataclass(frozen=True)
class Loosening:
    """How many standards the list would show without one of the active filters."""

    label: str
    count: int
    query: str
    name: str = ""  # the filter removed


@dataclasses.dataclass(frozen=True)
class FieldError:
    label: str
    messages: list[str]
    remove_query: str


@dataclasses.dataclass
class StandardSearch:
    filterset: StandardFilterSet
    page: Page | None
    facets: list[Facet]
    chips: list[Chip]
    errors: list[FieldError]
    loosenings: list[Loosening]
    query: str  # the active filters and ordering as a query string, without the page
    ordering: str
    ordering_choices: list[tuple[str, str]]
    page_numbers: list  # page numbers, with Paginator.ELLIPSIS where some are left out
    jurisdiction_name: str = ""  # the active jurisdiction, for the empty state
    without_jurisdiction: Loosening | None = None  # the same query anywhere

    @property
    def is_valid(self) -> bool:
        return not self.errors


def standard_search(params: QueryDict, *, page_size: int = PAGE_SIZE) -> StandardSearch:
    """Filter, count and paginate the standards for the list page.

    The number of queries depends on which filters are active, never on the number of rows.
    Invalid values become ``errors`` (with no results) rather than exceptions.
    """
    filterset = StandardFilterSet(params, queryset=standard_list())
    valid = filterset.is_valid()
    kept = _active_filters(filterset)
    page = None
    loosenings, page_numbers = [], []
    if valid:
        # The count is cached per filter and catalogue version, as the API list's is.
        paginator = CachedCountPaginator(filterset.qs, page_size)
        page = paginator.get_page(params.get(PAGE_PARAM))
        page.object_list = annotate_reasons(filterset, list(page.object_list))
        page_numbers = list(paginator.get_elided_page_range(page.number))
        if paginator.count == 0:
            loosenings = _loosenings(filterset, kept)
    ordering = filterset.form.cleaned_data.get("ordering") or [DEFAULT_ORDERING]
    jurisdiction_name, anywhere = "", None
    if "jurisdiction" in kept and page is not None and not page.paginator.count:
        code = filterset.form.cleaned_data["jurisdiction"]
        jurisdiction_name = dict(_choices(filterset, "jurisdiction")).get(code, code)
        anywhere = next(item for item in loosenings if item.name == "jurisdiction")
    return StandardSearch(
        filterset=filterset,
        page=page,
        facets=list(_facets(filterset, kept, FACETS, shorten=True).values()),
        chips=_chips(filterset, list(kept)),
        errors=_errors(filterset),
        loosenings=loosenings,
        query=_query(filterset.data).urlencode(),
        ordering=ordering[0],
        ordering_choices=[choice for choice in _choices(filterset, "ordering") if choice[0]],
        page_numbers=page_numbers,
        jurisdiction_name=jurisdiction_name,
        without_jurisdiction=anywhere,
    )


def standard_facets(params: QueryDict, names: list[str]) -> dict[str, Facet]:
    """The facets ``names`` for the list at ``params`` (the home page's ways into the list)."""
    filterset = StandardFilterSet(params, queryset=standard_list())
    filterset.is_valid()
    return _facets(filterset, _active_filters(filterset), names)


def _active_filters(filterset: StandardFilterSet) -> dict[str, QuerySet[Standard]]:
    """Each valid active filter, and the standards it alone keeps (as the FilterSet filters)."""
    cleaned = filterset.form.cleaned_data
    kept = {}
    for name in filterset.filters:
        if name in NOT_COUNTED or not cleaned.get(name):
            continue
        if name == "jurisdiction":
            scope = cleaned.get("jurisdiction_scope") or Scope.INHERITED
            kept[name] = standard_list().filter(applies_in(cleaned[name], scope))
        else:
            kept[name] = filterset.filters[name].filter(standard_list(), cleaned[name])
    return kept


def _narrowed(kept: dict[str, QuerySet], without: str | None = None) -> QuerySet[Standard]:
    """The public standards every active filter but ``without`` keeps."""
    queryset = standard_list()
    for name, standards in kept.items():
        if name != without:
            queryset = queryset.filter(pk__in=standards.values("pk"))
    return queryset


def _facets(
    filterset, kept: dict[str, QuerySet], names: list[str], *, shorten: bool = False
) -> dict[str, Facet]:
    """The facets ``names``, cached per catalogue version (``core.cache``): counting is the
    costly part of a page, and the same few filter combinations are asked for again and again.
    """
    cleaned = filterset.form.cleaned_data
    params = {
        "names": names,
        "filters": {name: cleaned[name] for name in kept},
        "scope": cleaned.get("jurisdiction_scope") or "",
        "language": get_language(),
        "shorten": shorten,
    }

    def compute() -> dict[str, Facet]:
        facets = {name: _facet(filterset, name, _narrowed(kept, name)) for name in names}
        return {name: _shortened(facet) for name, facet in facets.items()} if shorten else facets

    return catalogue_cached("facets", params, compute)


def _choices(filterset: StandardFilterSet, name: str) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in filterset.form.fields[name].choices]


def _selected(filterset: StandardFilterSet, name: str) -> set[str]:
    value = filterset.form.cleaned_data.get(name) or []
    return {value} if isinstance(value, str) else set(value)


def _facet(filterset: StandardFilterSet, name: str, base: QuerySet[Standard]) -> Facet:
    choices = [(value, label) for value, label in _choices(filterset, name) if value]
    selected = _selected(filterset, name)
    if name == "jurisdiction":
        return _jurisdiction_facet(filterset, choices, selected, base)
    counts = _counts(filterset, name, [value for value, _label in choices], base)
    options = [
        Option(value, label, counts[value], value in selected)
        for value, label in choices
        if counts[value] or value in selected or name not in HIDE_EMPTY
    ]
    return Facet(name, str(filterset.filters[name].label), options)


def _shortened(facet: Facet) -> Facet:
    """The list page's facet: thousands of instruments or committees at scale become the
    values that lead to the most standards (and every chosen one), in their usual order."""
    if facet.groups or len(facet.options) <= LONG_FACET_OPTIONS:
        return facet
    ranked = sorted(facet.options, key=lambda option: (not option.selected, -option.count))
    kept = {option.value for option in ranked[:LONG_FACET_OPTIONS]}
    kept |= {option.value for option in facet.options if option.selected}
    options = [option for option in facet.options if option.value in kept]
    return dataclasses.replace(facet, options=options)


def _counts(filterset, name: str, values: list[str], base: QuerySet[Standard]) -> dict[str, int]:
    """Count the standards of ``base`` that each value alone would keep.

    The facets the list shows are counted by grouping (one query, or two for sectors, whatever
    the number of values), following the rules of the FilterSet's methods; any other filter
    falls back to one filtered count per value, which costs a subquery per value.
    """
    if not values:
        return {}
    grouped = GROUPED_COUNTS.get(name)
    if grouped is not None:
        counts = grouped(base.order_by().values("pk"))
        return {value: counts.get(value, 0) for value in values}
    filter_ = filterset.filters[name]
    aggregates = {
        f"n{index}": Count(
            "pk", filter=Q(pk__in=filter_.filter(Standard.objects.all(), [value]).values("pk"))
        )
        for index, value in enumerate(values)
    }
    row = base.aggregate(**aggregates)
    return {value: row[f"n{index}"] for index, value in enumerate(values)}


def _link_counts(model, key: str):
    """Count standards per ``key`` of their public links (``filter_objective`` …)."""

    def count(standards: QuerySet) -> dict[str, int]:
        rows = (
            model.objects.public()
            .filter(standard__in=standards)
            .order_by()
            .values_list(key)
            .annotate(n=Count("standard", distinct=True))
        )
        return dict(rows)

    return count


def _status_counts(standards: QuerySet) -> dict[str, int]:
    """Count standards per status: the stage code's bucket, or the status a source states
    when it gives no code (``filter_status``)."""
    totals = defaultdict(int)
    rows = (
        Standard.objects.filter(pk__in=standards)
        .order_by()
        .values_list("stage_code", "stated_status")
        .annotate(n=Count("pk"))
    )
    for code, stated, n in rows:
        totals[str(stated if not code and stated else status_for(code))] += n
    return totals


def _field_counts(field: str, bucket=str):
    """Count standards per value of ``field``, or per ``bucket(value)`` (``filter_status``)."""

    def count(standards: QuerySet) -> dict[str, int]:
        totals = defaultdict(int)
        rows = (
            Standard.objects.filter(pk__in=standards)
            .order_by()
            .values_list(field)
            .annotate(n=Count("pk"))
        )
        for value, n in rows:
            totals[str(bucket(value))] += n
        return totals

    return count


def _committee_counts(standards: QuerySet) -> dict[str, int]:
    """``filter_committee``: a standard counts for its committee, its parent and grandparent."""
    committees = {
        pk: (slug, parent, n)
        for pk, slug, parent, n in Committee.objects.annotate(
            n=Count("standards", filter=Q(standards__in=standards))
        ).values_list("pk", "slug", "parent_id", "n")
    }
    totals = defaultdict(int)
    for pk, (_slug, _parent, n) in committees.items():
        reached, current = set(), pk
        while n and current is not None and current not in reached and len(reached) < 3:
            reached.add(current)
            current = committees[current][1]
        for ancestor in reached:
            totals[committees[ancestor][0]] += n
    return totals


def _sector_counts(standards: QuerySet) -> dict[str, int]:
    """``filter_sector``: a standard counts for the sectors of its committee and its parent."""
    direct = dict(
        Standard.objects.filter(pk__in=standards, committee__isnull=False)
        .order_by()
        .values_list("committee_id")
        .annotate(n=Count("pk"))
    )
    sectors = defaultdict(set)
    for slug, committee, child in Sector.objects.values_list(
        "slug", "committees__id", "committees__children__id"
    ):
        sectors[committee].add(slug)
        sectors[child].add(slug)
    totals = defaultdict(int)
    for committee, n in direct.items():
        for slug in sectors.get(committee, ()):
            totals[slug] += n
    return totals


GROUPED_COUNTS = {
    "objective": _link_counts(StandardObjectiveLink, "objective__code"),
    "lifecycle_stage": _link_counts(StandardLifecycleLink, "stage__slug"),
    "instrument": _link_counts(StandardProvisionLink, "instrument__slug"),
    "deliverable_type": _field_counts("deliverable_type"),
    "status": _status_counts,
    "committee": _committee_counts,
    "sector": _sector_counts,
}


# The standards list's picker: blocs, then countries, then global, each by name; the
# jurisdictions where nothing applies (given the other filters) last, in a group of their own.
PICKER_GROUPS = [
    (Jurisdiction.Kind.BLOC, _("Blocs")),
    (Jurisdiction.Kind.COUNTRY, _("Countries")),
    (Jurisdiction.Kind.GLOBAL, _("Global")),
]


def _jurisdiction_facet(filterset, choices, selected, base) -> Facet:
    scope = filterset.form.cleaned_data.get("jurisdiction_scope") or Scope.INHERITED
    counts = jurisdiction_counts(base, scope)
    kinds = dict(Jurisdiction.objects.values_list("code", "kind"))
    options = [
        Option(value, label, counts.get(value, 0), value in selected) for value, label in choices
    ]
    by_name = sorted(options, key=lambda option: option.label.casefold())
    groups = [
        OptionGroup(
            str(label),
            [
                option
                for option in by_name
                if kinds.get(option.value) == kind and (option.count or option.selected)
            ],
        )
        for kind, label in PICKER_GROUPS
    ]
    empty = [option for option in by_name if not option.count and not option.selected]
    groups.append(OptionGroup(str(_("No standard applies there yet")), empty))
    label = str(filterset.filters["jurisdiction"].label)
    return Facet("jurisdiction", label, options, [group for group in groups if group.options])


def _query(data: QueryDict, **changes) -> QueryDict:
    """The filter parameters of ``data`` (never the page) with ``changes`` applied."""
    names = set(StandardFilterSet.base_filters)
    query = QueryDict(mutable=True)
    for key in data:
        if key in names:
            query.setlist(key, [value for value in data.getlist(key) if value != ""])
    for key, values in changes.items():
        query.setlist(key, values)
    return query


def _chips(filterset: StandardFilterSet, active: list[str]) -> list[Chip]:
    data, cleaned = filterset.data, filterset.form.cleaned_data
    chips = []
    for name in active:
        label = str(filterset.filters[name].label)
        if name == "jurisdiction":
            text = dict(_choices(filterset, name)).get(cleaned[name], cleaned[name])
            if cleaned.get("jurisdiction_scope") == Scope.EXACT:
                text = _("%(jurisdiction)s, its own instruments only") % {"jurisdiction": text}
            remove = _query(data, jurisdiction=[], jurisdiction_scope=[])
            chips.append(Chip(label, str(text), remove.urlencode()))
        elif isinstance(cleaned[name], list):
            choices = dict(_choices(filterset, name))
            for value in cleaned[name]:
                remaining = [other for other in cleaned[name] if other != value]
                remove = _query(data, **{name: remaining})
                chips.append(Chip(label, choices.get(value, value), remove.urlencode()))
        else:
            remove = _query(data, **{name: []})
            chips.append(Chip(label, data.get(name, ""), remove.urlencode()))
    return chips


def _errors(filterset: StandardFilterSet) -> list[FieldError]:
    return [
        FieldError(
            label=str(filterset.filters[name].label) if name in filterset.filters else name,
            messages=list(messages),
            remove_query=_query(filterset.data, **{name: []}).urlencode(),
        )
        for name, messages in filterset.form.errors.items()
    ]


def _loosenings(filterset: StandardFilterSet, kept: dict[str, QuerySet]) -> list[Loosening]:
    """For an empty list: how many standards dropping each active filter would bring back."""
    loosenings = []
    for name in kept:
        remove = {name: []}
        if name == "jurisdiction":
            remove["jurisdiction_scope"] = []
        count = _narrowed(kept, name).count()
        label = str(filterset.filters[name].label)
        query = _query(filterset.data, **remove).urlencode()
        loosenings.append(Loosening(label, count, query, name))
    return sorted(loosenings, key=lambda loosening: -loosening.count)
