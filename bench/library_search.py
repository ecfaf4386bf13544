"""Library search at national scale: p95 of a search page on PostgreSQL with 100,000 resources.

    .venv/bin/python bench/library_search.py [--resources 100000] [--searches 300]

Uses the PostgreSQL database `groundwork_library_bench` on 127.0.0.1:5432 (user postgres, trust),
separate from `groundwork_bench` so the two benchmarks never disturb each other: creates it,
migrates it, and fills it (bulk_create, then one UPDATE storing the search vectors) if it holds
fewer resources than asked. Then, signed in as a member of a group, it runs a bounded number of
searches through Django's test client in this process (every query goes to 127.0.0.1), a mix of
common, middling and rare words and phrases, and prints p50/p95/max for

- the queries alone (`search_library` → count + the first page of 20, as the library page does),
- the whole library page (view, queries, template),

and EXPLAIN ANALYZE of one common and one rare search, to show the GIN index at work.
Target: p95 of the page ≤ 150 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "groundwork_library_bench"
MAX_SEARCHES = 2000  # the run stays bounded whatever is asked

COMMON = ["housing", "council", "campaign", "budget", "tenants", "leaflet", "training", "union"]
MIDDLING = ["library", "radio", "kitchen", "repairs", "petition", "transport", "youth", "care"]
RARE_WORDS = [f"zq{n:04d}" for n in range(3000)]
FILLER = (
    "the and our for with how what when where who why group members meeting local people "
    "community public services support street action plan work together money cuts council "
    "estate ward borough neighbours door knocking survey hall volunteers rota organise"
).split()


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", f"{SERVER}/{DATABASE}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def text(rng: random.Random, words: int) -> str:
    chosen = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.08:
            chosen.append(rng.choice(COMMON))
        elif roll < 0.11:
            chosen.append(rng.choice(MIDDLING))
        elif roll < 0.115:
            chosen.append(rng.choice(RARE_WORDS))
        else:
            chosen.append(rng.choice(FILLER))
    return " ".join(chosen)


def fill(total: int) -> None:
    """Bring the library up to `total` resources, spread over 200 groups and every scope."""
    from django.db import connection

    from groundwork.groups.models import Group
    from groundwork.resources.actions import do_index_for_search
    from groundwork.resources.models import Resource

    have = Resource.objects.count()
    if have >= total:
        return
    groups = list(Group.objects.filter(slug__startswith="bench-library-"))
    if not groups:
        Group.objects.bulk_create(
            Group(name=f"Bench library group {n}", slug=f"bench-library-{n}") for n in range(200)
        )
        groups = list(Group.objects.filter(slug__startswith="bench-library-"))
    rng = random.Random(have)
    kinds, scopes = Resource.Kind.values, ["public", "alliance", "alliance", "group"]
    started = time.perf_counter()
    for start in range(have, total, 5000):
        batch = [
            Resource(
                group=rng.choice(groups),
                kind=rng.choice(kinds),
                scope=rng.choice(scopes),
                title=text(rng, 6).capitalize(),
                summary=text(rng, 20),
                body=text(rng, rng.randint(80, 400)),
                tag_names=", ".join(sorted({rng.choice(COMMON + MIDDLING) for _ in range(3)})),
            )
            for _ in range(min(5000, total - start))
        ]
        created = Resource.objects.bulk_create(batch)
        do_index_for_search([resource.pk for resource in created])
        print(f"  {start + len(batch):>7} resources", end="\r", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE resources_resource")
    print(f"  filled to {total} in {time.perf_counter() - started:.0f} s")


def member():
    from groundwork.groups.models import Group, Membership
    from groundwork.members.models import User

    user, _ = User.objects.get_or_create(email="bench-library@example.org")
    group = Group.objects.filter(slug__startswith="bench-library-").order_by("pk").first()
    Membership.objects.get_or_create(group=group, user=user)
    return user


def searches(count: int) -> list[str]:
    rng = random.Random(7)
    pool = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.4:
            pool.append(rng.choice(COMMON))
        elif roll < 0.6:
            pool.append(rng.choice(MIDDLING))
        elif roll < 0.75:
            pool.append(rng.choice(RARE_WORDS))
        elif roll < 0.9:
            pool.append(f"{rng.choice(COMMON)} {rng.choice(MIDDLING)}")
        else:
            pool.append(f'"{rng.choice(FILLER)} {rng.choice(COMMON)}"')
    return pool


def summary(label: str, timings: list[float]) -> None:
    timings = sorted(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"{label:<28} n={len(timings):<5} p50={statistics.median(timings):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={timings[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=300)
    options = parser.parse_args()
    create_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper
    from django.test import Client

    from groundwork.resources import queries

    call_command("migrate", verbosity=0)
    fill(options.resources)
    user = member()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    terms = searches(min(options.searches, MAX_SEARCHES))
    for term in terms[:20]:  # warm up caches and connections
        client.get("/library/", {"q": term})

    query_times, page_times = [], []
    for term in terms:
        started = time.perf_counter()
        found = queries.search_library(user, text=term)
        found.count()
        list(found[:20])
        query_times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        response = client.get("/library/", {"q": term})
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    version = cast(DatabaseWrapper, connection).pg_version  # the bench runs on PostgreSQL only
    print(f"PostgreSQL {version}, {queries.Resource.objects.count()} resources")
    summary("search queries (count+page)", query_times)
    summary("library search page", page_times)
    for term in ("housing", RARE_WORDS[0]):
        sql, params = queries.search_library(user, text=term)[:20].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"\nEXPLAIN ANALYZE, q={term!r}:")
        print("\n".join("  " + line for line in plan if "Index" in line or "time" in line))


if __name__ == "__main__":
    main()
