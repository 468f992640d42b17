import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/api/v1/committees/%C2%84/", "/api/v1/nothing-here/", "/api/v1/standards/a/b/"]
)
def test_unknown_api_addresses_are_json_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "Not found" in response.json()["detail"]


def test_unknown_page_addresses_keep_the_friendly_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_api_server_errors_are_json(monkeypatch):
    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("api.policies.ObjectiveViewSet.list", explode)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/objectives/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
