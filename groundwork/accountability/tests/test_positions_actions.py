"""Positions filled by elections and appointments, terms ended, delegates kept in step."""

from datetime import date

import pytest
from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import Election, Position, Term
from groundwork.accountability.tests.positions_factories import (
    appoint,
    call_election,
    elect,
    make_position,
)
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.democracy import hooks
from groundwork.democracy.models import Ballot, Decision, Delegate
from groundwork.groups.actions import check_leave_group
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.notifications.models import Notification


@pytest.fixture
def erin(riverside):
    user = UserFactory(email="erin@example.org", display_name="Erin")
    join(riverside, user)
    return user


@pytest.fixture
def frank(riverside):
    user = UserFactory(email="frank@example.org", display_name="Frank")
    join(riverside, user)
    return user


def current_holders(position: Position) -> set[str]:
    return set(
        Term.objects.filter(position=position, ended_on__isnull=True).values_list(
            "holder__display_name", flat=True
        )
    )


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert actions.add_months(date(2026, 3, 15), 12) == date(2027, 3, 15)
    assert actions.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert actions.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert actions.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_the_elected_candidate_takes_office_when_the_ballot_closes(
    riverside, alice, bob, erin, django_capture_on_commit_callbacks
):
    position = make_position(riverside, alice, term_months=6)
    election = call_election(position, alice, [bob, erin])
    with django_capture_on_commit_callbacks(execute=True):
        ballot = elect(election, [alice, bob, erin], ranking=[1, 0])
    assert ballot.status == Ballot.Status.CLOSED
    term = Term.objects.get(position=position)
    assert term.holder == erin and term.how == Term.How.ELECTED and term.ballot == ballot
    closed_on = timezone.localdate(ballot.closed_at)
    assert term.starts_on == closed_on
    assert term.ends_on == actions.add_months(closed_on, 6)
    election.refresh_from_db()
    assert election.taken_up_at is not None
    assert (
        AuditEntry.objects.filter(verb="position.filled", target_id=str(position.pk)).count() == 1
    )
    assert Notification.objects.filter(user=erin, text__contains="Secretary").exists()
    assert not Notification.objects.filter(user=bob, text__contains="now hold").exists()


def test_candidates_take_office_once_even_if_the_hook_fires_twice(riverside, alice, bob, erin):
    position = make_position(riverside, alice)
    election = call_election(position, alice, [bob, erin])
    ballot = elect(election, [alice, bob], ranking=[0, 1])
    decision = Decision.objects.get(ballot=ballot)
    hooks.ballot_closed.send(sender=Ballot, ballot=ballot, decision=decision)
    assert actions.do_take_office(ballot) == []
    assert Term.objects.filter(position=position).count() == 1
    assert current_holders(position) == {"Bob"}
    assert AuditEntry.objects.filter(verb="position.filled").count() == 1


def test_an_election_ends_the_terms_it_replaces(riverside, alice, bob, erin, frank):
    position = make_position(riverside, alice)
    old_term = appoint(position, alice, bob)
    election = call_election(position, alice, [erin, frank])
    ballot = elect(election, [alice, bob, erin, frank], ranking=[1, 0])
    old_term.refresh_from_db()
    assert old_term.ended_on == timezone.localdate(ballot.closed_at)
    assert old_term.end_reason == Term.EndReason.TERM_ENDED
    assert current_holders(position) == {"Frank"}
    # The history keeps the past holder.
    assert Term.objects.filter(position=position).count() == 2


def test_a_holder_re_elected_starts_a_new_term(riverside, alice, bob, erin):
    position = make_position(riverside, alice)
    first = appoint(position, alice, bob)
    elect(call_election(position, alice, [bob, erin]), [alice, bob], ranking=[0, 1])
    first.refresh_from_db()
    assert first.ended_on is not None
    assert current_holders(position) == {"Bob"}
    assert Term.objects.filter(position=position, holder=bob).count() == 2


def test_a_by_election_fills_a_vacancy_and_leaves_the_sitting_holder(
    riverside, alice, bob, erin, frank
):
    position = make_position(riverside, alice, "Co-chair", seats=2)
    sitting = appoint(position, alice, bob)
    election = call_election(
        position, alice, [erin, frank], kind=Election.Kind.BY_ELECTION, method="irv"
    )
    assert election.ballot.seats == 1
    elect(election, [alice, erin], ranking=[0, 1])
    sitting.refresh_from_db()
    assert sitting.ended_on is None
    assert current_holders(position) == {"Bob", "Erin"}


def test_a_by_election_needs_a_vacancy_and_not_a_sitting_candidate(riverside, alice, bob, erin):
    position = make_position(riverside, alice, "Co-chair", seats=2)
    appoint(position, alice, bob)
    with pytest.raises(ActionError, match="already has a seat"):
        call_election(position, alice, [bob, erin], kind=Election.Kind.BY_ELECTION)
    appoint(position, alice, erin)
    with pytest.raises(ActionError, match="No seat is vacant"):
        call_election(position, alice, [bob, erin], kind=Election.Kind.BY_ELECTION)


def test_candidates_must_be_members_of_the_group(riverside, alice, bob, carol):
    position = make_position(riverside, alice)
    with pytest.raises(ActionError, match="members"):
        call_election(position, alice, [bob, carol])
    assert not Ballot.objects.filter(title__contains="Secretary").exists()


def test_an_election_that_misses_its_quorum_elects_nobody(riverside, alice, bob, erin):
    position = make_position(riverside, alice)
    election = call_election(position, alice, [bob, erin])
    Ballot.objects.filter(pk=election.ballot_id).update(quorum="0.9")
    election.ballot.refresh_from_db()
    elect(election, [bob], ranking=[0, 1])
    assert current_holders(position) == set()
    election.refresh_from_db()
    assert election.taken_up_at is not None


def test_an_appointment_is_written_in_the_decision_log(riverside, alice, bob):
    position = make_position(riverside, alice, "Treasurer")
    term = appoint(position, alice, bob, "Appointed by the general meeting of 3 March, minute 4")
    decision = Decision.objects.get(group=riverside, ballot__isnull=True)
    assert term.decision == decision and term.how == Term.How.APPOINTED
    assert "Bob" in decision.summary and "Treasurer" in decision.summary
    assert "minute 4" in decision.summary
    assert decision.link == f"/positions/{position.pk}/"
    assert term.ends_on == actions.add_months(term.starts_on, 12)


def test_an_appointment_needs_a_vacant_seat_and_a_member(riverside, alice, bob, erin, carol):
    position = make_position(riverside, alice)
    with pytest.raises(ActionError, match="member"):
        appoint(position, alice, carol)
    appoint(position, alice, bob)
    with pytest.raises(ActionError, match="Every seat is filled"):
        appoint(position, alice, erin)
    with pytest.raises(ActionError, match="already hold"):
        appoint(position, alice, bob)


def test_a_holder_steps_down_and_the_history_keeps_their_term(riverside, alice, bob):
    position = make_position(riverside, alice)
    appoint(position, alice, bob)
    term = actions.check_step_down(position, acting_user=bob)
    assert term.end_reason == Term.EndReason.STEPPED_DOWN
    assert term.ended_on == timezone.localdate()
    assert current_holders(position) == set()
    with pytest.raises(ActionError):
        actions.check_step_down(position, acting_user=bob)


def test_an_organiser_ends_a_term_and_the_holder_is_told(
    riverside, alice, bob, django_capture_on_commit_callbacks
):
    position = make_position(riverside, alice)
    term = appoint(position, alice, bob)
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_end_term(term, reason=Term.EndReason.LEFT_THE_GROUP, acting_user=alice)
    term.refresh_from_db()
    assert term.end_reason == Term.EndReason.LEFT_THE_GROUP
    assert Notification.objects.filter(user=bob, text__contains="has ended").exists()
    with pytest.raises(ActionError, match="already ended"):
        actions.check_end_term(term, reason=Term.EndReason.TERM_ENDED, acting_user=alice)


def test_a_recall_is_not_an_organisers_reason_to_end_a_term(riverside, alice, bob):
    term = appoint(make_position(riverside, alice), alice, bob)
    with pytest.raises(ActionError):
        actions.check_end_term(term, reason=Term.EndReason.RECALLED, acting_user=alice)


def test_delegate_positions_keep_the_groups_delegates_in_step(riverside, alice, bob, erin):
    hand_named = erin
    Delegate.objects.create(group=riverside, user=hand_named)
    position = make_position(riverside, alice, "Delegate to conference", kind="delegate", seats=2)
    appoint(position, alice, bob)
    assert set(
        Delegate.objects.filter(group=riverside).values_list("user__display_name", flat=True)
    ) == {"Bob", "Erin"}
    actions.check_step_down(position, acting_user=bob)
    assert set(
        Delegate.objects.filter(group=riverside).values_list("user__display_name", flat=True)
    ) == {"Erin"}


def test_an_elected_delegate_becomes_a_delegate_and_the_one_replaced_stops(
    riverside, alice, bob, erin, frank
):
    position = make_position(riverside, alice, "Delegate to conference", kind="delegate")
    appoint(position, alice, bob)
    elect(call_election(position, alice, [erin, frank]), [alice, erin], ranking=[0, 1])
    assert list(
        Delegate.objects.filter(group=riverside).values_list("user__display_name", flat=True)
    ) == ["Erin"]


def test_officer_positions_leave_the_delegates_alone(riverside, alice, bob):
    appoint(make_position(riverside, alice), alice, bob)
    assert not Delegate.objects.filter(group=riverside).exists()


def test_the_alliance_appoints_by_email_scope(admin, bob, carol, dan):
    position = make_position(None, admin, "Alliance treasurer")
    term = appoint(position, admin, carol)
    assert term.decision is not None and term.decision.group is None
    with pytest.raises(ActionError, match="member"):
        appoint(make_position(None, admin, "Alliance secretary"), admin, dan)


def test_a_position_title_is_one_per_body(riverside, hillside, alice, admin):
    make_position(riverside, alice)
    with pytest.raises(ActionError, match="already a position"):
        make_position(riverside, alice, "secretary")
    make_position(None, admin, "Secretary")


def test_seats_cannot_drop_below_the_holders(riverside, alice, bob, erin):
    position = make_position(riverside, alice, seats=2)
    appoint(position, alice, bob)
    appoint(position, alice, erin)
    with pytest.raises(ActionError, match="holders now"):
        actions.check_update_position(
            position,
            title="Secretary",
            kind="officer",
            seats=1,
            term_months=12,
            electorate="group",
            acting_user=alice,
        )


def test_a_position_made_a_delegate_one_makes_its_holders_delegates(riverside, alice, bob):
    position = make_position(riverside, alice, "Rep")
    appoint(position, alice, bob)
    actions.check_update_position(
        position,
        title="Delegate to conference",
        kind="delegate",
        seats=1,
        term_months=12,
        electorate="group",
        acting_user=alice,
    )
    assert list(Delegate.objects.filter(group=riverside).values_list("user", flat=True)) == [bob.pk]
    entry = AuditEntry.objects.get(verb="position.updated")
    assert entry.old == {"title": "Rep", "kind": "officer"}
    assert entry.new == {"title": "Delegate to conference", "kind": "delegate"}


def test_a_holder_who_leaves_the_group_stops_holding_its_positions(riverside, alice, bob):
    position = make_position(riverside, alice, "Delegate to conference", kind="delegate")
    appoint(position, alice, bob)
    check_leave_group(riverside, acting_user=bob)
    term = Term.objects.get(position=position)
    assert term.end_reason == Term.EndReason.LEFT_THE_GROUP and term.ended_on is not None
    assert not Delegate.objects.filter(group=riverside).exists()
