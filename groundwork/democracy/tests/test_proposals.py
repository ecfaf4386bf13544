"""Proposals through the forms: drafted, submitted, discussed, amended and put to a vote."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Amendment, Ballot, Comment, Proposal
from groundwork.democracy.tests.factories import appoint_tellers

pytestmark = pytest.mark.django_db


def test_bob_proposes_carol_cannot_and_a_draft_stays_his_until_submitted(cast, riverside):
    url = reverse("democracy:group_proposal_create", kwargs={"slug": "riverside"})
    data = {"title": "Repair café", "body": "Monthly, in the **hall**.", "status": "draft"}
    response = cast["bob"].post(url, data)
    proposal = Proposal.objects.get(title="Repair café")
    assert response.url == reverse("democracy:proposal", args=[proposal.pk])
    assert proposal.status == Proposal.Status.DRAFT
    assert cast["carol"].post(url, data).status_code == 404
    cast["bob"].post(reverse("democracy:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DISCUSSION
    page = cast["alice"].get(reverse("democracy:proposal", args=[proposal.pk])).content.decode()
    assert "<strong>hall</strong>" in page and "Open the vote" in page


def test_a_proposal_is_discussed_amended_and_put_to_a_vote(cast, bob, alice, riverside):
    appoint_tellers(riverside, alice)
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Open on Saturdays.", submit=True, acting_user=bob
    )
    comment_url = reverse("democracy:proposal_comment", args=[proposal.pk])
    cast["alice"].post(comment_url, {"body": "Which hall?"})
    question = Comment.objects.get(body="Which hall?")
    cast["bob"].post(comment_url, {"body": "St Mary's.", "parent": question.pk})
    assert Comment.objects.get(body="St Mary's.").parent == question

    cast["alice"].post(
        reverse("democracy:proposal_amend", args=[proposal.pk]),
        {"summary": "Sundays too", "new_body": "Open on Saturdays and Sundays."},
    )
    amendment = Amendment.objects.get(proposal=proposal)
    accept = reverse("democracy:amendment_accept", args=[proposal.pk, amendment.pk])
    assert cast["alice"].post(accept).status_code == 404  # only the proposer accepts
    cast["bob"].post(accept)
    proposal.refresh_from_db()
    assert proposal.body == "Open on Saturdays and Sundays."

    open_url = reverse("democracy:proposal_open_vote", args=[proposal.pk])
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    vote = {"closes_at": closes, "quorum": "0.25", "threshold": "1/2", "secret": "on"}
    assert cast["bob"].post(open_url, vote).status_code == 404
    response = cast["alice"].post(open_url, vote)
    ballot = Ballot.objects.get(proposal=proposal)
    assert response.url == reverse("democracy:ballot", args=[ballot.pk])
    assert ballot.status == Ballot.Status.OPEN and ballot.secret


def test_the_open_vote_form_shows_a_refusal_next_to_its_field(cast, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Open on Saturdays.", submit=True, acting_user=bob
    )
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = cast["alice"].post(
        reverse("democracy:proposal_open_vote", args=[proposal.pk]),
        {"closes_at": past, "quorum": "0", "threshold": "1/2"},
    )
    assert response.status_code == 400
    assert "The closing time must be in the future." in response.content.decode()
    assert not Ballot.objects.exists()


def test_an_amendment_with_the_same_text_is_refused_next_to_the_text(cast, bob, riverside):
    proposal = actions.do_create_proposal(
        group=riverside, title="Food bank", body="Open on Saturdays.", submit=True, acting_user=bob
    )
    response = cast["bob"].post(
        reverse("democracy:proposal_amend", args=[proposal.pk]),
        {"summary": "No change", "new_body": "Open on Saturdays."},
    )
    assert response.status_code == 400
    assert "The amended text is the same" in response.content.decode()


def test_an_amendment_vote_has_the_fixed_rules_whatever_the_form_posts(cast, alice, riverside):
    appoint_tellers(riverside, alice)
    proposal = actions.do_create_proposal(
        group=riverside,
        title="Food bank",
        body="Open on Saturdays.",
        submit=True,
        acting_user=alice,
    )
    amendment = actions.do_propose_amendment(
        proposal,
        summary="Sundays too",
        new_body="Open on Saturdays and Sundays.",
        acting_user=alice,
    )
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    tampered = {  # what the page's hidden inputs carried, changed; no "secret" asks for roll-call
        "amendment-closes_at": closes,
        "amendment-quorum": "0.9",
        "amendment-threshold": Ballot.Threshold.TWO_THIRDS,
        "amendment-electorate": Ballot.Electorate.ALLIANCE,
        "amendment-method": Ballot.Method.APPROVAL,
    }
    response = cast["alice"].post(
        reverse("democracy:amendment_put_to_vote", args=[proposal.pk, amendment.pk]), tampered
    )
    ballot = Ballot.objects.get(amendment=amendment)
    assert response.url == reverse("democracy:ballot", args=[ballot.pk])
    assert ballot.status == Ballot.Status.OPEN and ballot.closes_at > timezone.now()
    assert ballot.method == Ballot.Method.MAJORITY and ballot.electorate == Ballot.Electorate.GROUP
    assert ballot.quorum == 0 and ballot.threshold == Ballot.Threshold.SIMPLE and ballot.secret


def test_an_alliance_amendment_is_voted_on_by_the_alliance_under_a_title_that_fits(admin, bob):
    appoint_tellers(None, admin)
    proposal = actions.do_create_proposal(
        group=None, title="Conference", body="Meet in May.", submit=True, acting_user=admin
    )
    summary = "In June " + "and so on " * 19  # the longest a summary may be
    amendment = actions.do_propose_amendment(
        proposal, summary=summary[:200], new_body="Meet in June.", acting_user=admin
    )
    ballot = actions.check_put_amendment_to_vote(
        amendment, closes_at=timezone.now() + timedelta(days=2), acting_user=admin
    )
    assert ballot.electorate == Ballot.Electorate.ALLIANCE and ballot.secret and ballot.quorum == 0
    assert ballot.title.startswith("Amendment: In June") and len(ballot.title) == 200
