"""What a backup holds and what it does not (issue 15): API tokens are not in it, and the
restore says so; the reference loader is recorded as a system operation."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from catalogue.models import Standard, StandardSlugAlias
from exchange.reference_data import SYSTEM_REASON, catalogue_load_reference


@pytest.mark.django_db(transaction=True)
def test_restore_keeps_accounts_and_addresses_but_not_tokens_and_says_so(tmp_path):
    if not Standard.objects.exists():
        catalogue_load_reference()
    user = User.objects.create_user("api-writer", password="pw", is_staff=True)
    Token.objects.create(user=user)
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    StandardSlugAlias.objects.create(slug="iso-iec-dis-42001", standard=standard)

    call_command("export_catalogue", str(tmp_path), stdout=StringIO())
    call_command("flush", "--noinput", verbosity=0)
    out = StringIO()
    call_command("import_catalogue", str(tmp_path), stdout=out)

    assert User.objects.filter(username="api-writer").exists()
    assert StandardSlugAlias.objects.get(slug="iso-iec-dis-42001").standard.slug == standard.slug
    assert not Token.objects.exists()
    assert "API tokens are not in a backup" in out.getvalue()
    assert "drf_create_token USERNAME" in out.getvalue()


@pytest.mark.django_db
def test_reference_catalogue_is_recorded_as_a_system_operation():
    first = Standard.objects.get(reference="ISO/IEC 42001:2023").history.earliest()
    assert (first.history_user, first.history_change_reason) == (None, SYSTEM_REASON)
    out = StringIO()
    call_command("load_catalogue", stdout=out)
    assert "a system operation" in out.getvalue()
