"""Two `load_catalog` at once on one database: the import lock (core.imports) makes the second
wait for the first, and the catalogue ends whole, on SQLite and on PostgreSQL.

Each case runs real processes on a database of its own (a SQLite file; a PostgreSQL
database created for it), never the test database: the loads must commit. About 10 s on
SQLite once the session's migrated file exists (tests/conftest.py); the PostgreSQL case,
which runs when the suite does, first migrates its database (15 to 30 s on 2 busy cores).
"""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings

from tests import processes

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
COUNTS = (
    "SELECT (SELECT count(*) FROM careers_career),"
    " (SELECT count(*) FROM certifications_certification),"
    " (SELECT count(*) - count(DISTINCT slug) FROM skills_skill)"
)


def expected_counts() -> tuple[int, int, int]:
    """Careers and certifications of the seed catalogue, and no duplicated skill."""
    certifications = sum(
        entry["model"] == "certifications.certification"
        for path in (FIXTURES / "certifications").glob("*.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))
    )
    return len(list((FIXTURES / "jobsheets").glob("*.txt"))), certifications, 0


def load_twice_at_once(database_url: str) -> list[subprocess.CompletedProcess]:
    env = processes.environment(DATABASE_URL=database_url)
    loads = [
        subprocess.Popen(
            [sys.executable, "manage.py", "load_catalog"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for load in loads:
        stdout, stderr = load.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(load.args, load.returncode, stdout, stderr))
    return results


def assert_both_loaded_one_after_the_other(results: list[subprocess.CompletedProcess]) -> None:
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    careers = len(list((FIXTURES / "jobsheets").glob("*.txt")))
    # The one that waited found everything already there.
    assert sorted(result.stdout.splitlines()[0] for result in results) == [
        f"Fiches métiers : 0 créée(s), 0 mise(s) à jour, {careers} inchangée(s).",
        f"Fiches métiers : {careers} créée(s), 0 mise(s) à jour, 0 inchangée(s).",
    ]


def test_two_loads_at_once_on_sqlite(sqlite_site):
    results = load_twice_at_once(f"sqlite:///{sqlite_site}")

    assert_both_loaded_one_after_the_other(results)
    with closing(sqlite3.connect(sqlite_site)) as database:
        assert database.execute(COUNTS).fetchone() == expected_counts()


@pytest.fixture
def postgresql_database():
    """The URL of a PostgreSQL database made for the test, on the suite's server; dropped after."""
    url = os.environ.get("DATABASE_URL", "")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("la suite tourne sur SQLite : ce cas tourne avec DATABASE_URL=postgres://…")
    name = f"orientation_concurrent_{secrets.token_hex(4)}"
    server = urlsplit(url)._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
    except psycopg.Error as error:
        pytest.skip(f"impossible de créer une base PostgreSQL dédiée : {error}")
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_two_loads_at_once_on_postgresql(postgresql_database):
    migrated = processes.run(
        ["manage.py", "migrate", "--no-input", "-v0"], DATABASE_URL=postgresql_database
    )
    assert migrated.returncode == 0, migrated.stderr

    results = load_twice_at_once(postgresql_database)

    assert_both_loaded_one_after_the_other(results)
    with psycopg.connect(postgresql_database) as database:
        assert database.execute(COUNTS).fetchone() == expected_counts()
