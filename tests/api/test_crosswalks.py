"""Crosswalk exports: OSCAL mapping collection and NIST OLIR columns (issue 14)."""

import csv
import io
import json
import uuid
from pathlib import Path

import jsonschema_rs
import pytest

from core.models import ReviewState
from mappings.models import StandardProvisionLink
from tests.factories import (
    ObjectiveFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    StandardFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "api/schemas/oscal/oscal_mapping_schema.json"
# The allowed values of a map entry's relationship in OSCAL's own namespace: a metaschema
# constraint the JSON schema does not carry (oscal_mapping-common_metaschema.xml, v1.2.1).
OSCAL_RELATIONSHIPS = {
    "equivalent-to",
    "equal-to",
    "subset-of",
    "superset-of",
    "intersects-with",
    "no-relationship",
}
OSCAL = "/api/v1/crosswalks/oscal/"
OLIR = "/api/v1/crosswalks/olir/"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$id"] == "http://csrc.nist.gov/ns/oscal/1.2.1/oscal-mapping-schema.json"
    return jsonschema_rs.Draft7Validator(schema, validate_formats=True)


def schema_errors(validator, document) -> list[str]:
    return [
        f"{error.instance_path}: {error.message[:300]}" for error in validator.iter_errors(document)
    ]


@pytest.fixture
def crosswalk(db):
    """An instrument with two provisions, each linked (approved) to a standard, one with a
    NIST IR 8477 set relation; and hidden links of every sort."""
    instrument = PolicyInstrumentFactory(
        slug="xw-act", name="Crosswalk Act", short_name="XW Act", url="https://example.org/xw"
    )
    article_9, article_40 = (
        ProvisionFactory(instrument=instrument, ref="Article 9", slug="article-9", title="Risk"),
        ProvisionFactory(
            instrument=instrument,
            ref="Article 40",
            slug="article-40",
            title="Harmonised — standards",
        ),
    )
    standard = StandardFactory(number="77001", title="Management — systems for AI")
    subset = ProvisionLinkFactory(
        standard=standard,
        provision=article_9,
        relationship=StandardProvisionLink.Relationship.SUBSET_OF,
        source="Curated comparison",
        rationale="Covers risk management only.",
        confidence="low",
    )
    supports = ProvisionLinkFactory(standard=standard, provision=article_40)
    whole = ProvisionLinkFactory(
        standard=standard,
        instrument=instrument,
        provision=None,
        relationship=StandardProvisionLink.Relationship.EXPLICITLY_CITED_BY,
    )
    proposed = ProvisionLinkFactory(
        standard=StandardFactory(number="77002"),
        provision=article_9,
        review_state=ReviewState.PROPOSED,
    )
    rejected = ProvisionLinkFactory(
        standard=StandardFactory(number="77003"),
        provision=article_40,
        review_state=ReviewState.REJECTED,
    )
    private_standard = StandardFactory(number="77004", review_state=ReviewState.PROPOSED)
    of_private = ProvisionLinkFactory(standard=private_standard, provision=article_9)
    return {
        "instrument": instrument,
        "standard": standard,
        "shown": [subset, supports, whole],
        "hidden": [proposed, rejected, of_private],
    }


def oscal(client, query: str = ""):
    response = client.get(OSCAL + query)
    assert response.status_code == 200, response.content
    return response, response.json()


def maps_of(document) -> list[dict]:
    return [
        entry for mapping in document["mapping-collection"]["mappings"] for entry in mapping["maps"]
    ]


def olir(client, query: str = "") -> list[dict]:
    response = client.get(OLIR + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_oscal_export_of_the_whole_catalogue_validates_against_nists_schema(client, validator):
    _response, document = oscal(client)
    assert schema_errors(validator, document) == []
    collection = document["mapping-collection"]
    assert collection["metadata"]["oscal-version"] == "1.2.1"
    namespace = "http://testserver/api/v1/crosswalks/"
    for entry in maps_of(document):
        if entry.get("ns") != namespace:
            assert entry["relationship"] in OSCAL_RELATIONSHIPS
    assert len(maps_of(document)) > 10


def test_a_broken_document_fails_the_vendored_schema(client, validator):
    """The validation can fail: the schema is the real one, not a permissive stand-in."""
    _response, document = oscal(client)
    del document["mapping-collection"]["provenance"]
    document["mapping-collection"]["uuid"] = "not-a-uuid"
    assert len(schema_errors(validator, document)) >= 2


def test_oscal_export_has_one_map_entry_per_approved_link_and_none_other(
    client, validator, crosswalk
):
    _response, document = oscal(client, "?instrument=xw-act")
    assert schema_errors(validator, document) == []
    (mapping,) = document["mapping-collection"]["mappings"]
    assert mapping["target-resource"]["href"] == "http://testserver/api/v1/instruments/xw-act/"
    exported = {
        prop["value"]
        for entry in mapping["maps"]
        for prop in entry["props"]
        if prop["name"] == "mapping-id"
    }
    assert exported == {f"provision-{link.pk}" for link in crosswalk["shown"]}
    hidden = {link.standard.slug for link in crosswalk["hidden"]}
    sources = {source["id-ref"] for entry in mapping["maps"] for source in entry["sources"]}
    assert sources == {crosswalk["standard"].slug}
    assert not hidden & sources


def test_set_relations_become_oscal_relationships_others_keep_the_catalogue_code(client, crosswalk):
    _response, document = oscal(client, "?instrument=xw-act")
    by_target = {entry["targets"][0]["id-ref"]: entry for entry in maps_of(document)}
    subset = by_target["provision:xw-act/article-9"]
    assert subset["relationship"] == "subset-of" and "ns" not in subset
    assert subset["confidence-score"] == {"category": "low"}
    assert subset["remarks"] == "Covers risk management only."
    assert subset["sources"][0]["id-ref"] == crosswalk["standard"].slug
    supports = by_target["provision:xw-act/article-40"]
    assert supports["relationship"] == "supports_compliance_with"
    assert supports["ns"] == "http://testserver/api/v1/crosswalks/"
    whole = by_target["instrument:xw-act"]
    assert whole["relationship"] == "explicitly_cited_by"
    labels = {prop["name"]: prop["value"] for prop in whole["targets"][0]["props"]}
    assert labels == {"label": "XW Act", "title": "Crosswalk Act"}


def test_oscal_export_is_the_same_bytes_twice_with_name_based_uuids(client, crosswalk):
    first, document = oscal(client, "?instrument=xw-act")
    second, _document = oscal(client, "?instrument=xw-act")
    assert first.content == second.content
    link = crosswalk["shown"][0]
    (entry,) = [
        entry
        for entry in maps_of(document)
        if {"name": "mapping-id", "ns": entry.get("ns", ""), "value": f"provision-{link.pk}"}
        in [{**prop, "ns": entry.get("ns", "")} for prop in entry["props"]]
    ]
    assert uuid.UUID(entry["uuid"]).version == 5


def test_a_write_gives_the_collection_a_new_uuid_and_last_modified(client, crosswalk):
    first, before = oscal(client, "?instrument=xw-act")
    crosswalk["standard"].title = "Renamed"
    crosswalk["standard"].save()
    second, after = oscal(client, "?instrument=xw-act")
    assert before["mapping-collection"]["uuid"] != after["mapping-collection"]["uuid"]
    assert maps_of(before)[0]["uuid"] == maps_of(after)[0]["uuid"]
    assert second["Last-Modified"]
    assert after["mapping-collection"]["metadata"]["last-modified"].endswith("Z")


def test_oscal_metadata_names_the_curation_and_isos_attribution_without_a_licence(client):
    _response, document = oscal(client)
    remarks = document["mapping-collection"]["metadata"]["remarks"]
    assert "own curation" in remarks
    assert "ODC-By 1.0" in remarks and "No licence has been declared" in remarks


def test_objective_filter_exports_only_that_objectives_links(client, validator):
    objective = ObjectiveFactory(code="4.2")
    link = ObjectiveLinkFactory(objective=objective, standard=StandardFactory(number="77010"))
    _response, document = oscal(client, "?objective=4.2")
    assert schema_errors(validator, document) == []
    (mapping,) = document["mapping-collection"]["mappings"]
    assert mapping["target-resource"]["type"] == "objectives"
    targets = {entry["targets"][0]["id-ref"] for entry in mapping["maps"]}
    assert targets == {"objective:4.2"}
    assert link.standard.slug in {entry["sources"][0]["id-ref"] for entry in mapping["maps"]}


def test_instrument_and_objective_together_export_the_links_to_each(client, crosswalk):
    ObjectiveLinkFactory(objective=ObjectiveFactory(code="4.2"), standard=crosswalk["standard"])
    _response, document = oscal(client, "?instrument=xw-act&objective=4.2")
    types = [m["target-resource"]["type"] for m in document["mapping-collection"]["mappings"]]
    assert types == ["objectives", "policy-instrument"]


def test_unknown_filter_values_are_400s_naming_the_parameter(client):
    for query, parameter in [
        ("?instrument=no-such-act", "instrument"),
        ("?objective=9.9", "objective"),
        ("?confidence=certain", "confidence"),
        ("?standard=no-such-standard", "standard"),
    ]:
        for url in (OSCAL, OLIR):
            response = client.get(url + query)
            assert response.status_code == 400, (url, query)
            assert response["Content-Type"] == "application/json"
            assert parameter in response.json(), response.json()
    response = client.get(OLIR + "?bom=2")
    assert response.status_code == 400 and "bom" in response.json()


def test_oscal_export_with_no_matching_link_is_a_404_saying_why(client, crosswalk):
    response = client.get(
        OSCAL + f"?instrument=xw-act&standard={crosswalk['hidden'][0].standard.slug}"
    )
    assert response.status_code == 404
    assert "No approved link" in response.json()["detail"]


def test_olir_csv_has_nists_columns_and_reads_back_with_a_bom(client, crosswalk):
    response = client.get(OLIR + "?instrument=xw-act&bom=1")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0])[:16] == [
        "Focal Document",
        "Focal Document Version",
        "Focal Document URL",
        "Focal Document Element",
        "Focal Document Element Description",
        "Reference Document",
        "Reference Document Version",
        "Reference Document URL",
        "Reference Document Element",
        "Reference Document Element Description",
        "Rationale",
        "Relationship",
        "Relationship Type",
        "Relationship Property",
        "Comments",
        "Strength of Relationship",
    ]
    by_element = {row["Focal Document Element"]: row for row in rows}
    assert set(by_element) == {"Article 9", "Article 40", "XW Act"}
    subset = by_element["Article 9"]
    assert subset["Focal Document"] == "Crosswalk Act"
    assert subset["Reference Document"] == crosswalk["standard"].reference
    assert subset["Reference Document Element Description"] == "Management — systems for AI"
    assert (subset["Relationship"], subset["Relationship Type"]) == ("subset of", "")
    assert subset["Rationale"] == ""  # not recorded by the catalogue, so not guessed
    assert subset["Comments"] == "Covers risk management only."
    assert subset["Confidence"] == "low" and subset["Strength of Relationship"] == "N/A"
    article_40 = by_element["Article 40"]
    assert article_40["Focal Document Element Description"] == "Harmonised — standards"
    assert (article_40["Relationship"], article_40["Relationship Type"]) == ("", "supports")
    cited = by_element["XW Act"]
    assert (cited["Relationship"], cited["Relationship Type"]) == ("", "")
    assert cited["Catalogue Relationship"] == "explicitly_cited_by"


def test_olir_csv_never_lists_unapproved_links(client, crosswalk):
    rows = olir(client, "?instrument=xw-act")
    ids = {row["Catalogue Mapping ID"] for row in rows}
    assert ids == {f"provision-{link.pk}" for link in crosswalk["shown"]}


def test_olir_csv_objective_links_are_supportive_with_their_property(client):
    objective = ObjectiveFactory(code="4.2")
    link = ObjectiveLinkFactory(
        objective=objective, standard=StandardFactory(number="77011"), relationship="integral_to"
    )
    (row,) = [
        row for row in olir(client, "?objective=4.2") if row["Standard Slug"] == link.standard.slug
    ]
    assert row["Focal Document Element"] == "4.2"
    assert (row["Relationship Type"], row["Relationship Property"]) == ("supports", "integral to")


def test_olir_csv_cells_are_formula_safe(client, crosswalk):
    crosswalk["standard"].title = '=HYPERLINK("https://evil.example")'
    crosswalk["standard"].save()
    rows = olir(client, "?instrument=xw-act")
    assert {row["Reference Document Element Description"] for row in rows} == {
        '\'=HYPERLINK("https://evil.example")'
    }


def test_crosswalk_list_names_both_exports_and_the_vocabulary(api):
    data = api.get("/api/v1/crosswalks/").json()
    urls = {item["id"]: item["url"] for item in data["results"]}
    assert urls == {
        "oscal": "http://testserver/api/v1/crosswalks/oscal/",
        "olir": "http://testserver/api/v1/crosswalks/olir/",
    }
    assert data["vocabulary"]["oscal_relationships"]["subset_of"] == "subset-of"
    assert "ODC-By 1.0" in data["notice"]


def test_oscal_export_is_documented_and_conforms_to_the_openapi_schema(api, crosswalk):
    response = api.get(OSCAL + "?instrument=xw-act&confidence=low")
    assert response.json()["mapping-collection"]["mappings"]


def test_crosswalk_exports_are_public_reads_with_an_etag(client, crosswalk):
    response = client.get(OSCAL + "?instrument=xw-act")
    again = client.get(OSCAL + "?instrument=xw-act", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    user = make_user("xw-curator", "curator")
    client.force_login(user)
    assert client.get(OLIR).status_code == 200
