"""fixtures/translations_ja.yaml: Japanese names for rows that exist, each with a source and a
confidence from the catalogue's vocabulary, and no staff bookkeeping in a public field."""

import re
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CONFIDENCE = {"high", "medium", "low", "unverified"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# (section, key field, fixture file, key in that file, every row needs a name?)
SECTIONS = [
    ("objectives", "code", "objectives.yaml", "code", True),
    ("lifecycle_stages", "slug", "lifecycle_stages.yaml", "slug", True),
    ("sectors", "slug", "sectors.yaml", "slug", True),
    # European committees (CEN/CLC/JTC 21 …) came after the brief, which names none of them.
    ("committees", "code", "committees.yaml", "code", False),
    ("series", "code", "series.yaml", "code", True),
    ("standards_bodies", "acronym", "standards_bodies.yaml", "acronym", False),
    ("institutions", "slug", "institutions.yaml", "slug", True),
    ("standards", "reference", "standards.yaml", "reference", False),
    ("instruments", "slug", "instruments.yaml", "slug", False),
]


def load(name):
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def test_rows_name_existing_entries_and_cover_the_vocabularies():
    ja = load("translations_ja.yaml")
    for section, key, fixture, fixture_key, complete in SECTIONS:
        known = [row[fixture_key] for row in load(fixture)]
        keys = [row[key] for row in ja[section]]
        assert len(keys) == len(set(keys)), section
        assert set(keys) <= set(known), (section, set(keys) - set(known))
        if complete:
            assert keys == known, section
    blocs = [row["code"] for row in load("jurisdictions.yaml") if row["kind"] == "bloc"]
    assert sorted(row["code"] for row in ja["blocs"]) == sorted(blocs)


def test_every_name_is_japanese_and_sourced():
    ja = load("translations_ja.yaml")
    for section, rows in ja.items():
        for row in rows:
            names = {k: v for k, v in row.items() if k.endswith("_ja")}
            assert names, (section, row)
            for field, value in names.items():
                prefix = "" if field in {"name_ja", "title_ja"} else field.removesuffix("ja")
                assert JAPANESE.search(value), (section, field, value)
                assert row[f"{prefix}source"].strip(), (section, row)
                assert row[f"{prefix}confidence"] in CONFIDENCE, (section, row)


def test_standard_titles_are_printed_ones_never_our_translation():
    for row in load("translations_ja.yaml")["standards"]:
        assert row["source"].startswith("ISO policy brief, Japanese edition (JSA), section 4.")


def test_public_fields_carry_no_staff_bookkeeping():
    staff = re.compile(r"\bseed\b|\blines? \d|\.(tsv|txt|yaml)\b")
    for section, rows in load("translations_ja.yaml").items():
        for row in rows:
            for field, value in row.items():
                if field in {"note", "short_name_note"} or not isinstance(value, str):
                    continue
                assert not staff.search(value), (section, field, value)
