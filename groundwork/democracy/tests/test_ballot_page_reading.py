"""What the ballot page reads through written-out SQL (queries.elector_for, shares_of) is what
the ORM reads: the member's own place and tracker, and the tellers' names, never a share."""

import pytest

from groundwork.democracy import queries
from groundwork.democracy.models import Elector, KeyShare
from groundwork.democracy.tests.factories import appoint_tellers, open_ballot, vote_for

pytestmark = pytest.mark.django_db


def test_the_elector_comes_with_their_own_tracker_once_they_have_voted(
    alice, bob, carol, riverside
):
    ballot = open_ballot(riverside, alice)
    before = queries.elector_for(bob, ballot)
    assert before is not None and before.voted_on is None
    assert queries.tracker_of(before) is None

    tracker = vote_for(ballot, bob, choice="yes")
    after = queries.elector_for(bob, ballot)
    assert after is not None
    expected = Elector.objects.select_related("sealed_vote").get(ballot=ballot, user=bob)
    assert (after.pk, after.voted_on, after.weight) == (
        expected.pk,
        expected.voted_on,
        expected.weight,
    )
    assert queries.tracker_of(after) == tracker == expected.sealed_vote.tracker
    # Alice has not voted: her place comes without Bob's tracker, or anyone's.
    assert queries.tracker_of(queries.elector_for(alice, ballot)) is None
    assert queries.elector_for(carol, ballot) is None


def test_an_open_ballots_elector_has_no_tracker(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="no")
    elector = queries.elector_for(bob, ballot)
    assert (
        elector is not None and elector.voted_on is not None and queries.tracker_of(elector) is None
    )


def test_the_shares_name_their_tellers_in_order_and_never_hold_the_shares(alice, bob, riverside):
    appoint_tellers(riverside, alice, [alice, bob], needed=2)
    ballot = open_ballot(riverside, alice)
    shares = queries.shares_of(ballot)
    expected = list(KeyShare.objects.filter(ballot=ballot).select_related("teller"))
    assert [(s.pk, s.number, s.teller_id, s.given_at) for s in shares] == [
        (s.pk, s.number, s.teller_id, s.given_at) for s in expected
    ]
    assert [s.teller.name for s in shares] == [s.teller.name for s in expected]
    assert len(shares) == 2
    for share in shares:
        assert {"sealed_share", "given_share"} <= share.get_deferred_fields()
