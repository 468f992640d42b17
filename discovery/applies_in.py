"""Applies in: where a standard applies, and why. The one definition of the jurisdiction rule.

A standard applies in a jurisdiction J when

- an approved link ties it to an instrument (or a provision of one) of J, of a bloc J belongs
  to, or of the global jurisdiction ``INT``; or
- it is adopted (IDT or MOD, current) by a standards body of J, or by a regional body (CEN,
  CENELEC: a body whose country is a bloc) of which J is a member.

``jurisdiction_scope=exact`` keeps the reasons of J itself. Every reason is a row of
``Applicability`` (``discovery.models``), written here and nowhere else: the standards filter
(both scopes), facet counts, the coverage matrices, jurisdiction pages and feeds read it.

The rows are kept by *where a reason comes from* (the instrument's jurisdiction, the adopting
body's country). Which jurisdictions that reaches is a handful of ids
(``jurisdiction_scope``): J, its blocs and ``INT``. Storing the reach expanded to every member
would multiply the table by about twenty (every global link in every country) for nothing a
short ``IN`` list does not already give.

The table follows every write in the same transaction: saving or deleting a provision link,
an adoption, a standard, an instrument or a provision (their review, an instrument's
jurisdiction) or a standards body (its country) recomputes the rows of the standards
concerned (``connect_signals``; the admin, the API, imports and the shell alike). Bulk
writes (``bulk_create``, ``QuerySet.update``) call ``applicability_rebuild()``, as
``manage.py rebuild_applicability`` does.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _

from catalogue.models import Degree, NationalAdoption, Standard, StandardsBody
from core.cache import catalogue_cached
from core.models import ReviewState
from discovery.models import Applicability
from mappings.models import StandardProvisionLink
from policies.models import BlocMembership, Jurisdiction, PolicyInstrument, Provision

GLOBAL_CODE = "INT"
ADOPTING_DEGREES = [Degree.IDT, Degree.MOD]


class Scope:
    INHERITED = "inherited"
    EXACT = "exact"
    CHOICES = [
        (INHERITED, _("Inherited: blocs and global too")),
        (EXACT, _("Exact")),
    ]


# What makes a reason, as conditions on the rows it comes from.
def _approved_links() -> QuerySet[StandardProvisionLink]:
    """Public links: approved, of a public standard, instrument and (if any) provision."""
    return StandardProvisionLink.objects.public()


def _adopting() -> QuerySet[NationalAdoption]:
    return NationalAdoption.objects.filter(
        degree__in=ADOPTING_DEGREES, status=NationalAdoption.AdoptionStatus.CURRENT
    )


# Reading: which jurisdictions a question reaches, and the standards that apply there.
def jurisdiction_scope(jurisdiction: Jurisdiction, scope: str = Scope.INHERITED) -> list[int]:
    """Return the ids of the jurisdictions whose reasons count in ``jurisdiction``.

    ``exact`` is the jurisdiction alone. ``inherited`` adds every bloc it belongs to and the
    global jurisdiction (``INT``): Germany inherits the EU's, the OECD's, the Council of
    Europe's and the global instruments; the EU inherits the global ones (not its members').
    """
    if scope == Scope.EXACT:
        return [jurisdiction.pk]
    ids = {jurisdiction.pk}
    ids.update(Jurisdiction.objects.filter(code=GLOBAL_CODE).values_list("pk", flat=True))
    ids.update(jurisdiction.blocs.values_list("pk", flat=True))
    return sorted(ids)


def scope_ids(code: str, scope: str = Scope.INHERITED) -> list[int]:
    """``jurisdiction_scope`` of the jurisdiction ``code``, cached per catalogue version
    (``core.cache``): a filtered list asks for it twice (the filter and its reasons), in
    three queries each time."""
    return catalogue_cached(
        "jurisdiction-scope",
        [code, scope],
        lambda: jurisdiction_scope(Jurisdiction.objects.get(code=code), scope),
    )


def applies_in(code: str, scope: str = Scope.INHERITED) -> Q:
    """Return the condition for standards that apply in the jurisdiction ``code``."""
    ids = scope_ids(code, scope)
    rows = Applicability.objects.filter(jurisdiction__in=ids).order_by().values("standard_id")
    return Q(pk__in=rows)


def standards_by_jurisdiction(
    standards: QuerySet[Standard], *, scope: str = Scope.INHERITED
) -> dict[str, set[int]]:
    """Map every jurisdiction code to the ids of ``standards`` that apply there."""
    jurisdictions, own, inherited = _reach(standards, scope)
    return {code: inherited[pk] | own[pk] for pk, code in jurisdictions.items()}


def jurisdiction_counts(standards: QuerySet[Standard], scope: str) -> dict[str, int]:
    """``len()`` of each set of ``standards_by_jurisdiction``, without building the sets."""
    jurisdictions, own, inherited = _reach(standards, scope)
    return {
        code: len(inherited[pk]) + len(own[pk] - inherited[pk])
        for pk, code in jurisdictions.items()
    }


def _reach(standards: QuerySet[Standard], scope: str):
    """Jurisdictions by id, the standards of each one's own reasons, and those each one
    inherits from its blocs and ``INT`` (one set shared by every country with the same blocs:
    most countries inherit thousands of the same global links)."""
    jurisdictions = dict(Jurisdiction.objects.values_list("pk", "code"))
    own = defaultdict(set)
    rows = (
        Applicability.objects.filter(standard__in=standards.values("pk"))
        .order_by()
        .values_list("jurisdiction_id", "standard_id")
        .distinct()
    )
    for jurisdiction_id, standard_id in rows:
        own[jurisdiction_id].add(standard_id)
    nothing: set[int] = set()
    if scope == Scope.EXACT:
        return jurisdictions, own, defaultdict(lambda: nothing)
    blocs = defaultdict(set)
    for member_id, bloc_id in BlocMembership.objects.values_list("member_id", "bloc_id"):
        blocs[member_id].add(bloc_id)
    global_ids = {pk for pk, code in jurisdictions.items() if code == GLOBAL_CODE}
    shared: dict[frozenset, set[int]] = {}
    inherited = {}
    for pk in jurisdictions:
        sources = frozenset({*global_ids, *blocs[pk]} - {pk})
        if sources not in shared:
            shared[sources] = set().union(*(own[source] for source in sources))
        inherited[pk] = shared[sources]
    return jurisdictions, own, inherited


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why a standard applies in a jurisdiction: a link or an adoption, from ``origin``."""

    standard_id: int
    origin: str  # the code of the jurisdiction the reason comes from
    inherited: bool  # origin is a bloc of the asked jurisdiction, or INT
    provision_link_id: int | None
    adoption_id: int | None


def reasons_in(code: str, standard_ids: Iterable[int], scope: str) -> list:
    """The reasons each of ``standard_ids`` applies in the jurisdiction ``code`` (one query)."""
    ids = scope_ids(code, scope)
    rows = (
        Applicability.objects.filter(jurisdiction__in=ids, standard__in=list(standard_ids))
        .order_by("standard_id", "jurisdiction__code", "provision_link_id", "adoption_id")
        .values_list("standard_id", "jurisdiction__code", "provision_link_id", "adoption_id")
    )
    return [
        Reason(standard, origin, origin != code, link, adoption)
        for standard, origin, link, adoption in rows
    ]


# Writing: the table is derived; these keep it equal to a fresh computation.
def _computed(standard_ids: list[int] | None = None) -> list[Applicability]:
    links, adoptions = _approved_links(), _adopting()
    if standard_ids is not None:
        links = links.filter(standard_id__in=standard_ids)
        adoptions = adoptions.filter(standard_id__in=standard_ids)
    rows = [
        Applicability(standard_id=standard, jurisdiction_id=where, provision_link_id=link)
        for standard, where, link in links.order_by().values_list(
            "standard_id", "instrument__jurisdiction_id", "id"
        )
    ]
    rows += [
        Applicability(standard_id=standard, jurisdiction_id=where, adoption_id=adoption)
        for standard, where, adoption in adoptions.order_by().values_list(
            "standard_id", "body__country_id", "id"
        )
    ]
    return rows


def applicability_refresh(standard_ids: Iterable[int]) -> None:
    """Recompute the rows of these standards (two to four queries)."""
    ids = sorted({pk for pk in standard_ids if pk is not None})
    if not ids:
        return
    Applicability.objects.filter(standard_id__in=ids).delete()
    Applicability.objects.bulk_create(_computed(ids), batch_size=2000)


def applicability_rebuild() -> int:
    """Recompute the whole table in SQL (after bulk writes); return the number of rows."""
    table = Applicability._meta.db_table
    links = StandardProvisionLink._meta.db_table
    standards = Standard._meta.db_table
    instruments = PolicyInstrument._meta.db_table
    provisions = Provision._meta.db_table
    adoptions = NationalAdoption._meta.db_table
    bodies = StandardsBody._meta.db_table
    degrees = ", ".join(f"'{degree}'" for degree in ADOPTING_DEGREES)
    approved = ReviewState.APPROVED
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        # The same rows as StandardProvisionLink.objects.public(), in one statement.
        cursor.execute(
            f"INSERT INTO {table} (standard_id, jurisdiction_id, provision_link_id, adoption_id) "
            f"SELECT l.standard_id, i.jurisdiction_id, l.id, NULL FROM {links} l "
            f"JOIN {standards} s ON s.id = l.standard_id "
            f"JOIN {instruments} i ON i.id = l.instrument_id "
            f"LEFT JOIN {provisions} p ON p.id = l.provision_id "
            "WHERE l.review_state = %s AND s.review_state = %s AND i.review_state = %s "
            "AND (l.provision_id IS NULL OR p.review_state = %s)",
            [approved, approved, approved, approved],
        )
        cursor.execute(
            f"INSERT INTO {table} (standard_id, jurisdiction_id, provision_link_id, adoption_id) "
            f"SELECT a.standard_id, b.country_id, NULL, a.id FROM {adoptions} a "
            f"JOIN {bodies} b ON b.id = a.body_id "
            f"WHERE a.degree IN ({degrees}) AND a.status = %s",
            [NationalAdoption.AdoptionStatus.CURRENT],
        )
    return Applicability.objects.count()


def applicability_differences() -> tuple[set, set]:
    """Rows the table has that a fresh computation lacks, and the reverse (for checks)."""

    def key(row):
        return (row.standard_id, row.jurisdiction_id, row.provision_link_id, row.adoption_id)

    stored = {
        tuple(row)
        for row in Applicability.objects.values_list(
            "standard_id", "jurisdiction_id", "provision_link_id", "adoption_id"
        )
    }
    fresh = {key(row) for row in _computed()}
    return stored - fresh, fresh - stored


def _standards_of(sender, instance) -> set[int]:
    if sender is StandardProvisionLink or sender is NationalAdoption:
        ids = {instance.standard_id}
        field = "provision_link" if sender is StandardProvisionLink else "adoption"
        # A link or adoption moved to another standard leaves rows behind on the old one.
        ids.update(
            Applicability.objects.filter(**{field: instance.pk}).values_list(
                "standard_id", flat=True
            )
        )
        return ids
    if sender is Standard:
        return {instance.pk}
    if sender is PolicyInstrument:
        return set(
            StandardProvisionLink.objects.filter(instrument=instance).values_list(
                "standard_id", flat=True
            )
        )
    if sender is Provision:
        return set(
            StandardProvisionLink.objects.filter(provision=instance).values_list(
                "standard_id", flat=True
            )
        )
    if sender is StandardsBody:
        return set(
            NationalAdoption.objects.filter(body=instance).values_list("standard_id", flat=True)
        )
    return set()


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata (import_catalogue) rebuilds once at the end
        return
    applicability_refresh(_standards_of(sender, instance))


def _before_delete(sender, instance, **kwargs):
    instance._applicability_standards = _standards_of(sender, instance)


def _on_delete(sender, instance, **kwargs):
    applicability_refresh(getattr(instance, "_applicability_standards", set()))


WATCHED = [
    Standard,
    StandardProvisionLink,
    NationalAdoption,
    PolicyInstrument,
    Provision,
    StandardsBody,
]


def connect_signals() -> None:
    for model in WATCHED:
        uid = f"applicability-{model._meta.label}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-delete")
