"""The Redis cache's increment: one round trip to Redis, the answers Django's gives."""

import os
import uuid
from collections.abc import Iterator
from unittest import mock

import pytest

from groundwork.core.backends import ResilientRedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="needs a Redis to talk to: set REDIS_URL (CI and the Makefile do)"
)


@pytest.fixture
def cache() -> Iterator[ResilientRedisCache]:
    cache = ResilientRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4()}"})
    yield cache
    cache.delete_many(["counter"])


def test_an_increment_adds_to_the_counter_and_keeps_its_expiry(cache):
    cache.add("counter", 1, 60)
    assert cache.incr("counter") == 2
    assert cache.incr("counter", 5) == 7
    assert cache.get("counter") == 7
    client = cache._cache.get_client(write=True)
    assert 0 < client.ttl(cache.make_key("counter")) <= 60


def test_an_increment_of_a_missing_counter_raises_and_makes_nothing(cache):
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert not cache.has_key("counter")


def test_an_increment_asks_redis_once_even_after_redis_forgot_the_script(cache):
    cache.add("counter", 1, 60)
    client = cache._cache.get_client(write=True)
    assert client is cache._cache.get_client(write=True), "one client per pool, kept"
    with mock.patch.object(client, "execute_command", wraps=client.execute_command) as sent:
        assert cache.incr("counter") == 2
    assert sent.call_count == 1
    client.script_flush()
    assert cache.incr("counter") == 3
