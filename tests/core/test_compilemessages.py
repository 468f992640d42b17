"""``manage.py compilemessages`` compiles the catalogues without GNU gettext (pure Python)."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.core.test_locale_ja import PO, parse_po

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


@pytest.fixture
def locale(tmp_path, settings, monkeypatch):
    """A copy of locale/ in a temporary LOCALE_PATHS, with no msgfmt on PATH."""
    shutil.copytree(PO.parents[2], tmp_path / "locale")
    for mo in (tmp_path / "locale").rglob("*.mo"):
        mo.unlink()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.setenv("PATH", str(tmp_path / "no-gettext-here"))
    return tmp_path / "locale"


def compiled(locale: Path, language: str = "ja") -> gettext.GNUTranslations:
    with (locale / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def test_compiles_every_entry_without_gnu_gettext(locale):
    assert shutil.which("msgfmt") is None
    call_command("compilemessages", verbosity=0)
    catalogue = compiled(locale)
    assert catalogue.info()["plural-forms"] == "nplurals=1; plural=0;"
    entries = [entry for entry in parse_po(PO.read_text(encoding="utf-8")) if entry["msgid"]]
    wrong = []
    for entry in entries:
        context, msgid, expected = entry.get("msgctxt"), entry["msgid"], entry["msgstr"][0]
        if "msgid_plural" in entry:
            plural = entry["msgid_plural"]
            got = [
                catalogue.npgettext(context, msgid, plural, n)
                if context
                else catalogue.ngettext(msgid, plural, n)
                for n in (1, 2, 1000)
            ]
            if got != [expected] * 3:
                wrong.append((msgid, got))
        else:
            got = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
            if got != expected:
                wrong.append((msgid, got))
    assert len(entries) > 600
    assert wrong == []


def test_fuzzy_entries_are_left_out_unless_asked_for(locale):
    po = locale / "ja" / "LC_MESSAGES" / "django.po"
    po.write_text(
        HEADER + 'msgid "Standards"\nmsgstr "規格"\n\n#, fuzzy\nmsgid "Coverage"\nmsgstr "範囲"\n',
        encoding="utf-8",
    )
    call_command("compilemessages", verbosity=0)
    assert compiled(locale).gettext("Standards") == "規格"
    assert compiled(locale).gettext("Coverage") == "Coverage"
    os.utime(po, (po.stat().st_atime, po.stat().st_mtime + 10))
    call_command("compilemessages", "--use-fuzzy", verbosity=0)
    assert compiled(locale).gettext("Coverage") == "範囲"


def test_an_up_to_date_catalogue_is_kept_and_a_changed_one_recompiled(locale):
    call_command("compilemessages", verbosity=0)
    po = locale / "ja" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    mo.write_bytes(b"kept")  # newer than the .po: not touched
    call_command("compilemessages", verbosity=0)
    assert mo.read_bytes() == b"kept"
    os.utime(po, (po.stat().st_atime, mo.stat().st_mtime + 10))
    call_command("compilemessages", verbosity=0)
    assert compiled(locale).gettext("Standards") == "規格"


def test_a_lost_placeholder_is_an_error_and_writes_nothing(locale):
    po = locale / "ja" / "LC_MESSAGES" / "django.po"
    po.write_text(
        HEADER + '#, python-format\nmsgid "Last updated %(date)s"\nmsgstr "最終更新日 %(day)s"\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Last updated"):
        call_command("compilemessages", verbosity=0)
    assert not po.with_suffix(".mo").exists()


def test_locale_and_exclude_choose_the_languages(locale):
    shutil.copytree(locale / "ja", locale / "fr")
    call_command("compilemessages", "--locale", "fr", verbosity=0)
    assert (locale / "fr" / "LC_MESSAGES" / "django.mo").exists()
    assert not (locale / "ja" / "LC_MESSAGES" / "django.mo").exists()
    call_command("compilemessages", "--exclude", "fr", verbosity=0)
    assert (locale / "ja" / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt not installed")
def test_the_messages_are_those_msgfmt_compiles(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    shutil.copytree(PO.parents[2], tmp_path / "locale")
    po = tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    po.with_suffix(".mo").unlink(missing_ok=True)
    call_command("compilemessages", verbosity=0)
    subprocess.run(["msgfmt", "-o", tmp_path / "gnu.mo", po], check=True)
    ours, gnu = (
        compiled(tmp_path / "locale"),
        gettext.GNUTranslations((tmp_path / "gnu.mo").open("rb")),
    )
    # The header differs (Babel names itself); every message is the same.
    assert {k: v for k, v in ours._catalog.items() if k} == {
        k: v for k, v in gnu._catalog.items() if k
    }
