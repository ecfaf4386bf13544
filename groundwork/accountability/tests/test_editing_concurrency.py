"""Removing at the same instant as another press, as a holder reports back, or as a signature is
recorded: one removal, one audit entry, and never a report-back or a signature lost with its
record (PostgreSQL, where row locks and separate connections are real)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from groundwork.accountability.models import Meeting, Pledge, PledgeAnswer, ReportBack, Statement
from groundwork.accountability.tests.editing_factories import record_statement
from groundwork.accountability.tests.factories import council, elect
from groundwork.accountability.tests.pledges_factories import ask_to_pledge
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    hold_meeting,
    make_position,
)
from groundwork.campaigns.tests.factories import start_campaign
from groundwork.core.models import AuditEntry
from tests.test_concurrency import post_all_at_once, signed_in_client

THREADS = 16
ROUNDS = 6

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(*posts: tuple) -> list[int]:
    """POST each (client, url, data) at the same instant; their status codes, in order."""
    barrier = threading.Barrier(len(posts), timeout=30)

    def post(client, url: str, data: dict) -> int:
        try:
            barrier.wait()
            return client.post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        futures = [pool.submit(post, *each) for each in posts]
        return [future.result(timeout=60) for future in futures]


def test_a_removal_pressed_many_times_at_once_removes_once(riverside, alice):
    person = elect("Ann Example", council(), None, "Labour").person
    statement = record_statement(person, riverside, alice)
    clients = [signed_in_client(alice) for _ in range(THREADS)]
    statuses = post_all_at_once(
        clients, reverse("accountability:statement_delete", args=[statement.pk])
    )
    # Those that found it gone before asking answer as for any missing record.
    assert [status for status in statuses if status >= 500] == []
    assert 302 in statuses and set(statuses) <= {302, 404}
    assert not Statement.objects.exists()
    assert AuditEntry.objects.filter(verb="statement.deleted").count() == 1


def test_a_meeting_removed_as_its_holder_reports_back_never_loses_the_report(riverside, alice, bob):
    position = make_position(riverside, alice, "Delegate", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=60))
    organiser, holder = signed_in_client(alice), signed_in_client(bob)
    for round_number in range(ROUNDS):
        meeting = hold_meeting(position, alice, days_ago=2, title=f"Assembly {round_number}")
        report = {"what_happened": "Agreed the plan.", "followed_mandate": "no_mandate"}
        removed, reported = at_once(
            (organiser, reverse("accountability:meeting_delete", args=[meeting.pk]), {}),
            (holder, reverse("accountability:meeting_report", args=[meeting.pk]), report),
        )
        assert removed < 500 and reported < 500, (removed, reported)
        still_there = Meeting.objects.filter(pk=meeting.pk).exists()
        reports = ReportBack.objects.filter(meeting_id=meeting.pk).count()
        # Either the removal came first (no report: the holder is told the meeting is gone), or
        # the report did, and the meeting stays with it.
        assert (still_there, reports) in {(False, 0), (True, 1)}, (removed, reported)
        assert (removed == 302) == (not still_there)


def test_a_pledge_removed_as_a_signature_is_recorded_never_loses_the_signature(riverside, alice):
    campaign = start_campaign(riverside)
    person = elect("Ann Example", council(), None, "Labour").person
    clients = signed_in_client(alice), signed_in_client(alice)
    signature = {
        "representative": person.pk,
        "status": "signed",
        "answered_on": "2024-03-01",
        "evidence_note": "Signed at the hustings.",
    }
    for round_number in range(ROUNDS):
        pledge = ask_to_pledge(campaign, title=f"Pledge {round_number}")
        removed, signed = at_once(
            (clients[0], reverse("accountability:pledge_delete", args=[pledge.pk]), {}),
            (clients[1], reverse("accountability:pledge_answer", args=[pledge.pk]), signature),
        )
        assert removed < 500 and signed < 500, (removed, signed)
        still_there = Pledge.objects.filter(pk=pledge.pk).exists()
        answers = PledgeAnswer.objects.filter(pledge_id=pledge.pk).count()
        assert (still_there, answers) in {(False, 0), (True, 1)}, (removed, signed)
