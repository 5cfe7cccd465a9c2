"""Every key, timeout and invalidation of the site's cache, in one place.

The invariant: whatever a page caches (a whole job sheet, the catalogue's facet
counts…) is keyed on the catalogue version, and every write to the catalogue —
any row of an app in settings.CATALOGUE_APPS, from the admin, an importer, a
service or a shell — bumps that version in the same transaction. A page cached
before an edit is never served after it: its key is gone. Writes that send no
model signal (bulk_create, QuerySet.update, raw SQL) call `bump()` themselves.

Where the version lives: in the database (core.CatalogueVersion), written with
the edit it follows, so that it changes for every process exactly when the edit
is committed, and for the writer at once. With a cache of its own per process
(LocMem, the default), each page that uses the cache reads it there: one small
query. With a shared cache (Redis), the version is read from the cache, which
the writer updates when its transaction commits: no query at all.

The version only grows, in the order the writes commit: a bump sets it to the
greater of the previous value + 1 and the clock (in ns), under the row's lock, so a
database restored from a backup never reuses a version whose pages a cache still
holds. A shared cache's copy is raised, never lowered (`set_max`): two writers
whose commit callbacks run in the other order cannot leave the older version there.
If Redis lost that write (unreachable at commit), core.cache_backends deletes the
copy once Redis answers again, and VERSION_TIMEOUT bounds the lag in the worst case
(the writer's process gone before Redis came back).

Within one request the version is read once (`pin_for_request`): a page's key, its
facets' and its codes' read the same value, as if the request had a snapshot of the
catalogue's version; a write during the request (a bump) lets the next read see it.

Parts: beside the whole catalogue's, a part of it has a version of its own (`PARTS`),
bumped with the catalogue's by every write that may change that part. What depends on
the part alone is keyed on the part's version and outlives the other edits. A model says
which parts a write of one of its rows may change (`catalogue_parts`); one that says
nothing changes them all, as does every `bump()` without arguments (bulk writes).
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

# How long a cached page or fragment is kept: its key changes on every write anyway.
PAGE_TIMEOUT = 60 * 60
# How long a shared cache keeps its copy of the version (a bump replaces it at once);
# past it, one request reads the database again.
VERSION_TIMEOUT = 60
VERSION_KEY = "catalogue-version"
NAME = "catalogue"
# The vocabulary items, their links to careers, the careers' diplomas and which careers
# are published: what the whole catalogue's counts are made of (the vocabulary list, the
# career list's facets). Editing a career's text or a certification changes none of it.
VOCABULARY = "vocabulary"
# The certifications and the codes they name: what the certification list is made of.
CERTIFICATIONS = "certifications"
PARTS = (VOCABULARY, CERTIFICATIONS)

_state = threading.local()


def cache_is_shared() -> bool:
    """Whether every process sees the same cache (Redis), rather than one of its own."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def _version_key(name: str) -> str:
    return VERSION_KEY if name == NAME else f"{VERSION_KEY}:{name}"


def _stored_versions(*names: str) -> dict[str, int]:
    """The stored versions of these parts, or of every part if none is named: one small
    query, written by hand since building it with the ORM took longer than running it,
    on every page that reads a version."""
    from .models import CatalogueVersion

    connection = connections[CatalogueVersion.objects.db]
    table = connection.ops.quote_name(CatalogueVersion._meta.db_table)
    sql = f"SELECT name, value FROM {table}"
    if names:
        sql += f" WHERE name IN ({', '.join(['%s'] * len(names))})"
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        return dict(cursor.fetchall())


def catalogue_version(part: str = NAME) -> int:
    """The catalogue's version, or one part's: from the shared cache if there is one, else
    the database.

    A transaction that bumped it reads it from the database too: the shared copy
    changes only when that transaction commits, and the writer sees its writes at once.
    A request reads every part's from the database at once (its page's key and its
    facets' both need one), pinned as one snapshot.
    """
    getattr(_state, "unread", set()).discard(part)
    pinned = getattr(_state, "pinned", {})
    if part in pinned:
        return pinned[part]
    pinning = getattr(_state, "pinning", False)
    if cache_is_shared() and not _bump_pending():
        value = cache.get(_version_key(part))
        if value is None:
            value = _stored_versions(part).get(part, 0)
            cache.add(_version_key(part), value, VERSION_TIMEOUT)
    elif pinning:
        pinned = {name: 0 for name in (NAME, *PARTS)} | _stored_versions() | pinned
        value = pinned.get(part, 0)
    else:
        value = _stored_versions(part).get(part, 0)
    if pinning:
        pinned[part] = value
        _state.pinned = pinned
    return value


def pin_for_request(**kwargs) -> None:
    """From now until `unpin`, the first version read is the one every later read gets
    (request_started)."""
    _state.pinning, _state.pinned = True, {}


def unpin(**kwargs) -> None:
    """Every read asks again (request_finished)."""
    _state.pinning, _state.pinned = False, {}


def _bumped() -> None:
    """Marks, among a transaction's commit callbacks, that it bumped the version."""


def _bump_pending() -> bool:
    """Whether the current transaction bumped the version (not committed yet)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        callback is _bumped for _, callback, _ in connection.run_on_commit
    )


def bump(parts: tuple[str, ...] = PARTS) -> None:
    """Retire every cached page, and what these parts of the catalogue (all, unless told)
    keyed: for this transaction now and for everyone at its commit.

    Within a transaction that bumped already, a write with no read of a version since
    shares that bump: a thousand rows saved by an import update each version once.
    """
    connection = transaction.get_connection()
    bumped = _bump_pending()
    unread = getattr(_state, "unread", set()) if bumped else set()
    names = [name for name in (NAME, *parts) if name not in unread]
    if not names:
        return
    from .models import CatalogueVersion

    for name in names:
        rows = CatalogueVersion.objects.filter(name=name)
        if rows.update(value=Greatest(F("value") + 1, Value(time.time_ns()))):
            value = rows.values_list("value", flat=True).get()
        else:
            value = CatalogueVersion.objects.create(name=name, value=time.time_ns()).value
        if cache_is_shared():
            transaction.on_commit(functools.partial(_publish, name, value), robust=True)
    _state.unread = unread | set(names)
    _state.pinned = {}
    if connection.in_atomic_block and not bumped:
        transaction.on_commit(_bumped)


def _publish(name: str, value: int) -> None:
    """Give the shared cache the committed version; only ever raise the copy there."""
    set_max = getattr(cache, "set_max", None)
    if set_max is not None:
        set_max(_version_key(name), value, VERSION_TIMEOUT)
    else:
        cache.set(_version_key(name), value, VERSION_TIMEOUT)


def key(kind: str, *values: object, version: int | None = None, part: str = NAME) -> str:
    """A short cache key for `kind` (a page, a fragment) at the catalogue's `version`, or
    at the version of the part of it that is all `kind` shows.

    Its values (slugs, URLs, query strings) are hashed: the key stays under any backend's
    limit. `version` is the current one unless the caller read it already.
    """
    digest = hashlib.sha256(repr(values).encode()).hexdigest()[:32]
    version = catalogue_version(part) if version is None else version
    return f"{kind}:{part}:{version}:{digest}"


# The values of get_or_set last read, as read, in this process: a cache hands back a new
# unpickled copy at each get, which for the skills' title vocabulary (thousands of words)
# cost milliseconds per search. Their keys hold the version, and a copy here is used only
# while the cache still holds its key (a clear, an eviction end it).
_read: OrderedDict[str, object] = OrderedDict()
_read_lock = threading.Lock()
READ_KEPT = 32


def get_or_set(kind: str, values: tuple, compute, *, version: int | None = None, part: str = NAME):
    """The cached value of `kind` for these values at this version, computed on a miss.

    The value may be shared with other requests of the process: read it, never change it.
    """
    full_key = key(kind, *values, version=version, part=part)
    with _read_lock:
        value = _read.get(full_key, _read)
    if value is not _read and cache.has_key(full_key):
        return value
    value = cache.get_or_set(full_key, compute, PAGE_TIMEOUT)
    with _read_lock:
        _read[full_key] = value
        while len(_read) > READ_KEPT:
            _read.popitem(last=False)
    return value


class PublicationParts:
    """A model mixin: the rows' `is_published` counts in `publication_parts`, nothing else
    of them in any part. A save changes those parts only if it publishes or withdraws the
    row, compared with the database's value as the row was loaded, refreshed or saved."""

    publication_parts: tuple[str, ...] = PARTS

    @classmethod
    def from_db(cls, *args, **kwargs):
        row = super().from_db(*args, **kwargs)
        row._remember_publication()
        return row

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._remember_publication()

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self._remember_publication()

    def _remember_publication(self) -> None:
        # Deferred (not in __dict__): not saved either, since Django saves loaded fields only.
        self._stored_published = self.__dict__.get("is_published")

    @property
    def catalogue_parts(self) -> tuple[str, ...]:
        stored = getattr(self, "_stored_published", None)  # None: a new row
        return () if self.__dict__.get("is_published") == stored else self.publication_parts


def parts_written(instance, *, deleted: bool = False) -> tuple[str, ...]:
    """The parts of the catalogue a write of this row may change: those its model, or else
    its app, names in `catalogue_parts`; all of them when neither does, and on deletion."""
    if deleted:
        return PARTS
    declared = getattr(instance, "catalogue_parts", None)
    if declared is None:
        declared = getattr(instance._meta.app_config, "catalogue_parts", PARTS)
    return declared


def connect_signals(sender_models) -> None:
    """Bump the version on every save, delete and many-to-many change of these models,
    and those of the parts of the catalogue the write may change."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def on_write(signal, instance, **kwargs) -> None:
        bump(parts_written(instance, deleted=signal is post_delete))

    for model in sender_models:
        uid = model._meta.label
        post_save.connect(on_write, sender=model, weak=False, dispatch_uid=f"bump-save-{uid}")
        post_delete.connect(on_write, sender=model, weak=False, dispatch_uid=f"bump-del-{uid}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                on_write, sender=through, weak=False, dispatch_uid=f"bump-m2m-{uid}.{field.name}"
            )
