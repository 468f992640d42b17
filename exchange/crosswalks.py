"""Crosswalk exports: the catalogue's public standard↔provision and standard↔objective links
in shapes that compliance tools read.

- An OSCAL 1.2 *mapping collection* (JSON), valid against NIST's ``oscal_mapping_schema.json``
  (vendored in ``api/schemas/oscal/`` with its version and licence). Each link is one map
  entry: its source is the standard, its target the provision, instrument or objective, in
  the direction the catalogue states the link ("ISO/IEC 42001:2023 *is a subset of* EU AI Act,
  Article 9"). NIST IR 8477's set relations become OSCAL's relationship tokens; the
  catalogue's other relationships keep their codes, qualified by the catalogue's namespace.
- Rows in the columns of a NIST OLIR template (CSV), the policy text as the focal document
  and the standard as the reference document.

UUIDs are version 5 UUIDs over stable keys (a link's kind and id, a target document's key),
so two exports of the same catalogue are the same bytes; the collection's UUID also names
the catalogue version, so it changes when the catalogue does, as OSCAL asks.

Only links the public may see are exported (``mappings.selectors.mapping_rows``).
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from exchange import iso_open_data
from mappings.models import ObjectiveRelationship, ProvisionRelationship
from mappings.selectors import (
    OBJECTIVES_DOCUMENT,
    CrosswalkQuery,
    TargetDocument,
    TargetType,
    target_id,
)

OSCAL_VERSION = "1.2.1"
OSCAL_SCHEMA_ID = f"http://csrc.nist.gov/ns/oscal/{OSCAL_VERSION}/oscal-mapping-schema.json"
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ai-standards-catalogue:crosswalks")

ISO_OPEN_DATA_LICENCE = iso_open_data.LICENCE
ISO_OPEN_DATA_LICENCE_URL = iso_open_data.LICENCE_URL

# NIST IR 8477's set relations as OSCAL 1.2 names them (src/metaschema/
# oscal_mapping-common_metaschema.xml, allowed values of ``relationship``).
OSCAL_RELATIONSHIPS = {
    ProvisionRelationship.EQUAL: "equal-to",
    ProvisionRelationship.SUBSET_OF: "subset-of",
    ProvisionRelationship.SUPERSET_OF: "superset-of",
    ProvisionRelationship.INTERSECTS_WITH: "intersects-with",
    ProvisionRelationship.NO_RELATIONSHIP: "no-relationship",
}

# NIST IR 8278A Rev. 1 (February 2024, https://doi.org/10.6028/NIST.IR.8278Ar1), section 3.2
# and Table 2 "OLIR Template Field Descriptions": a set theory relationship mapping names
# its relationship "subset of, intersects with, equal, superset of, or not related to"; a
# supportive relationship mapping names a relationship type (supports, is supported by,
# identical, equivalent, contrary, no relationship) and, for "supports", a relationship
# property (example of, integral to, precedes). A relationship the catalogue records
# without such a characterisation (explicitly cited by, harmonised standard candidate for)
# is a concept crosswalk: both columns stay empty and "Catalogue Relationship" says it.
OLIR_SET_RELATIONSHIPS = {
    ProvisionRelationship.EQUAL: "equal",
    ProvisionRelationship.SUBSET_OF: "subset of",
    ProvisionRelationship.SUPERSET_OF: "superset of",
    ProvisionRelationship.INTERSECTS_WITH: "intersects with",
    ProvisionRelationship.NO_RELATIONSHIP: "not related to",
}
OLIR_SUPPORTIVE = {
    ProvisionRelationship.SUPPORTS_COMPLIANCE_WITH: ("supports", ""),
    ObjectiveRelationship.SUPPORTS: ("supports", ""),
    ObjectiveRelationship.INTEGRAL_TO: ("supports", "integral to"),
    ObjectiveRelationship.EXAMPLE_OF: ("supports", "example of"),
}
# Section 3.2.12: "Strength of Relationship" is for lateral documents; for documents at
# different levels of abstraction it is "N/A". A standard and a policy text are not lateral.
OLIR_STRENGTH_NOT_LATERAL = "N/A"


def objectives_document() -> TargetDocument:
    return TargetDocument(
        key=OBJECTIVES_DOCUMENT,
        title=_(
            "Objectives of the ISO policy brief “Harnessing international standards for "
            "responsible AI development and governance”, section 4"
        ),
        version="",
        url="",
    )


def document_of(row: dict, documents: dict[str, TargetDocument]) -> TargetDocument | None:
    if row["target_type"] == TargetType.OBJECTIVE:
        return None
    return documents.get(row["target_instrument"])


def element_of(row: dict, documents: dict[str, TargetDocument]) -> tuple[str, str]:
    """A row's target as (element identifier, element description)."""
    if row["target_type"] == TargetType.OBJECTIVE:
        return row["target_key"], row["target_label"]
    document = document_of(row, documents)
    if document is None:
        return row["target_key"], row["target_label"]
    return document.elements.get(row["target_key"], (row["target_key"], row["target_label"]))


def notice() -> str:
    """What the export is and whose data it carries (no licence is invented)."""
    return _(
        "The links are this catalogue's own curation: researched for its reference data, or "
        "proposed by a curator and approved by another person, each with its source, locator "
        "and confidence. No licence has been declared yet "
        "for the catalogue's curated links. Standards' references and titles may come from "
        "ISO Open Data (dataset iso_deliverables_metadata), © ISO, under the Open Data "
        "Commons Attribution License (ODC-By 1.0, %(url)s); attribute ISO when reusing them. "
        "Policy texts are named and linked, not reproduced."
    ) % {"url": ISO_OPEN_DATA_LICENCE_URL}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, "|".join(parts)))


def _text(value) -> str:
    """A value as OSCAL's StringDatatype wants it: one line, no outer whitespace."""
    return " ".join(str(value).split())


def _props(namespace: str, **values) -> list[dict]:
    props = []
    for name, value in values.items():
        text = _text(value or "")
        if text:
            props.append({"name": name.replace("_", "-"), "ns": namespace, "value": text})
    return props


def oscal_timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclasses.dataclass(frozen=True)
class CrosswalkURLs:
    """Absolute addresses the export points at, built by the caller (the API)."""

    namespace: str  # the catalogue's namespace for its own tokens (a crosswalks address)
    export: str  # this export's address
    standards: str  # the standards list
    objectives: str  # the objectives list
    standard: Callable[[str], str]  # a standard's detail, by slug
    instrument: Callable[[str], str]  # an instrument's detail, by slug


def oscal_mapping_collection(
    *,
    rows: Iterable[dict],
    documents: dict[str, TargetDocument],
    query: CrosswalkQuery,
    version: str,
    last_modified: datetime.datetime,
    urls: CrosswalkURLs,
) -> dict | None:
    """The rows as an OSCAL mapping collection; ``None`` when there are none (the model
    needs at least one mapping)."""
    ns = urls.namespace
    groups: dict[str, list[dict]] = {}
    for row in rows:
        document = document_of(row, documents)
        key = OBJECTIVES_DOCUMENT if document is None else document.key
        groups.setdefault(key, []).append(_map_entry(row, documents, urls))
    if not groups:
        return None
    mappings = []
    for key in sorted(groups, key=lambda name: (name != OBJECTIVES_DOCUMENT, name)):
        document = documents.get(key) if key != OBJECTIVES_DOCUMENT else objectives_document()
        if key == OBJECTIVES_DOCUMENT:
            target = {"ns": ns, "type": "objectives", "href": urls.objectives}
        else:
            target = {"ns": ns, "type": "policy-instrument", "href": urls.instrument(key)}
        target["props"] = _props(ns, title=document.title, version=document.version)
        if document.url:
            target["links"] = [{"href": document.url, "rel": "reference"}]
        mappings.append(
            {
                "uuid": _uuid("mapping", key),
                "source-resource": {
                    "ns": ns,
                    "type": "standards",
                    "href": urls.standards,
                    "remarks": _("The standards of this catalogue, each named by its slug."),
                },
                "target-resource": target,
                "maps": groups[key],
            }
        )
    return {
        "$schema": OSCAL_SCHEMA_ID,
        "mapping-collection": {
            "uuid": _uuid("collection", query.key, version),
            "metadata": {
                "title": _("AI standards catalogue: standards mapped to policy texts and goals"),
                "last-modified": oscal_timestamp(last_modified),
                "version": version,
                "oscal-version": OSCAL_VERSION,
                "links": [
                    {"href": urls.export, "rel": "alternate", "media-type": "application/json"}
                ],
                "remarks": notice(),
            },
            "provenance": {
                "method": "human",
                "matching-rationale": "semantic",
                "status": "not-complete",
                "mapping-description": _(
                    "Approved links from international AI standards to provisions of policy "
                    "instruments, to whole instruments and to the objectives of the ISO policy "
                    "brief, with each link's relationship, source, locator and confidence."
                ),
                "remarks": _(
                    "The catalogue does not record a NIST IR 8477 rationale (syntactic, "
                    "semantic, functional) for each link; 'semantic' is declared because the "
                    "model requires one and curators compare what the texts mean. "
                    "Relationships other than NIST IR 8477's set relations keep the "
                    "catalogue's codes, qualified by the namespace %(ns)s."
                )
                % {"ns": ns},
            },
            "mappings": mappings,
        },
    }


def _map_entry(row: dict, documents: dict[str, TargetDocument], urls: CrosswalkURLs) -> dict:
    ns = urls.namespace
    code = row["link_relationship"]
    entry = {"uuid": _uuid("map", row["link_kind"], str(row["link_id"]))}
    if code in OSCAL_RELATIONSHIPS:
        entry["relationship"] = OSCAL_RELATIONSHIPS[code]
    else:
        entry["ns"] = ns
        entry["relationship"] = code
    element, description = element_of(row, documents)
    entry["sources"] = [
        {
            "type": "control",
            "id-ref": row["standard_slug"],
            "props": _props(ns, reference=row["standard_reference"], title=row["standard_title"]),
            "links": [{"href": urls.standard(row["standard_slug"]), "rel": "reference"}],
        }
    ]
    entry["targets"] = [
        {
            "type": "control",
            "id-ref": target_id(row["target_type"], row["target_key"]),
            "props": _props(ns, label=element, title=description),
        }
    ]
    entry["confidence-score"] = {"category": row["link_confidence"]}
    entry["props"] = _props(
        ns,
        mapping_id=f"{row['link_kind']}-{row['link_id']}",
        catalogue_relationship=code,
        source=row["link_source"],
        locator=row["link_locator"],
        recorded_at=oscal_timestamp(row["link_recorded_at"]),
    )
    rationale = (row["link_rationale"] or "").strip()
    if rationale:
        entry["remarks"] = rationale
    return entry


def _olir_relationship(row: dict) -> tuple[str, str, str]:
    """(Relationship, Relationship Type, Relationship Property) of a row."""
    code = row["link_relationship"]
    if code in OLIR_SET_RELATIONSHIPS:
        return OLIR_SET_RELATIONSHIPS[code], "", ""
    kind, prop = OLIR_SUPPORTIVE.get(code, ("", ""))
    return "", kind, prop


def _standard_version(row: dict) -> str:
    if row["standard_edition"]:
        return _("edition %(number)s") % {"number": row["standard_edition"]}
    return str(row["standard_year"] or "")


def olir_columns(documents: dict[str, TargetDocument]) -> list[tuple[str, Callable]]:
    """The OLIR template's columns (NIST IR 8278A Rev. 1, Table 2, in its order, with the
    General Information fields that name the two documents), then the catalogue's own.

    The focal document is the policy text (or the brief's objectives), the reference
    document the standard; the catalogue maps whole standards, so the reference document
    element is the standard itself. "Rationale" stays empty: the catalogue does not record
    one (NIST IR 8477 section 4.3), and nothing is guessed.
    """
    objectives = objectives_document()

    def focal(row):
        return document_of(row, documents) or objectives

    return [
        ("Focal Document", lambda r: focal(r).title),
        ("Focal Document Version", lambda r: focal(r).version),
        ("Focal Document URL", lambda r: focal(r).url),
        ("Focal Document Element", lambda r: element_of(r, documents)[0]),
        ("Focal Document Element Description", lambda r: element_of(r, documents)[1]),
        ("Reference Document", lambda r: r["standard_reference"]),
        ("Reference Document Version", _standard_version),
        ("Reference Document URL", lambda r: r["standard_url"]),
        ("Reference Document Element", lambda r: r["standard_reference"]),
        ("Reference Document Element Description", lambda r: r["standard_title"]),
        ("Rationale", lambda r: ""),
        ("Relationship", lambda r: _olir_relationship(r)[0]),
        ("Relationship Type", lambda r: _olir_relationship(r)[1]),
        ("Relationship Property", lambda r: _olir_relationship(r)[2]),
        ("Comments", lambda r: r["link_rationale"]),
        ("Strength of Relationship", lambda r: OLIR_STRENGTH_NOT_LATERAL),
        ("Confidence", lambda r: r["link_confidence"]),
        ("Catalogue Relationship", lambda r: r["link_relationship"]),
        ("Catalogue Target", lambda r: target_id(r["target_type"], r["target_key"])),
        ("Catalogue Mapping ID", lambda r: f"{r['link_kind']}-{r['link_id']}"),
        ("Source", lambda r: r["link_source"]),
        ("Locator", lambda r: r["link_locator"]),
        ("Standard Slug", lambda r: r["standard_slug"]),
    ]
