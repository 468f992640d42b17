"""Objectives, instruments, jurisdictions, life-cycle stages, committees, mappings, adoptions."""

import pytest

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
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def test_objective_counts_only_approved_links_of_public_standards(api):
    before = api.json("/api/v1/objectives/4.3/")["standard_count"]
    objective = ObjectiveFactory(code="4.3")
    link = ObjectiveLinkFactory(objective=objective)
    ObjectiveLinkFactory(standard=link.standard, objective=objective, relationship="example_of")
    ObjectiveLinkFactory(objective=objective, review_state=ReviewState.PROPOSED)
    ObjectiveLinkFactory(
        objective=objective, standard=StandardFactory(review_state=ReviewState.PROPOSED)
    )
    detail = api.json("/api/v1/objectives/4.3/")
    assert detail["standard_count"] == before + 1
    assert detail["standards_url"].endswith("/api/v1/standards/?objective=4.3")


def test_instruments_filter_by_jurisdiction_kind_and_binding(api):
    eu = JurisdictionFactory(code="EU", kind="bloc")
    de = JurisdictionFactory(code="DE")
    BlocMembership.objects.get_or_create(bloc=eu, member=de)
    law = PolicyInstrumentFactory(jurisdiction=de, kind="law", binding=True)
    guide = PolicyInstrumentFactory(jurisdiction=de, kind="guideline", binding=None)
    regulation = PolicyInstrumentFactory(jurisdiction=eu, kind="regulation", binding=True)

    def slugs(query):
        data = api.json(f"/api/v1/instruments/?{query}&page_size=200")
        return {row["slug"] for row in data["results"] if row["slug"].startswith("test-")}

    assert slugs("jurisdiction=DE") == {law.slug, guide.slug, regulation.slug}
    assert slugs("jurisdiction=DE&jurisdiction_scope=exact") == {law.slug, guide.slug}
    assert slugs("jurisdiction=DE&kind=law&kind=regulation") == {law.slug, regulation.slug}
    assert slugs("jurisdiction=DE&binding=unknown") == {guide.slug}
    assert slugs("jurisdiction=DE&binding=true&jurisdiction_scope=exact") == {law.slug}


def test_instrument_detail_lists_provisions_and_their_approved_standards(api):
    provision = ProvisionFactory()
    instrument = provision.instrument
    cited = ProvisionLinkFactory(provision=provision, relationship="explicitly_cited_by")
    ProvisionLinkFactory(provision=provision, review_state=ReviewState.PROPOSED)
    whole = ProvisionLinkFactory(
        provision=None, instrument=instrument, relationship="supports_compliance_with"
    )
    detail = api.json(f"/api/v1/instruments/{instrument.slug}/")
    [shown] = detail["provisions"]
    assert shown["ref"] == provision.ref
    assert [link["standard"]["slug"] for link in shown["standards"]] == [cited.standard.slug]
    assert shown["standards"][0]["relationship"] == "explicitly_cited_by"
    assert [link["standard"]["slug"] for link in detail["standards"]] == [whole.standard.slug]
    assert detail["standard_count"] == 2


def test_jurisdiction_shows_members_and_blocs(api):
    bloc = JurisdictionFactory(code="QBLOC", kind="bloc")
    member = JurisdictionFactory(code="QM")
    BlocMembership.objects.create(bloc=bloc, member=member)
    assert [m["code"] for m in api.json("/api/v1/jurisdictions/QBLOC/")["members"]] == ["QM"]
    assert [b["code"] for b in api.json("/api/v1/jurisdictions/QM/")["blocs"]] == ["QBLOC"]
    blocs = api.json("/api/v1/jurisdictions/?kind=bloc&page_size=200")["results"]
    assert "QBLOC" in {row["code"] for row in blocs} and all(r["kind"] == "bloc" for r in blocs)


def test_lifecycle_stages_and_committees(api):
    link = LifecycleLinkFactory()
    stage = api.json(f"/api/v1/lifecycle-stages/{link.stage.slug}/")
    assert stage["standard_count"] == 1
    committee = CommitteeFactory(parent=CommitteeFactory())
    detail = api.json(f"/api/v1/committees/{committee.slug}/")
    assert detail["parent"] == committee.parent.code


def test_mappings_are_approved_only_and_filter_by_source_target_relationship_confidence(api):
    standard = StandardFactory()
    objective_link = ObjectiveLinkFactory(
        standard=standard, objective=ObjectiveFactory(code="4.6"), confidence="high"
    )
    provision_link = ProvisionLinkFactory(standard=standard, relationship="subset_of")
    whole = ProvisionLinkFactory(
        standard=standard,
        provision=None,
        instrument=provision_link.instrument,
        relationship="explicitly_cited_by",
    )
    stage_link = LifecycleLinkFactory(standard=standard)
    hidden_objective = ObjectiveFactory(code="4.7")
    for state, relationship in [
        (ReviewState.PROPOSED, "supports"),
        (ReviewState.REJECTED, "integral_to"),
        (ReviewState.WITHDRAWN, "example_of"),
    ]:
        ObjectiveLinkFactory(
            standard=standard,
            objective=hidden_objective,
            relationship=relationship,
            review_state=state,
        )

    def ids(query):
        data = api.json(f"/api/v1/mappings/?source={standard.slug}&{query}")
        return {row["id"] for row in data["results"]}

    everything = ids("")
    assert everything == {
        f"objective-{objective_link.pk}",
        f"provision-{provision_link.pk}",
        f"provision-{whole.pk}",
        f"lifecycle-{stage_link.pk}",
    }
    assert ids("target=objective:4.7") == set()
    assert ids("target=objective:4.6") == {f"objective-{objective_link.pk}"}
    instrument = provision_link.instrument.slug
    assert ids(f"target=instrument:{instrument}") == {
        f"provision-{provision_link.pk}",
        f"provision-{whole.pk}",
    }
    provision = f"provision:{instrument}/{provision_link.provision.slug}"
    assert ids(f"target={provision}") == {f"provision-{provision_link.pk}"}
    assert ids(f"target={provision}&target=objective:4.6") == {
        f"provision-{provision_link.pk}",
        f"objective-{objective_link.pk}",
    }
    assert ids("relationship=subset_of") == {f"provision-{provision_link.pk}"}
    assert ids("confidence=high") == {f"objective-{objective_link.pk}"}


def test_mapping_says_what_links_to_what_and_why(api):
    link = ObjectiveLinkFactory(
        objective=ObjectiveFactory(code="4.1"),
        source="ISO policy brief",
        locator="section 4.1",
        rationale="Named in the brief.",
    )
    [row] = api.json(f"/api/v1/mappings/?source={link.standard.slug}")["results"]
    assert row["source"]["reference"] == link.standard.reference
    assert row["target"]["id"] == "objective:4.1" and row["target"]["type"] == "objective"
    assert row["target"]["api_url"].endswith("/api/v1/objectives/4.1/")
    assert row["relationship"] == "supports" and row["confidence"] == "high"
    assert row["provenance"]["source"] == "ISO policy brief"
    assert row["provenance"]["locator"] == "section 4.1"
    assert row["provenance"]["rationale"] == "Named in the brief."


def test_adoptions_filter_and_hide_proposed_standards(api):
    adoption = AdoptionFactory(degree="MOD")
    AdoptionFactory(standard=StandardFactory(review_state=ReviewState.PROPOSED))
    country = adoption.body.country.code
    data = api.json(f"/api/v1/adoptions/?country={country}&degree=MOD")
    assert [row["designation"] for row in data["results"]] == [adoption.designation]
    listed = api.json("/api/v1/adoptions/?page_size=200")["results"]
    ours = [row["standard"]["slug"] for row in listed if row["designation"].startswith("TEST-")]
    assert ours == [adoption.standard.slug]
