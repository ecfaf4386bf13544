"""What the ballot page reads through written-out SQL (queries.elector_for, shares_of) is what
the ORM reads: the member's own place and tracker, and the tellers' names, never a share."""

import pytest
from django.http import Http404

from groundwork.core.fragments import row_of
from groundwork.democracy import actions, queries
from groundwork.democracy.models import Ballot, Elector, KeyShare
from groundwork.democracy.tests.factories import appoint_tellers, open_ballot, vote_for
from groundwork.groups.rules import roles_of

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


def test_the_ballot_is_the_orms_with_its_group_and_what_it_decides_in_one_query(
    alice, bob, riverside, django_assert_num_queries
):
    """The ballot (written out, `queries.get_ballot_without_options_for`): every column as the
    ORM reads it, its group's name and address, the proposal's title and the amendment it
    decides, in one query; a ballot on nothing has neither."""
    proposal = actions.do_create_proposal(
        group=riverside, title="Open a food bank", body="…", submit=True, acting_user=bob
    )
    amendment = actions.do_propose_amendment(
        proposal, summary="Saturdays", new_body="On Saturdays.", acting_user=alice
    )
    on_amendment = open_ballot(riverside, alice)
    Ballot.objects.filter(pk=on_amendment.pk).update(proposal=proposal, amendment=amendment)
    on_nothing = open_ballot(riverside, alice, title="Choose a banner")
    roles_of(bob)  # read once a request, with the bell's count (groups.rules.ROLES_SQL)
    with django_assert_num_queries(1):
        read = queries.get_ballot_without_options_for(bob, on_amendment.pk)
        assert read.group is not None and read.proposal is not None and read.amendment
        shown = (read.group.name, read.group.get_absolute_url(), read.proposal.pk)
        assert (read.proposal.title, read.amendment.pk) == ("Open a food bank", amendment.pk)
    orm = Ballot.objects.select_related("group", "proposal", "amendment").get(pk=on_amendment.pk)
    assert row_of(read) == row_of(orm)
    assert orm.group is not None and orm.proposal is not None
    assert shown == (orm.group.name, orm.group.get_absolute_url(), orm.proposal.pk)
    with django_assert_num_queries(1):
        bare = queries.get_ballot_without_options_for(bob, on_nothing.pk)
        assert (bare.proposal, bare.amendment, bare.group) == (None, None, riverside)
    with pytest.raises(Http404):
        queries.get_ballot_without_options_for(bob, on_nothing.pk + 1000)
