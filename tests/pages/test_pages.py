"""Page behaviour on factory data: facets, chips, errors, empty states, approved links only."""

import pytest
from django.http import QueryDict
from django.utils.html import escape

from catalogue.models import NationalAdoption, StandardRelation, StandardsBody
from mappings.models import ReviewState
from policies.models import BlocMembership
from tests.factories import (
    CommitteeFactory,
    JurisdictionFactory,
    LifecycleLinkFactory,
    LifecycleStageFactory,
    ObjectiveFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    SeriesFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def facet(response, name):
    return next(facet for facet in response.context["search"].facets if facet.name == name)


def counts(response, name) -> dict[str, int]:
    return {option.value: option.count for option in facet(response, name).options}


@pytest.fixture
def committee():
    return CommitteeFactory(code="TEST/TC PAGES", slug="test-tc-pages")


@pytest.fixture
def two_stages(committee):
    """Two standards of one committee supporting 4.1, one at each of two test stages."""
    early = LifecycleStageFactory(slug="test-early", name="Early")
    late = LifecycleStageFactory(slug="test-late", name="Late")
    objective = ObjectiveFactory(code="4.1")
    first = StandardFactory(committee=committee, title="First")
    second = StandardFactory(committee=committee, title="Second")
    for standard, stage in [(first, early), (second, late)]:
        ObjectiveLinkFactory(standard=standard, objective=objective)
        LifecycleLinkFactory(standard=standard, stage=stage)
    return first, second


# -- Facets and chips --------------------------------------------------------------------


def test_facet_counts_reflect_the_other_active_filters(client, two_stages):
    base = "committee=test-tc-pages"
    response = client.get(f"/standards/?{base}&lifecycle_stage=test-early")
    assert response.context["search"].page.paginator.count == 1
    assert counts(response, "objective")["4.1"] == 1  # narrowed by the stage filter
    # A facet's own choice does not narrow its counts: the other stage still offers 1.
    assert counts(response, "lifecycle_stage")["test-early"] == 1
    assert counts(response, "lifecycle_stage")["test-late"] == 1
    wider = client.get(f"/standards/?{base}")
    assert counts(wider, "objective")["4.1"] == 2


def test_facet_marks_the_chosen_values_as_checked(client, two_stages):
    response = client.get("/standards/?lifecycle_stage=test-early")
    chosen = [
        option.value for option in facet(response, "lifecycle_stage").options if option.selected
    ]
    assert chosen == ["test-early"]
    assert 'value="test-early" checked' in html(response)


def test_each_chip_removes_only_its_own_value(client, two_stages):
    response = client.get(
        "/standards/?committee=test-tc-pages&lifecycle_stage=test-early"
        "&lifecycle_stage=test-late&ordering=-year&page=2"
    )
    chips = {chip.value: QueryDict(chip.remove_query) for chip in response.context["search"].chips}
    assert chips["Early"].getlist("lifecycle_stage") == ["test-late"]
    assert chips["Early"]["committee"] == "test-tc-pages"
    assert chips["Early"]["ordering"] == "-year"
    assert "page" not in chips["Early"]
    assert "committee" not in chips["TEST/TC PAGES"]
    assert chips["TEST/TC PAGES"].getlist("lifecycle_stage") == ["test-early", "test-late"]
    assert f'href="?{escape(response.context["search"].chips[0].remove_query)}"' in html(response)


def test_removing_the_jurisdiction_chip_drops_its_scope_too(client):
    JurisdictionFactory(code="QJ", name="Chipland")
    response = client.get("/standards/?jurisdiction=QJ&jurisdiction_scope=exact")
    (chip,) = response.context["search"].chips
    assert "its own instruments only" in chip.value
    assert QueryDict(chip.remove_query).dict() == {}


def test_csv_link_carries_the_same_filters_without_the_page(client, two_stages):
    response = client.get("/standards/?committee=test-tc-pages&lifecycle_stage=test-early&page=1")
    href = (
        "/api/v1/standards/?format=csv&amp;committee=test-tc-pages&amp;lifecycle_stage=test-early"
    )
    assert f'href="{href}"' in html(response)
    assert "Download CSV" in html(response)


def test_sorting_and_pagination_keep_the_filters(client, committee):
    for year in range(2001, 2026):
        StandardFactory(committee=committee, year=year)
    response = client.get("/standards/?committee=test-tc-pages&ordering=-year&page=2")
    search = response.context["search"]
    assert search.page.number == 2 and len(search.page.object_list) == 5
    assert [standard.year for standard in search.page.object_list] == [2005, 2004, 2003, 2002, 2001]
    assert search.ordering == "-year"
    assert '<option value="-year" selected>' in html(response)
    assert 'href="?committee=test-tc-pages&amp;ordering=-year&amp;page=1"' in html(response)


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_an_odd_page_number_shows_a_page_rather_than_an_error(client, committee, page):
    StandardFactory(committee=committee)
    response = client.get(f"/standards/?committee=test-tc-pages&page={page}")
    assert response.status_code == 200
    assert response.context["search"].page.paginator.count == 1


# -- Bad input and empty states ----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("objective=9.9", "Unknown objective &#x27;9.9&#x27;"),
        ("jurisdiction=XX", "Unknown jurisdiction &#x27;XX&#x27;"),
        ("ordering=colour", "Unknown ordering field &#x27;colour&#x27;"),
        ("updated_since=yesterday", "Updated since"),
        ("q=" + "x" * 201, "Search"),
        ("status=lost&objective=4.1", "Unknown status &#x27;lost&#x27;"),
    ],
)
def test_a_bad_filter_value_is_a_message_on_the_page(client, query, message):
    response = client.get(f"/standards/?{query}")
    assert response.status_code == 400
    page = html(response)
    assert 'role="alert"' in page and message in page
    assert "Some filters could not be applied" in page
    assert response.context["search"].page is None
    assert "Download CSV" not in page  # the API would refuse the same parameters


def test_a_bad_filter_message_offers_to_remove_just_that_filter(client):
    response = client.get("/standards/?objective=9.9&q=risk")
    (error,) = response.context["search"].errors
    assert QueryDict(error.remove_query).dict() == {"q": "risk"}
    assert f'href="?{escape(error.remove_query)}"' in html(response)


def test_empty_result_says_which_filter_to_loosen(client, two_stages):
    LifecycleStageFactory(slug="test-never", name="Never")
    response = client.get("/standards/?committee=test-tc-pages&lifecycle_stage=test-never")
    search = response.context["search"]
    assert search.page.paginator.count == 0
    loosen = {loosening.label: loosening for loosening in search.loosenings}
    assert loosen["Life-cycle stage"].count == 2
    assert QueryDict(loosen["Life-cycle stage"].query).dict() == {"committee": "test-tc-pages"}
    assert "Remove the Life-cycle stage filter to see 2 standards" in html(response)


def test_empty_result_when_no_single_filter_is_to_blame(client, two_stages):
    LifecycleStageFactory(slug="test-never", name="Never")
    response = client.get(
        "/standards/?objective=4.7&lifecycle_stage=test-never&committee=test-tc-pages"
    )
    assert all(loosening.count == 0 for loosening in response.context["search"].loosenings)
    assert "remove several, or" in html(response)


# -- Approved links only ---------------------------------------------------------------


@pytest.fixture
def proposed_links(committee):
    """A standard with approved links, and proposed ones that must stay private."""
    standard = StandardFactory(committee=committee, slug="test-private-links")
    ObjectiveLinkFactory(standard=standard, objective=ObjectiveFactory(code="4.1"))
    ObjectiveLinkFactory(
        standard=standard,
        objective=ObjectiveFactory(code="4.7"),
        review_state=ReviewState.PROPOSED,
        source="Secret draft source",
    )
    provision = ProvisionFactory(ref="Article 999", instrument__slug="test-private-act")
    ProvisionLinkFactory(standard=standard, provision=provision, review_state="proposed")
    LifecycleLinkFactory(
        standard=standard, stage__slug="test-private-stage", review_state="rejected"
    )
    return standard


def test_standard_page_shows_approved_links_only(client, proposed_links):
    response = client.get("/standards/test-private-links/")
    page = html(response)
    assert 'href="/objectives/4.1/"' in page
    assert "Secret draft source" not in page
    assert 'href="/objectives/4.7/"' not in page
    assert "test-private-act" not in page
    assert not any(item.applies for item in response.context["page"].timeline)


def test_objective_and_instrument_pages_leave_out_proposed_links(client, proposed_links):
    assert proposed_links.reference not in html(client.get("/objectives/4.7/"))
    assert proposed_links.reference not in html(client.get("/instruments/test-private-act/"))
    assert proposed_links.reference in html(client.get("/objectives/4.1/"))


def test_proposed_links_are_not_counted(client, proposed_links):
    response = client.get("/standards/?committee=test-tc-pages")
    assert counts(response, "objective").get("4.7") == 0
    assert "test-private-act" not in counts(response, "instrument")


def test_a_proposed_standard_has_no_page_and_is_not_listed(client, committee):
    StandardFactory(committee=committee, slug="test-proposed", review_state=ReviewState.PROPOSED)
    assert client.get("/standards/test-proposed/").status_code == 404
    assert (
        client.get("/standards/?committee=test-tc-pages").context["search"].page.paginator.count
        == 0
    )


def test_a_proposed_standard_is_not_named_as_an_edition_or_series_part(client, committee):
    public = StandardFactory(committee=committee, slug="test-public-part", series=SeriesFactory())
    hidden = StandardFactory(
        committee=committee, series=public.series, review_state=ReviewState.PROPOSED
    )
    StandardRelation.objects.create(from_standard=hidden, to_standard=public, kind="replaces")
    page = client.get("/standards/test-public-part/").context["page"]
    assert page.editions == [] and page.series_parts == [public]
    assert hidden.reference not in html(client.get("/standards/test-public-part/"))


# -- Detail pages ----------------------------------------------------------------------


def test_standard_page_shows_timeline_editions_adoptions_and_official_link(client, committee):
    standard = StandardFactory(
        committee=committee, slug="test-detail", url="https://www.iso.org/standard/1.html"
    )
    older = StandardFactory(committee=committee)
    newer = StandardFactory(committee=committee)
    StandardRelation.objects.create(from_standard=standard, to_standard=older, kind="replaces")
    StandardRelation.objects.create(from_standard=newer, to_standard=standard, kind="replaces")
    stage = LifecycleStageFactory(slug="test-detail-stage", name="Detail stage")
    LifecycleLinkFactory(standard=standard, stage=stage)
    country = JurisdictionFactory(code="QD", name="Detailland")
    body = StandardsBody.objects.create(acronym="QDS", slug="qds", name="Body", country=country)
    NationalAdoption.objects.create(standard=standard, body=body, designation="QDS 1", degree="IDT")
    NationalAdoption.objects.create(standard=standard, body=body, designation="QDS 2", degree="NEQ")

    response = client.get("/standards/test-detail/")
    page = html(response)
    timeline = response.context["page"].timeline
    assert [item.stage.slug for item in timeline if item.applies] == ["test-detail-stage"]
    assert len(timeline) > 1
    assert "replaces</span>" not in page  # relation labels are plain text, not markup
    assert f"{standard.reference} replaces" in page and older.get_absolute_url() in page
    assert f"{standard.reference} is replaced by" in page and newer.get_absolute_url() in page
    assert "QDS 1" in page and "QDS 2" in page and "not an adoption" in page
    assert 'href="https://www.iso.org/standard/1.html"' in page
    assert "Stage 60.60: Publication: Published" in page
    assert committee.get_absolute_url() in page


def test_instrument_page_lists_each_provision_with_its_standards(client):
    instrument = PolicyInstrumentFactory(slug="test-act", name="Test Act")
    article = ProvisionFactory(instrument=instrument, ref="Article 40", title="Harmonised")
    empty = ProvisionFactory(instrument=instrument, ref="Article 41")
    linked = ProvisionLinkFactory(provision=article).standard
    whole = StandardFactory()
    ProvisionLinkFactory(
        standard=whole, instrument=instrument, provision=None, relationship="explicitly_cited_by"
    )
    page = html(client.get("/instruments/test-act/"))
    article_html = page[page.index("Article 40") : page.index(empty.ref)]
    assert linked.get_absolute_url() in article_html
    folded = page[page.index("<details", page.index("provisions-heading")) :]
    assert "1 more provision without linked standards" in folded and empty.ref in folded
    assert "The instrument as a whole" in page and whole.get_absolute_url() in page


def test_jurisdiction_page_shows_own_inherited_instruments_and_standards(client):
    world = JurisdictionFactory(code="INT", kind="global")
    bloc = JurisdictionFactory(code="QBL", name="Bloc", kind="bloc")
    country = JurisdictionFactory(code="QCY", name="Country")
    BlocMembership.objects.create(bloc=bloc, member=country)
    standards = {}
    for name, jurisdiction in [("own", country), ("bloc", bloc), ("global", world)]:
        instrument = PolicyInstrumentFactory(jurisdiction=jurisdiction, short_name=f"{name} act")
        standards[name] = ProvisionLinkFactory(provision__instrument=instrument).standard
    response = client.get("/jurisdictions/QCY/")
    page = response.context["page"]
    assert [str(item) for item in page.own_instruments] == ["own act"]
    inherited = {
        group.jurisdiction.code: [str(i) for i in group.instruments] for group in page.inherited
    }
    assert "bloc act" in inherited["QBL"] and "global act" in inherited["INT"]
    assert {standard.pk for standard in standards.values()} <= {s.pk for s in page.standards}
    assert [bloc] == page.blocs


def test_jurisdiction_page_count_follows_a_new_link(client):
    country = JurisdictionFactory(code="QCN", name="Counted")
    instrument = PolicyInstrumentFactory(jurisdiction=country)
    ProvisionLinkFactory(provision__instrument=instrument)
    before = client.get("/jurisdictions/QCN/").context["page"].standard_count

    ProvisionLinkFactory(provision__instrument=instrument)

    assert client.get("/jurisdictions/QCN/").context["page"].standard_count == before + 1


def test_committee_page_includes_its_subcommittees_standards(client, committee):
    child = CommitteeFactory(code="TEST/TC PAGES/SC 1", slug="test-tc-pages-sc-1", parent=committee)
    standard = StandardFactory(committee=child)
    response = client.get("/committees/test-tc-pages/")
    assert standard.get_absolute_url() in html(response)
    assert child.get_absolute_url() in html(response)


def test_objective_page_narrows_into_the_list_with_the_same_parameter_names(client):
    page = html(client.get("/objectives/4.1/"))
    form = page[page.index('class="narrow-form"') :]
    form = form[: form.index("</form>")]
    assert 'action="/standards/"' in page
    assert 'name="objective" value="4.1"' in form
    assert 'name="jurisdiction"' in form and 'name="lifecycle_stage"' in form


def test_jurisdiction_picker_goes_to_the_jurisdiction_page(client):
    JurisdictionFactory(code="QP", name="Pickland")
    response = client.get("/jurisdictions/?code=QP")
    assert response.status_code == 302 and response["Location"] == "/jurisdictions/QP/"
    unknown = client.get("/jurisdictions/?code=ZZZ")
    assert unknown.status_code == 400 and "No jurisdiction has the code" in html(unknown)


# -- Not found ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/standards/no-such-standard/",
        "/committees/no-such-committee/",
        "/objectives/9.9/",
        "/instruments/no-such-instrument/",
        "/jurisdictions/XX/",
        "/no-such-page/",
    ],
)
def test_unknown_addresses_get_the_friendly_not_found_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = html(response)
    assert "We could not find that page" in page
    assert 'href="/standards/"' in page and 'class="skip-link"' in page
