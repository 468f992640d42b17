"""Throttling of anonymous API clients and lockout after repeated failed logins."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def test_anonymous_api_requests_are_throttled_with_retry_after(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/hour"})
    cache.clear()
    statuses = [client.get("/api/v1/objectives/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    throttled = client.get("/api/v1/objectives/")
    assert throttled.status_code == 429
    assert 0 < int(throttled["Retry-After"]) <= 3600


def test_default_anonymous_rate_is_a_thousand_an_hour():
    from django.conf import settings

    # conftest turns throttling off for the suite; the shipped default is read from settings.py.
    source = (settings.BASE_DIR / "config" / "settings.py").read_text()
    assert 'os.environ.get("API_ANON_RATE", "1000/hour")' in source


def test_repeated_failed_admin_logins_lock_the_account_out(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_superuser("admin", password="right-password")
    for _ in range(3):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    locked = client.post("/admin/login/", {"username": "admin", "password": "right-password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
