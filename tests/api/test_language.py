"""The API answers in the language asked for (``?lang=``, else ``Accept-Language``), with
codes and slugs unchanged, and says so (``Content-Language``, ``Vary``)."""

import csv
import io

import pytest
from django.core.cache import cache
from django.utils import translation

from core.cache import catalogue_cached

pytestmark = pytest.mark.django_db

DATA_QUALITY_JA = "データ品質の向上とデータガバナンスの確立"
JA = {"Accept-Language": "ja"}


def test_objective_4_2_in_japanese_with_accept_language(api, reference_catalogue):
    response = api.get("/api/v1/objectives/4.2/", **JA)
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == DATA_QUALITY_JA
    assert body["code"] == "4.2"
    assert response["Content-Language"] == "ja"
    assert "Accept-Language" in response["Vary"]


def test_english_by_default_and_lang_wins_over_the_header(api, reference_catalogue):
    english = api.get("/api/v1/objectives/4.2/")
    assert english["Content-Language"] == "en"
    assert english.json()["title"] != DATA_QUALITY_JA
    assert "Accept-Language" in english["Vary"]
    asked = api.get("/api/v1/objectives/4.2/?lang=en", **JA)
    assert asked["Content-Language"] == "en"
    assert asked.json()["title"] == english.json()["title"]
    japanese = api.get("/api/v1/objectives/4.2/?lang=ja")
    assert japanese.json()["title"] == DATA_QUALITY_JA
    assert japanese["ETag"] != english["ETag"]


def test_a_regional_variant_and_quality_values_pick_japanese(api, reference_catalogue):
    response = api.get("/api/v1/objectives/4.2/", **{"Accept-Language": "fr;q=0.9, ja-JP;q=0.8"})
    assert response["Content-Language"] == "ja"
    assert response.json()["title"] == DATA_QUALITY_JA


def test_an_unknown_lang_is_a_400_naming_it_and_the_allowed_values(api, reference_catalogue):
    response = api.get("/api/v1/standards/?lang=xx", request_conforms=False)
    assert response.status_code == 400
    assert response.json() == {"lang": ["Unknown language 'xx'. Allowed: en, ja."]}


def test_labels_in_japanese_codes_and_slugs_unchanged(api, reference_catalogue):
    url = "/api/v1/standards/?q=4213&lang="

    def ts_4213(rows):
        return next(row for row in rows if row["reference"] == "ISO/IEC TS 4213:2022")

    english = ts_4213(api.json(url + "en")["results"])
    japanese = ts_4213(api.json(url + "ja")["results"])
    assert japanese["title"] == "情報技術 人工知能 機械学習による分類性能の評価"
    assert japanese["slug"] == english["slug"] and japanese["reference"] == english["reference"]
    assert [o["code"] for o in japanese["objectives"]] == [o["code"] for o in english["objectives"]]
    assert japanese["objectives"][0]["title"] == DATA_QUALITY_JA
    stages = {stage["slug"]: stage["name"] for stage in japanese["lifecycle_stages"]}
    assert stages["verification-and-validation"] == "検証及び妥当性確認"
    jurisdiction = api.json("/api/v1/jurisdictions/JP/?lang=ja")
    assert (jurisdiction["code"], jurisdiction["name"]) == ("JP", "日本")


def test_the_standard_detail_gives_the_japanese_title_with_its_source(api, reference_catalogue):
    body = api.json("/api/v1/standards/iso-iec-ts-4213-2022/?lang=ja")
    assert body["title"] == "情報技術 人工知能 機械学習による分類性能の評価"
    assert body["title_ja_source"].startswith("ISO policy brief, Japanese edition (JSA)")
    assert body["title_ja_confidence"] == "high"


def test_the_csv_follows_the_language(api, reference_catalogue):
    url = "/api/v1/standards/?q=4213&format=csv"
    english = api.get(url)
    japanese = api.get(url, **JA)
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(japanese.body.decode()))}
    assert rows["ISO/IEC TS 4213:2022"]["title"] == "情報技術 人工知能 機械学習による分類性能の評価"
    assert japanese["Content-Language"] == "ja"
    assert japanese["ETag"] != english["ETag"]


def test_cached_values_are_kept_per_language(settings):
    settings.CATALOGUE_CACHE = True
    cache.clear()
    with translation.override("en"):
        assert catalogue_cached("labels", {}, lambda: "Deployment") == "Deployment"
    with translation.override("ja"):
        assert catalogue_cached("labels", {}, lambda: "導入") == "導入"
    with translation.override("en"):
        assert catalogue_cached("labels", {}, lambda: "recomputed") == "Deployment"


def test_the_feed_follows_the_language(client, reference_catalogue):
    response = client.get("/feeds/standards/?q=4213&lang=ja")
    assert response.status_code == 200
    assert "機械学習による分類性能の評価" in response.content.decode()
    assert 'xml:lang="ja"' in response.content.decode()
    assert response["Content-Language"] == "ja"


def test_the_openapi_document_describes_lang_and_accept_language(api):
    operation = api.document["paths"]["/api/v1/standards/"]["get"]
    parameters = {(p["in"], p["name"]): p for p in operation["parameters"]}
    assert parameters[("query", "lang")]["schema"]["enum"] == ["en", "ja"]
    assert ("header", "Accept-Language") in parameters
    assert "Content-Language" in operation["responses"]["200"]["headers"]


def test_q_finds_a_standard_by_its_japanese_title(api, reference_catalogue):
    references = [row["reference"] for row in api.json("/api/v1/standards/?q=機械学習")["results"]]
    assert "ISO/IEC TS 4213:2022" in references
