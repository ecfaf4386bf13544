"""Sign-up, login and password reset: does the time they take tell whether an email has an account?

    .venv/bin/python bench/account_timing.py [--rounds 30]

In process, with Django's test client, production's password hasher (PBKDF2; the suite uses MD5)
and a SQLite database in var/bench-accounts.sqlite3 (migrated on the first run). Each round sends
the same request once for a member's address and once for a stranger's, in alternating order, so
a noisy machine slows both alike; the rate-limit counters are cleared between requests. Prints
the median time of each and their ratio (member / stranger): 1.00 means the time tells nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "GROUNDWORK_TESTING": "false",
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'bench-accounts.sqlite3'}",
        "TASKS_BACKEND": "database",
        "REDIS_URL": "",
        "ALLOWED_HOSTS": "testserver",
    }
)
os.environ.pop("DATABASE_URL_TEST", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import get_hasher  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

MEMBER = "bench-member@example.org"
PASSWORD = "a long enough passphrase"


def sign_up(client: Client, email: str):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Sam",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "agree_privacy": "on",
        },
    )


def log_in(client: Client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": "not it at all"})


def reset(client: Client, email: str):
    return client.post(reverse("account_reset_password"), {"email": email})


def timed(send, email: str) -> float:
    cache.clear()
    client = Client()
    start = time.perf_counter()
    response = send(client, email)
    elapsed = time.perf_counter() - start
    assert response.status_code in (200, 302), response.status_code
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    call_command("migrate", "--noinput", "-v0")
    from groundwork.members.models import User

    if not User.objects.filter(email=MEMBER).exists():
        sign_up(Client(), MEMBER)
    print(f"Password hasher: {get_hasher().algorithm}; {rounds} rounds, alternating order.")
    print(f"{'request':<16}{'member (ms)':>12}{'stranger (ms)':>15}{'ratio':>8}")
    for name, send in (("sign-up", sign_up), ("login", log_in), ("password reset", reset)):
        member: list[float] = []
        stranger: list[float] = []
        for round_number in range(rounds):
            fresh = f"bench-{name[:5]}-{time.time_ns()}@example.org"
            pair = [(member, MEMBER), (stranger, fresh)]
            for times, email in pair if round_number % 2 else reversed(pair):
                times.append(timed(send, email))
        m, s = statistics.median(member) * 1000, statistics.median(stranger) * 1000
        print(f"{name:<16}{m:>12.1f}{s:>15.1f}{m / s:>8.2f}")


if __name__ == "__main__":
    main()
