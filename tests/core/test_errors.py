"""Errors answered in the address's own language (JSON for /api/ and ….json, HTML elsewhere),
and a 503 rather than a 500 or a cut file when the database is unavailable."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from tests import processes


def explode(request, **kwargs):
    raise RuntimeError("boum")


def database_down(request, **kwargs):
    raise OperationalError("connection refused")


# This module is the URLconf of the tests marked `urls(__name__)`.
urlpatterns = [
    path("api/v1/boum/", explode),
    path("metiers/boum.json", explode),
    path("boum/", explode),
    path("api/v1/base/", database_down),
    path("base/", database_down),
]
handler500 = "core.errors.server_error"


@pytest.fixture
def failing_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/api/v1/boum/", "/metiers/boum.json"])
def test_a_server_error_at_a_json_address_is_json(failing_client, url):
    response = failing_client.get(url)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"status": 500, "message": "Erreur du serveur : réessayez dans quelques instants."}
    }


@pytest.mark.urls(__name__)
def test_a_server_error_on_a_page_keeps_the_french_html_page(failing_client):
    response = failing_client.get("/boum/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Erreur du serveur" in response.content.decode()


@pytest.mark.urls(__name__)
def test_an_unavailable_database_gets_a_503_to_come_back_later(failing_client):
    api = failing_client.get("/api/v1/base/")
    page = failing_client.get("/base/")

    assert api.status_code == page.status_code == 503
    assert api["Retry-After"] == page["Retry-After"] == "30"
    assert api.json()["error"]["status"] == 503
    assert page["Content-Type"].startswith("text/html")
    assert "Service momentanément indisponible" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/metiers/inconnu/fiche.json", "/api/v1/nulle-part/"])
def test_an_unknown_json_address_gets_a_json_404(client, settings, url):
    settings.DEBUG = False

    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == 404


def test_a_refused_host_at_a_json_address_gets_a_json_400():
    response = Client(raise_request_exception=False).get(
        "/api/v1/metiers/", headers={"Host": "pirate.example"}
    )

    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


DEAD_DATABASE_ANSWERS = {
    # path: (status, Content-Type)
    "/healthz": (503, "application/json"),
    "/donnees-ouvertes/metiers.csv": (503, "text/html; charset=utf-8"),
    "/donnees-ouvertes/certifications.csv": (503, "text/html; charset=utf-8"),
    "/donnees-ouvertes/metiers.json": (503, "application/json"),
    "/donnees-ouvertes/certifications.json": (503, "application/json"),
    "/api/v1/metiers/": (503, "application/json"),
    "/metiers/": (503, "text/html; charset=utf-8"),
}


@pytest.mark.parametrize("database", ["sqlite-file-gone", "postgresql-unreachable"])
def test_a_database_that_is_gone_gets_503s_never_a_cut_download(database, tmp_path):
    url = {
        "sqlite-file-gone": f"sqlite:///{tmp_path / 'disparue.sqlite3'}",
        "postgresql-unreachable": f"postgres://postgres@127.0.0.1:{processes.closed_port()}/x",
    }[database]

    answers = processes.get(list(DEAD_DATABASE_ANSWERS), DATABASE_URL=url)

    assert {
        path: (status, content_type) for path, (status, content_type, _, _) in answers.items()
    } == DEAD_DATABASE_ANSWERS
    assert not any(streaming for _, _, streaming, _ in answers.values())
