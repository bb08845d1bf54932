"""The shared Redis cache, kept usable when Redis is down: log-in still limited, pages served."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

from page_cache.redis_cache import RedisCache

logger = logging.getLogger(__name__)

# Redis unreachable, timing out, or a replica during a fail-over.
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, ReadOnlyError, OSError)
# After a failure, this process leaves Redis alone for this long instead of waiting for a
# connect timeout on every cache call of every request.
RETRY_AFTER_SECONDS = 5
# allauth keeps its rate limits (and their locks) and used TOTP codes under this prefix. While
# Redis is down they are counted in this process's own memory: limits still hold, per process.
LOCAL_FALLBACK_PREFIX = "allauth:"

_outage = {"until": 0.0, "reported": False}
_outage_lock = threading.Lock()


def single_key(name):
    """Django's cache operation ``name`` on one key: Redis while it answers, else the fallback."""

    def operation(self, key, *args, **kwargs):
        return self._run(name, key, *args, **kwargs)

    operation.__name__ = name
    return operation


class ResilientRedisCache(RedisCache):
    """The Redis cache (one client per pool: page_cache/redis_cache.py) that degrades instead of
    raising when Redis is unreachable.

    While Redis is down: allauth's keys (rate limits, used MFA codes) live in process memory, so
    log-in still works and is still limited per process; every other key behaves as a cache
    with nothing in it (reads miss, writes are dropped), so no process ever serves a page that
    another one has invalidated. One warning is logged when Redis goes away, one line when it is
    back. The single-key operations are attached below the class (``single_key``).
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache("mintkit-redis-fallback", {"TIMEOUT": self.default_timeout})
        self._empty = DummyCache("mintkit-redis-fallback-empty", {})

    def _fallback_for(self, key):
        return self._local if str(key).startswith(LOCAL_FALLBACK_PREFIX) else self._empty

    def _run(self, name, key, *args, **kwargs):
        if time.monotonic() >= _outage["until"]:
            try:
                result = getattr(super(), name)(key, *args, **kwargs)
            except REDIS_DOWN as exc:
                _mark_down(exc)
            else:
                _mark_up()
                return result
        return getattr(self._fallback_for(key), name)(key, *args, **kwargs)

    def get_many(self, keys, version=None):
        # One MGET, one round trip: a page served from the page cache reads several keys.
        keys = list(keys)
        if not keys:
            return {}
        if time.monotonic() >= _outage["until"]:
            try:
                found = super().get_many(keys, version=version)
            except REDIS_DOWN as exc:
                _mark_down(exc)
            else:
                _mark_up()
                return found
        local_keys = [key for key in keys if str(key).startswith(LOCAL_FALLBACK_PREFIX)]
        return self._local.get_many(local_keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if time.monotonic() >= _outage["until"]:
            try:
                failed = super().set_many(data, timeout=timeout, version=version)
            except REDIS_DOWN as exc:
                _mark_down(exc)
            else:
                _mark_up()
                return failed
        local = {k: v for k, v in data.items() if str(k).startswith(LOCAL_FALLBACK_PREFIX)}
        return self._local.set_many(local, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self.delete(key, version=version)

    def clear(self):
        self._local.clear()
        try:
            return super().clear()
        except REDIS_DOWN as exc:
            _mark_down(exc)
            return False

    def ping(self):
        """Ask Redis itself (never the fallback); raises when it does not answer."""
        return self._cache.get_client(write=True).ping()


# Django's single-key operations, each through ResilientRedisCache._run.
for operation in ("add", "get", "set", "touch", "delete", "has_key", "incr"):
    setattr(ResilientRedisCache, operation, single_key(operation))


def _mark_down(exc):
    with _outage_lock:
        _outage["until"] = time.monotonic() + RETRY_AFTER_SECONDS
        first = not _outage["reported"]
        _outage["reported"] = True
    if first:
        logger.warning(
            "Redis is unreachable (%s: %s): rate limits count in process memory, other cache "
            "reads miss, until it answers again",
            type(exc).__name__,
            exc,
        )


def _mark_up():
    if _outage["reported"]:
        with _outage_lock:
            was_down, _outage["reported"] = _outage["reported"], False
        if was_down:
            logger.warning("Redis answers again: the shared cache is back in use")
