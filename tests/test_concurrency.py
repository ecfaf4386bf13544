"""Many identical requests at the same instant leave exactly one row, and nobody sees an error.

Real concurrency needs a database server with row locks and separate connections, so these tests
run on PostgreSQL only. Each of 32 threads has its own connection and its own signed-in test
client; a barrier releases them together into the real view.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from groundwork.core.models import AuditEntry
from groundwork.groups.models import Group, JoinRequest, Membership
from groundwork.groups.tests.factories import UserFactory

THREADS = 32
TIMEOUT_SECONDS = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def signed_in_client(user) -> Client:
    # A 500 must show up as a status to count, not as an exception in one thread.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def post_all_at_once(clients: list[Client], url: str, data: dict | None = None) -> list[int]:
    """POST `url` from every client at the same moment; the status codes, in order."""
    barrier = threading.Barrier(len(clients), timeout=TIMEOUT_SECONDS)

    def post(client: Client) -> int:
        try:
            barrier.wait()
            return client.post(url, data or {}).status_code
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        futures = [pool.submit(post, client) for client in clients]
        return [future.result(timeout=TIMEOUT_SECONDS) for future in futures]


def test_32_identical_joins_make_one_membership(riverside, dan):
    clients = [signed_in_client(dan) for _ in range(THREADS)]
    statuses = post_all_at_once(clients, reverse("groups:join", args=["riverside"]))
    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}
    assert Membership.objects.filter(group=riverside, user=dan).count() == 1
    riverside.refresh_from_db()
    assert riverside.member_count == 1
    assert AuditEntry.objects.filter(verb="membership.joined", group_id=riverside.pk).count() == 1


def test_32_identical_requests_to_join_make_one_pending_request(hillside, dan):
    clients = [signed_in_client(dan) for _ in range(THREADS)]
    statuses = post_all_at_once(
        clients, reverse("groups:join", args=["hillside"]), {"message": "I live in SE23."}
    )
    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}
    requests = JoinRequest.objects.filter(group=hillside, user=dan)
    assert [(r.status, r.message) for r in requests] == [("pending", "I live in SE23.")]
    assert not Membership.objects.filter(group=hillside, user=dan).exists()
    hillside.refresh_from_db()
    assert hillside.member_count == 0


def test_32_people_joining_at_once_are_all_counted(riverside):
    """The denormalised member count loses no update when different people join together."""
    people = [UserFactory() for _ in range(THREADS)]
    statuses = post_all_at_once(
        [signed_in_client(person) for person in people],
        reverse("groups:join", args=["riverside"]),
    )
    assert set(statuses) == {302}
    assert Membership.objects.filter(group=riverside).count() == THREADS
    riverside.refresh_from_db()
    assert riverside.member_count == THREADS


def test_the_threads_really_ran_on_postgresql():
    """Guards the tests above: on SQLite they would serialise and prove nothing."""
    assert connection.vendor == "postgresql"
    assert Group.objects.count() == 0  # a fresh, flushed database for each transactional test
