"""What every importer of the catalogue shares: one import at a time, and writes that are an
import's, not an editor's.

`import_lock()` serializes imports across processes and machines: a PostgreSQL
advisory lock, or on SQLite a lock file beside the database. The second import
waits, then stops with a clear French message (`ImportLocked`); two imports
never interleave their batches. Inside `importing()`, the apps' edit tracking
ignores the writes: they are the import's own, not an editor's
(careers.freshness, certifications.edits).
"""

import fcntl
import tempfile
import threading
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

_state = threading.local()
# How long an import waits for another to finish before it gives up (seconds).
WAIT = 120
POLL = 0.2


class ImportLocked(RuntimeError):
    """Another import holds the catalogue."""


@contextmanager
def importing():
    previous = is_importing()
    _state.importing = True
    try:
        yield
    finally:
        _state.importing = previous


def is_importing() -> bool:
    return getattr(_state, "importing", False)


@contextmanager
def import_lock(*, wait: float = WAIT, name: str = "catalogue"):
    """Hold the catalogue's import lock for the block; wait `wait` seconds at most for it."""
    take, release = (_pg_lock if connection.vendor == "postgresql" else _file_lock)(name)
    deadline = time.monotonic() + wait
    while not take():
        if time.monotonic() >= deadline:
            raise ImportLocked(
                "Un autre import du catalogue est en cours : réessayez quand il sera terminé "
                f"(attendu {wait:.0f} s)."
            )
        time.sleep(POLL)
    try:
        yield
    finally:
        release()


def _pg_lock(name: str):
    key = zlib.crc32(name.encode())

    def take() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            return cursor.fetchone()[0]

    def release() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])

    return take, release


def _file_lock(name: str):
    database = str(connection.settings_dict["NAME"])
    in_memory = database == ":memory:" or "mode=memory" in database
    folder = Path(tempfile.gettempdir()) if in_memory else Path(database).resolve().parent
    stem = "memory" if in_memory else Path(database).name
    handle = open(folder / f".{stem}.{name}.lock", "w")  # noqa: SIM115 (held until release)

    def take() -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release() -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()

    return take, release
