"""Backends of our own: an email backend for the demo (every message appended to one file, out
of the terminal), and a Redis cache that degrades instead of failing when Redis is away."""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

logger = logging.getLogger(__name__)


class OneFileEmailBackend(ConsoleEmailBackend):
    """Appends each message, as the console backend prints it, to the file at `path`
    (EMAIL_FILE), so `tail -f` on it follows the demo's email while the terminal shows the logins."""

    def __init__(self, fail_silently: bool = False, *, path: str, **kwargs: Any) -> None:
        kwargs["stream"] = None
        super().__init__(fail_silently=fail_silently, **kwargs)
        # Open only while sending, as in Django's file backend (the stubs type it as always open).
        self.stream: TextIO | None = None  # type: ignore[assignment]
        self.path = Path(path)

    def open(self) -> bool:
        if self.stream is not None:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.stream = self.path.open("a", encoding="utf-8")
        return True

    def close(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        finally:
            self.stream = None


# The calls that change nothing; any other call made while Redis is away changes a key.
READS = {"get", "get_many", "has_key"}
# Keys changed during an outage that a process remembers, to delete from Redis once it is back;
# past this many it clears the whole cache instead.
MAX_REMEMBERED = 100_000


class OneTripRedisCacheClient(RedisCacheClient):
    """Django's Redis client, whose `incr` asks Redis once instead of twice, and which keeps
    its client objects.

    Django's asks EXISTS, then INCRBY; every rate-limited request (each API call, each login)
    increments a counter, so the second round trip was paid on every one. A script does both in
    Redis, at once (nothing can expire the key between them), and a missing key still raises
    ValueError, as Django's does.
    """

    INCREMENT_EXISTING = (
        "if redis.call('exists', KEYS[1]) == 1 then "
        "return redis.call('incrby', KEYS[1], ARGV[1]) end return false"
    )
    SCRIPT_SHA = hashlib.sha1(INCREMENT_EXISTING.encode()).hexdigest()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> redis.Redis:
        # One client per pool, kept: Django builds a new one (a costly constructor) for every
        # call, two or three a request. A client is a thin, thread-safe handle on its pool.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client

    def incr(self, key: Any, delta: int) -> int:
        client = self.get_client(key, write=True)
        try:
            value = client.evalsha(self.SCRIPT_SHA, 1, key, delta)
        except redis.exceptions.NoScriptError:  # the first call since Redis started
            value = client.eval(self.INCREMENT_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return int(value)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, which degrades instead of failing when Redis is unreachable.

    Django's RedisCache raises on every call while Redis is down, so each page that touches the
    cache (every signed-in page reads its session there) answered 500. During an outage this
    backend instead keeps what is cached in the process's own memory, for at most
    LONGEST_LOCAL_SECONDS, and asks Redis again every RETRY_SECONDS:
    - rate limits (django-ratelimit's counters, allauth's histories) still hold, per process, as
      without REDIS_URL (docs/operations.md says so);
    - sessions are never kept in a process's memory: they are read from the database
      (SESSION_ENGINE cached_db), so signing out in one process ends the session in all;
    - other cached pieces (public, derived data) may be up to LONGEST_LOCAL_SECONDS stale;
    - once Redis answers again, what the process changed meanwhile is deleted from Redis, so no
      value from before the outage (a session since ended, say) is served afterwards.
    django-redis's IGNORE_EXCEPTIONS only turns errors into misses, which would let every rate
    limit through: hence these few lines of our own.
    """

    # How long a process leaves Redis alone after a failure, so a Redis that times out does not
    # add its timeout to every request; short, so the shared cache is back soon after Redis is.
    RETRY_SECONDS = 5.0
    # The longest rate-limit window (allauth's "5/5m" per account).
    LONGEST_LOCAL_SECONDS = 300
    SESSION_PREFIX = "django.contrib.sessions.cached_db"

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = OneTripRedisCacheClient
        self.local = LocMemCache(f"groundwork-fallback-{id(self)}", {"MAX_ENTRIES": 10_000})
        self.down_until = 0.0
        self.changed_while_away: set[str] = set()
        self.too_much_changed = False

    @property
    def degraded(self) -> bool:
        """True while this process has stopped asking Redis after a failure."""
        return time.monotonic() < self.down_until

    def _shared(self, name: str, *args: Any, fallback: Callable[[], Any]) -> Any:
        if not self.degraded:
            try:
                if self.changed_while_away:
                    self._forget_what_changed()
                return getattr(super(), name)(*args)
            except (redis.ConnectionError, redis.TimeoutError) as error:
                self.down_until = time.monotonic() + self.RETRY_SECONDS
                logger.error("Redis is unreachable (%s): caching in this process for now", error)
        if name not in READS and args:
            self._changed(args[0])
        return fallback()

    def _changed(self, key_or_keys: Any) -> None:
        """Remember a key written or deleted while Redis was away: Redis's copy is older."""
        keys = [key_or_keys] if isinstance(key_or_keys, str) else list(key_or_keys)
        if len(self.changed_while_away) + len(keys) <= MAX_REMEMBERED:
            self.changed_while_away.update(keys)
        else:
            self.too_much_changed = True

    def _forget_what_changed(self) -> None:
        """Back from an outage: delete from Redis what this process changed meanwhile, so that
        neither an ended session nor a replaced value comes back from before the outage."""
        if self.too_much_changed:
            logger.error("Redis is back after a long outage: clearing the whole cache")
            super().clear()
        else:
            super().delete_many(list(self.changed_while_away))
        self.changed_while_away.clear()
        self.too_much_changed = False
        self.local.clear()

    def _keeps(self, key: Any) -> bool:
        return not str(key).startswith(self.SESSION_PREFIX)

    def _capped(self, timeout: Any) -> float:
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return self.LONGEST_LOCAL_SECONDS
        return min(timeout, self.LONGEST_LOCAL_SECONDS)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        def local() -> bool:
            return self._keeps(key) and self.local.add(key, value, self._capped(timeout), version)

        return self._shared("add", key, value, timeout, version, fallback=local)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        def local() -> None:
            if self._keeps(key):
                self.local.set(key, value, self._capped(timeout), version)

        self._shared("set", key, value, timeout, version, fallback=local)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list:
        def local() -> list:
            kept = {key: value for key, value in data.items() if self._keeps(key)}
            return self.local.set_many(kept, self._capped(timeout), version)

        return self._shared("set_many", data, timeout, version, fallback=local)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        local = partial(self.local.touch, key, self._capped(timeout), version)
        return self._shared("touch", key, timeout, version, fallback=local)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        local = partial(self.local.get, key, default, version)
        return self._shared("get", key, default, version, fallback=local)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        local = partial(self.local.get_many, keys, version)
        return self._shared("get_many", keys, version, fallback=local)

    def has_key(self, key: Any, version: Any = None) -> bool:
        local = partial(self.local.has_key, key, version)
        return self._shared("has_key", key, version, fallback=local)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        local = partial(self.local.incr, key, delta, version)
        return self._shared("incr", key, delta, version, fallback=local)

    def delete(self, key: Any, version: Any = None) -> bool:
        local = partial(self.local.delete, key, version)
        return self._shared("delete", key, version, fallback=local)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        local = partial(self.local.delete_many, keys, version)
        self._shared("delete_many", keys, version, fallback=local)

    def clear(self) -> None:
        self.local.clear()
        self._shared("clear", fallback=lambda: None)
