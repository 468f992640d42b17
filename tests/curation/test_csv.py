import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import NationalAdoption, Standard, StandardRelation, StandardsBody
from exchange.csv_io import MAPPING_COLUMNS, csv_export, csv_import
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
from tests.factories import (
    LifecycleLinkFactory,
    ObjectiveFactory,
    ObjectiveLinkFactory,
    ProvisionLinkFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def export(kind: str) -> str:
    out = io.StringIO()
    csv_export(kind=kind, out=out)
    return out.getvalue()


@pytest.fixture
def curated(bodies):
    """A few standards of every shape, with links of every kind and adoptions."""
    standard = StandardFactory(
        aliases="TEST/IEC CD 1\nTEST/IEC 1", part="2", publication_date="2024-03-01"
    )
    StandardFactory(year=None, stage_code="30.20", edition=None, committee=standard.committee)
    ObjectiveLinkFactory(standard=standard, objective=ObjectiveFactory(code="4.2"))
    ProvisionLinkFactory(standard=standard)
    LifecycleLinkFactory(standard=standard)
    NationalAdoption.objects.create(
        standard=standard,
        body=bodies["bsi"],
        designation="BS TEST 1",
        degree="IDT",
        adopted_on="2024-05-02",
    )
    return standard


KINDS_IN_ORDER = ["standards", "relations", "adoptions", "mappings"]


def standard_row(text: str, reference: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"{reference},"))


def test_export_import_into_an_empty_database_and_export_again_is_identical(curated):
    before = {kind: export(kind) for kind in KINDS_IN_ORDER}
    StandardObjectiveLink.objects.all().delete()
    StandardProvisionLink.objects.all().delete()
    StandardLifecycleLink.objects.all().delete()
    NationalAdoption.objects.all().delete()
    StandardRelation.objects.all().delete()
    Standard.objects.all().delete()

    for kind in KINDS_IN_ORDER:
        report = csv_import(kind=kind, text=before[kind], dry_run=False)
        assert not report.has_errors, report.lines()
        assert report.counts["created"] == before[kind].count("\n") - 1

    assert {kind: export(kind) for kind in before} == before


def test_dry_run_reports_each_row_and_writes_nothing(curated):
    text = export("standards")
    lines = text.splitlines()
    row = standard_row(text, curated.reference)
    lines.append(row.replace(curated.reference, "TEST/IEC 777:2024").replace(curated.slug, "t-777"))
    report = csv_import(kind="standards", text="\n".join(lines) + "\n", dry_run=True)
    assert report.counts["created"] == 1
    assert report.counts["unchanged"] == Standard.objects.count()
    assert not Standard.objects.filter(reference="TEST/IEC 777:2024").exists()


def test_a_bad_row_is_reported_with_its_line_and_nothing_is_written(curated):
    lines = export("standards").splitlines()
    header = lines[0]
    row = next(line for line in lines[1:] if ",60.60," in line)  # a row with a stage code
    good = row.replace(curated.reference, "TEST/IEC 778:2024").replace(curated.slug, "test-778")
    bad = row.replace(curated.reference, "TEST/IEC 779:2024").replace(curated.slug, "test-779")
    bad = bad.replace(",60.60,", ",61.00,")
    report = csv_import(kind="standards", text="\n".join([header, good, bad]) + "\n", dry_run=False)
    assert report.has_errors and not report.applied
    rejected = [row for row in report.rows if row.action == "rejected"]
    assert [row.line for row in rejected] == [3]
    assert "stage_code" in rejected[0].errors[0]
    assert not Standard.objects.filter(
        reference__in=["TEST/IEC 778:2024", "TEST/IEC 779:2024"]
    ).exists()


def test_missing_columns_are_named():
    report = csv_import(kind="adoptions", text="body,designation\nBSI,X\n", dry_run=True)
    assert report.has_errors
    assert "Missing columns: standard, degree" in report.file_errors[0]


def test_unknown_reference_in_a_mapping_row_is_rejected_with_a_reason(curated):
    text = export("mappings")
    text += "objective,TEST/IEC 404,4.2,,supports,Source,,medium,,proposed\n"
    report = csv_import(kind="mappings", text=text, dry_run=True)
    rejected = [row for row in report.rows if row.action == "rejected"]
    assert len(rejected) == 1 and "no standard 'TEST/IEC 404'" in rejected[0].errors[0]


def test_curator_imports_become_proposals(curated, curator):
    text = ",".join(MAPPING_COLUMNS) + "\n"
    text += f"objective,{curated.reference},4.4,,supports,Curator's reading,,medium,,approved\n"
    report = csv_import(kind="mappings", text=text, user=curator, dry_run=False)
    assert report.applied, report.lines()
    link = StandardObjectiveLink.objects.get(standard=curated, objective__code="4.4")
    assert (link.review_state, link.recorded_by) == ("proposed", curator)


def test_bsi_curator_cannot_import_a_din_adoption(curated, bodies):
    text = "body,designation,standard,degree,adopted_on,status,source,confidence,notes\n"
    text += f"DIN,DIN TEST 1,{curated.reference},IDT,,current,,medium,\n"
    report = csv_import(kind="adoptions", text=text, user=bodies["bsi_curator"], dry_run=False)
    assert report.rows[0].action == "rejected" and "DIN" in report.rows[0].errors[0]
    assert not NationalAdoption.objects.filter(
        body=StandardsBody.objects.get(acronym="DIN")
    ).exists()


def test_import_command_reports_and_fails_on_bad_encoding(tmp_path):
    path = tmp_path / "standards.csv"
    path.write_bytes(b"reference,title\nISO \xff\n")
    with pytest.raises(CommandError, match="not UTF-8 text .bad byte on line 2"):
        call_command("import_csv", "standards", str(path), "--system", stdout=StringIO())


def test_import_command_round_trips_through_files(curated, tmp_path):
    path = tmp_path / "standards.csv"
    call_command("export_csv", "standards", str(path), stderr=StringIO())
    out = StringIO()
    call_command("import_csv", "standards", str(path), "--dry-run", "--system", stdout=out)
    assert (
        f"0 to create, 0 to update, {Standard.objects.count()} unchanged, 0 rejected"
        in out.getvalue()
    )


def test_the_standards_csv_carries_the_japanese_title_and_round_trips(curated):
    curated.title_ja = "日本語の題名"
    curated.title_ja_source = "ISO policy brief, Japanese edition (JSA), section 4.2"
    curated.title_ja_confidence = "high"
    curated.save()
    before = export("standards")
    header = before.splitlines()[0].split(",")
    assert header[header.index("title") : header.index("title") + 4] == [
        "title",
        "title_ja",
        "title_ja_source",
        "title_ja_confidence",
    ]
    assert "日本語の題名," in standard_row(before, curated.reference)
    Standard.objects.filter(pk=curated.pk).update(
        title_ja=None, title_ja_source="", title_ja_confidence=""
    )
    report = csv_import(kind="standards", text=before, dry_run=False)
    assert report.applied and not report.has_errors
    assert report.counts["updated"] == 1
    imported = Standard.objects.get(reference=curated.reference)
    assert (imported.title_en, imported.title_ja) == (curated.title_en, "日本語の題名")
    assert imported.title_ja_confidence == "high"
    assert export("standards") == before


def test_a_file_without_the_japanese_columns_keeps_the_japanese_title(curated):
    curated.title_ja = "日本語の題名"
    curated.save()
    lines = export("standards").splitlines()
    header = lines[0].split(",")
    keep = [i for i, column in enumerate(header) if not column.startswith("title_ja")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(lines):
        writer.writerow([row[i] for i in keep])
    text = out.getvalue()
    report = csv_import(kind="standards", text=text, dry_run=False)
    assert not report.has_errors, report.lines()
    curated.refresh_from_db()
    assert curated.title_ja == "日本語の題名"
