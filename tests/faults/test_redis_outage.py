"""Fault drill: Redis stops and comes back (issue #16, "Redis stopped: sessions and rate limits
degrade as documented"; docs/operations.md).

A throwaway redis-server on a free loopback port, killed or frozen, holds the cache and sessions as in production
(groundwork.core.backends.ResilientRedisCache, sessions cached_db). While it is stopped, signed-in
pages still answer, /healthz says the cache is unreachable and the site degraded (200, not 503),
and the sign-in limit still holds. A sign-out made during the outage stays made once Redis,
which still holds the session from before, is back.
"""

import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import suppress

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.faults.postgres import free_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="the drill starts its own Redis and redis-server is not installed",
    ),
]

HOME = reverse("members:home")
PASSWORD = "a-long-enough-password"


class ThrowawayRedis:
    """A redis-server of the test's own, keeping nothing on disk, stopped and started at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while (
            subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "the throwaway Redis did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self) -> None:
        """As a network partition or a hung server: connections time out, the data is kept."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis_server(settings) -> Iterator[ThrowawayRedis]:
    server = ThrowawayRedis()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "groundwork.core.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/key"}
    try:
        yield server
    finally:
        server.stop()
        with suppress(Exception):
            cache.close()


def health(client: Client) -> dict:
    response = client.get(reverse("health"))
    return {"code": response.status_code} | response.json()


def sign_in(client: Client, email: str, password: str) -> int:
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code


# Killed: connections are refused and a restarted Redis is empty. Frozen: connections time out
# and, once it answers again, Redis still holds what it held before.
OUTAGES = {"killed": ("stop", "start"), "frozen": ("freeze", "thaw")}


@pytest.mark.parametrize("outage", sorted(OUTAGES))
def test_redis_going_away_slows_the_site_but_breaks_nothing_and_its_return_forgets_nothing(
    redis_server, bob, outage
):
    go_away, come_back = (getattr(redis_server, name) for name in OUTAGES[outage])
    bob.set_password(PASSWORD)
    bob.save()
    bobs = Client()
    assert sign_in(bobs, bob.email, PASSWORD) == 302
    assert bobs.get(HOME).status_code == 200
    stolen = bobs.cookies["sessionid"].value  # Redis now holds this session

    go_away()
    # Signed-in pages read the session from the database.
    assert bobs.get(HOME).status_code == 200
    assert health(Client()) == {
        "code": 200,
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unreachable", "job_queue": "ok"},
    }
    # The sign-in limit still holds (per process): five wrong passwords, and then not even the
    # right one is tried.
    guesser = Client()
    assert [sign_in(guesser, bob.email, "wrong") for _ in range(5)] == [200] * 5
    assert sign_in(guesser, bob.email, PASSWORD) == 200  # the form again, with the refusal
    assert guesser.get(HOME).status_code == 302
    # Bob signs out while Redis is away.
    assert bobs.post(reverse("account_logout")).status_code == 302

    come_back()
    deadline = time.monotonic() + 20
    while health(Client())["status"] != "ok":
        assert time.monotonic() < deadline, "the cache did not come back"
        time.sleep(0.5)
    # Redis still held Bob's session from before the outage: it must not sign him in again.
    replay = Client()
    replay.cookies["sessionid"] = stolen
    response = replay.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
