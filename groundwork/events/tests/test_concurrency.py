"""200 people answer an event with 50 places at the same instant: exactly 50 get a place.

Real concurrency needs a database server with row locks and separate connections, so this runs
on PostgreSQL only. Each thread has its own connection and signed-in client; a barrier releases
them together into the real view.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from groundwork.events.models import Event, Rsvp
from groundwork.events.tests.factories import plan_event
from groundwork.groups.tests.factories import UserFactory
from groundwork.members.models import User

PEOPLE = 200
PLACES = 50
THREADS = 40
TIMEOUT_SECONDS = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def signed_in_client(user) -> Client:
    client = Client(raise_request_exception=False)  # a 500 must count, not raise in a thread
    client.force_login(user)
    return client


def test_200_simultaneous_answers_fill_50_places_and_queue_the_rest_in_order(riverside, alice):
    event = plan_event(riverside, alice, capacity=PLACES)
    template = UserFactory()
    User.objects.bulk_create(
        User(email=f"crowd{number}@example.org", password=template.password)
        for number in range(PEOPLE)
    )
    clients = [signed_in_client(user) for user in User.objects.filter(email__startswith="crowd")]
    url = reverse("events:rsvp", args=[event.pk])
    # Every request waits at the barrier, in batches as wide as the pool, then all go at once.
    barrier = threading.Barrier(THREADS, timeout=TIMEOUT_SECONDS)

    def answer(client: Client) -> int:
        try:
            barrier.wait()
            return client.post(url).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(answer, clients, timeout=TIMEOUT_SECONDS * 3))
    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}
    rsvps = Rsvp.objects.filter(event=event)
    assert rsvps.filter(status="confirmed").count() == PLACES
    assert rsvps.filter(status="waitlisted").count() == PEOPLE - PLACES
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (PLACES, PEOPLE - PLACES)
    # Nobody confirmed answered after anybody waiting.
    last_confirmed = rsvps.filter(status="confirmed").order_by("-queued_at").first()
    first_waiting = rsvps.filter(status="waitlisted").order_by("queued_at").first()
    assert last_confirmed is not None and first_waiting is not None
    assert last_confirmed.queued_at <= first_waiting.queued_at


def test_the_threads_really_ran_on_postgresql():
    assert connection.vendor == "postgresql"
    assert Event.objects.count() == 0
