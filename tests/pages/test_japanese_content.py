"""Pages in Japanese show the Japanese texts, and mark an English text that stands in for a
missing translation with ``lang="en"``; the JIS adoptions make standards apply in Japan."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from catalogue.models import NationalAdoption, Standard
from website import views

pytestmark = pytest.mark.django_db

TS_4213_JA = "情報技術 人工知能 機械学習による分類性能の評価"


def render(standard) -> str:
    template = Template('{% load site %}<p>{{ standard|translated:"title" }}</p>')
    return template.render(Context({"standard": standard}))


def test_a_missing_translation_is_the_english_text_marked_lang_en(reference_catalogue):
    translated = Standard.objects.get(reference="ISO/IEC TS 4213:2022")
    untranslated = Standard.objects.get(reference="ISO/IEC 42006:2025")
    with translation.override("ja"):
        assert render(translated) == f"<p>{TS_4213_JA}</p>"
        assert render(untranslated) == f'<p><span lang="en">{untranslated.title_en}</span></p>'
    with translation.override("en"):
        assert render(untranslated) == f"<p>{untranslated.title_en}</p>"
        assert render(translated) == f"<p>{translated.title_en}</p>"


def test_the_english_fallback_is_escaped(reference_catalogue):
    standard = Standard.objects.get(reference="ISO/IEC 42006:2025")
    standard.title_en = "<b>bold</b>"
    with translation.override("ja"):
        assert render(standard) == '<p><span lang="en">&lt;b&gt;bold&lt;/b&gt;</span></p>'


def page(view, path, **kwargs) -> str:
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = "ja"
    with translation.override("ja"):
        response = view(request, **kwargs)
        return (
            response.render().content.decode()
            if hasattr(response, "render")
            else (response.content.decode())
        )


def test_the_standard_page_in_japanese(reference_catalogue):
    html = page(
        views.standard_detail, "/ja/standards/iso-iec-ts-4213-2022/", slug="iso-iec-ts-4213-2022"
    )
    assert f'<p class="lead">{TS_4213_JA}</p>' in html
    assert "データ品質の向上とデータガバナンスの確立" in html
    assert 'lang="en"' not in html.split('<p class="lead">')[1].split("</p>")[0]


def test_the_list_marks_untranslated_titles(reference_catalogue):
    html = page(views.standard_list, "/ja/standards/?q=42006")
    untranslated = Standard.objects.get(reference="ISO/IEC 42006:2025").title_en
    assert f'<p class="result__title"><span lang="en">{untranslated}</span></p>' in html


def test_jurisdiction_jp_finds_22989_through_jis_x_22989_with_its_unverified_degree(
    client, reference_catalogue
):
    """The research records JIS X 22989:2023 as IDT, though the source read does not state
    it: the degree is loaded as unverified, Japan has ISO/IEC 22989:2022 with the reason,
    which says so, in the API and on the pages; without the degree it would not."""
    jis = NationalAdoption.objects.get(designation="JIS X 22989:2023")
    assert (jis.degree, jis.degree_confidence) == ("IDT", "unverified")
    url = "/api/v1/standards/?jurisdiction=JP&jurisdiction_scope=exact"
    rows = {row["reference"]: row for row in client.get(url + "&lang=ja").json()["results"]}
    reasons = [reason["text"] for reason in rows["ISO/IEC 22989:2022"]["matched_because"]]
    assert any("JIS X 22989:2023" in text and "未検証" in text for text in reasons), reasons
    assert rows["ISO/IEC 22989:2022"]["title"] == "人工知能の概念と用語"
    english = client.get(url).json()["results"]
    reasons = [r["text"] for row in english for r in row["matched_because"]]
    assert any("JIS X 22989:2023" in text and "Unverified" in text for text in reasons)
    html = page(views.standard_list, "/ja/standards/?jurisdiction=JP&jurisdiction_scope=exact")
    assert "JIS X 22989:2023" in html and "人工知能の概念と用語" in html
    detail = client.get("/ja/standards/iso-iec-22989-2022/").content.decode()
    assert "JIS X 22989:2023" in detail and "未検証" in detail
    jis.degree = ""
    jis.save()
    assert "ISO/IEC 22989:2022" not in [
        row["reference"] for row in client.get(url).json()["results"]
    ]
