"""The settings contract, checked in fresh interpreters: settings load once per process."""

import json
import secrets

import pytest

from tests.processes import run

REPORT = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "CONN_MAX_AGE": db["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "OPTIONS": db["OPTIONS"],
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "CACHE_BACKEND": s.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": s.CACHES["default"].get("LOCATION", ""),
    "SESSION_ENGINE": s.SESSION_ENGINE,
    "SITE_URL": s.SITE_URL,
}))
"""


def loaded_settings(**variables: str) -> dict:
    result = run(["-c", REPORT], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production(**variables: str) -> dict:
    return {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "orientation.example.org",
        "SITE_URL": "https://orientation.example.org",
        **variables,
    }


def test_production_without_secret_key_fails_naming_it():
    result = run(
        ["-c", "import django; django.setup()"],
        **production(DJANGO_SECRET_KEY=""),
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_fails_naming_them():
    result = run(
        ["-c", "import django; django.setup()"],
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    )

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_every_host_allowed():
    result = run(
        ["-c", "import django; django.setup()"],
        **production(DJANGO_ALLOWED_HOSTS="orientation.example.org, *"),
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS=* est refusé" in result.stderr


def test_production_without_site_url_serves_the_first_allowed_host_over_https():
    loaded = loaded_settings(
        **production(SITE_URL="", DJANGO_ALLOWED_HOSTS=".example.org,www.example.org")
    )

    assert loaded["SITE_URL"] == "https://example.org"


@pytest.mark.parametrize(
    "value",
    ["orientation.example.org", "ftp://orientation.example.org", "https://", "https://x.org/site/"],
)
def test_a_site_url_that_is_not_an_absolute_http_address_fails_naming_it(value):
    result = run(["-c", "import django; django.setup()"], SITE_URL=value)

    assert result.returncode != 0
    assert "SITE_URL doit être une adresse absolue http(s)" in result.stderr


def test_site_url_defaults_to_the_development_server_and_loses_its_final_slash():
    assert loaded_settings()["SITE_URL"] == "http://127.0.0.1:8000"
    assert loaded_settings(SITE_URL="https://orientation.example.org/")["SITE_URL"] == (
        "https://orientation.example.org"
    )


def test_unknown_environment_fails_naming_the_values():
    result = run(["-c", "import django; django.setup()"], DJANGO_ENV="staging")

    assert result.returncode != 0
    assert "DJANGO_ENV" in result.stderr


def test_production_is_hardened():
    loaded = loaded_settings(**production())

    assert loaded["DEBUG"] is False
    assert loaded["ALLOWED_HOSTS"] == ["orientation.example.org"]
    assert loaded["SECURE_HSTS_SECONDS"] >= 31536000
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SITE_URL"] == "https://orientation.example.org"


def test_development_is_the_default_with_sqlite():
    loaded = loaded_settings()

    assert loaded["DEBUG"] is True
    assert loaded["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["NAME"].endswith("db.sqlite3")


def test_sqlite_connections_outlive_a_request_as_postgresql_ones():
    """Opening a SQLite file costs its schema's parsing (2 ms at the catalogue's size):
    a connection per request cost each page more than /healthz (BENCHMARKS.md)."""
    assert loaded_settings()["CONN_MAX_AGE"] == 60
    assert loaded_settings(CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0


def test_sqlite_waits_for_the_write_lock_and_reads_while_someone_writes(tmp_path):
    loaded = loaded_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")

    assert loaded["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert loaded["OPTIONS"]["timeout"] >= 10


SQLITE_PRAGMAS = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    print(cursor.execute("PRAGMA journal_mode").fetchone()[0])
    print(cursor.execute("PRAGMA synchronous").fetchone()[0])
"""


def test_a_sqlite_file_is_opened_in_wal_mode(tmp_path):
    result = run(["-c", SQLITE_PRAGMAS], DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")

    assert result.returncode == 0, result.stderr
    # synchronous=NORMAL is 1.
    assert result.stdout.split() == ["wal", "1"]


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    loaded = loaded_settings(DATABASE_URL="postgres://u:p@h:5432/db")

    assert loaded["ENGINE"] == "django.db.backends.postgresql"
    assert loaded["NAME"] == "db"
    assert loaded["CONN_MAX_AGE"] > 0
    assert loaded["CONN_HEALTH_CHECKS"] is True
    assert "transaction_mode" not in loaded["OPTIONS"]


def test_deployment_checks_pass_in_production():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production(DJANGO_SECRET_KEY=secrets.token_urlsafe(50)),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_url_shares_the_cache_and_the_sessions():
    default = loaded_settings()
    assert default["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert default["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"

    shared = loaded_settings(REDIS_URL="redis://cache.internal:6379/0")
    assert shared["CACHE_BACKEND"] == "core.cache_backends.ResilientRedisCache"
    assert shared["CACHE_LOCATION"] == "redis://cache.internal:6379/0"
    assert shared["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
