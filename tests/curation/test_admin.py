import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.models import NationalAdoption, Standard
from core.services.entries import entry_update
from mappings.models import StandardObjectiveLink
from policies.models import PolicyInstrument
from tests.factories import ObjectiveFactory, ObjectiveLinkFactory, StandardFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"catalogue", "policies", "mappings"}


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    return client


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def test_admin_index_shows_every_domain_model(superuser_client):
    content = superuser_client.get("/admin/").content.decode()
    registered = [model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS]
    domain_models = [
        model
        for app in DOMAIN_APPS
        for model in __import__("django.apps", fromlist=["apps"])
        .apps.get_app_config(app)
        .get_models()
        if not model.__name__.startswith("Historical")
    ]
    assert set(domain_models) <= set(registered)
    for model in domain_models:
        assert admin_url(model, "changelist") in content


def test_every_changelist_and_change_page_renders(superuser_client):
    for model in admin.site._registry:
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        assert superuser_client.get(admin_url(model, "changelist")).status_code == 200, model
        obj = model.objects.first()
        if obj is not None:
            assert superuser_client.get(admin_url(model, "change", obj.pk)).status_code == 200, (
                model
            )


def test_instrument_page_shows_its_provisions(superuser_client):
    instrument = PolicyInstrument.objects.get(slug="eu-ai-act")
    content = superuser_client.get(
        admin_url(PolicyInstrument, "change", instrument.pk)
    ).content.decode()
    assert "Article 40" in content


def test_standard_page_shows_objectives_stages_and_sources(superuser_client):
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    content = superuser_client.get(admin_url(Standard, "change", standard.pk)).content.decode()
    assert "ISO policy brief" in content
    assert "4.3 " in content and "4.6 " in content
    assert "Operation and monitoring" in content or "operation" in content.lower()


def test_bsi_curator_cannot_change_a_din_adoption_in_the_admin(client, bodies):
    adoption = NationalAdoption.objects.create(
        standard=StandardFactory(), body=bodies["din"], designation="DIN TEST 2", degree="IDT"
    )
    client.force_login(bodies["bsi_curator"])
    url = admin_url(NationalAdoption, "change", adoption.pk)
    response = client.post(
        url,
        {
            "standard": adoption.standard.pk,
            "body": bodies["din"].pk,
            "designation": "DIN TEST 2",
            "degree": "MOD",
            "status": "current",
            "confidence": "medium",
        },
    )
    assert response.status_code == 403
    adoption.refresh_from_db()
    assert adoption.degree == "IDT"


def test_deleting_a_linked_standard_in_the_admin_names_what_links_to_it(superuser_client):
    link = ObjectiveLinkFactory()
    content = superuser_client.get(admin_url(Standard, "delete", link.standard.pk)).content.decode()
    assert "protected" in content
    assert str(link.objective.code) in content


def test_reviewer_approves_with_an_admin_action_but_not_their_own_proposal(
    client, curator, reviewer
):
    link = ObjectiveLinkFactory(review_state="proposed", recorded_by=curator)
    own = ObjectiveLinkFactory(
        review_state="proposed", recorded_by=reviewer, objective=ObjectiveFactory(code="4.5")
    )
    client.force_login(reviewer)
    url = admin_url(StandardObjectiveLink, "changelist")
    response = client.post(
        url, {"action": "approve", "_selected_action": [link.pk, own.pk]}, follow=True
    )
    assert response.status_code == 200
    link.refresh_from_db(), own.refresh_from_db()
    assert (link.review_state, link.reviewed_by) == ("approved", reviewer)
    assert own.review_state == "proposed"
    assert "cannot approve a link you proposed" in response.content.decode()


def test_admin_csv_import_checks_first_then_applies(superuser_client):
    standard = StandardFactory()
    url = admin_url(Standard, "import_csv")
    export = superuser_client.get(admin_url(Standard, "export_csv")).content.decode()
    row = next(line for line in export.splitlines() if line.startswith(standard.reference + ","))
    new = row.replace(standard.reference, "TEST/IEC 555:2024").replace(standard.slug, "t-555")
    upload = SimpleUploadedFile("s.csv", (export.splitlines()[0] + "\n" + new + "\n").encode())
    preview = superuser_client.post(url, {"file": upload})
    assert "1 to create" in preview.content.decode()
    assert not Standard.objects.filter(reference="TEST/IEC 555:2024").exists()
    text = preview.context["apply_form"].initial["text"]
    applied = superuser_client.post(url, {"apply": "1", "text": text})
    assert applied.status_code == 302
    assert Standard.objects.filter(reference="TEST/IEC 555:2024").exists()


def test_history_page_lists_changes_and_can_revert(superuser_client, curator):
    standard = StandardFactory(title="Original title")
    entry_update(instance=standard, user=curator, data={"title": "Changed title"})
    history = superuser_client.get(admin_url(Standard, "history", standard.pk))
    assert history.status_code == 200 and "curator" in history.content.decode()
    first = standard.history.earliest()
    url = reverse("admin:catalogue_standard_simple_history", args=[standard.pk, first.history_id])
    page = superuser_client.get(url)
    assert page.status_code == 200 and "Original title" in page.content.decode()


def test_the_standard_page_shows_english_and_japanese_side_by_side(superuser_client):
    standard = Standard.objects.get(reference="ISO/IEC TS 4213:2022")
    content = superuser_client.get(admin_url(Standard, "change", standard.pk)).content.decode()
    assert 'class="form-row field-title_en field-title_ja"' in content
    assert 'class="form-row field-title_ja_source field-title_ja_confidence"' in content
    assert "情報技術 人工知能 機械学習による分類性能の評価" in content


def test_a_jurisdiction_page_pairs_its_name_and_the_japanese_source(superuser_client):
    from policies.models import Jurisdiction

    japan = Jurisdiction.objects.get(code="JP")
    content = superuser_client.get(admin_url(Jurisdiction, "change", japan.pk)).content.decode()
    assert 'class="form-row field-name_en field-name_ja"' in content
    assert 'class="form-row field-name_ja_source field-name_ja_confidence"' in content


def test_history_records_both_languages(curator):
    standard = StandardFactory(title="English title")
    entry_update(instance=standard, user=curator, data={"title_ja": "日本語の題名"})
    latest, first = standard.history.first(), standard.history.last()
    assert (latest.title_en, latest.title_ja) == ("English title", "日本語の題名")
    assert (first.title_en, first.title_ja) == ("English title", None)
