"""The read replica's router (core/db_routers.py): reads that may lag go to the replica, writes,
transactions and every read after a session's own write go to the primary; /healthz shows lag.

The replica here is the alias `replica`, a mirror of the test database (config/settings_test.py),
so the rows are the same and only the connection that serves them differs. These tests commit
(transaction=True): a second connection cannot see rows a test writes inside its own transaction.
tests/faults/test_streaming_replica.py does the same against a real streaming replica.
"""

from contextlib import contextmanager
from http.cookies import SimpleCookie

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.core import db_routers
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event
from groundwork.groups.models import Group

both_databases = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings, monkeypatch):
    """The router on, with a replica that keeps up (on PostgreSQL the mirror is the primary
    itself, which is not in recovery: its lag is given here; the real one is measured in
    tests/faults/test_streaming_replica.py)."""
    settings.GROUNDWORK_READ_REPLICA = "replica"
    keeping_up = db_routers.ReplicaLag(streaming=True, seconds=0.0, bytes=0)
    monkeypatch.setattr(db_routers, "replica_lag", lambda: keeping_up)
    db_routers.freshness.forget()
    yield
    db_routers.freshness.forget()


@pytest.fixture
def meeting(riverside, alice):
    return plan_event(riverside, alice, title="Riverside rent strike meeting")


@contextmanager
def in_request(*, may_lag: bool):
    """The router's view of a web request, as ReadReplicaMiddleware sets it."""
    token = db_routers._request.set(db_routers.RequestReads(may_lag=may_lag))
    try:
        yield
    finally:
        db_routers._request.reset(token)


@contextmanager
def queries_on_each():
    """The SQL each alias ran inside the block: {"default": [...], "replica": [...]}."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        ran: dict[str, list[str]] = {}
        yield ran
    ran["default"] = [query["sql"] for query in primary.captured_queries]
    ran["replica"] = [query["sql"] for query in replica.captured_queries]


def reads_of(table: str, sql: list[str]) -> int:
    return sum(1 for query in sql if query.startswith("SELECT") and f'"{table}"' in query)


@both_databases
def test_a_read_that_may_lag_goes_to_the_replica_and_a_write_to_the_primary(replica):
    with in_request(may_lag=True):
        assert Group.objects.all().db == "replica"
        assert Group.objects.select_for_update().db == "default"  # a read that will write
        assert db_routers.ReplicaRouter().db_for_write(Group) == "default"


@both_databases
def test_after_a_write_every_read_of_the_request_goes_to_the_primary(replica, riverside):
    with in_request(may_lag=True):
        assert Group.objects.all().db == "replica"
        Group.objects.filter(pk=riverside.pk).update(name="Riverside Together")
        assert Group.objects.all().db == "default"


@both_databases
def test_reads_inside_a_transaction_go_to_the_primary(replica):
    with in_request(may_lag=True):
        with transaction.atomic():
            assert Group.objects.all().db == "default"
        assert Group.objects.all().db == "replica"


@both_databases
def test_reads_outside_a_web_request_and_of_sessions_go_to_the_primary(replica):
    assert Group.objects.all().db == "default"  # a job, a command, the shell
    with in_request(may_lag=False):
        assert Group.objects.all().db == "default"
    with in_request(may_lag=True):
        assert Session.objects.all().db == "default"


@both_databases
def test_a_lagging_or_unreachable_replica_sends_reads_to_the_primary(replica, monkeypatch):
    behind = db_routers.ReplicaLag(streaming=True, seconds=60.0, bytes=10**8)
    monkeypatch.setattr(db_routers, "replica_lag", lambda: behind)
    with in_request(may_lag=True):
        assert Group.objects.all().db == "default"

    def unreachable():
        raise OperationalError("connection to server at 127.0.0.2, port 5432 failed")

    monkeypatch.setattr(db_routers, "replica_lag", unreachable)
    db_routers.freshness.forget()
    with in_request(may_lag=True):
        assert Group.objects.all().db == "default"


@both_databases
def test_an_anonymous_page_is_read_from_the_replica(replica, meeting):
    with queries_on_each() as ran:
        response = Client().get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "Riverside rent strike meeting" in response.text
    assert reads_of("events_event", ran["replica"]) >= 1
    assert reads_of("events_event", ran["default"]) == 0
    assert db_routers.PIN_COOKIE not in response.cookies


@both_databases
def test_after_bob_answers_an_event_his_pages_are_read_from_the_primary(replica, meeting, bob):
    bob_client = client_for(bob)
    answered = bob_client.post(reverse("events:rsvp", args=[meeting.pk]))
    assert answered.status_code == 302
    assert db_routers.PIN_COOKIE in answered.cookies  # the test client keeps it, as a browser would
    with queries_on_each() as ran:
        page = bob_client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert reads_of("events_event", ran["default"]) >= 1
    assert reads_of("events_event", ran["replica"]) == 0
    # Anyone else, and bob once the pin has passed, read the replica again.
    with queries_on_each() as ran:
        Client().get(meeting.get_absolute_url())
        bob_client.cookies[db_routers.PIN_COOKIE] = "0"
        bob_client.get(meeting.get_absolute_url())
    assert reads_of("events_event", ran["default"]) == 0
    assert reads_of("events_event", ran["replica"]) >= 2


@both_databases
def test_a_get_that_writes_pins_the_browser_and_reads_the_primary_after(replica, riverside):
    seen: list[str] = []

    def view(request):
        seen.append(Group.objects.all().db)
        Group.objects.filter(pk=riverside.pk).update(name="Riverside Together")
        seen.append(Group.objects.all().db)
        return HttpResponse("ok")

    response = db_routers.ReadReplicaMiddleware(view)(RequestFactory().get("/"))
    assert seen == ["replica", "default"]
    pinned = SimpleCookie(response.cookies.output(header="", sep=";"))
    assert int(pinned[db_routers.PIN_COOKIE].value) > 0
    assert pinned[db_routers.PIN_COOKIE]["httponly"]


@both_databases
def test_an_api_request_with_a_token_reads_the_primary(replica):
    seen: list[str] = []

    def view(request):
        seen.append(Event.objects.all().db)
        return HttpResponse("ok")

    request = RequestFactory().get("/api/v1/events", HTTP_AUTHORIZATION="Bearer gw_token")
    db_routers.ReadReplicaMiddleware(view)(request)
    assert seen == ["default"]


@pytest.mark.django_db
def test_with_no_replica_nothing_changes(settings, meeting, bob):
    assert settings.GROUNDWORK_READ_REPLICA == ""
    with in_request(may_lag=True):
        assert Group.objects.all().db == "default"
    answered = client_for(bob).post(reverse("events:rsvp", args=[meeting.pk]))
    assert answered.status_code == 302
    assert db_routers.PIN_COOKIE not in answered.cookies
    assert "replica" not in Client().get(reverse("health")).json()["checks"]


# --- /healthz ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_shows_the_replicas_lag_in_seconds_and_bytes(replica, monkeypatch, anon):
    lag = db_routers.ReplicaLag(streaming=True, seconds=0.25, bytes=4096)
    monkeypatch.setattr(db_routers, "replica_lag", lambda: lag)
    response = anon.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "job_queue": "ok", "replica": "ok"},
        "replica": {
            "lag_seconds": 0.25,
            "lag_bytes": 4096,
            "max_lag_seconds": 5,
            "reads_from": "replica",
        },
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lag", "state"),
    [
        (db_routers.ReplicaLag(streaming=True, seconds=42.0, bytes=9_000_000), "lagging"),
        (db_routers.ReplicaLag(streaming=False, seconds=0.0, bytes=None), "not streaming"),
        (None, "unreachable"),
    ],
)
def test_healthz_says_degraded_without_failing_past_the_threshold(
    replica, monkeypatch, anon, lag, state
):
    def measure():
        if lag is None:
            raise OperationalError("connection to server at 127.0.0.2, port 5432 failed")
        return lag

    monkeypatch.setattr(db_routers, "replica_lag", measure)
    response = anon.get(reverse("health"))
    assert response.status_code == 200  # the primary still serves every read
    answer = response.json()
    assert answer["status"] == "degraded"
    assert answer["checks"]["replica"] == state
    assert answer["replica"]["reads_from"] == "primary"
    if lag is not None and lag.seconds:
        assert answer["replica"]["lag_seconds"] == 42.0
        assert answer["replica"]["lag_bytes"] == 9_000_000
