"""Django's Redis cache, made to degrade: a Redis that cannot be reached is a cache miss.

Django's RedisCache raises on connection errors, so a Redis restart or a network cut
would turn every page into a 500. Here a connection error or a timeout makes a read
a miss and a write a no-op: the page is computed from the database, as with no cache
at all, and a warning is logged (once a minute per process, not once per request).
After a failure the process leaves Redis alone for RETRY_AFTER seconds, so that an
unreachable host costs one connection timeout now and then, not one per cache call.

A write lost that way may leave an older value in Redis (if Redis kept its data, as
after a network cut): the keys of lost writes are deleted as soon as Redis answers
again, so nobody reads the value they should have replaced.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# Seconds during which a process that just failed to reach Redis does not try again.
RETRY_AFTER = 2.0
# At most one warning per process in this many seconds.
WARN_EVERY = 60.0
# Keys of lost writes remembered for deletion; past this, the oldest are dropped.
MAX_LOST = 10_000

# Raise `value` stored at KEYS[1] to ARGV[1], never lower it (integers, as Django's
# serializer stores them).
SET_MAX = """
local current = redis.call('GET', KEYS[1])
if current == false or tonumber(current) < tonumber(ARGV[1]) then
    redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
    return 1
end
return 0
"""


class ResilientRedisCache(RedisCache):
    """RedisCache whose reads miss and writes do nothing while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._warned_at = -WARN_EVERY
        self._lost: dict[str, None] = {}

    # --- The guard every call goes through ----------------------------------------------------

    def _call(self, method, *args, default=None, lost=()):
        """`method(*args)`, or `default` if Redis cannot be reached; `lost`: the full keys
        this call writes, to delete once Redis answers again if the write did not happen."""
        if time.monotonic() < self._down_until:
            self._remember(lost)
            return default
        try:
            if self._lost:
                self._forget_lost()
            return method(*args)
        except UNREACHABLE as error:
            self._failed(error)
            self._remember(lost)
            return default

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_AFTER
            warn = now - self._warned_at >= WARN_EVERY
            if warn:
                self._warned_at = now
        if warn:
            logger.warning(
                "Cache Redis injoignable (%s) : pages servies sans cache, nouvel essai dans %s s.",
                error,
                RETRY_AFTER,
            )

    def _remember(self, keys) -> None:
        if not keys:
            return
        with self._lock:
            self._lost.update(dict.fromkeys(keys))
            while len(self._lost) > MAX_LOST:
                del self._lost[next(iter(self._lost))]

    def _forget_lost(self) -> None:
        with self._lock:
            keys, self._lost = list(self._lost), {}
        try:
            self._cache.delete_many(keys)
        except UNREACHABLE:
            self._remember(keys)
            raise

    def _keys(self, keys, version) -> list[str]:
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # --- Django's cache API ---------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, default=default)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, default={})

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, default=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        lost = self._keys([key], version)
        return self._call(super().add, key, value, timeout, version, default=False, lost=lost)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, key, value, timeout, version, lost=self._keys([key], version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set_many, data, timeout, version, lost=self._keys(data, version))
        return []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, default=False)

    def delete(self, key, version=None):
        lost = self._keys([key], version)
        return self._call(super().delete, key, version, default=False, lost=lost)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, keys, version, lost=self._keys(keys, version))

    def clear(self):
        return self._call(super().clear, default=False)

    def set_max(self, key, value: int, timeout: int) -> None:
        """Store the integer `value` unless a greater one is there already: writers that
        publish increasing versions concurrently never leave an older one behind."""
        full_key = self.make_and_validate_key(key)

        def run():
            client = self._cache.get_client(full_key, write=True)
            client.eval(SET_MAX, 1, full_key, int(value), int(timeout))

        self._call(run, lost=[full_key])
