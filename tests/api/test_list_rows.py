"""The API list builds its rows from values; they must equal what the serializer writes."""

import json
import re

import pytest
from django.utils import translation
from rest_framework.test import APIRequestFactory

from api.serializers.catalogue import StandardListSerializer, URLs, standard_list_item
from discovery.selectors import standard_list_rows, standard_list_with_instruments

pytestmark = pytest.mark.django_db
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_list_rows_from_values_equal_the_serializer_on_the_reference_catalogue(
    reference_catalogue, language
):
    request = APIRequestFactory().get("/api/v1/standards/")
    with translation.override(language):
        standards = list(standard_list_with_instruments())
        assert len(standards) > 50
        expected = StandardListSerializer(standards, many=True, context={"request": request}).data
        urls = URLs(request)
        rows = standard_list_rows([standard.pk for standard in standards])
        written = [standard_list_item(row, urls) for row in rows]
        assert json.dumps(written) == json.dumps(expected)
    assert any(item["instruments"] for item in written)
    assert any(item["publication_date"] for item in written)
    by_reference = {item["reference"]: item for item in written}
    ts_4213 = by_reference["ISO/IEC TS 4213:2022"]
    if language == "ja":
        assert ts_4213["title"] == "情報技術 人工知能 機械学習による分類性能の評価"
        assert all(JAPANESE.search(link["title"]) for link in ts_4213["objectives"])
        assert all(JAPANESE.search(link["name"]) for link in ts_4213["lifecycle_stages"])
        # No printed Japanese title: the English one, as the serializer falls back.
        assert not JAPANESE.search(by_reference["ISO/IEC 42006:2025"]["title"])
    else:
        assert not any(JAPANESE.search(json.dumps(item, ensure_ascii=False)) for item in written)


def test_the_list_page_runs_the_filter_once_and_counts_from_the_cache(api, reference_catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/api/v1/standards/?objective=4.3&jurisdiction=DE&page_size=1"
    first = api.get(url)
    with CaptureQueriesContext(connection) as context:
        again = api.get(url + "&page=2")
    assert first.status_code == again.status_code == 200
    assert again.json()["count"] == first.json()["count"]
    assert not any("COUNT(" in query["sql"].upper() for query in context.captured_queries)


def test_a_cursor_walks_every_row_once(api, reference_catalogue):
    everything = api.get("/api/v1/standards/?page_size=200").json()
    seen, url = [], "/api/v1/standards/?cursor=&page_size=7"
    while url:
        page = api.client.get(url).json()
        assert page["count"] == everything["count"]
        seen += [row["slug"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(row["slug"] for row in everything["results"])
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("query", "parameter"), [("cursor=bogus", "cursor"), ("cursor=&ordering=year", "ordering")]
)
def test_a_bad_cursor_is_a_400_naming_the_parameter(api, query, parameter):
    response = api.client.get(f"/api/v1/standards/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()
