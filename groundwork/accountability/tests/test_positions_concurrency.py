"""Taking office and reporting back at the same instant, many times over: once each (PostgreSQL,
where row locks and separate connections are real)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import Election, ReportBack, Term
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    call_election,
    elect,
    hold_meeting,
    make_position,
)
from groundwork.core.models import AuditEntry
from groundwork.democracy.models import Ballot
from tests.test_concurrency import post_all_at_once, signed_in_client

THREADS = 16

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_candidates_take_office_once_when_the_hook_runs_in_many_places_at_once(
    riverside, alice, bob
):
    position = make_position(riverside, alice)
    election = call_election(position, alice, [alice, bob])
    ballot = elect(election, [alice, bob], ranking=[1, 0])
    # Undo what the close did, so that every thread finds the election not yet taken up.
    Term.objects.filter(position=position).delete()
    Election.objects.filter(pk=election.pk).update(taken_up_at=None)
    AuditEntry.objects.filter(verb="position.filled").delete()
    barrier = threading.Barrier(THREADS, timeout=30)

    def take_office() -> int:
        try:
            barrier.wait()
            return len(actions.do_take_office(Ballot.objects.get(pk=ballot.pk)))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        taken = [f.result(timeout=60) for f in [pool.submit(take_office) for _ in range(THREADS)]]
    assert sorted(taken) == [0] * (THREADS - 1) + [1]
    assert list(Term.objects.filter(position=position).values_list("holder", flat=True)) == [bob.pk]
    assert AuditEntry.objects.filter(verb="position.filled").count() == 1


def test_identical_report_backs_at_once_store_one(riverside, alice, bob):
    position = make_position(riverside, alice, "Delegate", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=30))
    meeting = hold_meeting(position, alice, days_ago=2)
    clients = [signed_in_client(bob) for _ in range(THREADS)]
    statuses = post_all_at_once(
        clients,
        reverse("accountability:meeting_report", args=[meeting.pk]),
        {"what_happened": "Agreed the plan.", "followed_mandate": "no_mandate"},
    )
    assert [status for status in statuses if status >= 500] == []
    assert sorted(statuses) == [302] + [400] * (THREADS - 1)
    assert ReportBack.objects.filter(meeting=meeting).count() == 1
