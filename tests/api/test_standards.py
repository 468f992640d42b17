"""GET /api/v1/standards/ and /standards/{slug}/ on factory data: filters, shape, why."""

import datetime

import pytest
from django.utils import timezone

from catalogue.models import Standard, StandardRelation
from core.models import ReviewState
from policies.models import BlocMembership
from tests.factories import (
    AdoptionFactory,
    CommitteeFactory,
    JurisdictionFactory,
    LifecycleLinkFactory,
    ObjectiveFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    SeriesFactory,
    StandardFactory,
    StandardsBodyFactory,
)

pytestmark = pytest.mark.django_db


def references(api, query: str = "") -> list[str]:
    """The factory-made references a query lists, in order (the reference catalogue aside)."""
    separator = "&" if query else ""
    data = api.json(f"/api/v1/standards/?{query}{separator}page_size=200")
    assert data["count"] <= 200
    return [row["reference"] for row in data["results"] if row["reference"].startswith("TEST")]


@pytest.fixture
def world():
    """DE in the EU; one standard per kind of jurisdiction link, one adopted in DE."""
    int_ = JurisdictionFactory(code="INT", kind="global")
    eu = JurisdictionFactory(code="EU", kind="bloc")
    de = JurisdictionFactory(code="DE")
    fr = JurisdictionFactory(code="FR")
    BlocMembership.objects.get_or_create(bloc=eu, member=de)
    refs = {}
    for name, jurisdiction in [("int", int_), ("eu", eu), ("de", de), ("fr", fr)]:
        provision = ProvisionFactory(instrument=PolicyInstrumentFactory(jurisdiction=jurisdiction))
        refs[name] = ProvisionLinkFactory(provision=provision).standard.reference
    refs["adopted"] = AdoptionFactory(body=StandardsBodyFactory(country=de)).standard.reference
    return refs


def test_jurisdiction_includes_blocs_global_and_adoptions(api, world):
    assert set(references(api, "jurisdiction=DE")) == {
        world["int"],
        world["eu"],
        world["de"],
        world["adopted"],
    }


def test_exact_jurisdiction_scope_keeps_only_its_own(api, world):
    assert set(references(api, "jurisdiction=DE&jurisdiction_scope=exact")) == {
        world["de"],
        world["adopted"],
    }


def test_bloc_jurisdiction_includes_global_not_members(api, world):
    assert set(references(api, "jurisdiction=EU")) == {world["int"], world["eu"]}


def test_objective_values_are_ored_and_kinds_anded(api):
    a = ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.2")).standard
    b = ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.3")).standard
    stage = LifecycleLinkFactory(standard=b).stage
    assert set(references(api, "objective=4.2")) == {a.reference}
    assert set(references(api, "objective=4.2&objective=4.3")) == {a.reference, b.reference}
    query = f"objective=4.2&objective=4.3&lifecycle_stage={stage.slug}"
    assert set(references(api, query)) == {b.reference}


def test_only_approved_links_count_and_show(api):
    objective = ObjectiveFactory(code="4.4")
    hidden = ObjectiveLinkFactory(objective=objective, review_state=ReviewState.PROPOSED)
    rejected = LifecycleLinkFactory(standard=hidden.standard, review_state=ReviewState.REJECTED)
    ProvisionLinkFactory(standard=hidden.standard, review_state=ReviewState.WITHDRAWN)
    assert hidden.standard.reference not in references(api, "objective=4.4")
    assert references(api, f"lifecycle_stage={rejected.stage.slug}") == []
    detail = api.json(f"/api/v1/standards/{hidden.standard.slug}/")
    assert detail["objectives"] == detail["lifecycle_stages"] == detail["instruments"] == []


def test_proposed_standard_is_not_public(api):
    standard = StandardFactory(review_state=ReviewState.PROPOSED)
    ObjectiveLinkFactory(standard=standard, objective=ObjectiveFactory(code="4.1"))
    assert standard.reference not in references(api)
    assert api.get(f"/api/v1/standards/{standard.slug}/").status_code == 404


def test_instrument_committee_status_sector_and_q_filters(api):
    link = ProvisionLinkFactory()
    parent = CommitteeFactory()
    child = StandardFactory(committee=CommitteeFactory(parent=parent), stage_code="40.20")
    searched = StandardFactory(title="Controllability of automated agents")
    assert references(api, f"instrument={link.instrument.slug}") == [link.standard.reference]
    assert references(api, f"committee={parent.slug}") == [child.reference]
    assert child.reference in references(api, "status=in_development")
    assert child.reference not in references(api, "status=published")
    assert references(api, "q=controllability agents") == [searched.reference]


def test_updated_since_keeps_recent_changes(api):
    old, new = StandardFactory(), StandardFactory()
    Standard.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    found = references(api, f"updated_since={since}")
    assert new.reference in found and old.reference not in found


def test_ordering_by_year_descending_breaks_ties_by_id(api):
    first = StandardFactory(year=2020)
    second = StandardFactory(year=2020)
    newer = StandardFactory(year=2023)
    assert references(api, "ordering=-year") == [newer.reference, first.reference, second.reference]
    assert references(api, "ordering=year") == [first.reference, second.reference, newer.reference]


def test_list_is_paginated_with_count_next_previous(api):
    StandardFactory.create_batch(3)
    total = Standard.objects.public().count()
    first = api.json("/api/v1/standards/?page_size=2")
    assert first["count"] == total and len(first["results"]) == 2
    assert first["previous"] is None and "page=2" in first["next"]
    last_page = (total + 1) // 2
    last = api.json(f"/api/v1/standards/?page_size=2&page={last_page}")
    assert last["next"] is None and last["previous"]


def test_list_item_says_why_each_link_exists(api):
    link = ObjectiveLinkFactory(
        objective=ObjectiveFactory(code="4.5"),
        source="ISO policy brief",
        locator="section 4.5",
        confidence="high",
    )
    row = next(
        row
        for row in api.json("/api/v1/standards/?objective=4.5&page_size=200")["results"]
        if row["slug"] == link.standard.slug
    )
    assert row["objectives"][0] | {"api_url": None} == {
        "code": "4.5",
        "title": link.objective.title,
        "relationship": "supports",
        "source": "ISO policy brief",
        "cited_source": None,
        "locator": "section 4.5",
        "confidence": "high",
        "api_url": None,
    }
    assert row["objectives"][0]["api_url"].endswith("/api/v1/objectives/4.5/")
    assert row["status"] == "published" and row["stage_code"] == "60.60"


def test_detail_has_links_relations_series_and_adoptions(api):
    series = SeriesFactory()
    standard = StandardFactory(series=series, part="1")
    sibling = StandardFactory(series=series, part="2")
    StandardFactory(series=series, part="3", review_state=ReviewState.PROPOSED)
    old = StandardFactory(year=2019)
    successor = StandardFactory(year=2026)
    StandardRelation.objects.create(from_standard=standard, to_standard=old, kind="replaces")
    StandardRelation.objects.create(from_standard=successor, to_standard=standard, kind="replaces")
    provision_link = ProvisionLinkFactory(
        standard=standard, relationship="explicitly_cited_by", locator="Article 40"
    )
    LifecycleLinkFactory(standard=standard)
    adoption = AdoptionFactory(standard=standard, degree="NEQ")

    detail = api.json(f"/api/v1/standards/{standard.slug}/")

    assert [part["slug"] for part in detail["series"]["parts"]] == [standard.slug, sibling.slug]
    assert [s["slug"] for s in detail["replaces"]] == [old.slug]
    assert [s["slug"] for s in detail["replaced_by"]] == [successor.slug]
    assert {(r["kind"], r["direction"], r["standard"]["slug"]) for r in detail["relations"]} == {
        ("replaces", "outgoing", old.slug),
        ("replaces", "incoming", successor.slug),
    }
    [instrument] = detail["instruments"]
    assert instrument["slug"] == provision_link.instrument.slug
    assert instrument["provision"]["ref"] == provision_link.provision.ref
    assert instrument["relationship"] == "explicitly_cited_by"
    assert instrument["locator"] == "Article 40" and instrument["source"] == "Test source"
    assert detail["lifecycle_stages"][0]["confidence"] == "medium"
    [national] = detail["adoptions"]
    assert national["designation"] == adoption.designation and national["is_adoption"] is False


def test_detail_ignores_list_filters(api):
    standard = StandardFactory()
    response = api.get(f"/api/v1/standards/{standard.slug}/?objective=4.1", request_conforms=None)
    assert response.status_code == 200


def test_unknown_slug_is_404(api):
    response = api.get("/api/v1/standards/no-such-standard/")
    assert response.status_code == 404 and "detail" in response.json()


def test_detail_gives_isos_abstract_with_its_attribution_and_the_list_does_not(api):
    standard = StandardFactory(number="77020", iso_abstract="This document specifies a test.")
    plain = StandardFactory(number="77021")
    detail = api.get(f"/api/v1/standards/{standard.slug}/").json()
    assert detail["iso_abstract"] == "This document specifies a test."
    attribution = detail["iso_abstract_attribution"]
    assert attribution["licence"] == "ODC-By 1.0"
    assert attribution["licence_url"] == "https://opendatacommons.org/licenses/by/1-0/"
    assert attribution["dataset"] == "iso_deliverables_metadata" and "© ISO" in attribution["text"]
    assert detail["summary"] != detail["iso_abstract"]
    without = api.get(f"/api/v1/standards/{plain.slug}/").json()
    assert without["iso_abstract"] is None and without["iso_abstract_attribution"] is None
    listed = api.get(f"/api/v1/standards/?q={standard.number}").json()["results"]
    assert listed and all("iso_abstract" not in row for row in listed)
