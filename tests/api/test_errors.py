"""Bad input is a 400 naming the parameter (and, for enumerations, the allowed values); a page
past the end is a 404 with a message; nothing a client sends causes a 500."""

import pytest

from tests.factories import CommitteeFactory, LifecycleStageFactory, StandardFactory

pytestmark = pytest.mark.django_db

STANDARDS = "/api/v1/standards/"


@pytest.mark.parametrize(
    ("query", "parameter", "allowed"),
    [
        ("objective=9.9", "objective", ["4.1", "4.7"]),
        ("objective=4.2&objective=4.8", "objective", ["4.2"]),
        ("jurisdiction=XX", "jurisdiction", ["DE", "EU", "INT"]),
        ("jurisdiction=DE&jurisdiction_scope=wide", "jurisdiction_scope", ["inherited", "exact"]),
        ("lifecycle_stage=sleeping", "lifecycle_stage", ["deployment"]),
        ("committee=iso-tc-0", "committee", ["test-tc-"]),
        ("deliverable_type=XYZ", "deliverable_type", ["IS", "TS", "TR"]),
        ("status=gone", "status", ["published", "withdrawn"]),
        ("sector=space", "sector", []),
        ("instrument=no-such-law", "instrument", []),
        ("ordering=colour", "ordering", ["reference", "-year", "updated"]),
        ("format=xml", "format", ["json", "csv"]),
    ],
)
def test_unknown_enumeration_value_names_parameter_and_allowed_values(
    api, query, parameter, allowed
):
    CommitteeFactory(), LifecycleStageFactory(slug="deployment")
    response = api.get(f"{STANDARDS}?{query}", request_conforms=False)
    assert response.status_code == 400
    [message] = response.json()[parameter]
    assert "Allowed:" in message
    for value in allowed:
        assert value in message


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=201", "page_size"),
        ("page_size=1.5", "page_size"),
        ("page=0", "page"),
        ("page=last", "page"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2024-13-01T00:00:00Z", "updated_since"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_malformed_value_names_the_parameter(api, query, parameter):
    response = api.get(f"{STANDARDS}?{query}", request_conforms=None)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_page_size_error_states_the_range(api):
    message = api.get(f"{STANDARDS}?page_size=500", request_conforms=False).json()["page_size"]
    assert message == ["'500' is not a whole number from 1 to 200."]


def test_q_of_200_characters_is_accepted(api):
    assert api.get(f"{STANDARDS}?q={'x' * 200}").status_code == 200


def test_page_past_the_end_is_404_with_a_message(api):
    StandardFactory()
    response = api.get(f"{STANDARDS}?page=999")
    assert response.status_code == 404
    assert response.json()["page"][0].startswith("Page 999 does not exist")


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("instruments", "kind=poem", "kind"),
        ("instruments", "binding=maybe", "binding"),
        ("instruments", "jurisdiction=XX", "jurisdiction"),
        ("jurisdictions", "kind=planet", "kind"),
        ("mappings", "relationship=loves", "relationship"),
        ("mappings", "confidence=certain", "confidence"),
        ("mappings", "target=objective:9.9", "target"),
        ("mappings", "source=no-such-standard", "source"),
        ("adoptions", "degree=XYZ", "degree"),
        ("adoptions", "country=XX", "country"),
        ("adoptions", "standard=no-such-standard", "standard"),
        ("objectives", "page_size=-1", "page_size"),
        ("committees", "format=pdf", "format"),
    ],
)
def test_other_endpoints_reject_unknown_values(api, path, query, parameter):
    response = api.get(f"/api/v1/{path}/?{query}", request_conforms=None)
    assert response.status_code == 400
    assert parameter in response.json()


def test_csv_request_with_bad_input_gets_a_json_error(api):
    response = api.get(f"{STANDARDS}?format=csv&objective=9.9", request_conforms=False)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "objective" in response.json()


def test_detail_does_not_offer_csv(api):
    standard = StandardFactory()
    response = api.get(f"{STANDARDS}{standard.slug}/?format=csv", request_conforms=None)
    assert response.status_code == 400 and "format" in response.json()


COMMON = ["page", "page_size", "format"]
PARAMETERS = {
    "standards": [
        "objective",
        "jurisdiction",
        "jurisdiction_scope",
        "lifecycle_stage",
        "committee",
        "deliverable_type",
        "status",
        "sector",
        "instrument",
        "q",
        "updated_since",
        "ordering",
    ],
    "objectives": [],
    "instruments": ["jurisdiction", "jurisdiction_scope", "kind", "binding"],
    "jurisdictions": ["kind"],
    "lifecycle-stages": [],
    "committees": [],
    "mappings": ["source", "target", "relationship", "confidence"],
    "adoptions": ["standard", "country", "body", "degree", "status"],
}
ODD_VALUES = [
    "%00",
    "4.2%00",
    "%27%3B--",
    "0001-01-01T00:00:00%2B01:00",
    "9999-12-31T23:59:59-01:00",
    "1e309",
    "x" * 3000,
]


@pytest.mark.parametrize("path", list(PARAMETERS))
def test_odd_values_never_cause_a_server_error(api, path):
    StandardFactory()
    for parameter in [*PARAMETERS[path], *COMMON]:
        for value in ODD_VALUES:
            # The test client raises on a 500, so reaching the assertion means none happened.
            response = api.client.get(f"/api/v1/{path}/?{parameter}={value}")
            assert response.status_code in {200, 400, 404}, (parameter, value)
            assert response["Content-Type"].startswith(("application/json", "text/csv"))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/standards/%00/",
        "/api/v1/objectives/9.9/",
        "/api/v1/objectives/4.2%00/",
        "/api/v1/jurisdictions/%00/",
        "/api/v1/instruments/x%27/",
        "/api/v1/adoptions/99999999999999999999999/",
    ],
)
def test_odd_detail_keys_are_404(api, path):
    assert api.client.get(path).status_code == 404
