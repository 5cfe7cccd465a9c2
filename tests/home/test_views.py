import json

import pytest
from django.db import connection

from tests import processes

NEVER_CACHED = {"no-cache", "no-store", "max-age=0"}


@pytest.mark.django_db
def test_healthz_reads_a_table_of_the_project(client, django_assert_num_queries):
    with django_assert_num_queries(1) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "careers_career" in queries.captured_queries[0]["sql"]
    assert {part.strip() for part in response["Cache-Control"].split(",")} >= NEVER_CACHED


@pytest.mark.django_db
def test_healthz_answers_503_in_json_when_the_table_is_gone(client):
    # Dropped inside the test's transaction, which is rolled back after it.
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE careers_career{cascade}")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "error"
    assert body["database"].startswith("inutilisable (")
    assert {part.strip() for part in response["Cache-Control"].split(",")} >= NEVER_CACHED


@pytest.mark.parametrize("database", ["sqlite-file-gone", "postgresql-unreachable"])
def test_healthz_answers_503_in_json_when_the_database_is_gone(database, tmp_path):
    url = {
        # SQLite creates an empty file on connect: healthz must not take it for the site's.
        "sqlite-file-gone": f"sqlite:///{tmp_path / 'disparue.sqlite3'}",
        "postgresql-unreachable": f"postgres://postgres@127.0.0.1:{processes.closed_port()}/x",
    }[database]

    status, content_type, _, body = processes.get(["/healthz"], DATABASE_URL=url)["/healthz"]

    assert status == 503
    assert content_type == "application/json"
    assert json.loads(body)["status"] == "error"


def test_healthz_answers_plain_http_in_production_where_other_pages_redirect(sqlite_site):
    answers = processes.get(
        ["/healthz", "/"],
        host="orientation.example.org",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="une-clé-de-test-assez-longue-pour-la-production-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="orientation.example.org",
        SITE_URL="https://orientation.example.org",
        DATABASE_URL=f"sqlite:///{sqlite_site}",
    )

    assert answers["/healthz"][0] == 200
    assert json.loads(answers["/healthz"][3]) == {"status": "ok", "database": "ok"}
    assert answers["/"][0] == 301


@pytest.mark.django_db
def test_home_shows_counts_and_search(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'name="q"' in html
