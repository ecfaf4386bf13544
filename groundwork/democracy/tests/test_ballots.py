"""Ballots from opening to result: electorates, one vote each, counting (the sealed box of secret
ballots: test_sealed_box.py)."""

import pytest

from groundwork.core.errors import ActionError
from groundwork.democracy.models import Ballot, CastVote, Decision, Elector, SealedVote
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


def test_a_group_ballot_counts_yes_no_and_abstain_with_quorum_and_threshold(alice, bob, riverside):
    carl = UserFactory()
    join(riverside, carl)
    ballot = open_ballot(riverside, alice, quorum="0.5", threshold="2/3")
    assert ballot.electorate_size == 3
    vote_for(ballot, alice, choice="yes")
    vote_for(ballot, bob, choice="yes")
    vote_for(ballot, carl, choice="no")
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None  # counted
    assert ballot.status == Ballot.Status.CLOSED
    assert ballot.result["quorum_met"] and ballot.result["turnout"] == "100.0"
    assert ballot.result["count"]["yes"] == 2 and ballot.result["count"]["no"] == 1
    assert ballot.result["passed"]  # 2 of 3 is two thirds
    assert Decision.objects.get(ballot=ballot).summary.endswith("carried.")


def test_the_quorum_not_met_decides_nothing(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, quorum="0.75")
    vote_for(ballot, bob, choice="yes")
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None  # counted
    assert not ballot.result["quorum_met"] and not ballot.result["passed"]
    assert "quorum was not met" in Decision.objects.get(ballot=ballot).summary


def test_bob_cannot_vote_twice(alice, bob, riverside):
    ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    with pytest.raises(ActionError, match="already voted"):
        vote_for(ballot, bob, choice="no")
    assert SealedVote.objects.filter(ballot=ballot).count() == 1


def test_carol_of_hillside_is_not_in_riversides_electorate(alice, carol, riverside):
    ballot = open_ballot(riverside, alice)
    with pytest.raises(ActionError, match="not in this ballot's electorate"):
        vote_for(ballot, carol, choice="yes")


def test_a_member_who_joins_after_the_opening_does_not_vote(alice, riverside, dan):
    ballot = open_ballot(riverside, alice)
    join(riverside, dan)
    with pytest.raises(ActionError, match="not in this ballot's electorate"):
        vote_for(ballot, dan, choice="yes")


def test_bad_ballots_are_refused_and_change_nothing(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])
    cases: list[tuple[dict[str, list[int]], str]] = [
        ({"ranking": [0, 7]}, "not one of the ballot's options"),
        ({"ranking": [1, 1]}, "only one rank"),
        ({"ranking": []}, "Rank at least one"),
    ]
    for content, message in cases:
        with pytest.raises(ActionError, match=message):
            vote_for(ballot, bob, **content)
    assert not Elector.objects.get(ballot=ballot, user=bob).voted_on
    assert not SealedVote.objects.filter(ballot=ballot).exists()


def test_a_closed_ballot_refuses_votes(alice, bob, riverside):
    ballot = fast_forward_past_deadline(open_ballot(riverside, alice))
    with pytest.raises(ActionError, match="not open"):
        vote_for(ballot, bob, choice="yes")


def test_an_open_ballot_records_who_voted_what(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="no")
    assert CastVote.objects.get(ballot=ballot).voter == bob


def test_an_alliance_ballot_counts_each_member_once(alice, bob, carol, riverside, hillside, admin):
    join(hillside, bob)  # bob is in two groups
    ballot = open_ballot(
        None, admin, electorate="alliance", method="schulze", options=["A", "B", "C"]
    )
    assert ballot.electorate_size == 3  # alice, bob, carol
    for member in (alice, bob):
        vote_for(ballot, member, ranking=[1, 0])
    vote_for(ballot, carol, ranking=[0])
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None  # counted
    assert ballot.result["count"]["ranking"][0] == "B"


def test_delegates_cast_their_groups_weight(alice, bob, carol, riverside, hillside, admin):
    from groundwork.democracy.actions import do_set_delegates

    do_set_delegates(riverside, user_ids=[alice.pk], acting_user=alice)  # Riverside: 2 members
    do_set_delegates(hillside, user_ids=[carol.pk], acting_user=carol)  # Hillside: 1 member
    ballot = open_ballot(None, admin, electorate="delegates")
    assert ballot.electorate_weight == 3
    vote_for(ballot, alice, choice="no")
    vote_for(ballot, carol, choice="yes")
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None  # counted
    assert ballot.result["count"]["no"] == 2 and ballot.result["count"]["yes"] == 1
    assert not ballot.result["passed"]
