"""The reference catalogue (fixtures/*.yaml) loads what the ISO policy brief states.

Expected values are written out from the brief (sections 3 and 4) and from
shared/reference/bloc_membership.tsv, not computed from the fixtures.
"""

import pytest

from catalogue.models import Standard
from mappings.models import StandardObjectiveLink
from policies.models import Jurisdiction, PolicyInstrument

# Section 4 of the brief, objective by objective. A cited series counts as all of
# its parts in the catalogue.
OBJECTIVE_STANDARDS = {
    "4.1": {
        "ISO/IEC 27001:2022",
        "ISO/IEC TS 8200:2024",
        "ISO/IEC TR 24029-1:2021",  # ISO/IEC 24029 series
        "ISO/IEC 24029-2:2023",
        "ISO/IEC 24029-3",
        "ISO/IEC TR 24027:2021",
        "ISO/IEC TS 12791:2024",
        "ISO/IEC TR 5469:2024",
        "ISO/IEC TS 25058:2024",
        "ISO/IEC 25059:2023",
    },
    "4.2": {
        "ISO/IEC 5259-1:2024",  # ISO/IEC 5259 series
        "ISO/IEC 5259-2:2024",
        "ISO/IEC 5259-3:2024",
        "ISO/IEC 5259-4:2024",
        "ISO/IEC 5259-5:2025",
        "ISO/IEC TR 5259-6:2026",
        "ISO/IEC 38505-1:2017",  # ISO/IEC 38505 series
        "ISO/IEC TR 38505-2:2018",
        "ISO/IEC TS 38505-3:2021",
        "ISO/IEC 29100:2024",
        "ISO/IEC 27018:2025",
        "ISO/IEC TS 4213:2022",
    },
    "4.3": {
        "ISO/IEC 23894:2023",
        "ISO/IEC 38507:2022",
        "ISO/IEC 42001:2023",
        "ISO/IEC 42005:2025",
        "ISO/IEC TR 24368:2022",
        "ISO/IEC TR 24028:2020",
        "ISO/IEC 12792:2025",
        "ISO/IEC TS 6254:2025",
        "ISO/IEC TR 24027:2021",  # named in the 4.3 introduction
    },
    "4.4": {
        "ISO/IEC 22989:2022",
        "ISO/IEC 23053:2022",
        "ISO/IEC 5338:2023",
        "ISO/IEC 19941:2017",
    },
    "4.5": {
        "ISO/IEC TR 20226:2025",
        "ISO/IEC 30134-2:2016",  # ISO/IEC 30134 series
        "ISO/IEC 30134-2:2026",
        "ISO/IEC 30134-8:2022",
        "ISO 14001:2015",
    },
    "4.6": {
        "ISO/IEC 17021-1:2015",
        "ISO/IEC 42001:2023",
        "ISO/IEC 42006:2025",
        "ISO/IEC 42007",
    },
    "4.7": {
        "ISO/IEC 5339:2024",
    },
}

# Every row of the three tables of section 3, one instrument per entry.
SECTION_3_INSTRUMENTS = [
    # 3.1 international
    ("un-global-digital-compact", "INT"),
    ("unesco-recommendation-ethics-ai", "INT"),
    ("oecd-ai-recommendation", "OECD"),
    ("unhrc-resolution-53-29", "INT"),
    ("ohchr-report-standard-setting", "INT"),
    ("coe-framework-convention-ai", "COE"),
    # 3.2 regional
    ("eu-ai-act", "EU"),
    ("eu-digital-services-act", "EU"),
    ("eu-csddd", "EU"),
    ("asean-guide-ai-governance-ethics", "ASEAN"),
    ("au-continental-ai-strategy", "AFRICAN_UNION"),
    # 3.3 national
    ("us-national-ai-initiative-act", "US"),
    ("us-nist-ai-rmf", "US"),
    ("us-omb-m-25-21", "US"),
    ("us-ai-action-plan", "US"),
    ("cn-new-generation-ai-development-plan", "CN"),
    ("cn-generative-ai-measures", "CN"),
    ("cn-algorithmic-recommendation-provisions", "CN"),
    ("cn-deep-synthesis-provisions", "CN"),
    ("uk-ai-regulation-white-paper", "GB"),
    ("uk-national-ai-strategy", "GB"),
    ("uk-ai-opportunities-action-plan", "GB"),
    ("jp-social-principles-human-centric-ai", "JP"),
    ("jp-ai-governance-guidelines", "JP"),
    ("jp-ai-promotion-act", "JP"),
    ("ng-national-ai-strategy", "NG"),
    ("ke-national-ai-strategy", "KE"),
    ("kr-ai-basic-act", "KR"),
]

EU_MEMBERS = {
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
}

BLOC_MEMBER_COUNTS = {
    "OECD": 38,
    "COE": 46,
    "ASEAN": 11,
    "AFRICAN_UNION": 55,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("objective_code", "expected"), sorted(OBJECTIVE_STANDARDS.items()))
def test_objective_links_are_exactly_the_standards_the_brief_lists(
    reference_catalogue, objective_code, expected
):
    linked = set(
        StandardObjectiveLink.objects.filter(
            objective__code=objective_code, review_state="approved"
        ).values_list("standard__reference", flat=True)
    )

    assert linked == expected


@pytest.mark.django_db
def test_every_section_3_table_instrument_is_loaded_with_its_jurisdiction(
    reference_catalogue,
):
    slugs = [slug for slug, _ in SECTION_3_INSTRUMENTS]

    loaded = dict(
        PolicyInstrument.objects.filter(slug__in=slugs).values_list("slug", "jurisdiction__code")
    )

    assert loaded == dict(SECTION_3_INSTRUMENTS)


@pytest.mark.django_db
def test_eu_bloc_has_exactly_its_27_member_states(reference_catalogue):
    eu = Jurisdiction.objects.get(code="EU")

    assert set(eu.members.values_list("code", flat=True)) == EU_MEMBERS


@pytest.mark.django_db
@pytest.mark.parametrize(("bloc_code", "expected_count"), sorted(BLOC_MEMBER_COUNTS.items()))
def test_bloc_has_its_reference_number_of_members(reference_catalogue, bloc_code, expected_count):
    bloc = Jurisdiction.objects.get(code=bloc_code)

    assert bloc.members.count() == expected_count


@pytest.mark.django_db
def test_code_au_is_australia_in_the_oecd_not_the_african_union(reference_catalogue):
    oecd_members = set(Jurisdiction.objects.get(code="OECD").members.values_list("code", flat=True))
    african_union_members = set(
        Jurisdiction.objects.get(code="AFRICAN_UNION").members.values_list("code", flat=True)
    )

    assert "AU" in oecd_members
    assert "AU" not in african_union_members
    assert {"KE", "NG", "EG", "RW"} <= african_union_members


@pytest.mark.django_db
def test_brief_references_are_stored_in_canonical_form(reference_catalogue):
    references = set(Standard.objects.values_list("reference", flat=True))

    # projects carry no stage prefix; the brief's undated 42006 is the 2025 edition
    assert {"ISO/IEC 42105", "ISO/IEC 42007", "ISO/IEC 42006:2025"} <= references
    assert not {"ISO/IEC CD 42105", "ISO/IEC 42006"} & references
