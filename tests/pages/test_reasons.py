"""Why a standard is listed (issue 16): one function, the same reasons on the page, in the
CSV ``why`` column and in the API's ``matched_because``, in a fixed number of queries."""

import csv
import io

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from catalogue.models import NationalAdoption, Standard
from discovery.filters import StandardFilterSet
from discovery.reasons import standard_reasons
from tests.factories import ObjectiveLinkFactory, ProvisionFactory, ProvisionLinkFactory
from tests.pages.builders import World

pytestmark = pytest.mark.django_db

ALL_FILTERS = "objective=4.1&lifecycle_stage=test-stage-qc&jurisdiction=QC&instrument=test-qc-act"


def bound(query: str) -> StandardFilterSet:
    filterset = StandardFilterSet(QueryDict(query), queryset=Standard.objects.none())
    assert filterset.is_valid(), filterset.errors
    return filterset


def reasons_queries(query: str, ids) -> int:
    filterset = bound(query)
    filterset.form.fields["objective"].choices  # noqa: B018 - read the choices before counting
    with CaptureQueriesContext(connection) as context:
        standard_reasons(filterset, ids)
    return len(context.captured_queries)


def test_reasons_take_a_fixed_number_of_queries_with_1_and_20_rows():
    world = World().grow(1)
    one = list(Standard.objects.filter(committee=world.committee).values_list("pk", flat=True))
    with_one = reasons_queries(ALL_FILTERS, one[:1])
    world.grow(19)
    twenty = list(Standard.objects.filter(committee=world.committee).values_list("pk", flat=True))
    assert len(twenty) >= 20
    with_twenty = reasons_queries(ALL_FILTERS, twenty[:20])
    # objective, stage, instrument, the jurisdiction (+ its blocs and INT), its links,
    # adoptions, and the catalogue version that keys the cached choice lists and the
    # jurisdiction's reach (read twice: outside a request the version is not kept)
    assert with_one == with_twenty == 10


def test_reasons_name_the_link_its_source_and_confidence():
    world = World().grow(1)
    link = ProvisionLinkFactory(
        standard=world.target,
        provision=ProvisionFactory(instrument=world.instrument, ref="Art. 15"),
        relationship="supports_compliance_with",
        confidence="medium",
    )
    reasons = standard_reasons(bound("instrument=test-qc-act"), [world.target.pk])
    texts = [reason.text for reason in reasons[world.target.pk]]
    name = link.instrument.short_name or link.instrument.name
    assert f"{name} Art. 15 — supports compliance with, medium" in texts
    assert {reason.filter for reason in reasons[world.target.pk]} == {"instrument"}


def test_objective_reason_cites_its_source_and_locator():
    world = World()
    reasons = standard_reasons(bound("objective=4.1"), [world.target.pk])[world.target.pk]
    link = world.target.objective_links.get()
    assert reasons[0].text == f"4.1 — {link.source}, {link.locator}".rstrip(", ")


def test_jurisdiction_reasons_include_adoptions_and_inherited_instruments():
    world = World().grow(1)
    NationalAdoption.objects.create(
        standard=world.target, body=world.body, designation="TQC EN 42001", degree="IDT"
    )
    bloc_instrument = ProvisionFactory(instrument__jurisdiction__code="QB").instrument
    ProvisionLinkFactory(standard=world.target, provision=bloc_instrument.provisions.get())
    texts = [
        reason.text
        for reason in standard_reasons(bound("jurisdiction=QC"), [world.target.pk])[world.target.pk]
    ]
    assert "adopted in QC as TQC EN 42001" in texts
    assert any("(QB) —" in text for text in texts)
    exact = standard_reasons(bound("jurisdiction=QC&jurisdiction_scope=exact"), [world.target.pk])
    assert not any("(QB)" in reason.text for reason in exact[world.target.pk])


def test_no_active_filter_gives_no_reasons():
    world = World()
    assert standard_reasons(bound("committee=test-tc-qc"), [world.target.pk]) == {
        world.target.pk: []
    }


def test_list_row_shows_its_reason(client):
    world = World()
    response = client.get("/standards/?objective=4.1&committee=test-tc-qc")
    link = world.target.objective_links.get()
    assert "Listed because" in response.content.decode()
    assert f"4.1 — {link.source}" in response.content.decode()
    assert "Listed because" not in client.get("/standards/?committee=test-tc-qc").content.decode()


def test_csv_why_column_and_api_matched_because_agree_with_the_page(client):
    world = World()
    ObjectiveLinkFactory(
        standard=world.target, objective=world.objective, relationship="integral_to", locator="§ 9"
    )
    query = "objective=4.1&committee=test-tc-qc"
    page = client.get(f"/standards/?{query}").context["search"].page.object_list
    on_page = {row.reference: [reason.text for reason in row.matched_because] for row in page}
    api = client.get(f"/api/v1/standards/?{query}").json()["results"]
    in_api = {
        row["reference"]: [reason["text"] for reason in row["matched_because"]] for row in api
    }
    response = client.get(f"/api/v1/standards/?{query}&format=csv")
    body = b"".join(response.streaming_content).decode()
    in_csv = {row["reference"]: row["why"] for row in csv.DictReader(io.StringIO(body))}
    assert on_page == in_api and on_page[world.target.reference]
    assert in_csv == {reference: "; ".join(texts) for reference, texts in on_page.items()}


def test_api_matched_because_is_empty_without_filters(client):
    World()
    results = client.get("/api/v1/standards/?committee=test-tc-qc").json()["results"]
    assert results and all(row["matched_because"] == [] for row in results)
