"""The glossary: the words and codes the catalogue uses, explained in our own words.

The terms come from the vocabularies (relationships, degrees of correspondence, confidence
levels, deliverable types, stage codes) and from the catalogue's rows (instrument short
names, standards bodies, blocs); only the definitions are written here. ``definition(kind,
code)`` gives one definition for an ``<abbr title>`` where the word appears;
``glossary()`` gives the page, grouped.
"""

from __future__ import annotations

import dataclasses

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from catalogue.models import Degree, DeliverableType, RelationKind, StandardsBody
from catalogue.stages import STAGES
from core.models import Confidence
from mappings.models import LifecycleRelationship, ObjectiveRelationship, ProvisionRelationship
from policies.models import Jurisdiction, PolicyInstrument

RELATIONSHIPS = {
    ObjectiveRelationship.SUPPORTS: _(
        "The standard helps to reach the policy objective: following it moves an organisation "
        "towards the goal."
    ),
    ObjectiveRelationship.INTEGRAL_TO: _(
        "The objective cannot be met in practice without what the standard describes."
    ),
    ObjectiveRelationship.EXAMPLE_OF: _(
        "The policy brief names the standard as an example of standards serving the objective."
    ),
    ProvisionRelationship.EXPLICITLY_CITED_BY: _(
        "The instrument or provision names the standard in its own text."
    ),
    ProvisionRelationship.SUPPORTS_COMPLIANCE_WITH: _(
        "Applying the standard helps to meet what the provision requires, without the "
        "provision naming it."
    ),
    ProvisionRelationship.HARMONISED_CANDIDATE_FOR: _(
        "The standard is a candidate for becoming (or the basis of) a harmonised standard "
        "under the provision, which would give a presumption of conformity once cited."
    ),
    ProvisionRelationship.EQUAL: _(
        "NIST IR 8477 set relation: the standard and the provision cover the same content."
    ),
    ProvisionRelationship.SUBSET_OF: _(
        "NIST IR 8477 set relation: everything the standard covers is within the provision, "
        "which covers more."
    ),
    ProvisionRelationship.SUPERSET_OF: _(
        "NIST IR 8477 set relation: the standard covers everything in the provision, and more."
    ),
    ProvisionRelationship.INTERSECTS_WITH: _(
        "NIST IR 8477 set relation: the standard and the provision share some content, and "
        "each also covers things the other does not."
    ),
    ProvisionRelationship.NO_RELATIONSHIP: _(
        "NIST IR 8477 set relation: the standard and the provision were compared and share no "
        "content."
    ),
    LifecycleRelationship.APPLIES_TO: _(
        "The standard is meant to be used at this stage of an AI system's life cycle "
        "(ISO/IEC 22989)."
    ),
    RelationKind.REPLACES: _("A newer edition that cancels and takes the place of an older one."),
    RelationKind.REVISES: _("A technical revision of an earlier edition."),
    RelationKind.AMENDS: _("An amendment that changes parts of a published standard."),
    RelationKind.PART_OF: _("One part of a multi-part standard or series."),
    RelationKind.NORMATIVELY_REFERENCES: _(
        "The other document is indispensable for applying this one: it is cited as a requirement."
    ),
    RelationKind.RELATED: _("The documents deal with related subjects."),
}

DEGREES = {
    Degree.IDT: _(
        "Identical: the national standard is the international one word for word (or a "
        "faithful translation). An adoption."
    ),
    Degree.MOD: _(
        "Modified: the national standard adopts the international one with technical "
        "deviations that are stated and explained. An adoption."
    ),
    Degree.NEQ: _(
        "Not equivalent: the national standard is based on or related to the international "
        "one but differs in ways not clearly stated. Not an adoption."
    ),
}

CONFIDENCE = {
    Confidence.HIGH: _("Confirmed by a source we could read, such as the official record."),
    Confidence.MEDIUM: _(
        "Confirmed by a secondary source, taken from the ISO policy brief alone, or a judgement "
        "of ours (life-cycle stages)."
    ),
    Confidence.LOW: _("At least one of the facts in the row could not be confirmed."),
    Confidence.UNVERIFIED: _(
        "Held as found but not confirmed by any source; never raised without a new source."
    ),
}

DELIVERABLES = {
    DeliverableType.IS: _("International Standard: agreed requirements or guidance, by consensus."),
    DeliverableType.TS: _(
        "Technical Specification: published where consensus for a standard is not yet there."
    ),
    DeliverableType.TR: _(
        "Technical Report: informative material such as a survey or the state of the art."
    ),
    DeliverableType.PAS: _(
        "Publicly Available Specification: meets an urgent need, agreed by a small group."
    ),
    DeliverableType.IWA: _("International Workshop Agreement: developed outside a committee."),
    DeliverableType.GUIDE: _("Guide: rules or advice about standardization itself."),
}

KINDS = {
    "relationship": RELATIONSHIPS,
    "degree": DEGREES,
    "confidence": CONFIDENCE,
    "deliverable": DELIVERABLES,
}


def definition(kind: str, code: str) -> str:
    """The definition of ``code`` in the vocabulary ``kind``, or ``""``."""
    return str(KINDS.get(kind, {}).get(code, ""))


@dataclasses.dataclass(frozen=True)
class Term:
    term: str
    definition: str
    anchor: str
    label: str = ""  # a longer name, shown beside an abbreviation


@dataclasses.dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    terms: list[Term]


def _terms(prefix: str, labels: dict, definitions: dict, *, show_code: bool = False) -> list:
    return [
        Term(
            term=code if show_code else str(labels[code]),
            definition=str(text),
            anchor=f"{prefix}-{slugify(code)}",
            label=str(labels[code]) if show_code else "",
        )
        for code, text in definitions.items()
    ]


def glossary() -> list[Section]:
    """Every term, by section (three queries: instruments, bodies, blocs)."""
    relationship_labels = {
        **dict(ObjectiveRelationship.choices),
        **dict(ProvisionRelationship.choices),
        **dict(LifecycleRelationship.choices),
        **dict(RelationKind.choices),
    }
    instruments = [
        Term(
            item.short_name,
            _("%(name)s (%(jurisdiction)s)")
            % {"name": item.name, "jurisdiction": item.jurisdiction.name},
            f"instrument-{item.slug}",
        )
        for item in PolicyInstrument.objects.select_related("jurisdiction")
        .exclude(short_name="")
        .order_by("short_name")
        if item.short_name != item.name
    ]
    bodies = [
        Term(
            body.acronym,
            _("%(name)s, the national standards body of %(country)s")
            % {"name": body.name, "country": body.country.name}
            if body.country.kind == Jurisdiction.Kind.COUNTRY
            else _("%(name)s, a regional standards organisation") % {"name": body.name},
            f"body-{body.slug}",
        )
        for body in StandardsBody.objects.select_related("country").order_by("acronym")
    ]
    blocs = [
        Term(
            bloc.name if "_" in bloc.code else bloc.code,
            _("%(name)s: a group of countries; its instruments apply in every member.")
            % {"name": bloc.name},
            f"bloc-{slugify(bloc.code)}",
        )
        for bloc in Jurisdiction.objects.filter(
            kind__in=[Jurisdiction.Kind.BLOC, Jurisdiction.Kind.GLOBAL]
        ).order_by("code")
    ]
    stages = [
        Term(
            code,
            str(name),
            f"stage-{code}",
        )
        for code, name in STAGES.items()
    ]
    return [
        Section(
            str(_("Relationships")),
            "relationships",
            _terms("relationship", relationship_labels, RELATIONSHIPS),
        ),
        Section(
            str(_("Degrees of correspondence")),
            "degrees",
            _terms("degree", dict(Degree.choices), DEGREES, show_code=True),
        ),
        Section(
            str(_("Confidence levels")),
            "confidence",
            _terms("confidence", dict(Confidence.choices), CONFIDENCE),
        ),
        Section(
            str(_("Deliverable types")),
            "deliverables",
            _terms("deliverable", dict(DeliverableType.choices), DELIVERABLES, show_code=True),
        ),
        Section(str(_("Stage codes (ISO Guide 69)")), "stages", stages),
        Section(str(_("Instruments")), "instruments", instruments),
        Section(str(_("Standards bodies")), "bodies", bodies),
        Section(str(_("Blocs and global")), "blocs", blocs),
    ]
