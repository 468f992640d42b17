"""Full-text search (``discovery.search``): the same standards in the same order on SQLite and
PostgreSQL, word prefixes and references as typed, CJK substrings, a rank, an index that only
narrows, rows kept current, and queries that are always text.

The corpora's expected lists are fixed here, not computed: CI runs this file on both
databases, so each must give exactly these answers.
"""

import hashlib
import types

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.synthetic import synthetic_catalogue_generate
from catalogue.models import Standard
from core.models import ReviewState
from discovery import search as search_module
from discovery.models import StandardSearch
from discovery.search import (
    document,
    document_fields,
    fold,
    pieces,
    search,
    search_differences,
    search_rebuild,
    words,
)
from tests.factories import StandardFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/standards/"

# Each query of the reference catalogue and the public standards it finds, in rank order.
REFERENCE_CORPUS = {
    "robustness": [
        "CEN/CLC ISO/IEC/TR 24029-1:2023",
        "ISO/IEC TR 24029-1:2021",
        "ISO/IEC 24029-2:2023",
        "ISO/IEC 24029-3",
        "prEN 18229-2",
    ],
    "Robust": [
        "CEN/CLC ISO/IEC/TR 24029-1:2023",
        "ISO/IEC TR 24029-1:2021",
        "ISO/IEC 24029-2:2023",
        "ISO/IEC 24029-3",
        "prEN 18229-2",
    ],
    "ROBUSTNESS": [
        "CEN/CLC ISO/IEC/TR 24029-1:2023",
        "ISO/IEC TR 24029-1:2021",
        "ISO/IEC 24029-2:2023",
        "ISO/IEC 24029-3",
        "prEN 18229-2",
    ],
    "42001": [
        "ISO/IEC 42001:2023",
        "ISO/IEC 42003",
    ],
    "2001": [
        "ISO/IEC 42001:2023",
    ],
    "ISO/IEC 22989": [
        "EN ISO/IEC 22989:2023",
        "EN ISO/IEC 22989:2023/prA1",
        "ISO/IEC 22989:2022",
        "ISO/IEC 22989:2022/DAmd 1:2025",
    ],
    "iso/iec 22989": [
        "EN ISO/IEC 22989:2023",
        "EN ISO/IEC 22989:2023/prA1",
        "ISO/IEC 22989:2022",
        "ISO/IEC 22989:2022/DAmd 1:2025",
    ],
    "TS 4213": [
        "ISO/IEC TS 4213:2022",
        "ISO/IEC 4213",
    ],
    "5259-1": [
        "ISO/IEC 5259-1:2024",
    ],
    "5259": [
        "ISO/IEC 5259-1:2024",
        "ISO/IEC 5259-2:2024",
        "ISO/IEC 5259-3:2024",
        "ISO/IEC 5259-4:2024",
        "ISO/IEC 5259-5:2025",
        "ISO/IEC TR 5259-6:2026",
        "prEN ISO/IEC 5259-4",
    ],
    "risk management": [
        "ISO/IEC 23894:2023",
        "prEN 18228",
        "ISO/IEC 27001:2022",
        "ISO/IEC 42001:2023",
        "prEN 18286",
    ],
    "machine-learning": [
        "EN ISO/IEC 23053:2023",
        "ISO/IEC TS 4213:2022",
        "ISO/IEC 5259-1:2024",
        "ISO/IEC 5259-2:2024",
        "ISO/IEC 5259-3:2024",
        "ISO/IEC 5259-4:2024",
        "ISO/IEC 5259-5:2025",
        "ISO/IEC TR 5259-6:2026",
        "ISO/IEC TS 6254:2025",
        "ISO/IEC TS 12791:2024",
        "ISO/IEC TR 17903:2024",
        "ISO/IEC 23053:2022",
        "prEN ISO/IEC 5259-4",
    ],
    "machine learning": [
        "EN ISO/IEC 23053:2023",
        "ISO/IEC TS 4213:2022",
        "ISO/IEC 5259-1:2024",
        "ISO/IEC 5259-2:2024",
        "ISO/IEC 5259-3:2024",
        "ISO/IEC 5259-4:2024",
        "ISO/IEC 5259-5:2025",
        "ISO/IEC TR 5259-6:2026",
        "ISO/IEC TS 6254:2025",
        "ISO/IEC TS 12791:2024",
        "ISO/IEC TR 17903:2024",
        "ISO/IEC 23053:2022",
        "prEN ISO/IEC 5259-4",
    ],
    "data quality": [
        "CEN/CLC/TR (Data governance and quality for AI within the European context)",
        "ISO/IEC 5259-1:2024",
        "ISO/IEC 5259-2:2024",
        "ISO/IEC 5259-3:2024",
        "ISO/IEC 5259-4:2024",
        "ISO/IEC 5259-5:2025",
        "ISO/IEC TR 5259-6:2026",
        "prEN ISO/IEC 5259-4",
        "prEN 18284",
    ],
    "bias": [
        "CEN/CLC ISO/IEC/TR 24027:2023",
        "ISO/IEC TS 12791:2024",
        "ISO/IEC TR 24027:2021",
        "prEN 18283",
    ],
    "trust": [
        "ISO/IEC TR 24028:2020",
        "prEN 18229-1",
        "prEN 18229-2",
        "prEN 18229-3",
    ],
    "ＩＳＯ ４２００１": [
        "ISO/IEC 42001:2023",
        "ISO/IEC 42003",
    ],
    "Évaluation": [
        "ISO/IEC TS 25058:2024",
        "ISO/IEC 25059:2023",
        "prEN 18281",
    ],
    "management system": [
        "ISO 14001:2015",
        "ISO/IEC 17021-1:2015",
        "ISO/IEC 27001:2022",
        "ISO/IEC 42001:2023",
        "ISO/IEC 42006:2025",
        "prEN 18286",
        "ISO/IEC 42003",
        "prEN 18228",
    ],
    "ai act": [
        "prEN 18286",
        "CEN/CLC/TR (Data governance and quality for AI within the European context)",
        "CEN/CLC/TR 17894",
        "prEN 18228",
        "prEN 18229-1",
        "prEN 18229-2",
        "prEN 18229-3",
        "prEN 18281",
        "prEN 18282",
        "prEN 18283",
        "prEN 18284",
        "prEN 18285",
    ],
    "transparency": [
        "FprEN ISO/IEC 12792",
        "ISO/IEC 12792:2025",
    ],
    "NEAR": [],
    '"quoted"': [],
    "risk*": [
        "ISO/IEC 23894:2023",
        "prEN 18228",
        "ISO/IEC 27001:2022",
        "ISO/IEC 42001:2023",
        "prEN 18286",
    ],
    "-risk": [
        "ISO/IEC 23894:2023",
        "prEN 18228",
        "ISO/IEC 27001:2022",
        "ISO/IEC 42001:2023",
        "prEN 18286",
    ],
    "^risk": [
        "ISO/IEC 23894:2023",
        "prEN 18228",
        "ISO/IEC 27001:2022",
        "ISO/IEC 42001:2023",
        "prEN 18286",
    ],
    "risk:": [
        "ISO/IEC 23894:2023",
        "prEN 18228",
        "ISO/IEC 27001:2022",
        "ISO/IEC 42001:2023",
        "prEN 18286",
    ],
    "(risk) OR (bias)": [],
    "risk AND bias": [],
    "risk NOT bias": [],
    "prEN": [
        "FprEN ISO/IEC 12792",
        "prEN ISO/IEC 5259-4",
        "prEN 18228",
        "prEN 18229-1",
        "prEN 18229-2",
        "prEN 18229-3",
        "prEN 18281",
        "prEN 18282",
        "prEN 18283",
        "prEN 18284",
        "prEN 18285",
        "prEN 18286",
        "prEN ISO/IEC 24970",
    ],
    "CEN/CLC": [
        "CEN/CLC ISO/IEC/TR 24027:2023",
        "CEN/CLC ISO/IEC/TR 24029-1:2023",
        "CEN/CLC/TR (Data governance and quality for AI within the European context)",
        "CEN/CLC/TR 17894",
    ],
    "TR 24029": [
        "CEN/CLC ISO/IEC/TR 24029-1:2023",
        "ISO/IEC TR 24029-1:2021",
    ],
    "ness": [],
    "terminology": [
        "EN ISO/IEC 22989:2023",
        "EN ISO/IEC 22989:2023/prA1",
        "ISO/IEC 5259-1:2024",
        "ISO/IEC 22989:2022",
        "ISO/IEC 22989:2022/DAmd 1:2025",
    ],
    "life cycle": [
        "EN ISO/IEC 8183:2024",
        "ISO/IEC 5338:2023",
        "ISO/IEC 8183:2023",
        "ISO/IEC 5339:2024",
        "ISO/IEC TS 12791:2024",
        "ISO/IEC 22989:2022",
    ],
    "42001:2023": [
        "ISO/IEC 42001:2023",
    ],
    "’": [],
    "'": [],
}
SYNTHETIC_CORPUS = {
    "robustness": (
        15,
        ["CEN/CLC ISO/IEC/TR 24029-1:2023", "ISO/IEC TR 24029-1:2021", "ISO/IEC 24029-2:2023"],
        "1c1b58debc668bee",
    ),
    "risk": (12, ["ISO/IEC 23894:2023", "prEN 18228", "SYN/IEC AWI 100013"], "8ad7a086d5da1c2e"),
    "SYN": (
        294,
        ["SYN/IEC 100001-1:2003", "SYN/IEC TR 100001-2:2011", "SYN/IEC 100001-3:1995"],
        "8f6121aabc0c4183",
    ),
    "data quality": (
        26,
        [
            "CEN/CLC/TR (Data governance and quality for AI within the European context)",
            "ISO/IEC 5259-1:2024",
            "ISO/IEC 5259-2:2024",
        ],
        "d69cc91b43a4a62f",
    ),
    "SYN/IEC": (
        293,
        ["SYN/IEC 100001-1:2003", "SYN/IEC TR 100001-2:2011", "SYN/IEC 100001-3:1995"],
        "c29165864bdcf76f",
    ),
    "transparency": (
        15,
        ["FprEN ISO/IEC 12792", "ISO/IEC 12792:2025", "SYN/IEC 100002:2020"],
        "977d283d5618cd5b",
    ),
    "10": (303, ["ISO/IEC 29100:2011", "ISO/IEC 29100:2024", "ISO/IEC 42102"], "481720b762104242"),
    "bias": (
        32,
        ["CEN/CLC ISO/IEC/TR 24027:2023", "ISO/IEC TS 12791:2024", "ISO/IEC TR 24027:2021"],
        "5c25ba2b1b9eac70",
    ),
    "lifecycle": (0, [], "e3b0c44298fc1c14"),
    "management system": (
        21,
        ["ISO 14001:2015", "ISO/IEC 17021-1:2015", "ISO/IEC 27001:2022"],
        "3136c7a3e2ff579e",
    ),
}

# On the reference catalogue plus 300 synthetic standards (seed 7): how many are found, the
# first three, and a hash of the whole ordered list of references.


def found(query: str, queryset=None) -> list[str]:
    queryset = Standard.objects.public() if queryset is None else queryset
    return list(search(queryset, query).values_list("reference", flat=True))


def digest(references: list[str]) -> str:
    return hashlib.sha256("\n".join(references).encode()).hexdigest()[:16]


@pytest.mark.parametrize("query", list(REFERENCE_CORPUS))
def test_reference_catalogue_corpus_finds_the_fixed_list_in_order(reference_catalogue, query):
    assert found(query) == REFERENCE_CORPUS[query]


def test_synthetic_catalogue_corpus_finds_the_fixed_list_in_order(reference_catalogue):
    synthetic_catalogue_generate(standards=300, seed=7)
    assert search_differences() == set()  # the bulk generator rebuilt the index
    for query, (count, first, hashed) in SYNTHETIC_CORPUS.items():
        references = found(query)
        assert (len(references), references[:3], digest(references)) == (
            count,
            first,
            hashed,
        ), query


def test_the_api_ranks_and_an_explicit_ordering_wins(client, reference_catalogue):
    def references(query):
        return [row["reference"] for row in client.get(API + "?" + query).json()["results"]]

    assert references("q=terminology") == REFERENCE_CORPUS["terminology"]
    by_year = references("q=terminology&ordering=-year")
    assert by_year != REFERENCE_CORPUS["terminology"]
    assert sorted(by_year) == sorted(REFERENCE_CORPUS["terminology"])
    years = list(
        Standard.objects.filter(reference__in=by_year)
        .order_by("-year", "id")
        .values_list("reference", flat=True)
    )
    assert by_year == years


def test_rank_is_reference_then_title_then_summary_then_natural_order(db):
    summary = StandardFactory(number="70003", title="Other things", summary="About zyxwonder.")
    title_late = StandardFactory(number="70002", title="Zyxwonder kit", summary="Nothing.")
    title_early = StandardFactory(number="70001", title="Zyxwonders", summary="Nothing.")
    reference = StandardFactory(
        number="70009", reference="ZYXWONDER 70009", title="Plain", summary="Plain."
    )
    assert found("zyxwonder") == [
        reference.reference,
        title_early.reference,
        title_late.reference,
        summary.reference,
    ]
    # Every piece must be in the reference for the first rank, in it or a title for the second.
    assert found("zyxwonder plain") == [reference.reference]
    assert found("zyxwonder nothing") == [title_early.reference, title_late.reference]


def test_words_are_prefixes_and_phrases_not_substrings(db):
    standard = StandardFactory(title="Qorbustness of qeural qetworks", summary="Qachine qearning.")
    assert found("qorbust") == [standard.reference]
    assert found("QEURAL qetw") == [standard.reference]
    assert found("qachine-qearning") == [standard.reference]
    assert found("qearning-qachine") == []  # a phrase keeps its order
    assert found("bustness") == []  # inside a word: not a match any more (it was a substring)
    assert found("qorbust qabsent") == []  # words are AND-ed


def test_references_match_as_typed_substrings(db):
    standard = StandardFactory(
        number="65259", part="1", reference="XYZ/IEC TS 65259-1:2024", title="Q", summary="Q"
    )
    for query in ["65259", "65259-1", "XYZ/IEC 65259", "ts 65259", "65259-1:2024", "xyz/iec"]:
        assert found(query) == [standard.reference], query
    assert found("65259-2") == []


CJK_TITLE = "情報技術 人工知能 機械学習による分類性能の評価"


def test_japanese_words_match_as_substrings(db):
    fields = document_fields()
    field = "title_ja" if "title_ja" in fields["title"] else "title"
    queries = ["機械学習", "分類", "分類性能", "人工知能 評価", "情報技術、人工知能"]
    misses = ["機械学習 分類 音声", "深層学習"]
    # The reference catalogue's Japanese titles may match too: only the new row is compared.
    before = {query: set(found(query)) for query in queries + misses}
    standard = StandardFactory(**{field: CJK_TITLE})
    for query in queries:
        assert set(found(query)) - before[query] == {standard.reference}, query
    for query in misses:
        assert set(found(query)) == before[query], query


def test_translated_titles_and_summaries_are_in_the_document():
    """``title_<language>`` and ``summary_<language>`` fields (django-modeltranslation) are
    picked up from the model, for every language of the site."""
    names = ["reference", "aliases", "title", "title_ja", "title_en", "summary", "summary_ja"]
    names += ["title_xx", "summary_extra"]  # not languages of the site
    model = types.SimpleNamespace(
        _meta=types.SimpleNamespace(
            concrete_fields=[types.SimpleNamespace(name=name) for name in names]
        )
    )
    fields = document_fields(model)
    assert fields == {
        "reference": ["reference", "aliases"],
        "title": ["title", "title_en", "title_ja"],
        "summary": ["summary", "summary_ja"],
    }
    values = {
        "reference": "ISO/IEC 1",
        "aliases": "",
        "title": "Evaluation",
        "title_en": "Evaluation",
        "title_ja": CJK_TITLE,
        "summary": "",
        "summary_ja": "概要",
    }
    row = document(values, fields)
    assert row["title"] == " evaluation\n 情報技術 人工知能 機械学習による分類性能の評価"
    assert row["summary"] == " 概要"


def test_folding_is_the_same_for_documents_and_queries():
    assert fold("ＩＳＯ／ＩＥＣ") == "iso/iec"
    assert words("Évaluation, CAFÉ-crème") == ["evaluation", "cafe", "creme"]
    assert words("プログラミング言語") == ["プログラミング言語"]  # kana keep their marks
    assert words("Straße") == ["strasse"]
    assert [piece.units for piece in pieces("ai・システム 5259-1")] == [
        (" ai", "システム"),
        (" 5259 1",),
    ]


SYNTAX = [
    '"',
    '"risk',
    "risk*",
    "*",
    "-",
    "-risk",
    "^risk",
    "risk:",
    "title:risk",
    "(",
    "(risk",
    ")",
    "NEAR(risk bias)",
    "risk NEAR bias",
    "AND",
    "OR",
    "NOT",
    "risk OR",
    "'",
    "':*",
    "risk & bias | !x",
    "<->",
    "%",
    "_",
    "\\",
    "100%",
    "a_b",
    "{reference} : risk",
    "\u0301",
    "x" * 200,
]


@pytest.mark.parametrize("query", SYNTAX)
def test_query_syntax_characters_are_text_everywhere(client, reference_catalogue, query):
    for url in [API, "/standards/", "/feeds/standards/"]:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
    assert client.get(API, {"q": query, "format": "csv"}).status_code == 200


def test_operators_are_words(db):
    standard = StandardFactory(title="Qnear qmisses", summary="Near and or not.")
    assert found("QNEAR") == [standard.reference]
    assert found("qnear AND or NOT") == [standard.reference]
    assert found('"qnear qmisses"') == [standard.reference]
    assert found("qnear*") == [standard.reference]


def test_percent_and_underscore_are_literal(db):
    standard = StandardFactory(reference="TEST_X 100%:2024", title="Plain", summary="Plain.")
    StandardFactory(reference="TESTAX 1000:2024", title="Plain", summary="Plain.")
    assert found("test_x") == [standard.reference]
    assert found("%") == [standard.reference]
    assert found("_") == [standard.reference]


def test_glob_and_bracket_characters_are_literal(db):
    standard = StandardFactory(reference="QTEST [1]*?:2024", title="Plain", summary="Plain.")
    StandardFactory(reference="QTEST 1:2024", title="Plain", summary="Plain.")
    for query in ["]*?", "*", "?", "[", "]", "*?:"]:
        assert found(query) == [standard.reference], query


def test_the_index_only_narrows(reference_catalogue, monkeypatch):
    """The full-text and trigram indexes find no fewer and no more than the texts alone
    (``LIKE``): exactly the same for one word, which is not confirmed in the texts."""
    synthetic_catalogue_generate(standards=300, seed=7)
    queries = [*REFERENCE_CORPUS, *SYNTHETIC_CORPUS, "a", "s", "1", "ai act", "in"]
    with_index = {query: found(query) for query in queries}

    def texts(sql, piece):
        return search_module._found_in(sql, piece, list(search_module.COLUMNS))

    monkeypatch.setattr(search_module, "_indexed", texts)
    monkeypatch.setattr(
        search_module, "_printed", lambda sql, piece: sql.contains("printed", piece.printed)
    )
    assert {query: found(query) for query in queries} == with_index


def test_writes_keep_the_index_current(db):
    standard = StandardFactory(title="Qalpha", summary="Qbeta")
    assert found("qalpha") == [standard.reference]
    standard.title = "Qgamma"
    standard.save()
    assert found("qalpha") == [] and found("qgamma") == [standard.reference]
    standard.summary = "Qdelta"
    standard.save(update_fields=["summary"])
    assert found("qdelta") == [standard.reference]
    standard.year = 2020
    standard.save(update_fields=["year"])  # not a searched field
    deferred = Standard.objects.only("pk", "reference").get(pk=standard.pk)
    deferred.reference = "QRENAMED 1:2024"
    deferred.save()
    assert found("qrenamed") == [deferred.reference]
    assert found("qgamma") == [deferred.reference]
    other = StandardFactory(title="Qepsilon")
    other.delete()
    assert found("qepsilon") == []
    assert not StandardSearch.objects.filter(standard_id=other.pk).exists()
    assert search_differences() == set()


def test_drafts_are_indexed_but_only_public_standards_are_listed(client, db):
    draft = StandardFactory(title="Zetaword", review_state=ReviewState.PROPOSED)
    assert found("zetaword", Standard.objects.all()) == [draft.reference]
    assert client.get(API, {"q": "zetaword"}).json()["count"] == 0


def test_bulk_writes_are_caught_up_by_the_rebuild_and_checked(db, capsys):
    standard = StandardFactory(title="Qbefore")
    Standard.objects.filter(pk=standard.pk).update(title="Qafter")  # sends no signal
    assert search_differences() == {standard.pk}
    with pytest.raises(CommandError, match="stale for 1 standards"):
        call_command("rebuild_search", "--check")
    call_command("rebuild_search")
    call_command("rebuild_search", "--check")
    assert found("qafter") == [standard.reference]
    assert search_rebuild() == Standard.objects.count()


def test_the_reference_loader_leaves_the_index_current(reference_catalogue):
    assert StandardSearch.objects.count() == Standard.objects.count()
    assert search_differences() == set()


@pytest.mark.parametrize("url", [API + "?objective=4.2", "/standards/?objective=4.2"])
def test_search_adds_no_query(client, reference_catalogue, url):
    def count(address):
        client.get(address)  # warm the caches the first request fills
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    assert client.get(API + "?objective=4.2&q=data quality").json()["count"] > 1
    assert count(url + "&q=data quality") == count(url + "&q=iso/iec 42") == count(url)
