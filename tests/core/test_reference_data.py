from io import StringIO

import pytest
import yaml
from django.apps import apps
from django.core.management import CommandError, call_command

from catalogue.models import LifecycleStage, Standard
from exchange.reference_data import (
    DEFAULT_DIRECTORY,
    FILES,
    ReferenceDataError,
    catalogue_load_reference,
)
from mappings.models import StandardLifecycleLink, StandardObjectiveLink
from policies.models import Jurisdiction, Objective

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ["catalogue", "policies", "mappings"]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }


def empty_the_catalogue():
    # Links first, then what they point at: PROTECT refuses any other order.
    order = [
        "mappings.StandardObjectiveLink",
        "mappings.StandardProvisionLink",
        "mappings.StandardLifecycleLink",
        "catalogue.StandardRelation",
        "catalogue.NationalAdoption",
        "catalogue.Standard",
        "catalogue.Series",
        "catalogue.StandardsBody",
        "catalogue.Sector",
        "catalogue.LifecycleStage",
        "policies.InstrumentRelation",
        "policies.Provision",
        "policies.PolicyInstrument",
        "policies.Institution",
        "policies.BlocMembership",
        "policies.Objective",
        "policies.Jurisdiction",
        "policies.Source",
    ]
    for label in order:
        apps.get_model(label).objects.all().delete()
    while apps.get_model("catalogue.Committee").objects.exists():
        apps.get_model("catalogue.Committee").objects.filter(children__isnull=True).delete()
    assert set(row_counts().values()) == {0}


def write(directory, name, data):
    (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_load_catalogue_on_an_empty_database_loads_every_row():
    shipped = row_counts()
    empty_the_catalogue()
    call_command("load_catalogue", stdout=StringIO())
    assert row_counts() == shipped


def test_load_catalogue_twice_changes_nothing():
    before = row_counts()
    stamps = list(Standard.objects.order_by("pk").values_list("updated_at", flat=True))
    out = StringIO()
    call_command("load_catalogue", stdout=out)
    call_command("load_catalogue", stdout=out)
    assert row_counts() == before
    assert list(Standard.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert not catalogue_load_reference().changed


def test_every_fixture_file_is_one_the_loader_reads():
    shipped = {path.name for path in DEFAULT_DIRECTORY.glob("*.yaml")}
    assert shipped <= set(FILES)
    assert "translations_ja.yaml" in shipped


def minimal_catalogue(directory):
    write(
        directory, "lifecycle_stages.yaml", [{"slug": "inception", "name": "Inception", "order": 1}]
    )
    write(directory, "objectives.yaml", [{"code": "4.1", "title": "Quality"}])
    write(directory, "jurisdictions.yaml", [{"code": "QZ", "name": "Testland", "kind": "country"}])
    write(directory, "committees.yaml", [{"code": "TEST/TC 1", "title": "Testing"}])
    write(
        directory,
        "standards.yaml",
        [
            {
                "reference": "TEST/IEC 1:2024",
                "number": "1",
                "year": 2024,
                "deliverable_type": "IS",
                "title": "A test standard",
                "summary": "As shipped.",
                "committee": "TEST/TC 1",
                "stage_code": "60.60",
                "lifecycle": {"stages": ["all"], "rationale": "Everywhere."},
            }
        ],
    )
    write(
        directory,
        "mappings.yaml",
        {
            "objective_links": [
                {
                    "standard": "TEST/IEC 1:2024",
                    "objective": "4.1",
                    "source": "Test brief",
                    "locator": "section 4.1",
                }
            ]
        },
    )


def test_loader_derives_slugs_and_expands_all_stages(tmp_path):
    empty_the_catalogue()
    minimal_catalogue(tmp_path)
    catalogue_load_reference(directory=tmp_path)
    standard = Standard.objects.get(reference="TEST/IEC 1:2024")
    assert standard.slug == "test-iec-1-2024"
    assert StandardLifecycleLink.objects.filter(standard=standard).count() == 1
    link = StandardObjectiveLink.objects.get(standard=standard)
    assert (link.review_state, link.locator) == ("approved", "section 4.1")


def test_curators_values_are_kept_and_reported_unless_update_is_asked(tmp_path):
    empty_the_catalogue()
    minimal_catalogue(tmp_path)
    catalogue_load_reference(directory=tmp_path)
    Standard.objects.filter(reference="TEST/IEC 1:2024").update(summary="Curated.")

    report = catalogue_load_reference(directory=tmp_path)
    assert Standard.objects.get(reference="TEST/IEC 1:2024").summary == "Curated."
    assert any("summary" in line for line in report.differences)

    out = StringIO()
    call_command("load_catalogue", "--directory", str(tmp_path), "--update", stdout=out)
    assert Standard.objects.get(reference="TEST/IEC 1:2024").summary == "As shipped."


def test_malformed_entry_names_file_and_entry_and_writes_nothing(tmp_path):
    empty_the_catalogue()
    minimal_catalogue(tmp_path)
    data = yaml.safe_load((tmp_path / "standards.yaml").read_text())
    data.append({**data[0], "reference": "TEST/IEC 2:2024", "stage_code": "61.00"})
    write(tmp_path, "standards.yaml", data)
    with pytest.raises(ReferenceDataError, match=r"standards.yaml entry 2: stage_code"):
        catalogue_load_reference(directory=tmp_path)
    assert not Standard.objects.exists()


def test_unknown_reference_in_a_mapping_is_reported(tmp_path):
    empty_the_catalogue()
    minimal_catalogue(tmp_path)
    write(
        tmp_path,
        "mappings.yaml",
        {"objective_links": [{"standard": "TEST/IEC 404", "objective": "4.1", "source": "x"}]},
    )
    with pytest.raises(CommandError, match=r"objective_links entry 1: no standard"):
        call_command("load_catalogue", "--directory", str(tmp_path), stdout=StringIO())
    assert not Standard.objects.exists()


def test_invalid_yaml_is_reported(tmp_path):
    (tmp_path / "objectives.yaml").write_text("- code: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="objectives.yaml: not valid YAML"):
        catalogue_load_reference(directory=tmp_path)


def test_japanese_names_are_loaded_with_their_sources(reference_catalogue):
    objective = Objective.objects.get(code="4.2")
    assert objective.title_ja == "データ品質の向上とデータガバナンスの確立"
    assert objective.title_ja_confidence == "high" and objective.summary_ja_confidence == "medium"
    assert LifecycleStage.objects.get(slug="deployment").name_ja == "導入"
    korea = Jurisdiction.objects.get(code="KR")
    assert korea.name_ja == "韓国" and korea.name_ja_source.startswith("iso-codes")
    assert Jurisdiction.objects.get(code="EU").name_ja == "欧州連合"
    assert not Jurisdiction.objects.filter(kind="country", name_ja__isnull=True).exists()


def test_a_curators_japanese_name_is_kept_and_listed(reference_catalogue):
    Objective.objects.filter(code="4.2").update(title_ja="別の題名")
    report = catalogue_load_reference()
    assert Objective.objects.get(code="4.2").title_ja == "別の題名"
    assert any("title_ja" in line for line in report.differences)
    catalogue_load_reference(update=True)
    assert Objective.objects.get(code="4.2").title_ja == "データ品質の向上とデータガバナンスの確立"
