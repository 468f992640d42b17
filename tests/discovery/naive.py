"""A deliberately naive second implementation of the standards filter, for checking the real one.

It reads the curated rows as plain values, one table at a time (no joins, no ``public()``, no
``Applicability``, nothing from ``discovery``), and answers every question by walking Python
sets, straight from DESIGN.md ("Semantics that users will rely on", "Applies in", "Harmonized
stage codes"):

- a standard is listed when it is approved; a link counts when it is approved and so is
  everything it joins (the standard; for a provision link the instrument, and the provision
  if it names one);
- ``objective``, ``lifecycle_stage`` and ``instrument`` follow those links; values of one
  parameter are OR-ed, parameters AND-ed;
- a standard applies in J when a public link ties it to an instrument of J, of a bloc J is a
  member of, or of ``INT``; or when a body of J, or a regional body whose country is a bloc J
  is a member of, adopted it (IDT or MOD, current). ``jurisdiction_scope=exact`` keeps J's own;
- ``committee`` includes subcommittees and their working groups (two levels down), ``sector``
  the committees of the sector and their subcommittees;
- ``status`` is the bucket of the stage code, or the status a source states when there is no
  code.

Slow by design (it is the "before" the precomputed table must equal); fine at a few thousand
standards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from catalogue.models import (
    Committee,
    NationalAdoption,
    Sector,
    Standard,
    StandardsBody,
)
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
from policies.models import BlocMembership, Jurisdiction, Objective, PolicyInstrument, Provision

APPROVED = "approved"
GLOBAL = "INT"
ADOPTING = {"IDT", "MOD"}
CURRENT = "current"
EXACT = "exact"

# DESIGN.md, "Harmonized stage codes" and "Status": the bucket of each stage and sub-stage.
DEVELOPMENT_STAGES = {"00", "10", "20", "30", "40", "50"}
REVIEW_BUCKETS = {
    "90.92": "to_be_revised",
    "90.93": "confirmed",
    "95.92": "confirmed",  # decision not to withdraw: the standard stands, confirmed
    "95.99": "withdrawn",
}


def naive_status(stage_code: str, stated_status: str) -> str:
    if not stage_code:
        return stated_status or "unknown"
    stage, substage = stage_code.split(".")
    if substage == "98":
        return "abandoned"
    if stage in DEVELOPMENT_STAGES:
        return "in_development"
    if stage == "60":
        return "published"
    return REVIEW_BUCKETS.get(stage_code, "under_review")


class NaiveCatalogue:
    """Every table read once; every answer a set of standard ids."""

    def __init__(self):
        self.standards = {
            pk: {
                "public": state == APPROVED,
                "status": naive_status(code, stated),
                "type": kind,
                "committee": committee,
            }
            for pk, state, code, stated, kind, committee in Standard.objects.values_list(
                "pk", "review_state", "stage_code", "stated_status", "deliverable_type", "committee"
            )
        }
        self.public = {pk for pk, row in self.standards.items() if row["public"]}
        self.codes = dict(Jurisdiction.objects.values_list("pk", "code"))
        self.jurisdiction_ids = {code: pk for pk, code in self.codes.items()}
        self.blocs = defaultdict(set)
        for member, bloc in BlocMembership.objects.values_list("member", "bloc"):
            self.blocs[member].add(bloc)

        self.by_objective = self._links(StandardObjectiveLink, "objective__code")
        self.by_stage = self._links(StandardLifecycleLink, "stage__slug")
        objective_codes = set(Objective.objects.values_list("code", flat=True))
        assert set(self.by_objective) <= objective_codes

        instruments = {
            pk: (slug, state == APPROVED, jurisdiction)
            for pk, slug, state, jurisdiction in PolicyInstrument.objects.values_list(
                "pk", "slug", "review_state", "jurisdiction"
            )
        }
        self.public_instruments = {slug for slug, public, _where in instruments.values() if public}
        provisions = dict(Provision.objects.values_list("pk", "review_state"))
        self.by_instrument = defaultdict(set)
        self.linked_in = defaultdict(set)  # jurisdiction id → standards with a public link there
        for standard, state, instrument, provision in StandardProvisionLink.objects.values_list(
            "standard", "review_state", "instrument", "provision"
        ):
            slug, instrument_public, where = instruments[instrument]
            if (
                state == APPROVED
                and standard in self.public
                and instrument_public
                and (provision is None or provisions[provision] == APPROVED)
            ):
                self.by_instrument[slug].add(standard)
                self.linked_in[where].add(standard)

        countries = dict(StandardsBody.objects.values_list("pk", "country"))
        self.adopted_in = defaultdict(set)  # jurisdiction id → standards its bodies adopted
        for standard, body, degree, status in NationalAdoption.objects.values_list(
            "standard", "body", "degree", "status"
        ):
            if degree in ADOPTING and status == CURRENT and standard in self.public:
                self.adopted_in[countries[body]].add(standard)

        parents = dict(Committee.objects.values_list("pk", "parent"))
        slugs = dict(Committee.objects.values_list("pk", "slug"))
        self.by_committee = defaultdict(set)
        self.committees_of_sector = defaultdict(set)
        for sector, committee in Sector.committees.through.objects.values_list(
            "sector__slug", "committee"
        ):
            self.committees_of_sector[sector].add(committee)
        self.sector_slugs = set(Sector.objects.values_list("slug", flat=True))
        self.committee_slugs = set(slugs.values())
        for pk in self.public:
            committee, depth = self.standards[pk]["committee"], 0
            while committee is not None and depth < 3:
                self.by_committee[slugs[committee]].add(pk)
                committee, depth = parents[committee], depth + 1
        self.by_sector = defaultdict(set)
        for sector, committees in self.committees_of_sector.items():
            for pk in self.public:
                committee = self.standards[pk]["committee"]
                if committee is not None and (
                    committee in committees or parents[committee] in committees
                ):
                    self.by_sector[sector].add(pk)

    def _links(self, model, target: str) -> dict[str, set[int]]:
        grouped = defaultdict(set)
        for standard, state, key in model.objects.values_list("standard", "review_state", target):
            if state == APPROVED and standard in self.public:
                grouped[key].add(standard)
        return grouped

    # The answers.
    def applies_in(self, code: str, scope: str = "") -> set[int]:
        """Standards that apply in the jurisdiction ``code`` (DESIGN.md, "Applies in")."""
        where = self.jurisdiction_ids[code]
        own = self.linked_in[where] | self.adopted_in[where]
        if scope == EXACT:
            return set(own)
        inherited = set(own)
        for bloc in self.blocs[where]:
            # Instruments of the bloc, and adoptions by a regional body of the bloc (CEN).
            inherited |= self.linked_in[bloc] | self.adopted_in[bloc]
        if GLOBAL in self.jurisdiction_ids:
            inherited |= self.linked_in[self.jurisdiction_ids[GLOBAL]]
        return inherited

    def matching(self, name: str, values: Iterable[str], scope: str = "") -> set[int]:
        """The public standards one filter keeps (its values OR-ed)."""
        values = list(values)
        kept: set[int] = set()
        for value in values:
            if name == "objective":
                kept |= self.by_objective.get(value, set())
            elif name == "lifecycle_stage":
                kept |= self.by_stage.get(value, set())
            elif name == "instrument":
                kept |= self.by_instrument.get(value, set())
            elif name == "jurisdiction":
                kept |= self.applies_in(value, scope)
            elif name == "committee":
                kept |= self.by_committee.get(value, set())
            elif name == "sector":
                kept |= self.by_sector.get(value, set())
            elif name == "status":
                kept |= {pk for pk in self.public if self.standards[pk]["status"] == value}
            elif name == "deliverable_type":
                kept |= {pk for pk in self.public if self.standards[pk]["type"] == value}
            else:
                raise ValueError(f"The naive filter does not know {name!r}.")
        return kept

    def listed(self, params: dict[str, list[str]], *, without: str = "") -> set[int]:
        """The public standards every filter of ``params`` keeps (all but ``without``)."""
        scope = (params.get("jurisdiction_scope") or [""])[0]
        kept = set(self.public)
        for name, values in params.items():
            if name in {"jurisdiction_scope", without} or not values:
                continue
            kept &= self.matching(name, values, scope)
        return kept

    def facet_counts(self, params: dict[str, list[str]], name: str, values: Iterable[str]):
        """Disjunctive counts: what every other filter keeps and each value alone would keep."""
        scope = (params.get("jurisdiction_scope") or [""])[0]
        base = self.listed(params, without=name)
        return {value: len(base & self.matching(name, [value], scope)) for value in values}
