"""Load the reference catalogue (``fixtures/*.yaml``) into the database.

The files use natural keys (references, codes, slugs) so that people can read and review
them. Loading is idempotent and never silently overwrites a curator's work: a row that
exists is left as it is and its differences from the reference data are reported, unless
``update=True`` asks for the reference values to win.
"""

from __future__ import annotations

import dataclasses
import datetime
import gettext
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction
from modeltranslation.translator import NotRegistered, translator

from catalogue.models import (
    Committee,
    LifecycleStage,
    NationalAdoption,
    Sector,
    Series,
    Standard,
    StandardRelation,
    StandardsBody,
)
from core.text import reference_slug
from mappings.models import (
    ReviewState,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from policies.models import (
    BlocMembership,
    Institution,
    InstrumentRelation,
    Jurisdiction,
    Objective,
    PolicyInstrument,
    Provision,
    Source,
)

DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "fixtures"
# The reference data is loaded as a system operation: history records no user, this reason.
SYSTEM_REASON = "Reference catalogue (load_catalogue, system operation)"
LIFECYCLE_SOURCE = "AI standards catalogue editors (judgement)"
FILES = [
    "sources.yaml",
    "lifecycle_stages.yaml",
    "objectives.yaml",
    "jurisdictions.yaml",
    "committees.yaml",
    "sectors.yaml",
    "standards_bodies.yaml",
    "series.yaml",
    "standards.yaml",
    "relations.yaml",
    "instruments.yaml",
    "institutions.yaml",
    "adoptions.yaml",
    "instrument_relations.yaml",
    "mappings.yaml",
    "translations_ja.yaml",
]
# Japanese texts (translations_ja.yaml): section, model, key in the file and on the model, and
# the translated fields with the prefix of their source and confidence keys in the file.
JAPANESE_SECTIONS = [
    ("objectives", Objective, "code", {"title": "", "summary": "summary_"}),
    ("lifecycle_stages", LifecycleStage, "slug", {"name": ""}),
    ("sectors", Sector, "slug", {"name": ""}),
    ("committees", Committee, "code", {"title": ""}),
    ("series", Series, "code", {"title": ""}),
    ("standards_bodies", StandardsBody, "acronym", {"name": ""}),
    ("institutions", Institution, "slug", {"name": ""}),
    ("blocs", Jurisdiction, "code", {"name": ""}),
    ("global", Jurisdiction, "code", {"name": ""}),
    ("standards", Standard, "reference", {"title": ""}),
    ("instruments", PolicyInstrument, "slug", {"name": "", "short_name": "short_name_"}),
]
# Country names in Japanese: the iso-codes project's translation of ISO 3166-1, as pycountry
# ships it (a community translation, reviewed by the project: medium).
COUNTRY_NAMES_SOURCE = (
    f"iso-codes, ISO 3166-1 names in Japanese (pycountry {pycountry.__version__})"
)
COUNTRY_NAMES_CONFIDENCE = "medium"


class ReferenceDataError(Exception):
    """A reference data file is malformed; the message names the file and the entry."""


@dataclasses.dataclass
class LoadReport:
    created: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    unchanged: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    differences: list[str] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ]


class _Loader:
    def __init__(self, directory: Path, *, update: bool):
        self.directory = directory
        self.update = update
        self.report = LoadReport()
        self.where = ""

    # -- reading -------------------------------------------------------------------------

    def read(self, name: str) -> Any:
        path = self.directory / name
        if not path.exists():
            return None
        try:
            with path.open(encoding="utf-8") as handle:
                return yaml.safe_load(handle)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise ReferenceDataError(f"{name}: not valid YAML: {error}") from error

    def entries(self, name: str, data: Any = None):
        """Yield each entry of a list file, keeping ``self.where`` on the entry for errors."""
        data = self.read(name) if data is None else data
        if data is None:
            return
        if not isinstance(data, list):
            raise ReferenceDataError(f"{name}: expected a list of entries")
        for index, entry in enumerate(data, start=1):
            self.where = f"{name} entry {index}"
            if not isinstance(entry, dict):
                self.fail("expected a mapping")
            yield entry

    def fail(self, message: str):
        raise ReferenceDataError(f"{self.where}: {message}")

    def required(self, entry: dict, key: str) -> Any:
        value = entry.get(key)
        if value in (None, ""):
            self.fail(f"'{key}' is required")
        return value

    def get(self, model: type[models.Model], **lookup):
        try:
            return model.objects.get(**lookup)
        except model.DoesNotExist:
            described = ", ".join(f"{key}={value!r}" for key, value in lookup.items())
            self.fail(f"no {model._meta.verbose_name} with {described}")

    # -- writing -------------------------------------------------------------------------

    def upsert(self, model: type[models.Model], lookup: dict, values: dict):
        label = model._meta.verbose_name_plural
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            self.validate(instance)
            instance._change_reason = SYSTEM_REASON
            instance.save()
            self.report.created[label] += 1
            return instance
        changed = [
            field
            for field, value in values.items()
            if _comparable(getattr(instance, field)) != _comparable(value)
        ]
        if not changed:
            self.report.unchanged[label] += 1
            return instance
        if not self.update:
            self.report.unchanged[label] += 1
            self.report.differences.append(
                f"{model._meta.verbose_name} {instance}: {', '.join(changed)} differ from the "
                "reference data (kept; run with --update to overwrite)"
            )
            return instance
        for field in changed:
            setattr(instance, field, values[field])
        self.validate(instance)
        instance._change_reason = SYSTEM_REASON
        update_fields = [
            name for field in changed for name in _columns(model, model._meta.get_field(field))
        ]
        if any(field.name == "updated_at" for field in model._meta.fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
        self.report.updated[label] += 1
        return instance

    def validate(self, instance: models.Model):
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            messages = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in error.message_dict.items()
            )
            self.fail(messages)

    def set_members(self, manager, wanted: list, label: str):
        current = set(manager.all())
        missing = [item for item in wanted if item not in current]
        if missing:
            manager.add(*missing)
            self.report.created[label] += len(missing)

    # -- files ---------------------------------------------------------------------------

    def cited(self, entry: dict, prefix: str = "") -> dict:
        """The readable source (by address, from ``sources.yaml``) and the staff-only notes."""
        url = entry.get(f"{prefix}source_ref")
        return {
            "source_ref": self.get(Source, url=url) if url else None,
            "staff_notes": entry.get(f"{prefix}staff_notes") or "",
        }

    def load(self) -> LoadReport:
        self.load_sources()
        self.load_lifecycle_stages()
        self.load_objectives()
        self.load_jurisdictions()
        self.load_committees()
        self.load_sectors()
        self.load_standards_bodies()
        self.load_series()
        self.load_standards()
        self.load_relations()
        self.load_instruments()
        self.load_institutions()
        self.load_adoptions()
        self.load_instrument_relations()
        self.load_mappings()
        self.load_japanese()
        return self.report

    def load_sources(self):
        for entry in self.entries("sources.yaml"):
            self.upsert(
                Source,
                {"url": self.required(entry, "url")},
                {
                    "publisher": self.required(entry, "publisher"),
                    "title": self.required(entry, "title"),
                    "date": str(entry.get("date") or ""),
                },
            )

    def load_lifecycle_stages(self):
        for entry in self.entries("lifecycle_stages.yaml"):
            self.upsert(
                LifecycleStage,
                {"slug": self.required(entry, "slug")},
                {
                    "name": self.required(entry, "name"),
                    "order": self.required(entry, "order"),
                    "description": entry.get("description") or "",
                },
            )

    def load_objectives(self):
        for entry in self.entries("objectives.yaml"):
            self.upsert(
                Objective,
                {"code": str(self.required(entry, "code"))},
                {"title": self.required(entry, "title"), "summary": entry.get("summary") or ""},
            )

    def load_jurisdictions(self):
        entries = self.read("jurisdictions.yaml") or []
        for entry in self.entries("jurisdictions.yaml", entries):
            self.upsert(
                Jurisdiction,
                {"code": self.required(entry, "code")},
                {"name": self.required(entry, "name"), "kind": self.required(entry, "kind")},
            )
        for entry in self.entries("jurisdictions.yaml", entries):
            members = entry.get("members") or []
            if not members:
                continue
            bloc = Jurisdiction.objects.get(code=entry["code"])
            for code in members:
                self.upsert(
                    BlocMembership,
                    {"bloc": bloc, "member": self.get(Jurisdiction, code=code)},
                    {
                        "source": entry.get("membership_source") or "",
                        "confidence": entry.get("membership_confidence") or "medium",
                    },
                )

    def load_committees(self):
        for entry in self.entries("committees.yaml"):
            parent = entry.get("parent")
            code = self.required(entry, "code")
            self.upsert(
                Committee,
                {"code": code},
                {
                    "slug": entry.get("slug") or reference_slug(code),
                    "title": self.required(entry, "title"),
                    "parent": self.get(Committee, code=parent) if parent else None,
                    "url": entry.get("url") or "",
                },
            )

    def load_sectors(self):
        for entry in self.entries("sectors.yaml"):
            sector = self.upsert(
                Sector,
                {"slug": self.required(entry, "slug")},
                {
                    "name": self.required(entry, "name"),
                    "description": entry.get("description") or "",
                },
            )
            committees = [self.get(Committee, code=code) for code in entry.get("committees") or []]
            self.set_members(sector.committees, committees, "sector committees")

    def load_standards_bodies(self):
        for entry in self.entries("standards_bodies.yaml"):
            acronym = self.required(entry, "acronym")
            self.upsert(
                StandardsBody,
                {"acronym": acronym},
                {
                    "slug": entry.get("slug") or reference_slug(acronym),
                    "name": self.required(entry, "name"),
                    "country": self.get(Jurisdiction, code=self.required(entry, "country")),
                    "url": entry.get("url") or "",
                },
            )

    def load_series(self):
        for entry in self.entries("series.yaml"):
            code = self.required(entry, "code")
            committee = entry.get("committee")
            self.upsert(
                Series,
                {"code": code},
                {
                    "slug": entry.get("slug") or reference_slug(code),
                    "title": self.required(entry, "title"),
                    "summary": entry.get("summary") or "",
                    "committee": self.get(Committee, code=committee) if committee else None,
                },
            )

    def load_standards(self):
        stages = list(LifecycleStage.objects.order_by("order"))
        by_slug = {stage.slug: stage for stage in stages}
        for entry in self.entries("standards.yaml"):
            reference = self.required(entry, "reference")
            committee = entry.get("committee")
            series = entry.get("series")
            standard = self.upsert(
                Standard,
                {"reference": reference},
                {
                    "slug": entry.get("slug") or reference_slug(reference),
                    "aliases": "\n".join(entry.get("aliases") or []),
                    "number": str(self.required(entry, "number")),
                    "part": str(entry.get("part") or ""),
                    "year": entry.get("year"),
                    "deliverable_type": self.required(entry, "deliverable_type"),
                    "title": self.required(entry, "title"),
                    "summary": entry.get("summary") or "",
                    "committee": self.get(Committee, code=committee) if committee else None,
                    "series": self.get(Series, code=series) if series else None,
                    "stage_code": str(entry.get("stage_code") or ""),
                    "stated_status": entry.get("stated_status") or "",
                    "stage_date": entry.get("stage_date"),
                    "ai_act_status": entry.get("ai_act_status") or "",
                    "oj_cited_on": entry.get("oj_cited_on"),
                    "edition": entry.get("edition"),
                    "publication_date": entry.get("publication_date"),
                    "iso_id": entry.get("iso_id"),
                    "url": entry.get("url") or "",
                    "in_brief": bool(entry.get("in_brief")),
                    "source": entry.get("source") or "",
                    "confidence": entry.get("confidence") or "medium",
                    "notes": entry.get("notes") or "",
                    **self.cited(entry),
                },
            )
            lifecycle = entry.get("lifecycle") or {}
            slugs = lifecycle.get("stages") or []
            if slugs == ["all"]:
                slugs = [stage.slug for stage in stages]
            for slug in slugs:
                if slug not in by_slug:
                    self.fail(f"unknown life-cycle stage {slug!r}; allowed: {', '.join(by_slug)}")
                self.upsert(
                    StandardLifecycleLink,
                    {
                        "standard": standard,
                        "stage": by_slug[slug],
                        "relationship": StandardLifecycleLink.Relationship.APPLIES_TO,
                    },
                    {
                        "source": lifecycle.get("source") or LIFECYCLE_SOURCE,
                        "confidence": lifecycle.get("confidence") or "medium",
                        "rationale": lifecycle.get("rationale") or "",
                        "review_state": ReviewState.APPROVED,
                    },
                )

    def load_relations(self):
        for entry in self.entries("relations.yaml"):
            self.upsert(
                StandardRelation,
                {
                    "from_standard": self.get(Standard, reference=self.required(entry, "from")),
                    "to_standard": self.get(Standard, reference=self.required(entry, "to")),
                    "kind": self.required(entry, "kind"),
                },
                {
                    "degree": entry.get("degree") or "",
                    "source": entry.get("source") or "",
                    "confidence": entry.get("confidence") or "medium",
                    "notes": entry.get("notes") or "",
                    **self.cited(entry),
                },
            )

    def load_instruments(self):
        for entry in self.entries("instruments.yaml"):
            instrument = self.upsert(
                PolicyInstrument,
                {"slug": self.required(entry, "slug")},
                {
                    "name": self.required(entry, "name"),
                    "short_name": entry.get("short_name") or "",
                    "issuing_body": entry.get("issuing_body") or "",
                    "jurisdiction": self.get(
                        Jurisdiction, code=self.required(entry, "jurisdiction")
                    ),
                    "kind": self.required(entry, "kind"),
                    "binding": entry.get("binding"),
                    "adopted_on": entry.get("adopted_on"),
                    "year": entry.get("year"),
                    "url": entry.get("url") or "",
                    "brief_section": str(entry.get("brief_section") or ""),
                    "standards_summary": entry.get("standards_summary") or "",
                    "source": entry.get("source") or "",
                    "confidence": entry.get("confidence") or "medium",
                    "notes": entry.get("notes") or "",
                    **self.cited(entry),
                },
            )
            provisions = self.entries(f"{self.where} provisions", entry.get("provisions") or [])
            for order, provision in enumerate(provisions, start=1):
                ref = str(self.required(provision, "ref"))
                self.upsert(
                    Provision,
                    {"instrument": instrument, "ref": ref},
                    {
                        "slug": provision.get("slug") or reference_slug(ref),
                        "title": provision.get("title") or "",
                        "summary": provision.get("summary") or "",
                        "order": order,
                        "source": provision.get("source") or "",
                        "confidence": provision.get("confidence") or "medium",
                        "notes": provision.get("notes") or "",
                        **self.cited(provision),
                    },
                )

    def load_institutions(self):
        for entry in self.entries("institutions.yaml"):
            self.upsert(
                Institution,
                {"slug": self.required(entry, "slug")},
                {
                    "name": self.required(entry, "name"),
                    "short_name": entry.get("short_name") or "",
                    "jurisdiction": self.get(
                        Jurisdiction, code=self.required(entry, "jurisdiction")
                    ),
                    "description": entry.get("description") or "",
                    "url": entry.get("url") or "",
                    "source": entry.get("source") or "",
                    "confidence": entry.get("confidence") or "medium",
                    "notes": entry.get("notes") or "",
                },
            )

    def load_adoptions(self):
        for entry in self.entries("adoptions.yaml"):
            self.upsert(
                NationalAdoption,
                {
                    "body": self.get(StandardsBody, acronym=self.required(entry, "body")),
                    "designation": self.required(entry, "designation"),
                },
                {
                    "standard": self.get(Standard, reference=self.required(entry, "standard")),
                    "degree": entry.get("degree") or "",
                    "degree_confidence": entry.get("degree_confidence") or "",
                    "adopted_on": entry.get("adopted_on"),
                    "status": entry.get("status") or "current",
                    "source": entry.get("source") or "",
                    "confidence": entry.get("confidence") or "medium",
                    "notes": entry.get("notes") or "",
                    **self.cited(entry),
                },
            )

    def load_instrument_relations(self):
        for entry in self.entries("instrument_relations.yaml"):
            source = self.get(PolicyInstrument, slug=self.required(entry, "from"))
            target = self.get(PolicyInstrument, slug=self.required(entry, "to"))
            from_ref, to_ref = entry.get("from_provision"), entry.get("to_provision")
            self.upsert(
                InstrumentRelation,
                {
                    "from_instrument": source,
                    "from_provision": self.get(Provision, instrument=source, ref=str(from_ref))
                    if from_ref
                    else None,
                    "kind": self.required(entry, "kind"),
                    "to_instrument": target,
                    "to_provision": self.get(Provision, instrument=target, ref=str(to_ref))
                    if to_ref
                    else None,
                },
                {
                    "source": self.required(entry, "source"),
                    "confidence": entry.get("confidence") or "medium",
                    "notes": entry.get("notes") or "",
                    **self.cited(entry),
                },
            )

    def load_mappings(self):
        data = self.read("mappings.yaml") or {}
        if not isinstance(data, dict):
            raise ReferenceDataError("mappings.yaml: expected objective_links and provision_links")
        for entry in self.entries(
            "mappings.yaml objective_links", data.get("objective_links") or []
        ):
            self.upsert(
                StandardObjectiveLink,
                {
                    "standard": self.get(Standard, reference=self.required(entry, "standard")),
                    "objective": self.get(Objective, code=str(self.required(entry, "objective"))),
                    "relationship": entry.get("relationship") or "supports",
                },
                self.link_values(entry),
            )
        for entry in self.entries(
            "mappings.yaml provision_links", data.get("provision_links") or []
        ):
            instrument = self.get(PolicyInstrument, slug=self.required(entry, "instrument"))
            ref = entry.get("provision")
            provision = self.get(Provision, instrument=instrument, ref=str(ref)) if ref else None
            self.upsert(
                StandardProvisionLink,
                {
                    "standard": self.get(Standard, reference=self.required(entry, "standard")),
                    "instrument": instrument,
                    "provision": provision,
                    "relationship": self.required(entry, "relationship"),
                },
                self.link_values(entry),
            )

    def load_japanese(self):
        """Japanese names and titles, each with its source and confidence: the file's, and
        the country names of iso-codes for the countries the catalogue holds.

        A Japanese text nobody has written yet is filled in; one that differs from the
        reference data is kept and listed, as with every other field (``--update`` wins).
        """
        data = self.read("translations_ja.yaml")
        if data is not None:
            if not isinstance(data, dict):
                raise ReferenceDataError("translations_ja.yaml: expected a mapping of sections")
            for section, model, key, fields in JAPANESE_SECTIONS:
                for entry in self.entries("translations_ja.yaml", data.get(section) or []):
                    self.where = f"translations_ja.yaml, {section}, {entry.get(key)}"
                    values = {}
                    for field, prefix in fields.items():
                        if entry.get(f"{field}_ja"):
                            values[f"{field}_ja"] = entry[f"{field}_ja"]
                            values[f"{field}_ja_source"] = self.required(entry, f"{prefix}source")
                            values[f"{field}_ja_confidence"] = self.required(
                                entry, f"{prefix}confidence"
                            )
                    lookup = {key: str(self.required(entry, key))}
                    self.translate(self.get(model, **lookup), values)
        japanese = _country_names_ja()
        for country in Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY).order_by("code"):
            name = japanese.get(country.code)
            if name:
                self.where = f"iso-codes, {country.code}"
                self.translate(
                    country,
                    {
                        "name_ja": name,
                        "name_ja_source": COUNTRY_NAMES_SOURCE,
                        "name_ja_confidence": COUNTRY_NAMES_CONFIDENCE,
                    },
                )

    def translate(self, instance: models.Model, values: dict):
        """Set the Japanese ``values`` of ``instance`` where it has no Japanese text yet; where
        it has one that differs, keep it and list it (or overwrite it with ``update``)."""
        label = f"{instance._meta.verbose_name_plural} (Japanese)"
        wanted, differing = [], []
        for text in [field for field in values if field.endswith("_ja")]:
            group = [text, f"{text}_source", f"{text}_confidence"]
            if not getattr(instance, text):
                wanted += group
            else:
                differing += [f for f in group if getattr(instance, f) != values[f]]
        if differing and self.update:
            wanted += differing
        elif differing:
            self.report.differences.append(
                f"{instance._meta.verbose_name} {instance}: {', '.join(differing)} differ from "
                "the reference data (kept; run with --update to overwrite)"
            )
        if not wanted:
            self.report.unchanged[label] += 1
            return
        for field in wanted:
            setattr(instance, field, values[field])
        self.validate(instance)
        instance._change_reason = SYSTEM_REASON
        if any(field.name == "updated_at" for field in instance._meta.fields):
            wanted.append("updated_at")
        instance.save(update_fields=wanted)
        if differing:
            self.report.updated[label] += 1
        else:
            self.report.created[label] += 1

    def link_values(self, entry: dict) -> dict:
        return {
            "source": self.required(entry, "source"),
            "locator": entry.get("locator") or "",
            "confidence": entry.get("confidence") or "medium",
            "rationale": entry.get("rationale") or "",
            "review_state": ReviewState.APPROVED,
            **self.cited(entry),
        }


def _columns(model: type[models.Model], field: models.Field) -> list[str]:
    """The columns a change to ``field`` writes: a field with a Japanese text also writes its
    English and Japanese columns (modeltranslation keeps them beside the original)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return [field.attname]
    if field.name not in options.fields:
        return [field.attname]
    return [field.attname, *(translated.attname for translated in options.fields[field.name])]


def _country_names_ja() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → the Japanese name iso-codes gives, of the common name where
    one exists (as the English names are: 韓国, not 大韓民国 (韓国)); only translated ones."""
    catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    names = {}
    for country in pycountry.countries:
        for english in (getattr(country, "common_name", None), country.name):
            if english and catalog.gettext(english) != english:
                names[country.alpha_2] = catalog.gettext(english)
                break
    return names


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


@transaction.atomic
def catalogue_load_reference(
    *, directory: Path = DEFAULT_DIRECTORY, update: bool = False
) -> LoadReport:
    """Load every reference data file in ``directory``; all or nothing.

    Raise ``ReferenceDataError`` naming the file and entry when the data is malformed.
    """
    return _Loader(Path(directory), update=update).load()
