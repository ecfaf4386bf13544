"""A ballot opened to close once everyone has voted stops voting after the last elector's vote,
through the same close job as at the deadline, exactly once (the race: test_concurrency.py)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from groundwork.core.models import AuditEntry
from groundwork.democracy.models import Ballot, Decision
from groundwork.democracy.tasks import close_ballot_at_deadline
from groundwork.democracy.tests.conftest import ballot_url
from groundwork.democracy.tests.factories import appoint_tellers, open_ballot, vote_for
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def close_jobs():
    return DBTaskResult.objects.filter(task_path__endswith="close_ballot_at_deadline")


def test_the_organiser_chooses_to_close_early_when_opening_and_it_is_audited(
    cast,
    alice,
    riverside,
    draft_ballot,
):
    appoint_tellers(riverside, alice)
    page = cast["alice"].get(ballot_url(draft_ballot)).content.decode()
    assert "Close as soon as everyone has voted" in page
    cast["alice"].post(
        reverse("democracy:ballot_open", args=[draft_ballot.pk]), {"close_when_all_voted": "on"}
    )
    draft_ballot.refresh_from_db()
    assert draft_ballot.status == Ballot.Status.OPEN and draft_ballot.close_when_all_voted
    assert AuditEntry.objects.get(verb="ballot.opened").new["close_when_all_voted"] is True
    page = cast["bob"].get(ballot_url(draft_ballot)).content.decode()
    assert "or as soon as every elector has voted" in page


def test_a_ballot_opened_without_it_stays_open_until_its_deadline(
    cast, alice, riverside, draft_ballot
):
    appoint_tellers(riverside, alice)
    cast["alice"].post(reverse("democracy:ballot_open", args=[draft_ballot.pk]))
    draft_ballot.refresh_from_db()
    assert draft_ballot.status == Ballot.Status.OPEN and not draft_ballot.close_when_all_voted


def test_the_last_roll_call_vote_closes_the_ballot_and_publishes_the_result(
    alice, bob, riverside, run_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(riverside, alice, secret=False, close_when_all_voted=True)
        vote_for(ballot, bob, choice="yes")
    run_jobs()
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.OPEN  # alice has not voted yet
    with django_capture_on_commit_callbacks(execute=True):
        vote_for(ballot, alice, choice="no")
    run_jobs()
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.CLOSED
    assert ballot.closed_at is not None and ballot.closed_at < ballot.closes_at
    assert ballot.result is not None
    assert ballot.result["count"]["yes"] == 1 and ballot.result["count"]["no"] == 1
    assert Decision.objects.filter(ballot=ballot).count() == 1
    assert AuditEntry.objects.filter(verb="ballot.closed", target_id=str(ballot.pk)).count() == 1
    # The job at the deadline finds nothing left to do.
    assert close_ballot_at_deadline.call(ballot.pk) == "nothing to do"


def test_the_last_secret_vote_stops_voting_and_asks_the_tellers(
    alice, bob, riverside, run_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(riverside, alice, close_when_all_voted=True)
        vote_for(ballot, bob, choice="yes")
        vote_for(ballot, alice, choice="yes")
    run_jobs()
    ballot.refresh_from_db()
    # Voting stopped; the box stays sealed until the tellers give their shares.
    assert ballot.status == Ballot.Status.COUNTING and ballot.result is None
    assert Notification.objects.filter(user=alice, key=f"ballot-{ballot.pk}-count").exists()
    closed = AuditEntry.objects.get(verb="ballot.voting_closed")
    assert closed.new["everyone_voted"] is True and closed.new["votes_cast"] == 2


def test_without_the_choice_everyone_voting_does_not_close_the_ballot(
    alice, bob, riverside, run_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(riverside, alice, secret=False)
        vote_for(ballot, bob, choice="yes")
        vote_for(ballot, alice, choice="yes")
    run_jobs()
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.OPEN
    assert close_jobs().count() == 1  # the deadline's, still waiting
