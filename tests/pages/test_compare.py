"""/compare/: objectives × chosen jurisdictions, counts equal to the filtered lists (issue 16)."""

import pytest

pytestmark = pytest.mark.django_db

QUERY = "/compare/?jurisdiction=DE&jurisdiction=JP&jurisdiction=US"


def api_count(client, objective: str, jurisdiction: str) -> int:
    url = f"/api/v1/standards/?objective={objective}&jurisdiction={jurisdiction}&page_size=1"
    return client.get(url).json()["count"]


def test_comparison_counts_equal_the_api_lists(client, reference_catalogue):
    response = client.get(QUERY)
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [item.code for item in comparison.jurisdictions] == ["DE", "JP", "US"]
    assert len(comparison.rows) == 7
    nonzero = 0
    for row in comparison.rows:
        for jurisdiction, cell in zip(comparison.jurisdictions, row.cells, strict=True):
            assert cell.count == api_count(client, row.objective.code, jurisdiction.code)
            assert f"objective={row.objective.code}" in cell.query
            nonzero += bool(cell.count)
    assert nonzero > 0


def test_differences_list_standards_in_some_but_not_all_with_reasons(client, reference_catalogue):
    comparison = client.get(QUERY).context["comparison"]
    differing = [item for row in comparison.rows for item in row.differing]
    assert differing
    for item in differing:
        assert any(item.applies) and not all(item.applies)
        assert [bool(reasons) for reasons in item.reasons] == item.applies
    html = client.get(QUERY).content.decode()
    assert differing[0].standard.reference in html and "Where they differ" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jurisdiction=XX&jurisdiction=DE", "Unknown jurisdiction 'XX'. Allowed:"),
        ("jurisdiction=DE", "Choose from 2 to 5 different jurisdictions; you chose 1."),
        ("jurisdiction=DE&jurisdiction=DE", "you chose 1"),
        (
            "jurisdiction=DE&jurisdiction=FR&jurisdiction=JP&jurisdiction=US&jurisdiction=GB"
            "&jurisdiction=KE",
            "you chose 6",
        ),
    ],
)
def test_bad_jurisdictions_are_a_400_naming_the_parameter(
    client, reference_catalogue, query, expected
):
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "jurisdiction:" in html and expected in html.replace("&#x27;", "'")


def test_compare_page_without_choice_invites_one(client, reference_catalogue):
    response = client.get("/compare/")
    assert response.status_code == 200
    assert "Choose at least two jurisdictions" in response.content.decode()
