"""Full-text search of standards: what ``?q=`` finds, and in which order. The one definition.

Texts, a standard's and a query's alike, go through ``words()``: Unicode NFKC (full-width
"ＩＳＯ" is "ISO"), case folding, accents of Latin, Greek and Cyrillic letters dropped ("é" is
"e"; Japanese kana keep their voicing marks), and every character that is not a letter or a
digit a separator.

A query is split at spaces into pieces, and a standard must match every piece (AND). A piece
matches when it is

- a substring of the reference or of one of its printed forms, as typed and ignoring case
  ("5259-1", "ISO/IEC", "2001" in 42001), as before full-text search; or
- its words, as a phrase whose last word is a prefix, in the reference, a title or a summary
  ("robust" finds "robustness", "machine-learning" finds "machine learning"; "ness" no
  longer finds "robustness"); or, for a piece with Chinese, Japanese or Korean characters
  (written without spaces), each of its words as a substring of those texts ("機械学習" and
  "分類" in "機械学習による分類").

Titles and summaries are those of every language the model has (``title_ja`` …, picked up
from ``Standard._meta``). Without an explicit ``ordering`` the results are ranked: first the
standards that every piece finds in the reference or a printed form, then those found there or
in a title, then the rest; within each rank the natural reference order (``sort_key``, id).

Both databases give the same results in the same order. What matches is defined as ``LIKE``
on the folded texts of ``StandardSearch`` (one line per value, each word after a space, so
``LIKE '% robust%'`` is a word prefix), and the rank is computed so. The indexes find those
rows: the printed references through trigrams (an FTS5 ``trigram`` table and ``GLOB`` on
SQLite, ``pg_trgm`` on PostgreSQL), the words through a full-text index of the same words on
both (``StandardSearch.words``, split by Python): an FTS5 table with the ``ascii`` tokenizer on
SQLite, a GIN-indexed ``tsvector`` column generated with ``array_to_tsvector`` on PostgreSQL;
no stemming, no stop words, no parser of either database in between. For one word the index
finds exactly the rows ``LIKE`` would; for a phrase or CJK it narrows and ``LIKE`` confirms.

The table follows every save of a standard in the same transaction (``connect_signals``);
bulk writes call ``search_rebuild()``, as ``manage.py rebuild_search`` does.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_save

from catalogue.models import Standard
from discovery.models import StandardSearch

FTS_TABLE = "discovery_standardsearch_fts"
PRINTED_TABLE = "discovery_standardsearch_printed"
COLUMNS = ("reference", "title", "summary")
# A PostgreSQL lexeme holds at most 2,047 bytes; a query word is far shorter (Q_MAX_LENGTH),
# so cutting indexed words here changes no prefix match.
INDEXED_WORD_LENGTH = 500
BATCH_SIZE = 2000

# Scripts written without spaces between words: Hangul Jamo, CJK radicals and symbols (々〆〇),
# kana, Bopomofo, Hangul, CJK ideographs and their extensions, half-width kana.
CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3040, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x3FFFF),
)


# Text: the same folding for the documents and the queries.
def is_cjk(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in CJK_RANGES)


def has_cjk(text: str) -> bool:
    return any(is_cjk(char) for char in text)


def fold(text: str) -> str:
    """NFKC, case-folded, without the accents of letters below U+2000 (Latin, Greek,
    Cyrillic …); other scripts keep their marks (が stays が)."""
    folded = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        if char.isascii() or ord(char) >= 0x2000:
            folded.append(char)
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded.append("".join(part for part in decomposed if not unicodedata.combining(part)))
    return "".join(folded)


def words(text: str) -> list[str]:
    """The folded words of ``text``: runs of letters and digits."""
    return "".join(char if char.isalnum() else " " for char in fold(text)).split()


def _lines(values: Iterable[str]) -> str:
    """One line per value, each word after a space: ``LIKE '% word%'`` is a word prefix."""
    return "\n".join(" " + " ".join(found) for found in map(words, values) if found)


def _indexable(word: str) -> str:
    """What of ``word`` a query word without CJK characters can be a prefix of."""
    for index, char in enumerate(word):
        if is_cjk(char):
            return word[:index]
    return word


# Documents: which fields, and the row of one standard.
def _translated(base: str, names: set[str]) -> list[str]:
    codes = {code.replace("-", "_").lower() for code, _name in settings.LANGUAGES}
    return [base, *sorted(f"{base}_{code}" for code in codes if f"{base}_{code}" in names)]


def document_fields(model=Standard) -> dict[str, list[str]]:
    """The fields each text column is built from: the reference and its printed forms; the
    title and the summary with every translation the model has (``title_ja`` …)."""
    names = {field.name for field in model._meta.concrete_fields}
    return {
        "reference": ["reference", "aliases"],
        "title": _translated("title", names),
        "summary": _translated("summary", names),
    }


def _field_names(model=Standard) -> list[str]:
    return [name for names in document_fields(model).values() for name in names]


def document(values: dict, fields: dict[str, list[str]] | None = None) -> dict[str, str]:
    """The search columns of one standard from its field ``values`` (``document_fields``)."""
    fields = fields or document_fields()
    reference = [values["reference"] or "", *(values["aliases"] or "").splitlines()]
    texts = {
        "reference": reference,
        "title": [values[name] or "" for name in fields["title"]],
        "summary": [values[name] or "" for name in fields["summary"]],
    }
    indexed = dict.fromkeys(
        _indexable(word)[:INDEXED_WORD_LENGTH]
        for values_ in texts.values()
        for value in values_
        for word in words(value)
    )
    indexed.pop("", None)
    return {
        "printed": "\n".join(fold(value) for value in reference if value),
        **{column: _lines(dict.fromkeys(texts[column])) for column in COLUMNS},
        "words": " ".join(indexed),
    }


def search_row(values: dict, fields: dict[str, list[str]] | None = None) -> StandardSearch:
    return StandardSearch(standard_id=values["pk"], **document(values, fields))


# Writing: derived rows, equal to a fresh computation.
def _rows(standards: QuerySet[Standard]) -> Iterable[StandardSearch]:
    fields = document_fields()
    for values in standards.order_by().values("pk", *_field_names()).iterator(BATCH_SIZE):
        yield search_row(values, fields)


def _upsert(rows: list[StandardSearch]) -> None:
    StandardSearch.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["standard"],
        update_fields=["printed", *COLUMNS, "words"],
    )


def search_refresh(standard_ids: Iterable[int]) -> None:
    """Recompute the search rows of these standards (two queries)."""
    ids = sorted({pk for pk in standard_ids if pk is not None})
    if ids:
        _upsert(list(_rows(Standard.objects.filter(pk__in=ids))))


def search_rebuild() -> int:
    """Recompute the whole table (after bulk writes); return the number of rows."""
    StandardSearch.objects.all().delete()
    batch, count = [], 0
    for row in _rows(Standard.objects.all()):
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            StandardSearch.objects.bulk_create(batch)
            count, batch = count + len(batch), []
    StandardSearch.objects.bulk_create(batch)
    return count + len(batch)


def search_differences() -> set[int]:
    """The standards whose stored search row differs from a fresh one, or is missing or
    left over (for checks)."""
    columns = ["printed", *COLUMNS, "words"]
    stored = {
        row["standard_id"]: tuple(row[column] for column in columns)
        for row in StandardSearch.objects.values("standard_id", *columns)
    }
    fresh = {
        row.standard_id: tuple(getattr(row, column) for column in columns)
        for row in _rows(Standard.objects.all())
    }
    return {pk for pk in stored.keys() | fresh.keys() if stored.get(pk) != fresh.get(pk)}


def _on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata (import_catalogue) rebuilds once at the end
        return
    names = _field_names()
    if update_fields is not None and not set(update_fields) & set(names):
        return
    if set(names) & instance.get_deferred_fields():
        search_refresh([instance.pk])
        return
    values = {"pk": instance.pk, **{name: getattr(instance, name) for name in names}}
    _upsert([search_row(values)])


def connect_signals() -> None:
    # Deleting a standard deletes its row by cascade (and, on SQLite, a trigger its index).
    post_save.connect(_on_save, sender=Standard, dispatch_uid="search-standard-save")


# Reading: the condition and the rank of a query.
@dataclasses.dataclass(frozen=True)
class Piece:
    """One space-separated piece of a query."""

    printed: str  # folded, as typed: a substring of the reference or a printed form
    units: tuple[str, ...]  # each in one text: " word word" (word prefixes) or a CJK substring
    indexed: tuple[str, ...]  # words of which the full-text index must hold a prefix


def pieces(query: str) -> list[Piece]:
    found = []
    for text in query.split():
        printed, tokens = fold(text), words(text)
        if any(map(has_cjk, tokens)):
            units = tuple(token if has_cjk(token) else f" {token}" for token in tokens)
            indexed = tuple(token for token in tokens if not has_cjk(token))
        else:
            units = (" " + " ".join(tokens),) if tokens else ()
            indexed = tuple(tokens)
        if printed or units:
            found.append(Piece(printed, units, indexed))
    return found


class Sql:
    """A condition on one search row, written for ``vendor``: SQL text and its parameters.

    Column names are left unqualified: each condition is the ``WHERE`` of a subquery over
    ``discovery_standardsearch`` alone, where they can mean nothing else.
    """

    def __init__(self, vendor: str):
        self.vendor = vendor

    def contains(self, column: str, text: str) -> tuple[str, list]:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        escape = "" if self.vendor == "postgresql" else " ESCAPE '\\'"
        return f"{column} LIKE %s{escape}", [f"%{escaped}%"]

    def printed(self, text: str) -> tuple[str, list]:
        """``text`` in the printed references: LIKE served by the trigram index on
        PostgreSQL, GLOB through the FTS5 trigram table on SQLite (both exact)."""
        if self.vendor == "postgresql":
            return self.contains("printed", text)
        pattern = "*" + "".join(f"[{char}]" if char in "*?[" else char for char in text) + "*"
        return f"standard_id IN (SELECT rowid FROM {PRINTED_TABLE} WHERE printed GLOB %s)", [
            pattern
        ]

    def indexed(self, words_: tuple[str, ...]) -> tuple[str, list]:
        """The full-text index holds a prefix of each of ``words_`` (letters and digits
        only, never syntax): ``'w1':* & 'w2':*`` on the tsvector column, ``"w1"* AND "w2"*``
        on the FTS5 table. A superset of the rows: the texts decide."""
        if self.vendor == "postgresql":
            return "vector @@ %s::tsquery", [" & ".join(f"'{word}':*" for word in words_)]
        query = " AND ".join(f'"{word}"*' for word in words_)
        return f"standard_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [query]


def _join(operator: str, parts: list[tuple[str, list]]) -> tuple[str, list]:
    if not parts:
        return ("1 = 1" if operator == "AND" else "1 = 0"), []
    sql = f" {operator} ".join(f"({part})" for part, _params in parts)
    return sql, [param for _part, params in parts for param in params]


def _found_in(sql: Sql, piece: Piece, columns: list[str]) -> tuple[str, list]:
    """``piece`` in ``columns``: each unit in one of them (``LIKE`` on the texts)."""
    if not piece.units:
        return "1 = 0", []
    return _join(
        "AND",
        [_join("OR", [sql.contains(column, unit) for column in columns]) for unit in piece.units],
    )


def _printed(sql: Sql, piece: Piece) -> tuple[str, list]:
    return sql.printed(piece.printed) if piece.printed else ("1 = 0", [])


def _indexed(sql: Sql, piece: Piece) -> tuple[str, list]:
    return sql.indexed(piece.indexed) if piece.indexed else ("1 = 1", [])


def search(queryset: QuerySet[Standard], query: str) -> QuerySet[Standard]:
    """Keep the standards of ``queryset`` that match ``query``, ranked (module docstring).

    Adds no query: the condition and the rank are subqueries of the list's own query.
    """
    found = pieces(query)
    if not found:
        return queryset
    sql = Sql(connection.vendor)
    matching, in_reference, in_heading = [], [], []
    for piece in found:
        if len(piece.units) == 1 and piece.indexed == (piece.units[0][1:],):
            # One word without CJK characters: the index holds exactly the words LIKE finds
            # (``_indexable``), so there is nothing to confirm.
            texts = _indexed(sql, piece)
        else:
            texts = _join("AND", [_indexed(sql, piece), _found_in(sql, piece, list(COLUMNS))])
        matching.append(_join("OR", [_printed(sql, piece), texts]))
        printed = sql.contains("printed", piece.printed) if piece.printed else ("1 = 0", [])
        in_reference.append(_join("OR", [printed, _found_in(sql, piece, ["reference"])]))
        in_heading.append(_join("OR", [printed, _found_in(sql, piece, ["reference", "title"])]))
    where, params = _join("AND", matching)
    first, first_params = _join("AND", in_reference)
    second, second_params = _join("AND", in_heading)
    rank = RawSQL(
        f"CASE WHEN {first} THEN 0 WHEN {second} THEN 1 ELSE 2 END",
        [*first_params, *second_params],
        output_field=IntegerField(),
    )
    rows = StandardSearch.objects.filter(RawSQL(where, params, output_field=BooleanField()))
    ranks = StandardSearch.objects.filter(standard_id=OuterRef("pk")).annotate(rank=rank)
    return (
        queryset.filter(pk__in=rows.values("standard_id"))
        .alias(search_rank=Subquery(ranks.values("rank")[:1]))
        .order_by("search_rank", "sort_key", "id")
    )
