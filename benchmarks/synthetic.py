"""A synthetic catalogue for measuring speed at scale, on top of the reference data.

``synthetic_catalogue_generate(standards=N, seed=S)`` adds, for N = 10,000, about 500
instruments, 3,000 provisions, 2,000 national adoptions and 100,000 approved links (plus
proposed, rejected and withdrawn ones), with the skew of real curation: a few objectives,
global and bloc instruments and a few countries hold most links. The same seed gives the same
rows. Rows go in with ``bulk_create`` in batches: no ``save()``, no signals, no history, no
``full_clean``; the database constraints still hold because the generator only makes values
they allow.

Every synthetic row is marked so that it can never pass for real data: references and codes
start with ``SYN/``, slugs with ``syn-``, standards bodies' acronyms with ``SYN-``, and each
row's source says it is synthetic. ``synthetic_catalogue_clear()`` deletes exactly those rows.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from django.db import models, transaction
from django.db.models import Q

from catalogue.models import (
    Committee,
    DeliverableType,
    LifecycleStage,
    NationalAdoption,
    Sector,
    Series,
    Standard,
    StandardRelation,
    StandardsBody,
)
from core.models import Confidence, ReviewState
from core.text import reference_slug, reference_sort_key
from discovery.applies_in import applicability_rebuild
from discovery.models import Applicability, StandardSearch
from discovery.search import search_rebuild
from mappings.models import (
    ObjectiveRelationship,
    ProvisionRelationship,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from policies.models import InstrumentKind, Jurisdiction, Objective, PolicyInstrument, Provision

REFERENCE_PREFIX = "SYN/"
SLUG_PREFIX = "syn-"
BODY_PREFIX = "SYN-"
SOURCE = "Synthetic benchmark data (generated, not real)"
SEED_LOCATOR = "synthetic seed "
BATCH_SIZE = 2_000
CHUNK = 5_000  # standards built and written at a time, so memory stays flat at any N

# Skew of real curation: most links go to a few objectives and to global and bloc instruments.
OBJECTIVE_WEIGHTS = {"4.3": 30, "4.2": 24, "4.6": 16, "4.1": 10, "4.5": 10, "4.4": 6, "4.7": 4}
BLOC_WEIGHTS = {"INT": 10, "EU": 16, "OECD": 6, "COE": 4, "AU": 3, "ASEAN": 3}
# Countries with the most national instruments and adoptions come first; the rest shuffled.
LEADING_COUNTRIES = ["US", "CN", "GB", "DE", "FR", "JP", "KR", "IN", "CA", "SG", "BR", "AU"]
COUNTRY_SHARE = 58  # percent of instruments that are national, spread Zipf-like

REVIEW_STATES = [
    (ReviewState.APPROVED, 855),
    (ReviewState.PROPOSED, 95),
    (ReviewState.REJECTED, 40),
    (ReviewState.WITHDRAWN, 10),
]
CONFIDENCES = [(Confidence.HIGH, 30), (Confidence.MEDIUM, 55), (Confidence.LOW, 15)]
OBJECTIVE_RELATIONSHIPS = [
    (ObjectiveRelationship.SUPPORTS, 85),
    (ObjectiveRelationship.INTEGRAL_TO, 10),
    (ObjectiveRelationship.EXAMPLE_OF, 5),
]
PROVISION_RELATIONSHIPS = [
    (ProvisionRelationship.SUPPORTS_COMPLIANCE_WITH, 45),
    (ProvisionRelationship.EXPLICITLY_CITED_BY, 15),
    (ProvisionRelationship.HARMONISED_CANDIDATE_FOR, 10),
    (ProvisionRelationship.INTERSECTS_WITH, 12),
    (ProvisionRelationship.SUBSET_OF, 6),
    (ProvisionRelationship.SUPERSET_OF, 6),
    (ProvisionRelationship.EQUAL, 3),
    (ProvisionRelationship.NO_RELATIONSHIP, 3),
]
DELIVERABLE_TYPES = [
    (DeliverableType.IS, 60),
    (DeliverableType.TS, 18),
    (DeliverableType.TR, 17),
    (DeliverableType.PAS, 3),
    (DeliverableType.GUIDE, 2),
]
# Stage codes of published documents, and of projects (printed with a draft prefix, no year).
PUBLISHED_STAGES = [
    ("60.60", 62),
    ("90.93", 17),
    ("90.92", 6),
    ("90.20", 6),
    ("60.00", 2),
    ("90.60", 2),
    ("95.99", 5),
]
PROJECT_STAGES = [
    ("00.00", 1, "PWI"),
    ("10.99", 2, "NP"),
    ("20.00", 4, "AWI"),
    ("20.20", 3, "WD"),
    ("30.20", 4, "CD"),
    ("30.60", 2, "CD"),
    ("40.20", 3, "DIS"),
    ("40.60", 2, "DIS"),
    ("50.00", 2, "FDIS"),
    ("20.98", 1, "AWI"),
]
INSTRUMENT_KINDS = [
    (InstrumentKind.STRATEGY, 25, False),
    (InstrumentKind.GUIDELINE, 20, False),
    (InstrumentKind.LAW, 12, True),
    (InstrumentKind.REGULATION, 10, True),
    (InstrumentKind.RECOMMENDATION, 10, False),
    (InstrumentKind.FRAMEWORK, 8, False),
    (InstrumentKind.WHITE_PAPER, 6, False),
    (InstrumentKind.RESOLUTION, 4, False),
    (InstrumentKind.EXECUTIVE_ORDER, 3, True),
    (InstrumentKind.STANDARDISATION_REQUEST, 2, True),
]
TOPICS = [
    "Data quality for analytics and machine learning",
    "Assessment of the robustness of neural networks",
    "Bias in AI systems and AI aided decision making",
    "Risk management",
    "Management system",
    "Objectives and approaches for explainability",
    "Transparency taxonomy of AI systems",
    "Controllability of automated systems",
    "Functional safety and AI systems",
    "Life cycle processes",
    "Overview of trustworthiness",
    "Guidance for human oversight",
    "Quality evaluation guidelines",
    "Treatment of unwanted bias in classification and regression",
    "Reference architecture of knowledge engineering",
    "Computational approaches for AI systems",
    "Energy efficiency of data centres",
    "Governance implications of the use of AI by organizations",
    "Impact assessment",
    "Requirements for bodies providing audit and certification",
    "Data governance and data provenance",
    "Privacy enhancing data de-identification",
    "Information security controls for AI systems",
    "Verification and validation of machine learning models",
    "Testing of AI systems",
    "Use cases and applications",
    "Health informatics and clinical decision support",
    "Autonomous vehicles and road traffic safety",
    "Robotics and automation in industrial environments",
    "Financial services and algorithmic trading",
    "Agricultural machinery and precision farming",
    "Environmental sustainability of AI systems",
    "Terminology and concepts",
    "Performance benchmarking of AI systems",
    "Logging and traceability of AI system events",
    "Societal and ethical concerns",
]
AUDIENCES = [
    "organizations developing AI systems",
    "providers and deployers of AI systems",
    "conformity assessment bodies",
    "regulators and market surveillance authorities",
    "data scientists and engineers",
    "small and medium-sized enterprises",
    "public sector procurers",
]
VERBS = ["Specifies requirements for", "Gives guidance on", "Describes", "Provides a framework for"]


@dataclasses.dataclass(frozen=True)
class Plan:
    """How many rows of each kind a catalogue of ``standards`` standards gets."""

    standards: int
    committees: int
    instruments: int
    bodies: int
    adoptions: int

    @classmethod
    def for_standards(cls, standards: int) -> Plan:
        if standards < 1:
            raise ValueError("standards must be at least 1")
        return cls(
            standards=standards,
            committees=max(2, standards // 1_000),
            instruments=max(5, standards // 20),
            bodies=max(3, min(60, standards // 250)),
            adoptions=max(1, standards // 5),
        )


@dataclasses.dataclass
class SyntheticReport:
    seed: int
    created: Counter = dataclasses.field(default_factory=Counter)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in sorted(self.created.items())]


class SyntheticDataError(Exception):
    """The synthetic catalogue cannot be generated; the message says what to do."""


def synthetic_standards() -> models.QuerySet[Standard]:
    return Standard.objects.filter(reference__startswith=REFERENCE_PREFIX)


def synthetic_instruments() -> models.QuerySet[PolicyInstrument]:
    return PolicyInstrument.objects.filter(slug__startswith=SLUG_PREFIX)


def synthetic_catalogue_exists() -> bool:
    return synthetic_standards().exists() or synthetic_instruments().exists()


def synthetic_catalogue_size() -> int:
    return synthetic_standards().count()


def synthetic_catalogue_seed() -> int | None:
    """Return the seed the loaded synthetic catalogue was made with (None when there is none)."""
    locator = (
        StandardLifecycleLink.objects.filter(standard__in=synthetic_standards().values("pk"))
        .values_list("locator", flat=True)
        .first()
    )
    if not locator or not locator.startswith(SEED_LOCATOR):
        return None
    return int(locator.removeprefix(SEED_LOCATOR))


@transaction.atomic
def synthetic_catalogue_generate(
    *, standards: int, seed: int = 0, batch_size: int = BATCH_SIZE
) -> SyntheticReport:
    """Add a synthetic catalogue of ``standards`` standards; the same seed gives the same rows.

    Needs the reference objectives, life-cycle stages and jurisdictions (loaded with
    ``load_catalogue``); refuses to run while synthetic rows exist (clear them first).
    Raise ``SyntheticDataError`` when either is not the case.
    """
    if synthetic_catalogue_exists():
        raise SyntheticDataError("A synthetic catalogue is already loaded; clear it first.")
    _check_reference_data()
    report = _Generator(Plan.for_standards(standards), seed, batch_size).run()
    applicability_rebuild()  # bulk_create sends no signals
    search_rebuild()
    return report


@transaction.atomic
def synthetic_catalogue_clear() -> Counter:
    """Delete every synthetic row and nothing else; return how many rows of each kind went.

    Rows are deleted with plain SQL ``DELETE`` (no signals, no history: the generator wrote
    none), children first, so the database's foreign keys still refuse to orphan a real row.
    """
    standards = synthetic_standards().values("pk")
    instruments = synthetic_instruments().values("pk")
    bodies = StandardsBody.objects.filter(acronym__startswith=BODY_PREFIX).values("pk")
    committees = Committee.objects.filter(code__startswith=REFERENCE_PREFIX)
    steps = [
        StandardObjectiveLink.objects.filter(standard__in=standards),
        StandardLifecycleLink.objects.filter(standard__in=standards),
        StandardProvisionLink.objects.filter(
            Q(standard__in=standards) | Q(instrument__in=instruments)
        ),
        NationalAdoption.objects.filter(Q(standard__in=standards) | Q(body__in=bodies)),
        StandardRelation.objects.filter(
            Q(from_standard__in=standards) | Q(to_standard__in=standards)
        ),
        synthetic_standards(),
        Series.objects.filter(code__startswith=REFERENCE_PREFIX),
        Provision.objects.filter(instrument__in=instruments),
        synthetic_instruments(),
        StandardsBody.objects.filter(acronym__startswith=BODY_PREFIX),
        Sector.committees.through.objects.filter(committee__code__startswith=REFERENCE_PREFIX),
    ]
    deleted = Counter()
    _raw_delete(Applicability.objects.all())  # derived rows: rebuilt below from what is left
    _raw_delete(StandardSearch.objects.all())
    for queryset in steps:
        deleted[queryset.model._meta.verbose_name_plural] += _raw_delete(queryset)
    committees.update(parent=None)
    deleted[Committee._meta.verbose_name_plural] += _raw_delete(committees)
    applicability_rebuild()
    search_rebuild()
    return +deleted


def _raw_delete(queryset: models.QuerySet) -> int:
    # Synthetic rows have no history and the rows pointing at them were deleted just before,
    # so Django's collector (which loads every row to send signals) is not needed.
    return queryset._raw_delete(queryset.db)


def _check_reference_data():
    missing = [
        model._meta.verbose_name_plural
        for model in (Objective, LifecycleStage, Jurisdiction)
        if not model.objects.exists()
    ]
    if missing:
        raise SyntheticDataError(
            f"The reference data is missing ({', '.join(missing)}): run load_catalogue first."
        )
    if not Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY).exists():
        raise SyntheticDataError("The reference data has no country: run load_catalogue first.")


def _weighted(pairs: Sequence[tuple]) -> tuple[list, list[int]]:
    values = [pair[0] for pair in pairs]
    cumulative = list(itertools.accumulate(pair[1] for pair in pairs))
    return values, cumulative


def _batches(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class _Generator:
    def __init__(self, plan: Plan, seed: int, batch_size: int):
        self.plan = plan
        self.seed = seed
        self.batch_size = batch_size
        self.rng = random.Random(seed)
        self.report = SyntheticReport(seed=seed)
        self.review_states = _weighted(REVIEW_STATES)
        self.confidences = _weighted(CONFIDENCES)
        self.objective_relationships = _weighted(OBJECTIVE_RELATIONSHIPS)
        self.provision_relationships = _weighted(PROVISION_RELATIONSHIPS)
        self.deliverable_types = _weighted(DELIVERABLE_TYPES)
        self.published_stages = _weighted(PUBLISHED_STAGES)
        self.project_stages = _weighted([(code, weight) for code, weight, _ in PROJECT_STAGES])
        self.project_prefix = {code: prefix for code, _, prefix in PROJECT_STAGES}

    # -- helpers ---------------------------------------------------------------------------

    def pick(self, weighted: tuple[list, list[int]]):
        values, cumulative = weighted
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def create(self, model: type[models.Model], rows: Iterable[models.Model]) -> list:
        created = []
        for batch in _batches(rows, self.batch_size):
            created.extend(model.objects.bulk_create(batch, batch_size=self.batch_size))
        self.report.created[model._meta.verbose_name_plural] += len(created)
        return created

    def link_values(self) -> dict:
        return {
            "source": SOURCE,
            "locator": f"{SEED_LOCATOR}{self.seed}",
            "confidence": self.pick(self.confidences),
            "review_state": self.pick(self.review_states),
        }

    # -- the catalogue ---------------------------------------------------------------------

    def run(self) -> SyntheticReport:
        self.objectives = self.objective_weights()
        self.stages = list(LifecycleStage.objects.order_by("order").values_list("pk", flat=True))
        self.jurisdictions = self.jurisdiction_weights()
        self.committees = self.make_committees()
        self.instruments, self.provisions = self.make_instruments()
        self.bodies = self.make_bodies()
        published = self.make_standards()
        self.make_adoptions(published)
        return self.report

    def objective_weights(self) -> tuple[list, list[int]]:
        objectives = list(Objective.objects.order_by("code").values_list("code", "pk"))
        return _weighted([(pk, OBJECTIVE_WEIGHTS.get(code, 5)) for code, pk in objectives])

    def jurisdiction_weights(self) -> tuple[list, list[int]]:
        """Instruments' jurisdictions: global and blocs first, then countries Zipf-like."""
        rows = list(Jurisdiction.objects.order_by("code").values_list("code", "kind", "pk"))
        pairs = []
        for code, kind, pk in rows:
            if kind != Jurisdiction.Kind.COUNTRY:
                pairs.append((pk, BLOC_WEIGHTS.get(code, 2) * 100))
        countries = [pk for code, kind, pk in rows if kind == Jurisdiction.Kind.COUNTRY]
        self.rng.shuffle(countries)
        first = {code: rank for rank, code in enumerate(LEADING_COUNTRIES)}
        code_of = {pk: code for code, kind, pk in rows}
        countries.sort(key=lambda pk: first.get(code_of[pk], len(first)))
        self.countries = countries
        harmonic = sum(1 / rank for rank in range(1, len(countries) + 1))
        for rank, pk in enumerate(countries, start=1):
            pairs.append((pk, max(1, round(COUNTRY_SHARE * 100 / rank / harmonic))))
        self.jurisdiction_weight = dict(pairs)
        return _weighted(pairs)

    def make_committees(self) -> list[int]:
        committees = []
        for number in range(1, self.plan.committees + 1):
            code = f"{REFERENCE_PREFIX}TC {900 + number}"
            committees.append(
                Committee(
                    code=code,
                    slug=reference_slug(code),
                    title=f"Synthetic technical committee {number}",
                )
            )
        parents = self.create(Committee, committees)
        children = []
        for parent in parents:
            for number in range(1, self.rng.randint(2, 6) + 1):
                code = f"{parent.code}/SC {number}"
                children.append(
                    Committee(
                        code=code,
                        slug=reference_slug(code),
                        title=f"Synthetic subcommittee {number} of {parent.code}",
                        parent=parent,
                    )
                )
        children = self.create(Committee, children)
        sectors = list(Sector.objects.order_by("slug").values_list("pk", flat=True))
        if sectors:
            through = Sector.committees.through
            self.create(
                through,
                (
                    through(sector_id=self.rng.choice(sectors), committee_id=parent.pk)
                    for parent in parents
                    if self.rng.random() < 0.5
                ),
            )
        all_committees = [committee.pk for committee in [*parents, *children]]
        # A few committees publish most standards.
        weights = [max(1, 100 // rank) for rank in range(1, len(all_committees) + 1)]
        return _weighted(list(zip(all_committees, weights, strict=True)))

    def make_instruments(self) -> tuple[tuple[list, list[int]], dict[int, list[int]]]:
        kinds = _weighted([(kind, weight) for kind, weight, _ in INSTRUMENT_KINDS])
        binding = {kind: is_binding for kind, _, is_binding in INSTRUMENT_KINDS}
        instruments = []
        for number in range(1, self.plan.instruments + 1):
            kind = self.pick(kinds)
            year = self.rng.randint(2016, 2025)
            instruments.append(
                PolicyInstrument(
                    slug=f"{SLUG_PREFIX}instrument-{number:06d}",
                    name=f"Synthetic {kind.label.lower()} on artificial intelligence {number}",
                    short_name=f"SYN {kind.label} {number}",
                    issuing_body="Synthetic issuing body",
                    jurisdiction_id=self.pick(self.jurisdictions),
                    kind=kind,
                    binding=binding[kind],
                    adopted_on=datetime.date(year, self.rng.randint(1, 12), 1),
                    year=year,
                    standards_summary="Synthetic instrument that refers to standards.",
                    source=SOURCE,
                    confidence=Confidence.LOW,
                )
            )
        instruments = self.create(PolicyInstrument, instruments)
        provisions = []
        for instrument in instruments:
            count = min(30, int(self.rng.paretovariate(1.6) * 2.9))
            for order in range(1, count + 1):
                provisions.append(
                    Provision(
                        instrument_id=instrument.pk,
                        ref=f"Article {order}",
                        slug=f"article-{order}",
                        title=f"Synthetic provision {order} on {self.rng.choice(TOPICS).lower()}",
                        order=order,
                        source=SOURCE,
                        confidence=Confidence.LOW,
                    )
                )
        provisions = self.create(Provision, provisions)
        by_instrument: dict[int, list[int]] = {}
        for provision in provisions:
            by_instrument.setdefault(provision.instrument_id, []).append(provision.pk)
        # Instruments of global and bloc jurisdictions draw more links: their weight is the
        # jurisdiction's, times a heavy-tailed popularity of their own.
        pairs = [
            (
                instrument.pk,
                max(
                    1,
                    round(
                        self.jurisdiction_weight[instrument.jurisdiction_id] ** 0.5
                        * self.rng.paretovariate(1.2)
                    ),
                ),
            )
            for instrument in instruments
        ]
        return _weighted(pairs), by_instrument

    def make_bodies(self) -> tuple[list, list[int]]:
        codes = dict(Jurisdiction.objects.filter(pk__in=self.countries).values_list("pk", "code"))
        bodies = [
            StandardsBody(
                acronym=f"{BODY_PREFIX}{codes[pk]}",
                slug=f"{SLUG_PREFIX}{codes[pk].lower()}",
                name=f"Synthetic national standards body of {codes[pk]}",
                country_id=pk,
            )
            for pk in self.countries[: self.plan.bodies]
        ]
        bodies = self.create(StandardsBody, bodies)
        return _weighted([(body, max(1, 60 // rank)) for rank, body in enumerate(bodies, start=1)])

    # -- standards and their links ---------------------------------------------------------

    def documents(self) -> Iterator[list[dict]]:
        """Yield documents as lists of editions or parts (dicts), ``plan.standards`` in all."""
        remaining = self.plan.standards
        number = 100_000
        while remaining:
            number += 1
            roll = self.rng.random()
            if roll < 0.15 and remaining >= 2:
                parts = min(remaining, self.rng.randint(2, 6))
                yield self.series_parts(number, parts)
                remaining -= parts
            elif roll < 0.27 and remaining >= 2:
                yield self.editions(number)
                remaining -= 2
            else:
                yield [self.document(number)]
                remaining -= 1

    def document(self, number: int, *, part: str = "", year=None, stage=None) -> dict:
        deliverable = self.pick(self.deliverable_types)
        if stage is None:
            stage = (
                self.pick(self.project_stages)
                if self.rng.random() < 0.2
                else self.pick(self.published_stages)
            )
        published = stage >= "60"
        if published and year is None:
            year = self.rng.randint(1995, 2025)
        type_mark = "" if deliverable == DeliverableType.IS else f" {deliverable}"
        if not published:
            type_mark = f"{type_mark} {self.project_prefix[stage]}"
        number_part = f"{number}-{part}" if part else str(number)
        reference = f"{REFERENCE_PREFIX}IEC{type_mark} {number_part}"
        if published:
            reference = f"{reference}:{year}"
        topic = self.rng.choice(TOPICS)
        title = f"Information technology — Artificial intelligence — {topic}"
        if part:
            title = f"{title} — Part {part}: {self.rng.choice(TOPICS)}"
        summary = (
            f"{self.rng.choice(VERBS)} {topic.lower()} for {self.rng.choice(AUDIENCES)}. "
            f"Synthetic record {number_part}."
        )
        return {
            "reference": reference,
            "aliases": f"{REFERENCE_PREFIX}IEC {number_part}"
            if published and self.rng.random() < 0.1
            else "",
            "number": str(number),
            "part": part,
            "year": year if published else None,
            "deliverable_type": deliverable,
            "title": title,
            "summary": summary,
            "stage_code": stage,
            "publication_date": datetime.date(year, self.rng.randint(1, 12), 1)
            if published
            else None,
        }

    def series_parts(self, number: int, parts: int) -> list[dict]:
        return [self.document(number, part=str(part)) for part in range(1, parts + 1)]

    def editions(self, number: int) -> list[dict]:
        old_year = self.rng.randint(1995, 2018)
        old = self.document(number, year=old_year, stage=self.rng.choice(["95.99", "90.92"]))
        new = self.document(number, year=self.rng.randint(old_year + 1, 2025), stage="60.60")
        old["edition"], new["edition"] = 1, 2
        new["replaces"] = old["reference"]
        return [old, new]

    def make_standards(self) -> list[tuple[int, str]]:
        """Write standards chunk by chunk with their links; return the published ones."""
        published: list[tuple[int, str]] = []
        written: list[int] = []
        for chunk in _batches(self.documents(), max(1, CHUNK // 3)):
            series = []
            for parts in chunk:
                if parts[0]["part"]:
                    code = f"{REFERENCE_PREFIX}IEC {parts[0]['number']}"
                    series.append(
                        Series(
                            code=code,
                            slug=reference_slug(code),
                            title=f"Synthetic series {parts[0]['number']}",
                        )
                    )
            series_ids = {row.code: row.pk for row in self.create(Series, series)}
            rows = []
            for parts in chunk:
                committee = self.pick(self.committees)
                for fields in parts:
                    replaces = fields.pop("replaces", None)
                    edition = fields.pop("edition", 1)
                    rows.append(
                        (
                            Standard(
                                slug=reference_slug(fields["reference"]),
                                sort_key=reference_sort_key(fields["reference"]),
                                committee_id=committee,
                                series_id=series_ids.get(
                                    f"{REFERENCE_PREFIX}IEC {fields['number']}"
                                )
                                if fields["part"]
                                else None,
                                edition=edition if fields["year"] else None,
                                review_state=ReviewState.PROPOSED
                                if self.rng.random() < 0.02
                                else ReviewState.APPROVED,
                                source=SOURCE,
                                confidence=Confidence.LOW,
                                **fields,
                            ),
                            replaces,
                        )
                    )
            standards = self.create(Standard, (standard for standard, _ in rows))
            ids = {standard.reference: standard.pk for standard in standards}
            relations = [
                StandardRelation(
                    from_standard_id=standard.pk,
                    to_standard_id=ids[replaces],
                    kind=StandardRelation.Kind.REPLACES,
                    source=SOURCE,
                )
                for (standard, replaces) in rows
                if replaces
            ]
            for standard in standards:
                if written and self.rng.random() < 0.05:
                    relations.append(
                        StandardRelation(
                            from_standard_id=standard.pk,
                            to_standard_id=self.rng.choice(written),
                            kind=StandardRelation.Kind.NORMATIVELY_REFERENCES,
                            source=SOURCE,
                        )
                    )
            self.create(StandardRelation, relations)
            self.make_links(standards)
            written.extend(standard.pk for standard in standards)
            published.extend(
                (standard.pk, standard.reference)
                for standard in standards
                if standard.stage_code >= "60" and standard.stage_code != "95.99"
            )
        return published

    def make_links(self, standards: list[Standard]):
        objective_links, lifecycle_links, provision_links = [], [], []
        for standard in standards:
            objective_links.extend(self.objective_links(standard.pk))
            lifecycle_links.extend(self.lifecycle_links(standard.pk))
            provision_links.extend(self.provision_links(standard.pk))
        self.create(StandardObjectiveLink, objective_links)
        self.create(StandardLifecycleLink, lifecycle_links)
        self.create(StandardProvisionLink, provision_links)

    def objective_links(self, standard: int) -> list[StandardObjectiveLink]:
        count = self.rng.choices([0, 1, 2, 3, 4], weights=[5, 24, 33, 24, 14])[0]
        seen = set()
        for _ in range(count):
            seen.add((self.pick(self.objectives), self.pick(self.objective_relationships)))
        return [
            StandardObjectiveLink(
                standard_id=standard,
                objective_id=objective,
                relationship=relationship,
                **self.link_values(),
            )
            for objective, relationship in sorted(seen)
        ]

    def lifecycle_links(self, standard: int) -> list[StandardLifecycleLink]:
        stages = self.stages
        if self.rng.random() < 0.22:
            chosen = stages  # management-system and foundational standards span the cycle
        else:
            start = self.rng.randrange(len(stages))
            chosen = stages[start : start + self.rng.randint(1, 4)]
        return [
            StandardLifecycleLink(standard_id=standard, stage_id=stage, **self.link_values())
            for stage in chosen
        ]

    def provision_links(self, standard: int) -> list[StandardProvisionLink]:
        count = min(20, int(self.rng.paretovariate(2.0) * 3.8))
        seen = set()
        for _ in range(count):
            instrument = self.pick(self.instruments)
            provisions = self.provisions.get(instrument)
            provision = (
                self.rng.choice(provisions) if provisions and self.rng.random() < 0.8 else None
            )
            seen.add((instrument, provision or 0, self.pick(self.provision_relationships)))
        return [
            StandardProvisionLink(
                standard_id=standard,
                instrument_id=instrument,
                provision_id=provision or None,
                relationship=relationship,
                **self.link_values(),
            )
            for instrument, provision, relationship in sorted(seen)
        ]

    def make_adoptions(self, published: list[tuple[int, str]]):
        if not published:
            return
        seen = set()
        adoptions = []
        degrees = _weighted([("IDT", 70), ("MOD", 20), ("NEQ", 10)])
        attempts = 0
        while len(adoptions) < self.plan.adoptions and attempts < self.plan.adoptions * 5:
            attempts += 1
            standard, reference = self.rng.choice(published)
            body = self.pick(self.bodies)
            if (body.pk, standard) in seen:
                continue
            seen.add((body.pk, standard))
            year = self.rng.randint(2000, 2025)
            adoptions.append(
                NationalAdoption(
                    standard_id=standard,
                    body_id=body.pk,
                    designation=f"{body.acronym} {reference.removeprefix(REFERENCE_PREFIX)}",
                    degree=self.pick(degrees),
                    adopted_on=datetime.date(year, self.rng.randint(1, 12), 1),
                    status=NationalAdoption.AdoptionStatus.WITHDRAWN
                    if self.rng.random() < 0.08
                    else NationalAdoption.AdoptionStatus.CURRENT,
                    source=SOURCE,
                    confidence=Confidence.LOW,
                )
            )
        self.create(NationalAdoption, adoptions)
