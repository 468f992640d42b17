import gzip
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import Standard, StandardRelation
from exchange.iso_open_data import standards_import_open_data
from tests.factories import CommitteeFactory, StandardFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "iso_open_data_sample.jsonl"
SC42 = "ISO/IEC JTC 1/SC 42"


@pytest.fixture
def catalogued():
    """The two editions the sample describes, as a curator first entered them."""
    committee = CommitteeFactory(code=SC42)
    current = StandardFactory(
        reference="ISO/IEC 99001:2024",
        slug="t-99001-2024",
        number="99001",
        committee=committee,
        stage_code="60.60",
        edition=None,
    )
    old = StandardFactory(
        reference="ISO/IEC 99001:2019",
        slug="t-99001-2019",
        number="99001",
        year=2019,
        committee=committee,
        stage_code="60.60",
        edition=1,
    )
    return current, old


def test_import_fills_owned_fields_and_links_editions(catalogued):
    current, old = catalogued
    Standard.objects.filter(pk=current.pk).update(stage_code="")
    report = standards_import_open_data(path=SAMPLE)
    current.refresh_from_db()
    assert (current.stage_code, current.edition, current.iso_id) == ("90.93", 2, 990001)
    assert str(current.publication_date) == "2024-05-01"
    assert StandardRelation.objects.filter(
        from_standard=current, to_standard=old, kind="replaces"
    ).exists()
    assert "ISO/IEC 99001:2024" in report.updated


def test_value_a_curator_entered_is_kept_and_listed_as_a_conflict(catalogued):
    current, old = catalogued
    report = standards_import_open_data(path=SAMPLE)
    current.refresh_from_db()
    assert current.stage_code == "60.60"  # the curator's value, not ISO's 90.93
    assert any(
        c.reference == current.reference and c.field == "stage_code" for c in report.conflicts
    )
    assert current.edition == 2  # empty before: filled, not a conflict


def test_iso_changes_after_an_import_are_applied_but_curator_edits_win(catalogued, tmp_path):
    current, _old = catalogued
    Standard.objects.filter(pk=current.pk).update(stage_code="")
    standards_import_open_data(path=SAMPLE)  # remembers 90.93
    changed = tmp_path / "later.jsonl"
    changed.write_text(
        SAMPLE.read_text().replace('"currentStage": 9093', '"currentStage": 9092', 1)
    )
    standards_import_open_data(path=changed)
    current.refresh_from_db()
    assert current.stage_code == "90.92"  # ISO moved on; nobody had touched it here

    Standard.objects.filter(pk=current.pk).update(edition=7)  # a curator's correction
    report = standards_import_open_data(path=changed)
    current.refresh_from_db()
    assert current.edition == 7
    assert [
        (c.field, c.ours, c.theirs) for c in report.conflicts if c.reference == current.reference
    ] == [("edition", "7", "2")]


def test_running_the_same_file_twice_changes_nothing(catalogued):
    standards_import_open_data(path=SAMPLE, committees=[SC42])
    stamps = dict(Standard.objects.values_list("reference", "updated_at"))
    relations = StandardRelation.objects.count()
    report = standards_import_open_data(path=SAMPLE, committees=[SC42])
    assert report.created == [] and report.updated == []
    assert dict(Standard.objects.values_list("reference", "updated_at")) == stamps
    assert StandardRelation.objects.count() == relations


def test_committee_option_proposes_missing_deliverables_privately(catalogued):
    report = standards_import_open_data(path=SAMPLE, committees=[SC42])
    assert report.created == ["ISO/IEC TS 99002:2025"]
    created = Standard.objects.get(reference="ISO/IEC TS 99002:2025")
    assert (created.review_state, created.deliverable_type, created.stage_code) == (
        "proposed",
        "TS",
        "60.60",
    )
    assert not Standard.objects.public().filter(pk=created.pk).exists()
    skipped = "\n".join(report.skipped)
    assert "ISO 99003:2025" in skipped and "Amd 1" in skipped


def test_without_committee_option_missing_deliverables_are_skipped(catalogued):
    report = standards_import_open_data(path=SAMPLE)
    assert report.created == []
    assert not Standard.objects.filter(reference="ISO/IEC TS 99002:2025").exists()
    assert any("ISO/IEC TS 99002:2025" in line and "--committee" in line for line in report.skipped)


def test_malformed_lines_are_reported_and_nothing_is_written(catalogued, tmp_path):
    current, _old = catalogued
    Standard.objects.filter(pk=current.pk).update(stage_code="")
    broken = tmp_path / "broken.jsonl"
    lines = SAMPLE.read_text().splitlines()
    lines.insert(1, '{"id": 1, "reference": "ISO 1:2020", ')
    bad_stage = {"id": 2, "deliverableType": "IS", "reference": "ISO 2", "currentStage": 6161}
    lines.append(json.dumps({**bad_stage, "ownerCommittee": "X"}))
    broken.write_text("\n".join(lines) + "\n")
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_iso_open_data", str(broken), stdout=out)
    assert "line 2: not valid JSON" in out.getvalue()
    assert "line 7: currentStage 6161" in out.getvalue()
    current.refresh_from_db()
    assert current.stage_code == ""


def test_gzipped_file_is_read(catalogued, tmp_path):
    current, _old = catalogued
    Standard.objects.filter(pk=current.pk).update(stage_code="")
    packed = tmp_path / "sample.jsonl.gz"
    with SAMPLE.open("rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    out = StringIO()
    call_command("import_iso_open_data", str(packed), "--committee", SC42, stdout=out)
    assert "1 created" in out.getvalue()
    current.refresh_from_db()
    assert current.stage_code == "90.93"


def test_unreadable_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"reference": "ISO \xe9"}\n')
    with pytest.raises(CommandError, match="not UTF-8 text .bad byte on line 1"):
        call_command("import_iso_open_data", str(bad), stdout=StringIO())
