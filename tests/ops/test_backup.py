"""export_catalogue and import_catalogue round-trip everything, history included."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from catalogue.models import Standard
from core.services.entries import entry_update
from exchange.reference_data import catalogue_load_reference

ENDPOINTS = [
    "/api/v1/standards/?page_size=200",
    "/api/v1/standards/iso-iec-42001-2023/",
    "/api/v1/objectives/",
    "/api/v1/objectives/4.3/",
    "/api/v1/instruments/?page_size=200",
    "/api/v1/instruments/eu-ai-act/",
    "/api/v1/jurisdictions/?page_size=200",
    "/api/v1/jurisdictions/DE/",
    "/api/v1/mappings/?page_size=200",
    "/api/v1/adoptions/",
    "/api/v1/committees/",
    "/api/v1/lifecycle-stages/",
]


def snapshot() -> dict:
    client = Client()
    responses = {}
    for url in ENDPOINTS:
        response = client.get(url)
        assert response.status_code == 200, url
        responses[url] = json.loads(response.content)
    return responses


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_gives_identical_responses(tmp_path):
    if not Standard.objects.exists():
        catalogue_load_reference()
    curator = User.objects.create_superuser("curator-backup", password="pw")
    entry_update(
        instance=Standard.objects.get(reference="ISO/IEC 42001:2023"),
        user=curator,
        data={"summary": "Edited before the backup, so history has a user in it."},
    )
    before = snapshot()
    history_before = Standard.history.count()

    call_command("export_catalogue", str(tmp_path), stdout=StringIO())
    call_command("flush", "--noinput", verbosity=0)
    call_command("import_catalogue", str(tmp_path), stdout=StringIO())

    after = snapshot()
    assert after == before, list(_diff(after, before))[:5]
    assert Standard.history.count() == history_before
    edit = Standard.history.filter(history_user__username="curator-backup").get()
    assert edit.summary.startswith("Edited before the backup")


@pytest.mark.django_db(transaction=True)
def test_import_refuses_a_database_that_already_holds_a_catalogue(tmp_path):
    if not Standard.objects.exists():
        catalogue_load_reference()
    call_command("export_catalogue", str(tmp_path), stdout=StringIO())
    with pytest.raises(CommandError, match="already holds a catalogue"):
        call_command("import_catalogue", str(tmp_path), stdout=StringIO())


def _diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in set(a) | set(b):
            yield from _diff(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, f"{path}[{index}]")
    elif a != b:
        yield f"{path}: {a!r} != {b!r}"
