"""The shared cache (core.cache, core.cache_backends): short keys, a version that only grows
and reaches every process at commit, and pages served when Redis is down.

Tests marked `redis` need a real server at REDIS_URL (.ci/run starts one) and are
skipped without it; the others need none (a closed port stands for a Redis that is down).
"""

import json
import logging
import os
import pickle
import secrets
import socket
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import CacheKeyWarning, cache, caches
from django.test import override_settings

from core import cache as catalogue_cache
from core.cache_backends import ResilientRedisCache
from core.http import VISITOR_HOLES, SharedPage
from core.models import CatalogueVersion
from tests import factories as f
from tests.pages import text_of, without_tokens

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")


def closed_port_url() -> str:
    """A Redis URL nobody listens on: a port just freed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def redis_settings(url: str) -> dict:
    return {
        "CACHES": {
            "default": {
                "BACKEND": "core.cache_backends.ResilientRedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
                "KEY_PREFIX": "test",
            }
        },
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
    }


def backend(url: str, prefix: str) -> ResilientRedisCache:
    return ResilientRedisCache(url, {"KEY_PREFIX": prefix, "OPTIONS": {"socket_timeout": 0.5}})


# --- Keys ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_very_long_slug_makes_a_short_key():
    slug = "intitule-" * 40
    key = catalogue_cache.key("sheet-page", slug, f"https://exemple.fr/metiers/{slug}/")
    assert len(key) < 80
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        backend(closed_port_url(), "orientation").make_and_validate_key(key)


def test_only_redis_is_a_shared_cache():
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=locmem):
        assert not catalogue_cache.cache_is_shared()
    with override_settings(**redis_settings(closed_port_url())):
        assert catalogue_cache.cache_is_shared()


@pytest.mark.django_db
def test_unknown_addresses_fill_no_page_and_a_tray_never_reaches_the_cache(client):
    career = f.CareerFactory()
    other = f.CareerFactory(title="Acheteur international")
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=locmem):
        for number in range(20):
            assert client.get(f"/metiers/inconnu-{number}/").status_code == 404
        assert len(caches["default"]._cache) == 0  # a cache-filling attack fills nothing

        client.post("/comparer/ajouter/", {"metier": other.slug})
        page = client.get(career.get_absolute_url())
        assert "Acheteur international" in text_of(page)  # their tray, on their page
        # The page alone (with REDIS_URL, the visitor's session is in this cache too).
        values = [pickle.loads(value) for value in caches["default"]._cache.values()]
        (stored,) = [value for value in values if isinstance(value, SharedPage)]
        assert b"Acheteur international" not in stored.content
        assert VISITOR_HOLES["tray"].encode() in stored.content


# --- The version ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_version_only_grows_even_if_the_clock_goes_back(monkeypatch):
    catalogue_cache.bump()
    first = catalogue_cache.catalogue_version()
    monkeypatch.setattr(catalogue_cache.time, "time_ns", lambda: 1)  # a clock far behind
    catalogue_cache.bump()
    assert catalogue_cache.catalogue_version() == first + 1


@pytest.mark.django_db
def test_a_transaction_that_bumped_reads_its_own_version_even_with_a_shared_cache():
    with override_settings(**redis_settings(closed_port_url())):
        catalogue_cache.bump()  # inside the test's transaction: not committed
        stored = CatalogueVersion.objects.get(name=catalogue_cache.NAME).value
        assert catalogue_cache.catalogue_version() == stored


@pytest.mark.django_db
def test_a_bump_moves_the_parts_it_names_and_all_of_them_by_default():
    vocabulary = catalogue_cache.catalogue_version(catalogue_cache.VOCABULARY)
    whole = catalogue_cache.catalogue_version()

    catalogue_cache.bump(())
    assert catalogue_cache.catalogue_version() > whole
    assert catalogue_cache.catalogue_version(catalogue_cache.VOCABULARY) == vocabulary

    catalogue_cache.bump()
    assert catalogue_cache.catalogue_version(catalogue_cache.VOCABULARY) > vocabulary


@pytest.mark.django_db
def test_a_request_reads_every_part_of_the_version_in_one_query(django_assert_num_queries):
    catalogue_cache.bump()
    stored = dict(CatalogueVersion.objects.values_list("name", "value"))
    catalogue_cache.pin_for_request()
    try:
        with django_assert_num_queries(1):
            versions = [catalogue_cache.catalogue_version(part) for part in catalogue_cache.PARTS]
            whole = catalogue_cache.catalogue_version()
        assert versions == [stored[part] for part in catalogue_cache.PARTS]
        assert whole == stored[catalogue_cache.NAME]
        catalogue_cache.bump(())  # a write during the request: the next read sees it
        assert catalogue_cache.catalogue_version() > whole
    finally:
        catalogue_cache.unpin()


@pytest.mark.django_db
def test_a_value_read_is_kept_in_the_process_while_the_cache_holds_it():
    computed = []

    def compute():
        computed.append(1)
        return {"words": ["logistique"]}

    first = catalogue_cache.get_or_set("kept", (), compute)
    assert catalogue_cache.get_or_set("kept", (), compute) is first  # not unpickled again
    assert len(computed) == 1

    cache.clear()  # what the process kept goes with the cache's copy
    assert catalogue_cache.get_or_set("kept", (), compute) is not first
    assert len(computed) == 2

    catalogue_cache.bump()  # a new version is a new key
    catalogue_cache.get_or_set("kept", (), compute)
    assert len(computed) == 3


@pytest.mark.django_db
def test_within_a_transaction_a_part_not_bumped_yet_still_moves():
    catalogue_cache.bump(())  # the test's transaction bumped the catalogue alone
    vocabulary = CatalogueVersion.objects.filter(name=catalogue_cache.VOCABULARY)
    before = vocabulary.values_list("value", flat=True).first() or 0
    catalogue_cache.bump()  # shares the catalogue's bump, not the vocabulary's
    assert vocabulary.get().value > before


@pytest.mark.django_db
def test_what_a_write_may_change_comes_from_its_model_or_its_app():
    vocabulary, certifications = (catalogue_cache.VOCABULARY,), (catalogue_cache.CERTIFICATIONS,)
    new = f.CareerFactory.build()
    assert catalogue_cache.parts_written(new) == vocabulary  # created: counted
    career = f.CareerFactory()
    assert catalogue_cache.parts_written(career) == ()  # saved as it is now
    loaded = type(career).objects.get(pk=career.pk)
    assert catalogue_cache.parts_written(loaded) == ()
    loaded.is_published = False
    assert catalogue_cache.parts_written(loaded) == vocabulary
    assert catalogue_cache.parts_written(loaded, deleted=True) == catalogue_cache.PARTS
    loaded.save()
    assert catalogue_cache.parts_written(loaded) == ()  # saved: the database's value now
    type(career).objects.filter(pk=career.pk).update(is_published=True)  # another writer
    loaded.refresh_from_db()
    loaded.is_published = False
    assert catalogue_cache.parts_written(loaded) == vocabulary  # against what it reread
    assert catalogue_cache.parts_written(f.MissionBlockFactory()) == ()
    assert catalogue_cache.parts_written(f.EducationLevelFactory()) == vocabulary
    assert catalogue_cache.parts_written(f.CareerSkillFactory()) == catalogue_cache.PARTS
    assert catalogue_cache.parts_written(f.CertificationFactory()) == certifications
    assert catalogue_cache.parts_written(f.ComponentFactory()) == certifications


# --- Redis down -----------------------------------------------------------------------------------


def test_an_unreachable_redis_is_a_miss_and_a_write_does_nothing(caplog):
    down = backend(closed_port_url(), "down")
    with caplog.at_level(logging.WARNING, logger="core.cache_backends"):
        assert down.get("a", "absent") == "absent"
        down.set("a", 1)
        assert down.add("a", 1) is False
        assert down.get_many(["a", "b"]) == {}
        assert down.get_or_set("b", lambda: "computed") == "computed"
        down.delete("a")
        down.clear()
    warnings_logged = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings_logged) == 1  # once, not once per call
    assert "injoignable" in warnings_logged[0].getMessage()


@pytest.mark.django_db
def test_pages_are_served_when_redis_is_down(client, caplog):
    career = f.CareerFactory(title="Cariste export", summary="Charge les conteneurs.")
    with (
        override_settings(**redis_settings(closed_port_url())),
        caplog.at_level(logging.WARNING, logger="core.cache_backends"),
    ):
        for url in ["/", "/metiers/", career.get_absolute_url(), "/recherche/?q=cariste"]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert "Charge les conteneurs." in text_of(client.get(career.get_absolute_url()))
    assert any("injoignable" in r.getMessage() for r in caplog.records)


# --- With a real Redis ----------------------------------------------------------------------------


@pytest.mark.redis
def test_a_lost_write_is_deleted_once_redis_answers_again(monkeypatch):
    shared = backend(REDIS_URL, f"lost-{secrets.token_hex(4)}")
    shared.set("version", 1)

    def unreachable(*args, **kwargs):
        from redis.exceptions import ConnectionError

        raise ConnectionError("coupure réseau")

    with monkeypatch.context() as patch:
        patch.setattr(shared._cache, "set", unreachable)
        shared.set("version", 2)  # lost: Redis still holds 1
    shared._down_until = 0  # the retry delay has passed

    assert shared.get("version") is None  # 1 was deleted, not served
    shared.set("version", 3)
    assert shared.get("version") == 3


@pytest.mark.redis
def test_the_shared_copy_of_the_version_is_never_lowered():
    shared = backend(REDIS_URL, f"max-{secrets.token_hex(4)}")
    shared.set_max("v", 10, 60)
    shared.set_max("v", 7, 60)  # a commit callback that ran late
    assert shared.get("v") == 10
    shared.set_max("v", 12, 60)
    assert shared.get("v") == 12


@pytest.mark.redis
@pytest.mark.django_db
def test_a_commit_gives_the_shared_cache_the_new_version(django_capture_on_commit_callbacks):
    assert catalogue_cache.cache_is_shared()
    with django_capture_on_commit_callbacks(execute=True):
        f.CareerFactory()
    stored = CatalogueVersion.objects.get(name=catalogue_cache.NAME).value
    assert cache.get(catalogue_cache.VERSION_KEY) == stored


# --- Two processes, one database, one Redis -----------------------------------------------------


class Site:
    """A process of the site (tests/core/cache_process.py) on the shared database."""

    def __init__(self, env: dict):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("cache_process.py"))],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def shared_database(tmp_path):
    """A database two processes share: a new one on the PostgreSQL server of DATABASE_URL,
    else a SQLite file; migrated, with a few synthetic careers."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        import psycopg

        name = f"cache_{secrets.token_hex(4)}"
        admin_dsn = base.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    else:
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        # Another database: its keys apart from the test process's, as for another site.
        "CACHE_KEY_PREFIX": f"two-{secrets.token_hex(4)}",
        "DJANGO_ENV": "test",
    }
    manage = [sys.executable, "manage.py"]
    for args in (["migrate", "--no-input", "-v0"], ["seed_synthetic", "--careers=3"]):
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)
    slug = subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from careers.models import Career; print(Career.objects.first().slug)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[-1]
    yield env, slug
    if base.startswith("postgres"):
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.redis
def test_an_edit_in_one_process_shows_in_another_at_once(shared_database):
    env, slug = shared_database
    reader, writer = Site(env), Site(env)
    try:
        path = f"/metiers/{slug}/"
        assert reader.ask(f"get {path}")["status"] == 200
        cached = reader.ask(f"get {path}")
        assert cached["queries"] == 0  # page and version both from Redis: no query at all

        assert writer.ask(f"edit {slug} Résumé réécrit par un autre processus.") == {"done": True}

        fresh = reader.ask(f"get {path}")
        assert "Résumé réécrit par un autre processus." in fresh["body"]
        assert reader.ask("version") == writer.ask("version")
    finally:
        reader.stop()
        writer.stop()


@pytest.mark.redis
def test_the_vocabulary_pages_outlive_a_text_edit_and_follow_a_withdrawal_in_another_process(
    shared_database,
):
    env, slug = shared_database
    reader, writer = Site(env), Site(env)
    try:
        first = reader.ask("get /competences/")
        assert first["status"] == 200
        assert reader.ask("get /competences/")["queries"] == 0

        writer.ask(f"edit {slug} Un résumé réécrit.")
        kept = reader.ask("get /competences/")
        assert kept["queries"] == 0  # its part's version from Redis, the page from Redis too
        assert without_tokens(kept["body"]) == without_tokens(first["body"])

        assert writer.ask(f"unpublish {slug}") == {"done": True}
        fewer = reader.ask("get /competences/")["body"]  # one career fewer to count
        assert without_tokens(fewer) != without_tokens(first["body"])
        assert reader.ask("version vocabulary") == writer.ask("version vocabulary")
    finally:
        reader.stop()
        writer.stop()
