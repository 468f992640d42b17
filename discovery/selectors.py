"""Reads about standards, with their related rows fetched in a fixed number of queries."""

from django.db.models import Count, Prefetch, QuerySet

from catalogue.models import (
    Committee,
    LifecycleStage,
    NationalAdoption,
    Standard,
    StandardRelation,
)
from core.language import localize, localized_values
from mappings.models import (
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)


def approved_objective_links() -> QuerySet[StandardObjectiveLink]:
    return (
        StandardObjectiveLink.objects.public()
        .select_related("objective", "source_ref")
        .order_by("objective__code", "id")
    )


def approved_lifecycle_links() -> QuerySet[StandardLifecycleLink]:
    return (
        StandardLifecycleLink.objects.public()
        .select_related("stage", "source_ref")
        .order_by("stage__order", "id")
    )


def approved_provision_links() -> QuerySet[StandardProvisionLink]:
    return (
        StandardProvisionLink.objects.public()
        .select_related("instrument__jurisdiction", "provision", "source_ref")
        .order_by("instrument__slug", "provision__order", "id")
    )


def standard_list(*, drafts: bool = False) -> QuerySet[Standard]:
    """Public standards for a list or an export: committee, series, public objective and
    stage links. ``drafts`` adds the entries not yet approved (for their curators' writes).

    Runs three queries whatever the number of rows (the page, then two prefetches).
    """
    standards = Standard.objects.all() if drafts else Standard.objects.public()
    return (
        standards.select_related("committee", "series")
        .prefetch_related(
            Prefetch(
                "objective_links",
                queryset=approved_objective_links(),
                to_attr="public_objective_links",
            ),
            Prefetch(
                "lifecycle_links",
                queryset=approved_lifecycle_links(),
                to_attr="public_lifecycle_links",
            ),
        )
        .order_by("sort_key", "id")
    )


def standard_detail(*, drafts: bool = False) -> QuerySet[Standard]:
    """Standards with everything a detail page or response shows, public links only;
    ``drafts`` as in ``standard_list``."""
    return (
        standard_list(drafts=drafts)
        .select_related("source_ref")
        .prefetch_related(
            Prefetch(
                "provision_links",
                queryset=approved_provision_links(),
                to_attr="public_provision_links",
            ),
            Prefetch(
                "relations_from",
                queryset=StandardRelation.objects.select_related(
                    "to_standard", "source_ref"
                ).order_by("kind", "id"),
            ),
            Prefetch(
                "relations_to",
                queryset=StandardRelation.objects.select_related(
                    "from_standard", "source_ref"
                ).order_by("kind", "id"),
            ),
            Prefetch(
                "adoptions",
                queryset=NationalAdoption.objects.select_related(
                    "body__country", "source_ref"
                ).order_by("body__acronym", "designation", "id"),
            ),
            Prefetch(
                "series__parts",
                queryset=Standard.objects.order_by("sort_key", "id"),
            ),
        )
    )


# What a list row shows of a link: the API list and the CSV export read only these columns,
# which halves the cost of building ~10 links per standard (issue 7).
LINK_COLUMNS = [
    "id",
    "standard",
    "relationship",
    "source",
    "locator",
    "confidence",
    "source_ref__url",
    "source_ref__publisher",
    "source_ref__title",
    "source_ref__date",
]
LIST_DEFERRED = [
    "aliases",
    "source",
    "notes",
    "staff_notes",
    "open_data_values",
    "open_data_imported_at",
]


def standard_list_with_instruments() -> QuerySet[Standard]:
    """Standards for the API list and the CSV export: ``standard_list()`` plus the approved
    instrument and provision links, reading only the columns a list shows (four queries)."""
    return (
        Standard.objects.public()
        .select_related("committee", "series")
        .defer(*LIST_DEFERRED)
        .prefetch_related(
            Prefetch(
                "objective_links",
                queryset=approved_objective_links().only(
                    *LINK_COLUMNS, "objective__code", "objective__title"
                ),
                to_attr="public_objective_links",
            ),
            Prefetch(
                "lifecycle_links",
                queryset=approved_lifecycle_links().only(
                    *LINK_COLUMNS, "stage__slug", "stage__name"
                ),
                to_attr="public_lifecycle_links",
            ),
            Prefetch(
                "provision_links",
                queryset=approved_provision_links().only(
                    *LINK_COLUMNS,
                    "instrument__slug",
                    "instrument__name",
                    "instrument__short_name",
                    "instrument__jurisdiction__code",
                    "provision__ref",
                    "provision__slug",
                    "provision__title",
                ),
                to_attr="public_provision_links",
            ),
        )
        .order_by("sort_key", "id")
    )


def committee_list() -> QuerySet[Committee]:
    return Committee.objects.select_related("parent").order_by("code", "id")


def lifecycle_stage_list() -> QuerySet[LifecycleStage]:
    """Life-cycle stages in order, each with ``standard_count``: public standards with an
    approved link to the stage."""
    return LifecycleStage.objects.annotate(
        standard_count=Count(
            "standard_links__standard",
            filter=StandardLifecycleLink.public_condition("standard_links__"),
            distinct=True,
        )
    ).order_by("order", "id")


def adoption_list() -> QuerySet[NationalAdoption]:
    """National designations of public standards."""
    return (
        NationalAdoption.objects.filter(Standard.public_condition("standard__"))
        .select_related("standard", "body__country", "source_ref")
        .order_by("body__acronym", "designation", "id")
    )


# A list row as plain values: the API list builds its JSON from these without a model
# instance (issue 12). The links come in the order ``standard_list_with_instruments()`` uses.
LIST_ROW_FIELDS = [
    "id",
    "reference",
    "slug",
    *localized_values("title"),
    "summary",
    "deliverable_type",
    "number",
    "part",
    "year",
    "edition",
    "publication_date",
    "stage_code",
    "stated_status",
    "committee__code",
    "series__code",
    "in_brief",
    "iso_id",
    "url",
    "updated_at",
]
LINK_VALUES = [
    "standard_id",
    "relationship",
    "source",
    "source_ref_id",
    "source_ref__publisher",
    "source_ref__title",
    "source_ref__date",
    "source_ref__url",
    "locator",
    "confidence",
]


def standard_list_rows(ids: list[int]) -> list[dict]:
    """The list rows of these standards, in this order, with their approved links as lists of
    dicts under ``objectives``, ``lifecycle_stages`` and ``instruments`` (four queries)."""
    rows = {
        row["id"]: localize(row, "title")
        for row in Standard.objects.filter(pk__in=ids).values(*LIST_ROW_FIELDS)
    }
    for row in rows.values():
        row["objectives"], row["lifecycle_stages"], row["instruments"] = [], [], []
    # Labels in the active language (English where there is no translation), read from their
    # language columns: the link models' querysets are not modeltranslation's.
    links = [
        (
            "objectives",
            approved_objective_links().values(
                *LINK_VALUES, "objective__code", *localized_values("objective__title")
            ),
            ["objective__title"],
        ),
        (
            "lifecycle_stages",
            approved_lifecycle_links().values(
                *LINK_VALUES, "stage__slug", *localized_values("stage__name")
            ),
            ["stage__name"],
        ),
        (
            "instruments",
            approved_provision_links().values(
                *LINK_VALUES,
                "instrument__slug",
                *localized_values("instrument__name", "instrument__short_name"),
                "instrument__jurisdiction__code",
                "provision_id",
                "provision__ref",
                "provision__slug",
                "provision__title",
            ),
            ["instrument__name", "instrument__short_name"],
        ),
    ]
    for key, queryset, labels in links:
        for link in queryset.filter(standard_id__in=ids):
            rows[link["standard_id"]][key].append(localize(link, *labels))
    return [rows[pk] for pk in ids if pk in rows]
