"""The scenarios of issue 7, with URLs resolved by path against the loaded data.

A scenario whose URL does not resolve (the endpoint is not built yet) is reported as
"not available" instead of failing the run.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode, urlsplit

API_STANDARDS = "/api/v1/standards/"
SEARCH_WORD = "robustness"
PREFERRED_COUNTRY = "DE"
PREFERRED_STAGE = "deployment"
DETAIL_SAMPLE = 50


@dataclasses.dataclass
class Scenario:
    name: str
    title: str
    paths: list[str]  # requests rotate through these
    paginated: bool = False
    streaming: bool = False
    in_load_mix: bool = True
    budget_ms: float | None = None  # p50 at 10,000 standards (issue 7)
    page_size_param: bool = False  # the list takes ?page_size= (query count checked with 1)

    @property
    def path(self) -> str:
        return self.paths[0]


@dataclasses.dataclass
class Parameters:
    objective: str
    country: str
    stage: str
    detail_slugs: list[str]
    search: str = SEARCH_WORD


def parameters() -> Parameters:
    """Pick the filter values the scenarios use: the busiest objective, a bloc member, …"""
    from django.db.models import Count, Q

    from benchmarks.synthetic import REFERENCE_PREFIX
    from catalogue.models import LifecycleStage, Standard
    from core.models import ReviewState
    from policies.models import Jurisdiction, Objective

    objective = (
        Objective.objects.annotate(
            n=Count("standard_links", filter=Q(standard_links__review_state=ReviewState.APPROVED))
        )
        .order_by("-n", "code")
        .values_list("code", flat=True)
        .first()
    )
    members = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY, blocs__isnull=False)
    country = (
        PREFERRED_COUNTRY
        if members.filter(code=PREFERRED_COUNTRY).exists()
        else members.order_by("code").values_list("code", flat=True).first()
    )
    stages = LifecycleStage.objects.order_by("order").values_list("slug", flat=True)
    stage = PREFERRED_STAGE if PREFERRED_STAGE in stages else stages[len(stages) // 2]
    candidates = Standard.objects.filter(reference__startswith=REFERENCE_PREFIX)
    if hasattr(Standard.objects, "public"):
        candidates = Standard.objects.public().filter(reference__startswith=REFERENCE_PREFIX)
    ids = list(candidates.order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // DETAIL_SAMPLE)
    sample = ids[::step][:DETAIL_SAMPLE]
    slugs = list(
        Standard.objects.filter(id__in=sample).order_by("id").values_list("slug", flat=True)
    )
    if not slugs:
        slugs = list(Standard.objects.order_by("id").values_list("slug", flat=True)[:1])
    return Parameters(objective=objective, country=country, stage=stage, detail_slugs=slugs)


def _reverse(name: str, fallback: str, **kwargs) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def scenarios(p: Parameters) -> list[Scenario]:
    filtered = urlencode(
        {"objective": p.objective, "jurisdiction": p.country, "lifecycle_stage": p.stage}
    )
    return [
        Scenario(
            "api_list",
            "API list, unfiltered (page of 50)",
            [API_STANDARDS],
            paginated=True,
            page_size_param=True,
        ),
        Scenario(
            "api_list_filtered",
            f"API list, objective {p.objective} + jurisdiction {p.country} (inherited) "
            f"+ stage {p.stage}",
            [f"{API_STANDARDS}?{filtered}"],
            paginated=True,
            budget_ms=25,
            page_size_param=True,
        ),
        Scenario(
            "api_search",
            f"API list, q={p.search}",
            [f"{API_STANDARDS}?{urlencode({'q': p.search})}"],
            paginated=True,
            page_size_param=True,
        ),
        Scenario(
            "api_detail",
            f"API detail ({len(p.detail_slugs)} standards in turn)",
            [f"{API_STANDARDS}{slug}/" for slug in p.detail_slugs],
            budget_ms=15,
        ),
        Scenario(
            "csv_export",
            "CSV export of all rows",
            [f"{API_STANDARDS}?format=csv"],
            streaming=True,
            in_load_mix=False,
        ),
        Scenario(
            "standards_page",
            "Standards page with facet counts",
            ["/standards/"],
            paginated=True,
            budget_ms=60,
        ),
        Scenario(
            "standards_page_filtered",
            f"Standards page, objective {p.objective} + jurisdiction {p.country} + stage",
            [f"/standards/?{filtered}"],
            paginated=True,
            budget_ms=60,
        ),
        Scenario("coverage", "Coverage matrix", ["/coverage/"], budget_ms=80),
        Scenario(
            "jurisdiction_page",
            f"Jurisdiction page of a bloc member ({p.country})",
            [
                _reverse(
                    "policies:jurisdiction-detail", f"/jurisdictions/{p.country}/", code=p.country
                )
            ],
        ),
    ]


def available(path: str) -> bool:
    """Whether the URL resolves to a view (the endpoint exists)."""
    from django.urls import Resolver404, resolve

    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return True
