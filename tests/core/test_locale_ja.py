"""The Japanese interface catalogue (locale/ja/LC_MESSAGES/django.po) is complete.

Parsed here without polib or gettext: every entry translated, none fuzzy, plural entries with
exactly ``msgstr[0]`` (Japanese has one plural form), and placeholders and HTML tags kept.
"""

import ast
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "ja" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}|<[^>]+>")


def parse_po(text: str) -> list[dict]:
    """Return the entries of a .po file: dicts of flags, msgid, msgid_plural, msgstr {n: str}."""
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):  # obsolete entries are not used at run time
            key = None
            continue
        if line.startswith("#"):
            if entry is None or "msgid" in entry:
                finish()
                entry, key = {"flags": set(), "msgstr": {}}, None
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if entry is None or (line.startswith(("msgctxt", "msgid ")) and "msgid" in entry):
            finish()
            entry = {"flags": set(), "msgstr": {}}
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            name, index, value = match.groups()
            value = ast.literal_eval(value)
            if name.startswith("msgstr"):
                key = ("msgstr", int(index or 0))
                entry["msgstr"][key[1]] = value
            else:
                key = (name, None)
                entry[name] = value
        elif line.startswith('"') and key is not None:
            value = ast.literal_eval(line)
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += value
            else:
                entry[key[0]] += value
        else:
            raise AssertionError(f"unparsed line in {PO.name}: {raw!r}")
    finish()
    return entries


def entries_and_header():
    entries = parse_po(PO.read_text(encoding="utf-8"))
    header = next(entry for entry in entries if entry["msgid"] == "")
    return [entry for entry in entries if entry["msgid"] != ""], header


def test_header_declares_japanese_with_one_plural_form():
    _, header = entries_and_header()
    fields = dict(line.split(": ", 1) for line in header["msgstr"][0].splitlines() if ": " in line)
    assert fields["Language"] == "ja"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert "fuzzy" not in header["flags"]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries, _ = entries_and_header()
    assert entries
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    empty = [entry["msgid"] for entry in entries if not all(entry["msgstr"].values())]
    assert fuzzy == []
    assert empty == []


def test_plural_entries_have_exactly_one_form():
    entries, _ = entries_and_header()
    plural = [entry for entry in entries if "msgid_plural" in entry]
    assert plural
    assert [e["msgid"] for e in plural if sorted(e["msgstr"]) != [0]] == []
    singular = [entry for entry in entries if "msgid_plural" not in entry]
    assert [e["msgid"] for e in singular if sorted(e["msgstr"]) != [0]] == []


def test_placeholders_and_tags_are_kept():
    entries, _ = entries_and_header()
    wrong = []
    for entry in entries:
        translation = entry["msgstr"][0]
        for source in filter(None, [entry["msgid"], entry.get("msgid_plural")]):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append((source, translation))
        if entry["msgid"][:1].isspace() != translation[:1].isspace():
            wrong.append((entry["msgid"], translation))
    assert wrong == []
