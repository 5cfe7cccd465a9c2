import io
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from tests import processes


def pytest_collection_modifyitems(config, items):
    """Tests marked `redis` need a real server: skipped unless REDIS_URL names one."""
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="REDIS_URL n'est pas défini (pas de serveur Redis)")
    for item in items:
        if "redis" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests render templates without a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """A password hashed as in production costs 0.9 s of CPU here, and every test with an
    administrator (pytest-django's admin_user) hashed one: a minute and a half a pass.
    Django's documentation advises a fast hasher for tests; production keeps its own."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no rendered page cached, so query counts stay honest."""
    cache.clear()
    yield
    cache.clear()


def load_catalogue() -> str:
    """Run `manage.py load_catalog` on the seed catalogue; return what it printed."""
    out = io.StringIO()
    call_command("load_catalog", stdout=out)
    return out.getvalue()


@pytest.fixture
def catalogue(db) -> str:
    """The seed catalogue (fixtures/), loaded as a deployment loads it; what the command printed.

    Module-wide setups that cannot use a function fixture call `load_catalogue()`.
    """
    return load_catalogue()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file with every migration applied, made once a session (some 8 s)."""
    path = tmp_path_factory.mktemp("migrated") / "site.sqlite3"
    processes.migrate_sqlite(path)
    return path


@pytest.fixture
def sqlite_site(migrated_sqlite, tmp_path) -> Path:
    """A migrated, empty SQLite database of the test's own, for a site run in another process."""
    return processes.copy_sqlite(migrated_sqlite, tmp_path / "site.sqlite3")


@pytest.fixture
def editor_client(db) -> Client:
    """A client of its own, logged in as a member of the Éditeur group (core.apps)."""
    user = User.objects.create_user("redaction", "redaction@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Éditeur"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def session_reads(settings) -> int:
    """The queries a logged-in request spends reading its session: none when the sessions
    live in the cache (cached_db, with REDIS_URL), which force_login filled."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


@pytest.fixture
def staff_client(db) -> Client:
    """A client of its own, logged in as staff without any permission on the catalogue."""
    client = Client()
    client.force_login(User.objects.create_user("stagiaire", is_staff=True))
    return client
