"""References sort in their natural order (issue 16): by organisation, number, part, year."""

import pytest

from catalogue.models import Standard
from core.text import reference_sort_key
from tests.factories import StandardFactory

pytestmark = pytest.mark.django_db


def all_references(api, query: str) -> list[str]:
    data = api.json(f"/api/v1/standards/?{query}&page_size=200")
    assert data["next"] is None, "the reference catalogue outgrew one page"
    return [row["reference"] for row in data["results"]]


@pytest.mark.parametrize("query", ["ordering=reference", "page=1"])
def test_ordering_by_reference_puts_5259_1_before_42001(api, reference_catalogue, query):
    references = all_references(api, query)
    assert references.index("ISO/IEC 5259-1:2024") < references.index("ISO/IEC 5259-2:2024")
    assert references.index("ISO/IEC 5259-2:2024") < references.index("ISO/IEC 42001:2023")


def test_technical_specifications_sort_among_the_standards_by_number(api, reference_catalogue):
    references = all_references(api, "ordering=reference")
    assert references.index("ISO/IEC TS 8200:2024") < references.index("ISO/IEC 22989:2022")


def test_descending_reference_order_is_the_reverse(api, reference_catalogue):
    forward = all_references(api, "ordering=reference")
    assert all_references(api, "ordering=-reference") == forward[::-1]


def test_csv_export_follows_the_natural_order(client, reference_catalogue):
    response = client.get("/api/v1/standards/?format=csv")
    body = b"".join(response.streaming_content).decode()
    references = [line.split(",", 1)[0] for line in body.splitlines()[1:]]
    assert references.index("ISO/IEC 5259-1:2024") < references.index("ISO/IEC 42001:2023")


def test_the_standards_page_follows_the_natural_order(client, reference_catalogue):
    search = client.get("/standards/").context["search"]
    references = [standard.reference for standard in search.page.paginator.object_list]
    assert references.index("ISO/IEC 5259-1:2024") < references.index("ISO/IEC 42001:2023")


def test_every_validated_write_keeps_the_sort_key(reference_catalogue):
    standard = StandardFactory(reference="TEST/IEC 123-4:2024", sort_key="")
    standard.full_clean()
    standard.save()
    standard.refresh_from_db()
    assert standard.sort_key == reference_sort_key("TEST/IEC 123-4:2024") != ""


def test_loaded_catalogue_has_every_sort_key_filled(reference_catalogue):
    assert not Standard.objects.filter(sort_key="").exists()


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("ISO/IEC 5259-1:2024", "ISO/IEC 5259-2:2024"),
        ("ISO/IEC 5259-2:2024", "ISO/IEC 42001:2023"),
        ("ISO/IEC 5259:2024", "ISO/IEC 5259-1:2024"),
        ("ISO/IEC TR 24028:2020", "ISO/IEC 42001:2023"),
        ("ISO/IEC 42001:2023", "ISO/IEC 42001:2023/Amd 1:2024"),
        ("ISO/IEC 22989:2022", "ISO/IEC 22989:2023"),
        ("ISO 9001:2015", "ISO/IEC 5259-1:2024"),
        ("ISO/IEC 42006", "ISO/IEC CD 42105"),
    ],
)
def test_sort_key_orders_references_naturally(earlier, later):
    assert reference_sort_key(earlier) < reference_sort_key(later)
