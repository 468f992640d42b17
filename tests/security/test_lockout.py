"""Lockouts no stranger can trigger: per username *and* address, addresses read as the
proxies are configured (TRUSTED_PROXY_COUNT)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

from core.client_ip import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    User.objects.create_superuser("curator-a", password="right-password")
    return settings


def fail_five_times(client, **headers):
    for _ in range(5):
        response = client.post(
            LOGIN, {"username": "curator-a", "password": "wrong"}, headers=headers
        )
        assert response.status_code in (200, 429)


def logs_in(client, **headers) -> bool:
    response = client.post(
        LOGIN, {"username": "curator-a", "password": "right-password"}, headers=headers
    )
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_failures_from_address_a_do_not_lock_the_user_out_from_address_b(axes_on):
    stranger = Client(REMOTE_ADDR="198.51.100.7")
    fail_five_times(stranger)
    assert not logs_in(Client(REMOTE_ADDR="198.51.100.7"))  # locked out where they failed
    assert logs_in(Client(REMOTE_ADDR="203.0.113.20"))  # the curator, elsewhere


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 0
    fail_five_times(Client(REMOTE_ADDR="198.51.100.7"), X_Forwarded_For="203.0.113.20")
    # The spoofed header named the curator's address; the lockout is on the stranger's.
    assert logs_in(Client(REMOTE_ADDR="203.0.113.20"))
    assert not logs_in(Client(REMOTE_ADDR="198.51.100.7"), X_Forwarded_For="203.0.113.99")


def test_behind_one_trusted_proxy_x_forwarded_for_decides_the_address(axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # Everyone arrives from the proxy's address; the proxy appends the client's.
    fail_five_times(Client(REMOTE_ADDR=proxy), X_Forwarded_For="198.51.100.7")
    assert logs_in(Client(REMOTE_ADDR=proxy), X_Forwarded_For="203.0.113.20")
    # A stranger who writes the curator's address first gains nothing: the proxy's entry
    # (the right-most) is the one trusted.
    assert not logs_in(Client(REMOTE_ADDR=proxy), X_Forwarded_For="203.0.113.20, 198.51.100.7")


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.20", "10.0.0.2"),
        (1, "203.0.113.20", "203.0.113.20"),
        (1, "6.6.6.6, 203.0.113.20", "203.0.113.20"),
        (2, "6.6.6.6, 203.0.113.20, 10.0.0.1", "203.0.113.20"),
        (2, "203.0.113.20", "10.0.0.2"),  # did not pass both proxies
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, None, "10.0.0.2"),
    ],
)
def test_client_ip_takes_the_entry_the_proxies_wrote(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **headers)
    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "10.0.0.2"), (1, "203.0.113.20")], ids=["direct", "one-proxy"]
)
def test_throttling_reads_the_same_address_as_lockouts(settings, count, expected):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.20"
    )
    assert AnonRateThrottle().get_ident(Request(request)) == expected == client_ip(request)
