"""Ballots through the forms: created and opened, voted in, votes changed, trackers shown, and
the ballots listed as open on a member's home page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.democracy.models import Ballot, CastVote, Elector, SealedVote
from groundwork.democracy.tests.conftest import ballot_url
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    fast_forward_past_deadline,
    open_ballot,
)
from groundwork.groups.tests.factories import join

pytestmark = pytest.mark.django_db


def test_alice_creates_and_opens_a_ranked_ballot_through_the_form(cast, riverside, alice, bob):
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "title": "Treasurer",
        "method": "stv-scottish",
        "options": "Ash\nBirch\n\nCedar\n",
        "seats": "1",
        "quorum": "0",
        "threshold": "1/2",
        "electorate": "group",
        "secret": "on",
        "allow_change": "on",
        "closes_at": closes,
    }
    response = cast["alice"].post(
        reverse("democracy:group_ballot_create", kwargs={"slug": "riverside"}), form
    )
    ballot = Ballot.objects.get(title="Treasurer")
    assert response.url == reverse("democracy:ballot", args=[ballot.pk])
    assert [o.label for o in ballot.options.all()] == ["Ash", "Birch", "Cedar"]
    refused = cast["alice"].post(reverse("democracy:ballot_open", args=[ballot.pk]), follow=True)
    assert "Appoint tellers before opening a secret ballot" in refused.content.decode()
    appoint_tellers(riverside, alice)
    cast["alice"].post(reverse("democracy:ballot_open", args=[ballot.pk]))
    page = cast["bob"].get(reverse("democracy:ballot", args=[ballot.pk])).content.decode()
    assert 'name="rank-2"' in page and "ranking.js" in page


def test_the_ballot_form_shows_an_actions_refusal_next_to_the_field(cast, riverside):
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = cast["alice"].post(
        reverse("democracy:group_ballot_create", kwargs={"slug": "riverside"}),
        {
            "title": "Chair",
            "method": "irv",
            "options": "Ash",
            "seats": "1",
            "quorum": "0",
            "threshold": "1/2",
            "electorate": "group",
            "closes_at": closes,
        },
    )
    assert response.status_code == 400
    assert "List at least two options or candidates." in response.content.decode()
    assert not Ballot.objects.exists()


def tracker_in(html: str) -> str:
    found = re.search(r'id="tracker-code">([A-Z2-7-]{39})<', html)
    assert found, "no tracker on the page"
    return found.group(1)


def counted(ballot: Ballot) -> list[dict]:
    """What the ballot's votes say once its tellers have opened the box and counted."""
    fast_forward_past_deadline(ballot)
    return list(CastVote.objects.filter(ballot=ballot).values_list("content", flat=True))


def test_bob_ranks_with_the_selects_and_is_shown_his_tracker_which_is_stored_only_in_the_box(
    cast, irv, bob
):
    response = cast["bob"].post(
        ballot_url(irv), {"rank-0": "2", "rank-1": "", "rank-2": "1"}, follow=True
    )
    assert response.status_code == 200
    tracker = tracker_in(response.content.decode())
    assert "no-store" in response["Cache-Control"]
    assert SealedVote.objects.get(ballot=irv).tracker == tracker
    assert tracker not in str(cast["bob"].session.items())
    again = cast["bob"].get(ballot_url(irv)).content.decode()
    assert tracker in again  # shown to him, signed in, on the ballot's page
    assert counted(irv) == [{"ranking": [2, 0]}]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rank-0": "1", "rank-9": "2"}, "not one of the ballot&#x27;s options"),
        ({"rank-0": "1", "rank-1": "1"}, "Each candidate can have only one rank"),
        ({"rank-0": "first"}, "not one of the ballot&#x27;s options"),
        ({}, "Rank at least one candidate"),
    ],
)
def test_a_bad_ranked_ballot_is_refused_with_a_clear_message_and_changes_nothing(
    cast, irv, bob, data, message
):
    response = cast["bob"].post(ballot_url(irv), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Your vote was not recorded" in response.content.decode()
    assert not SealedVote.objects.filter(ballot=irv).exists()
    assert not Elector.objects.get(ballot=irv, user=bob).voted_on


def test_a_refused_ranking_is_shown_back_as_the_voter_left_it(cast, irv):
    html = (
        cast["bob"]
        .post(ballot_url(irv), {"rank-0": "1", "rank-1": "1", "rank-2": "3"})
        .content.decode()
    )
    assert re.search(r'name="rank-2">.*?<option value="3" selected>', html, re.S)


def test_a_closed_ballot_refuses_a_vote_through_the_form(cast, irv):
    fast_forward_past_deadline(irv)
    response = cast["bob"].post(ballot_url(irv), {"rank-0": "1"})
    assert response.status_code == 400
    assert "not open for voting" in response.content.decode()


def test_a_double_submission_records_one_vote_and_tells_the_second_it_already_voted(cast, irv):
    first = cast["bob"].post(ballot_url(irv), {"rank-0": "1"}, follow=True)
    second = cast["bob"].post(ballot_url(irv), {"rank-1": "1"}, follow=True)
    assert first.status_code == 200 and second.status_code == 200
    page = second.content.decode()
    assert "You have already voted in this ballot: your vote was recorded on" in page
    assert "Your vote was recorded" in page and "not recorded" not in page
    assert counted(irv) == [{"ranking": [0]}]


def test_reloading_after_voting_shows_the_receipt_again_and_sends_nothing(cast, irv):
    cast_vote = cast["bob"].post(ballot_url(irv), {"rank-0": "1"})
    receipt = reverse("democracy:ballot_voted", args=[irv.pk])
    assert cast_vote.status_code == 302 and cast_vote["Location"] == receipt
    first, reloaded = cast["bob"].get(receipt), cast["bob"].get(receipt)
    assert tracker_in(first.content.decode()) == tracker_in(reloaded.content.decode())
    page = reloaded.content.decode()
    assert "Your vote was recorded" in page and "not recorded" not in page
    assert "It is safe to reload or leave this page" in page
    assert "no-store" in reloaded["Cache-Control"]
    assert SealedVote.objects.filter(ballot=irv).count() == 1


def test_the_receipt_of_someone_who_has_not_voted_sends_them_to_the_ballot(cast, irv):
    receipt = reverse("democracy:ballot_voted", args=[irv.pk])
    response = cast["alice"].get(receipt)
    assert response.status_code == 302 and response["Location"] == ballot_url(irv)
    assert cast["carol"].get(receipt).status_code == 404


def test_carol_cannot_vote_in_riversides_ballot(cast, irv):
    assert cast["carol"].post(ballot_url(irv), {"rank-0": "1"}).status_code == 404
    assert not SealedVote.objects.exists()


def test_a_member_of_the_group_outside_the_electorate_is_told_so(cast, irv, dan, riverside):
    join(riverside, dan)
    response = client_for(dan).post(ballot_url(irv), {"rank-0": "1"})
    assert "not in this ballot&#x27;s electorate" in response.content.decode()


def test_in_a_secret_ballot_bob_changes_his_vote_and_gets_a_new_tracker(cast, irv):
    first = tracker_in(
        cast["bob"].post(ballot_url(irv), {"rank-0": "1"}, follow=True).content.decode()
    )
    change = reverse("democracy:ballot_change_vote", args=[irv.pk])
    assert cast["carol"].post(change, {"rank-1": "1"}).status_code == 404
    refused = cast["alice"].post(change, {"rank-1": "1"})
    assert refused.status_code == 400 and "You have not voted" in refused.content.decode()
    right = cast["bob"].post(change, {"rank-1": "1", "rank-2": "2"}, follow=True)
    assert right.status_code == 200 and "Your vote was changed" in right.content.decode()
    second = tracker_in(right.content.decode())
    assert second != first and "the old one has left the ballot box" in right.content.decode()
    assert counted(irv) == [{"ranking": [1, 2]}]


def test_majority_and_approval_votes_through_their_forms(cast, alice, bob, riverside):
    majority = open_ballot(riverside, alice)
    approval = open_ballot(riverside, alice, method="approval", options=["Ash", "Birch", "Cedar"])
    assert (
        'type="radio" name="choice" value="abstain"'
        in cast["bob"].get(ballot_url(majority)).content.decode()
    )
    assert cast["bob"].post(ballot_url(majority), {"choice": "maybe"}).status_code == 400
    cast["bob"].post(ballot_url(majority), {"choice": "no"})
    cast["bob"].post(ballot_url(approval), {"approved": ["0", "2"]})
    assert counted(majority) == [{"choice": "no"}]
    assert counted(approval) == [{"approved": [0, 2]}]


def test_the_home_page_lists_ballots_open_to_the_member(cast, irv):
    html = cast["bob"].get(reverse("members:home")).content.decode()
    assert "Ballots open to you" in html and ballot_url(irv) in html
    carols = cast["carol"].get(reverse("members:home")).content.decode()
    assert ballot_url(irv) not in carols and "No ballot is waiting for your vote." in carols


def test_the_home_page_leaves_out_a_ballot_the_member_has_voted_in(cast, irv):
    assert cast["bob"].post(ballot_url(irv), {"rank-0": "1"}).status_code == 302  # to the receipt
    html = cast["bob"].get(reverse("members:home")).content.decode()
    assert ballot_url(irv) not in html and "No ballot is waiting for your vote." in html
