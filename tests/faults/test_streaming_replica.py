"""A real PostgreSQL primary with a streaming replica (pg_basebackup -R), and the router between.

Replay on the replica is paused, then an event is renamed on the primary: a read served by the
replica still shows the old title, one served by the primary the new. Bob answers the event (his
own write) and reads it again: he sees the new title, from the primary. Someone signed out reads
the same page: the old title, from the replica. /healthz shows the lag in seconds and bytes.
Throwaway clusters on free loopback ports, bounded in time, removed afterwards.
"""

import json
import subprocess
import sys
from pathlib import Path

from tests.faults.postgres import streaming_replica, throwaway_cluster
from tests.test_security import production_environment

ROOT = Path(__file__).resolve().parents[2]

# Run by `manage.py shell` against the two servers; prints one JSON line.
READS = """
import json, time
import psycopg
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join, make_organiser

setup_test_environment()  # the test client's host name and an in-memory outbox
riverside = GroupFactory(name="Riverside", slug="riverside")
alice, bob = UserFactory(display_name="Alice"), UserFactory(display_name="Bob")
make_organiser(riverside, alice)
join(riverside, bob)
event = plan_event(riverside, alice, title="Rent strike meeting")
replica = psycopg.connect(REPLICA_URL, autocommit=True)

def replica_title():
    row = replica.execute("SELECT title FROM events_event WHERE id = %s", [event.pk]).fetchone()
    return row and row[0]

def wait_for_replica(title):
    deadline = time.monotonic() + 30
    while replica_title() != title and time.monotonic() < deadline:
        time.sleep(0.1)
    return replica_title() == title

def page(client):
    with CaptureQueriesContext(connections["default"]) as on_primary, \\
            CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get(event.get_absolute_url())
    text = response.content.decode()
    def event_reads(captured):
        return sum('"events_event"' in q["sql"] and q["sql"].startswith("SELECT") for q in captured)
    return {
        "status": response.status_code,
        "title": "new" if "Rent strike: new venue" in text else "old" if "Rent strike meeting" in text else "?",
        "event_reads_primary": event_reads(on_primary.captured_queries),
        "event_reads_replica": event_reads(on_replica.captured_queries),
    }

answer = {"replica_caught_up": wait_for_replica("Rent strike meeting")}
replica.execute("SELECT pg_wal_replay_pause()")
Event.objects.filter(pk=event.pk).update(title="Rent strike: new venue")  # on the primary
bob_client = Client()
bob_client.force_login(bob)
rsvp = bob_client.post(f"/events/{event.pk}/rsvp/")
answer["rsvp"] = rsvp.status_code
answer["pinned"] = "read_primary_until" in rsvp.cookies
answer["bob"] = page(bob_client)
answer["anonymous"] = page(Client())
answer["health_paused"] = Client().get("/healthz").json()
replica.execute("SELECT pg_wal_replay_resume()")
answer["replica_caught_up_again"] = wait_for_replica("Rent strike: new venue")
answer["anonymous_after"] = page(Client())
print("ANSWER " + json.dumps(answer))
"""


def manage(environment: dict, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_read_after_ones_own_write_comes_from_the_primary_and_others_from_the_replica():
    with throwaway_cluster() as primary, streaming_replica(primary) as replica:
        primary.psql("CREATE DATABASE groundwork")
        primary_url = primary.url.removesuffix("/postgres") + "/groundwork"
        replica_url = replica.url.removesuffix("/postgres") + "/groundwork"
        environment = production_environment(
            DEBUG="true",  # the test client speaks plain HTTP
            DATABASE_URL=primary_url,
            DATABASE_REPLICA_URL=replica_url,
            REDIS_URL="",  # sessions in the database: the router reads them from the primary
            # Paused replay makes the replica fall behind by design here; keep reading from it.
            GROUNDWORK_REPLICA_MAX_LAG_SECONDS="3600",
        )
        manage(environment, "migrate", "--noinput", "-v0")
        script = f"REPLICA_URL = {replica_url.replace('postgres://', 'postgresql://')!r}\n"
        output = manage(environment, "shell", "-c", script + READS)
    answer = json.loads(output.split("ANSWER ", 1)[1])

    assert answer["replica_caught_up"], "the replica never received the event"
    assert answer["rsvp"] == 302 and answer["pinned"]
    # Bob's own write pins him to the primary: he sees the page as it is now.
    assert answer["bob"]["status"] == 200
    assert answer["bob"]["title"] == "new"
    assert answer["bob"]["event_reads_replica"] == 0 and answer["bob"]["event_reads_primary"] >= 1
    # A plain anonymous read comes from the replica, whose replay is paused: the old title.
    assert answer["anonymous"]["status"] == 200
    assert answer["anonymous"]["title"] == "old"
    assert answer["anonymous"]["event_reads_primary"] == 0
    assert answer["anonymous"]["event_reads_replica"] >= 1
    # /healthz measures the real lag: the primary has sent WAL the replica has not replayed.
    health = answer["health_paused"]
    assert health["checks"]["replica"] == "ok" and health["status"] == "ok"
    assert health["replica"]["lag_bytes"] > 0
    assert health["replica"]["lag_seconds"] >= 0
    # Replay resumed, the replica catches up and serves the new title.
    assert answer["replica_caught_up_again"]
    assert answer["anonymous_after"]["title"] == "new"
