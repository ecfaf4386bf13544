"""The jobs around a ballot: electors told when it opens and reminded before it closes; it
closes itself at the deadline; a stale proposal lapses."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, Proposal
from groundwork.democracy.tasks import (
    close_ballot_at_deadline,
    count_sealed_ballot,
    lapse_proposal,
)
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    fast_forward_past_deadline,
    give_shares,
    open_ballot,
    vote_for,
)
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def jobs(name: str):
    return DBTaskResult.objects.filter(task_path__endswith=name)


def test_opening_a_ballot_tells_every_elector_once_in_the_app_and_by_email(
    alice, bob, riverside, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(riverside, alice, title="Adopt the housing charter")
    assert mailoutbox == []
    run_jobs()
    told = Notification.objects.filter(key=f"ballot-{ballot.pk}-opened")
    assert sorted(told.values_list("user__email", flat=True)) == [alice.email, bob.email]
    # (alice, appointed a teller as the ballot opened, is also asked by email to take her key)
    opened = [m for m in mailoutbox if m.subject == "Voting is open: Adopt the housing charter"]
    assert sorted(m.to[0] for m in opened) == [alice.email, bob.email]
    # A retried job tells nobody twice.
    assert actions.do_notify_ballot_opened(ballot) == 0


def test_the_reminder_waits_until_the_day_before_and_skips_those_who_voted(
    alice, bob, riverside, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(riverside, alice, closes_at=timezone.now() + timedelta(days=3))
    reminder = jobs("remind_ballot_electors").get()
    assert abs(reminder.run_after - (ballot.closes_at - timedelta(days=1))) < timedelta(seconds=1)
    vote_for(ballot, alice, choice="yes")
    assert actions.do_remind_electors(ballot) == 1
    assert Notification.objects.get(key=f"ballot-{ballot.pk}-reminder").user == bob


def test_the_close_job_waits_for_the_deadline_then_closes_and_publishes(
    alice, bob, riverside, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    assert jobs("close_ballot_at_deadline").get().run_after == ballot.closes_at
    # Run early (a worker's clock, a retry): it reschedules instead of closing.
    assert close_ballot_at_deadline.call(ballot.pk) == "rescheduled"
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.OPEN and ballot.result is None
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert close_ballot_at_deadline.call(ballot.pk) == "closed"
    assert close_ballot_at_deadline.call(ballot.pk) == "nothing to do"
    ballot.refresh_from_db()
    # Voting has stopped; the sealed votes wait for the teller, who was asked for their share.
    assert ballot.status == Ballot.Status.COUNTING and ballot.result is None
    assert Notification.objects.filter(user=alice, key=f"ballot-{ballot.pk}-count").exists()
    assert count_sealed_ballot.call(ballot.pk) == "waiting for the tellers"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        give_shares(ballot)
    assert len(callbacks) == 1 and not jobs("count_sealed_ballot").exists()
    callbacks[0]()  # the commit enqueues the count, with the ballot's id as its only argument
    assert jobs("count_sealed_ballot").get().args_kwargs == {"args": [ballot.pk], "kwargs": {}}
    assert count_sealed_ballot.call(ballot.pk) == "counted"
    assert count_sealed_ballot.call(ballot.pk) == "nothing to do"
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.CLOSED and ballot.result is not None
    assert ballot.result["count"]["yes"] == 1


def test_a_proposal_left_without_a_vote_lapses(alice, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Weekly stall", body="Run a stall.", submit=True, acting_user=alice
    )
    assert lapse_proposal.call(proposal.pk) is False  # still within its time
    Proposal.objects.filter(pk=proposal.pk).update(
        discussion_closes_at=timezone.now() - actions.proposals.LAPSE_AFTER - timedelta(minutes=1)
    )
    assert lapse_proposal.call(proposal.pk) is True
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.LAPSED


def test_enough_supporters_move_a_proposal_to_a_vote(alice, bob, riverside):
    from groundwork.democracy.models import GroupDemocracySettings

    GroupDemocracySettings.objects.create(group=riverside, supporters_to_vote=2)
    appoint_tellers(riverside, alice)
    proposal = actions.do_create_proposal(
        group=riverside, title="Weekly stall", body="Run a stall.", submit=True, acting_user=alice
    )
    actions.check_support_proposal(proposal, acting_user=bob)
    actions.check_support_proposal(proposal, acting_user=bob)  # twice counts once
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DISCUSSION and proposal.support_count == 1
    actions.check_support_proposal(proposal, acting_user=alice)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.VOTING
    assert proposal.ballots.get().status == Ballot.Status.OPEN


def test_a_supported_proposal_waits_for_the_tellers_and_the_support_stands(alice, bob, riverside):
    from groundwork.core.models import AuditEntry
    from groundwork.democracy.models import GroupDemocracySettings

    GroupDemocracySettings.objects.create(group=riverside, supporters_to_vote=1)
    proposal = actions.do_create_proposal(
        group=riverside, title="Weekly stall", body="Run a stall.", submit=True, acting_user=alice
    )
    actions.check_support_proposal(proposal, acting_user=bob)  # no tellers: no ballot box
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DISCUSSION and proposal.support_count == 1
    assert not proposal.ballots.exists()
    waiting = AuditEntry.objects.get(verb="proposal.vote_waiting")
    assert "tellers" in waiting.new["why"]


def test_a_vote_that_waited_for_the_tellers_opens_once_when_their_keys_are_taken(
    alice, bob, riverside
):
    from groundwork.democracy.models import GroupDemocracySettings

    GroupDemocracySettings.objects.create(group=riverside, supporters_to_vote=1)
    proposal = actions.do_create_proposal(
        group=riverside, title="Weekly stall", body="Run a stall.", submit=True, acting_user=alice
    )
    actions.check_support_proposal(proposal, acting_user=bob)  # no tellers yet: it waits
    actions.check_appoint_tellers(riverside, tellers=[alice, bob], needed=2, acting_user=alice)
    actions.check_take_teller_key(riverside, acting_user=alice)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DISCUSSION  # one teller still has no key
    actions.check_take_teller_key(riverside, acting_user=bob)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.VOTING
    ballot = proposal.ballots.get()
    assert ballot.status == Ballot.Status.OPEN and ballot.secret
    # A teller taking a new key later opens nothing more.
    actions.check_take_teller_key(riverside, acting_user=bob)
    assert proposal.ballots.count() == 1


def test_an_amendment_carried_by_vote_changes_the_text(alice, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Stall", body="Run a stall monthly.", submit=True, acting_user=alice
    )
    amendment = actions.do_propose_amendment(
        proposal, summary="Weekly", new_body="Run a stall weekly.", acting_user=bob
    )
    actions.check_decline_amendment(amendment, acting_user=alice)
    appoint_tellers(riverside, alice)
    ballot = actions.check_put_amendment_to_vote(
        amendment, closes_at=timezone.now() + timedelta(days=2), acting_user=alice
    )
    vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    proposal.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == "carried"
    assert proposal.body == "Run a stall weekly."
    assert proposal.status == Proposal.Status.DISCUSSION  # the proposal itself is still to decide
