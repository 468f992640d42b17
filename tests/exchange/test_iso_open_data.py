"""ISO Open Data import on files in the real shape (issue 14) and within limits (issue 15)."""

import gzip
import json
import shutil
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Committee, Standard, StandardRelation, StandardSlugAlias
from core.services.entries import entry_create, entry_update
from exchange.iso_open_data import OpenDataError, parquet_available, standards_import_open_data
from tests.factories import StandardFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
JSONL = DATA / "iso_open_data_real_shape.jsonl"
CSV = DATA / "iso_open_data_real_shape.csv"
SAMPLE = DATA / "iso_open_data_sample.jsonl"
SC42 = "ISO/IEC JTC 1/SC 42"


@pytest.fixture
def drafts(curator):
    """Two drafts the catalogue follows by ISO id; the second one's published edition was
    already entered by a curator under its reference."""
    committee = Committee.objects.get(code=SC42)
    common = {"committee": committee, "year": None, "stage_code": "40.20", "edition": None}
    first = StandardFactory(
        reference="ISO/IEC DIS 99006", slug="iso-iec-dis-99006", number="99006",
        iso_id=990101, title="ISO/IEC DIS 99006", **common,
    )  # fmt: skip
    second = StandardFactory(
        reference="ISO/IEC DIS 99007", slug="iso-iec-dis-99007", number="99007",
        iso_id=990102, **common,
    )  # fmt: skip
    published = entry_create(
        model=Standard,
        user=curator,
        data={
            "reference": "ISO/IEC 99007:2025",
            "slug": "iso-iec-99007-2025",
            "number": "99007",
            "year": 2025,
            "deliverable_type": "IS",
            "title": "A curator's title",
            "summary": "Our summary, written by a curator.",
            "committee": committee,
            "stage_code": "60.60",
        },
        reason="admin",
    )
    Standard.objects.filter(pk=published.pk).update(review_state="approved")
    return first, second, published


def run(path, *args):
    out = StringIO()
    call_command("import_iso_open_data", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize("path", [JSONL, CSV], ids=["jsonl", "csv"])
def test_real_shape_file_applies_good_lines_and_reports_bad_ones(drafts, path, client):
    first, second, published = drafts
    output = run(path, "--committee", SC42, "--system")

    bad = {"jsonl": [4, 5, 6], "csv": [5, 6, 7]}[path.suffix.lstrip(".")]
    for line in bad:
        assert f"line {line}: " in output
    assert "missing ownerCommittee" in output
    assert "currentStage 9500 is not an ISO Guide 69 stage code" in output
    assert "3 bad lines" in output and "2 of committees the catalogue does not follow" in output

    # The draft follows its ISO id to publication; its old address redirects.
    first.refresh_from_db()
    assert (first.reference, first.slug, first.year, first.stage_code) == (
        "ISO/IEC 99006:2025",
        "iso-iec-99006-2025",
        2025,
        "60.60",
    )
    assert first.title == "Test systems — Requirements for bodies auditing test systems"
    assert first.iso_abstract == (
        "This document specifies requirements for test bodies.\n\nIt is a test & only a test."
    )
    page = client.get("/standards/iso-iec-dis-99006/")
    assert (page.status_code, page["Location"]) == (301, "/standards/iso-iec-99006-2025/")
    api = client.get("/api/v1/standards/iso-iec-dis-99006/")
    assert (api.status_code, api["Location"]) == (301, "/api/v1/standards/iso-iec-99006-2025/")
    assert client.get(api["Location"]).json()["reference"] == "ISO/IEC 99006:2025"

    # The second draft's published edition was already catalogued: matched, no duplicate.
    assert Standard.objects.filter(number="99007").count() == 1
    assert not Standard.objects.filter(pk=second.pk).exists()
    published.refresh_from_db()
    assert published.iso_id == 990102
    assert published.title == "A curator's title"  # a person set it: kept, a conflict
    assert "title is A curator's title here" in output
    assert published.summary == "Our summary, written by a curator."
    moved = client.get("/standards/iso-iec-dis-99007/")
    assert (moved.status_code, moved["Location"]) == (301, "/standards/iso-iec-99007-2025/")

    # A new deliverable of a followed committee: ISO's title, ISO's abstract, proposed.
    created = Standard.objects.get(reference="ISO/IEC TS 99008:2026")
    assert created.title == "Test systems — A new technical specification"
    assert created.iso_abstract == "A new TS, proposed by the import."
    assert (created.review_state, created.summary) == ("proposed", "")
    assert not Standard.objects.filter(reference__in=["ISO/IEC 99010:2026", "ISO 99901:2020"])


@pytest.mark.parametrize("path", [JSONL, CSV], ids=["jsonl", "csv"])
def test_strict_writes_nothing_when_a_line_is_bad(drafts, path):
    first, _second, _published = drafts
    count = Standard.objects.count()
    with pytest.raises(CommandError, match="Nothing was written: 3 bad lines"):
        run(path, "--committee", SC42, "--strict", "--system")
    first.refresh_from_db()
    assert first.reference == "ISO/IEC DIS 99006"
    assert Standard.objects.count() == count
    assert not StandardSlugAlias.objects.exists()


def test_reference_value_nobody_changed_takes_iso_value_recorded_as_the_import(drafts):
    """Issue 14: ISO's 90.93 for ISO/IEC 42001:2023 was a conflict though no person set 60.60."""
    run(JSONL, "--system")
    standard = Standard.objects.get(iso_id=81230)
    assert standard.stage_code == "90.93"
    latest = standard.history.latest()
    assert latest.history_change_reason.startswith("ISO Open Data import")
    assert latest.history_user is None


def test_value_a_person_changed_is_kept_and_reported_until_iso_agrees(curator, tmp_path):
    standard = Standard.objects.get(iso_id=81230)
    entry_update(instance=standard, user=curator, data={"stage_code": "90.20"}, reason="admin")
    report = standards_import_open_data(path=JSONL)
    standard.refresh_from_db()
    assert standard.stage_code == "90.20"
    mine = [c for c in report.conflicts if c.reference == standard.reference]
    assert [(c.field, c.ours, c.theirs) for c in mine] == [("stage_code", "90.20", "90.93")]
    # Still a conflict on the next run: the import kept the value, so a person set it last.
    again = standards_import_open_data(path=JSONL)
    assert any(c.field == "stage_code" for c in again.conflicts)


def test_import_as_a_user_is_recorded_with_that_user_and_is_not_a_curators_change(
    curator, tmp_path
):
    standard = Standard.objects.get(iso_id=81230)
    run(JSONL, "--user", curator.username)
    standard.refresh_from_db()
    latest = standard.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (curator, "ISO Open Data import")
    # ISO moves on: the curator's name in history is the import's, so ISO's value applies.
    later = tmp_path / "later.jsonl"
    item = json.loads(JSONL.read_text().splitlines()[8])
    later.write_text(json.dumps({**item, "currentStage": 9092}) + "\n")
    report = standards_import_open_data(path=later)
    standard.refresh_from_db()
    assert standard.stage_code == "90.92"
    assert not [c for c in report.conflicts if c.reference == standard.reference]


def test_write_commands_refuse_without_user_or_system():
    with pytest.raises(CommandError, match="--user NAME .* or --system"):
        run(JSONL)
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run(JSONL, "--user", "nobody")


def test_a_user_without_permission_is_refused(db):
    from tests.factories import make_user

    make_user("reader")
    with pytest.raises(CommandError, match="You may not change standards"):
        run(JSONL, "--user", "reader")


def test_lines_of_committees_not_followed_cost_no_query_and_are_listed_only_verbosely(tmp_path):
    def file_with(unfollowed: int) -> Path:
        path = tmp_path / f"f{unfollowed}.jsonl"
        lines = [JSONL.read_text().splitlines()[8]]  # ISO/IEC 42001:2023
        for index in range(unfollowed):
            item = {**json.loads(lines[0]), "id": 5_000_000 + index, "ownerCommittee": "ISO/TC 1"}
            item["reference"] = f"ISO {5_000_000 + index}:2020"
            lines.append(json.dumps(item))
        path.write_text("\n".join(lines) + "\n")
        return path

    standards_import_open_data(path=file_with(0))  # 42001 takes ISO's values first
    counts = []
    for unfollowed in (1, 300):
        with CaptureQueriesContext(connection) as queries:
            report = standards_import_open_data(path=file_with(unfollowed))
        assert report.not_followed == unfollowed and report.not_followed_lines == []
        counts.append(len(queries))
    assert counts[0] == counts[1]
    quiet = run(file_with(3), "--system")
    assert "ISO 5000001:2020" not in quiet and "3 of committees" in quiet
    verbose = run(file_with(3), "--system", "-v", "2")
    assert "ISO 5000001:2020 (ISO/TC 1)" in verbose


def test_summary_without_a_terminal(drafts):
    output = run(JSONL, "--system")
    assert "10 lines read" in output and "Ran as a system operation" in output


def test_gzipped_file_is_read(tmp_path):
    packed = tmp_path / "deliverables.jsonl.gz"
    with JSONL.open("rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    run(packed, "--system")
    assert Standard.objects.get(iso_id=81230).stage_code == "90.93"


@pytest.mark.skipif(
    not parquet_available(),
    reason="pyarrow is not installed (pip install 'ai-standards-catalogue[parquet]')",
)
def test_parquet_edition_is_read(drafts, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in JSONL.read_text().splitlines() if line.endswith("}")]
    path = tmp_path / "deliverables.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)  # nested title/scope as structs
    report = standards_import_open_data(path=path, committees=[SC42])
    assert Standard.objects.get(iso_id=81230).stage_code == "90.93"
    assert Standard.objects.get(iso_id=990101).reference == "ISO/IEC 99006:2025"
    created = Standard.objects.get(reference="ISO/IEC TS 99008:2026")
    assert created.iso_abstract == "A new TS, proposed by the import."
    assert [line.split(":")[0] for line in report.bad] == ["line 4", "line 5"]


def test_gzip_bomb_is_refused_with_small_memory_and_nothing_written(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    block = b"\n" * (16 * 1024 * 1024)
    with gzip.open(bomb, "wb", compresslevel=9) as target:
        target.write(JSONL.read_bytes().splitlines(keepends=True)[8])
        for _ in range(64):  # 1 GiB of newlines
            target.write(block)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    before = Standard.objects.get(iso_id=81230).stage_code
    tracemalloc.start()
    try:
        with pytest.raises(CommandError, match="more than 512 MiB of data .IMPORT_MAX_BYTES"):
            run(bomb, "--system")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert Standard.objects.get(iso_id=81230).stage_code == before


def test_limits_can_be_set_per_run_and_name_themselves(tmp_path):
    long_line = tmp_path / "long.jsonl"
    long_line.write_bytes(b'{"id": 1, "reference": "' + b"x" * 3000 + b'"}\n')
    with pytest.raises(CommandError, match="Line 1 is longer than .* .IMPORT_MAX_LINE_BYTES"):
        run(long_line, "--system", "--max-line-bytes", "1000")
    with pytest.raises(CommandError, match="IMPORT_MAX_BYTES"):
        run(JSONL, "--system", "--max-bytes", "100")
    no_newline = tmp_path / "endless.jsonl.gz"
    with gzip.open(no_newline, "wb") as target:
        target.write(b"{" * (8 * 1024 * 1024))
    with pytest.raises(OpenDataError, match="Line 1 is longer than 1 MiB"):
        standards_import_open_data(path=no_newline)


def test_running_the_same_file_twice_changes_nothing(drafts):
    run(JSONL, "--committee", SC42, "--system")
    stamps = dict(Standard.objects.values_list("reference", "updated_at"))
    relations = StandardRelation.objects.count()
    report = standards_import_open_data(path=JSONL, committees=[SC42])
    assert report.created == [] and report.updated == [] and report.renamed == []
    assert dict(Standard.objects.values_list("reference", "updated_at")) == stamps
    assert StandardRelation.objects.count() == relations


def test_editions_are_linked_and_amendments_skipped():
    committee = Committee.objects.get(code=SC42)
    current = StandardFactory(
        reference="ISO/IEC 99001:2024", slug="t-99001-2024", number="99001", committee=committee
    )
    old = StandardFactory(
        reference="ISO/IEC 99001:2019", slug="t-99001-2019", number="99001", year=2019,
        committee=committee,
    )  # fmt: skip
    report = standards_import_open_data(path=SAMPLE, committees=[SC42])
    current.refresh_from_db()
    assert (current.stage_code, current.edition, current.iso_id) == ("90.93", 2, 990001)
    assert StandardRelation.objects.filter(
        from_standard=current, to_standard=old, kind="replaces"
    ).exists()
    assert any("Amd 1" in line for line in report.skipped)


def test_standard_page_shows_iso_abstract_as_isos_text_with_attribution(drafts, client):
    run(JSONL, "--system")
    page = client.get("/standards/iso-iec-99006-2025/").content.decode()
    assert "Scope, in ISO&#x27;s words" in page or "Scope, in ISO's words" in page
    assert "This document specifies requirements for test bodies." in page
    assert "<b>requirements</b>" not in page
    assert "ODC-By 1.0" in page and "opendatacommons.org/licenses/by/1-0/" in page


def test_unreadable_line_is_reported_by_number(tmp_path):
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(
        JSONL.read_bytes().splitlines(keepends=True)[8] + b'{"reference": "ISO \xe9"}\n'
    )
    output = run(bad, "--system")
    assert "line 2: not UTF-8 text" in output
    assert Standard.objects.get(iso_id=81230).stage_code == "90.93"


def test_progress_bar_on_a_terminal(monkeypatch):
    class Terminal(StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = StringIO()
    call_command("import_iso_open_data", str(JSONL), "--system", stdout=out)
    assert "Reading iso_open_data_real_shape.jsonl" in terminal.getvalue()
    assert "10 lines read" in out.getvalue()


def test_a_line_without_a_title_keeps_ours(tmp_path):
    standard = Standard.objects.get(iso_id=81230)
    item = json.loads(JSONL.read_text().splitlines()[8])
    path = tmp_path / "untitled.jsonl"
    path.write_text(json.dumps({**item, "title": None}) + "\n")
    standards_import_open_data(path=path)
    assert Standard.objects.get(pk=standard.pk).title == standard.title
