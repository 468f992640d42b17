"""Nothing public unreviewed (issue 15, item 7): a standard, instrument or provision a person
adds through the write API, the admin or a CSV import is absent from every public surface
until another person approves it; then it is present."""

import csv
import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalogue.models import LifecycleStage, Standard
from core.roles import CURATOR, REVIEWER
from core.services.entries import entry_create, entry_review, entry_update
from exchange.csv_io import STANDARD_COLUMNS, csv_import
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
from policies.models import Jurisdiction, Objective, PolicyInstrument, Provision
from tests.factories import CommitteeFactory, ProvisionFactory, StandardFactory, make_user

pytestmark = pytest.mark.django_db

OBJECTIVE = "4.2"
STAGE = "deployment"


@pytest.fixture
def committee():
    return CommitteeFactory(code="TEST/TC 4242", slug="test-tc-4242", title="Review tests")


def new_standard_data(number: str, committee) -> dict:
    return {
        "reference": f"ISO/IEC {number}:2026",
        "deliverable_type": "IS",
        "number": number,
        "year": 2026,
        "title": f"Reviewed before publishing {number}",
        "committee": committee.code,
        "stage_code": "60.60",
        "source": "Test",
        "confidence": "high",
    }


def create_through_api(curator, committee) -> Standard:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    response = client.post(
        "/api/v1/standards/", new_standard_data("99201", committee), format="json"
    )
    assert response.status_code == 201, response.json()
    # The curator can still correct their proposal, with the ETag the answer carried.
    patched = client.patch(
        response["Location"],
        {"summary": "Corrected before review."},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert patched.status_code == 200, patched.json()
    return Standard.objects.get(reference="ISO/IEC 99201:2026")


def admin_form_data(client, url: str, fields: dict) -> dict:
    """The add page's own values (management forms of every inline included) plus ``fields``."""
    page = client.get(url)
    assert page.status_code == 200
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name, field in management.fields.items():
            data[f"{inline.formset.prefix}-{name}"] = management.initial.get(name, field.initial)
    data["_save"] = "Save"
    return {**data, **fields}


def create_through_admin(curator, committee) -> Standard:
    client = Client()
    client.force_login(curator)
    values = new_standard_data("99202", committee)
    values.update(slug="iso-iec-99202-2026", committee=committee.pk, in_brief="")
    values["title_en"] = values.pop("title")  # the admin shows the English and Japanese titles
    data = admin_form_data(client, "/admin/catalogue/standard/add/", values)
    response = client.post("/admin/catalogue/standard/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Standard.objects.get(reference="ISO/IEC 99202:2026")


def create_through_csv(curator, committee) -> Standard:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=STANDARD_COLUMNS)
    writer.writeheader()
    writer.writerow(
        {
            **dict.fromkeys(STANDARD_COLUMNS, ""),
            **new_standard_data("99203", committee),
            "in_brief": "false",
        }
    )
    report = csv_import(kind="standards", text=out.getvalue(), user=curator, dry_run=False)
    assert report.applied, report.lines()
    return Standard.objects.get(reference="ISO/IEC 99203:2026")


def link_it(standard, curator, reviewer):
    """Links to an objective and a stage, approved: they count only once the standard does."""
    targets = [
        (StandardObjectiveLink, {"objective": Objective.objects.get(code=OBJECTIVE)}),
        (StandardLifecycleLink, {"stage": LifecycleStage.objects.get(slug=STAGE)}),
    ]
    for model, target in targets:
        model.objects.create(
            standard=standard,
            **target,
            source="Test",
            review_state="approved",
            recorded_by=curator,
            reviewed_by=reviewer,
        )


def objective_facet_count(client) -> int:
    search = client.get("/standards/").context["search"]
    facet = next(facet for facet in search.facets if facet.name == "objective")
    return next(option.count for option in facet.options if option.value == OBJECTIVE)


def coverage_cell(client) -> int:
    matrix = client.get("/coverage/").context["coverage"].matrix
    row = next(row for row in matrix.rows if row.objective.code == OBJECTIVE)
    column = [stage.slug for stage in matrix.columns].index(STAGE)
    return row.cells[column].count


def surfaces(standard) -> dict[str, bool]:
    """Where the public sees ``standard`` (anonymous requests to every public surface)."""
    client, api = Client(), APIClient()
    reference = standard.reference
    csv_body = b"".join(api.get("/api/v1/standards/?format=csv").streaming_content).decode()
    committee_list = api.get(f"/api/v1/standards/?committee={standard.committee.slug}").json()
    return {
        "page": client.get(f"/standards/{standard.slug}/").status_code == 200,
        "list page": reference in client.get(f"/standards/?q={standard.number}").content.decode(),
        "committee page": reference
        in client.get(f"/committees/{standard.committee.slug}/").content.decode(),
        "api detail": api.get(f"/api/v1/standards/{standard.slug}/").status_code == 200,
        "api list": any(row["reference"] == reference for row in committee_list["results"]),
        "csv": reference in csv_body,
        "changes feed": reference in client.get("/feeds/changes/").content.decode(),
        "standards feed": reference
        in client.get(f"/feeds/standards/?committee={standard.committee.slug}").content.decode(),
        "mappings": any(
            row["source"]["reference"] == reference
            for row in api.get(
                f"/api/v1/mappings/?target=objective:{OBJECTIVE}&page_size=200"
            ).json()["results"]
        ),
    }


@pytest.mark.parametrize("create", [create_through_api, create_through_admin, create_through_csv])
def test_a_curators_new_standard_is_public_only_once_another_reviewer_approves_it(
    create, curator, reviewer, committee
):
    client = Client()
    facet_before, cell_before = objective_facet_count(client), coverage_cell(client)
    standard = create(curator, committee)
    assert standard.review_state == "proposed" and standard.proposed_by == curator
    link_it(standard, curator, reviewer)

    assert not any(surfaces(standard).values()), surfaces(standard)
    assert objective_facet_count(client) == facet_before
    assert coverage_cell(client) == cell_before

    entry_review(instance=standard, action="approve", user=reviewer, comment="Checked at ISO")

    assert all(surfaces(standard).values()), surfaces(standard)
    assert objective_facet_count(client) == facet_before + 1
    assert coverage_cell(client) == cell_before + 1
    standard.refresh_from_db()
    assert (standard.reviewed_by, standard.review_comment) == (reviewer, "Checked at ISO")
    assert standard.history.latest().history_change_reason == "approve: Checked at ISO"


def test_nobody_approves_their_own_entry_and_the_database_refuses_it_too(committee):
    both = make_user("both", CURATOR, REVIEWER)
    standard = create_through_csv(both, committee)
    with pytest.raises(Exception, match="another reviewer must"):
        entry_review(instance=standard, action="approve", user=both)
    standard.refresh_from_db()
    assert standard.review_state == "proposed"
    standard.review_state, standard.reviewed_by = "approved", both
    with pytest.raises(IntegrityError), transaction.atomic():
        standard.save()


def test_a_curator_may_not_review_and_a_rejected_entry_stays_private(curator, reviewer, committee):
    standard = create_through_csv(curator, committee)
    other = make_user("curator2", CURATOR)
    with pytest.raises(Exception, match="may not review"):
        entry_review(instance=standard, action="approve", user=other)
    entry_review(instance=standard, action="reject", user=reviewer, comment="Not AI")
    assert not Standard.objects.public().filter(pk=standard.pk).exists()
    with pytest.raises(Exception, match="cannot be approved"):
        entry_review(instance=standard, action="approve", user=reviewer)


def test_edits_to_a_published_standard_stay_public_and_are_recorded(curator):
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    entry_update(instance=standard, user=curator, data={"summary": "Edited."}, reason="test")
    standard.refresh_from_db()
    assert standard.review_state == "approved"
    assert Client().get(f"/standards/{standard.slug}/").status_code == 200
    latest = standard.history.latest()
    assert (latest.history_user, latest.summary) == (curator, "Edited.")


def test_a_review_state_in_the_data_is_ignored_for_a_user(curator, committee):
    data = {**new_standard_data("99204", committee), "review_state": "approved"}
    data["committee"] = committee
    data["slug"] = "iso-iec-99204-2026"
    standard = entry_create(model=Standard, user=curator, data=data)
    assert standard.review_state == "proposed"
    entry_update(instance=standard, user=curator, data={"review_state": "approved"})
    standard.refresh_from_db()
    assert standard.review_state == "proposed"


def test_a_curators_new_instrument_and_provision_wait_for_review(curator, reviewer):
    client = Client()
    client.force_login(curator)
    jurisdiction = Jurisdiction.objects.get(code="DE")
    data = admin_form_data(
        client,
        "/admin/policies/policyinstrument/add/",
        {
            "slug": "test-review-act",
            "name_en": "Test Review Act",
            "short_name": "TRA",
            "jurisdiction": jurisdiction.pk,
            "kind": "law",
            "binding": "unknown",
            "source": "Test",
            "confidence": "high",
            "provisions-TOTAL_FORMS": "1",
            "provisions-0-ref": "Article 1",
            "provisions-0-slug": "article-1",
            "provisions-0-order": "1",
            "provisions-0-title": "Standards",
            "provisions-0-source": "Test",
            "provisions-0-confidence": "high",
        },
    )
    response = client.post("/admin/policies/policyinstrument/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    instrument = PolicyInstrument.objects.get(slug="test-review-act")
    provision = Provision.objects.get(instrument=instrument)
    assert (instrument.review_state, provision.review_state) == ("proposed", "proposed")
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    StandardProvisionLink.objects.create(
        standard=standard,
        instrument=instrument,
        provision=provision,
        relationship="explicitly_cited_by",
        source="Test",
        review_state="approved",
        recorded_by=curator,
        reviewed_by=reviewer,
    )
    anonymous, api = Client(), APIClient()

    def visible() -> dict[str, bool]:
        slugs = [
            row["slug"] for row in api.get("/api/v1/instruments/?page_size=200").json()["results"]
        ]
        detail = api.get(f"/api/v1/standards/{standard.slug}/").json()
        return {
            "page": anonymous.get("/instruments/test-review-act/").status_code == 200,
            "index": "Test Review Act" in anonymous.get("/instruments/").content.decode(),
            "api list": "test-review-act" in slugs,
            "api detail": api.get("/api/v1/instruments/test-review-act/").status_code == 200,
            "jurisdiction page": "/instruments/test-review-act/"
            in anonymous.get("/jurisdictions/DE/").content.decode(),
            "provision": "Article 1"
            in anonymous.get("/instruments/test-review-act/").content.decode(),
            "standard's link": any(
                link["slug"] == "test-review-act" for link in detail["instruments"]
            ),
        }

    assert not any(visible().values()), visible()
    entry_review(instance=instrument, action="approve", user=reviewer)
    # The provision is still a proposal: the instrument shows, its article and the link
    # through it do not.
    assert visible() == {
        "page": True,
        "index": True,
        "api list": True,
        "api detail": True,
        "jurisdiction page": True,
        "provision": False,
        "standard's link": False,
    }
    entry_review(instance=provision, action="approve", user=reviewer)
    assert all(visible().values()), visible()


def test_reviewer_approves_an_entry_from_the_queue_with_a_comment(
    client, curator, reviewer, committee
):
    standard = create_through_csv(curator, committee)
    client.force_login(curator)
    page = client.get("/curation/").content.decode()
    assert standard.reference in page and "another reviewer must" not in page
    client.force_login(reviewer)
    assert standard.reference in client.get("/curation/").content.decode()
    response = client.post(
        f"/curation/entries/standard/{standard.pk}/review/",
        {"action": "approve", "comment": "Matches ISO's page"},
        follow=True,
    )
    assert response.status_code == 200
    standard.refresh_from_db()
    assert (standard.review_state, standard.review_comment) == ("approved", "Matches ISO's page")
    assert (
        client.post("/curation/entries/nonsense/1/review/", {"action": "approve"}).status_code
        == 404
    )


def test_reviewer_approves_entries_with_an_admin_action_and_comment(
    client, curator, reviewer, committee
):
    both = make_user("rc", CURATOR, REVIEWER)
    mine = create_through_csv(both, committee)
    theirs = create_through_api(curator, committee)
    client.force_login(both)
    response = client.post(
        "/admin/catalogue/standard/",
        {
            "action": "approve_entries",
            "_selected_action": [mine.pk, theirs.pk],
            "comment": "Both checked",
            "index": 0,
        },
        follow=True,
    )
    content = response.content.decode()
    assert "another reviewer must" in content
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.review_state == "proposed"
    assert (theirs.review_state, theirs.review_comment) == ("approved", "Both checked")


def test_queue_with_entries_runs_a_fixed_number_of_queries(client, curator, reviewer, committee):
    client.force_login(reviewer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/curation/").status_code == 200
        return len(queries)

    StandardFactory(review_state="proposed", proposed_by=curator)
    one = count()
    for _ in range(10):
        StandardFactory(review_state="proposed", proposed_by=curator)
        ProvisionFactory(review_state="proposed", proposed_by=curator)
    content = client.get("/curation/").content.decode()
    assert content.count('id="entry-standard-') == 11
    assert content.count('id="entry-provision-') == 10
    assert count() == one
