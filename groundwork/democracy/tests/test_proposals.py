"""Proposals through the forms: drafted, submitted, discussed, amended and put to a vote."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Amendment, Ballot, Comment, Proposal

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
