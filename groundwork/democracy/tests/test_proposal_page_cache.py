"""The proposal page's content is kept rendered for each kind of reader (democracy/views/proposal_page.py):
every change to what it shows is on the page at the next request, a reader who may do other
things never gets another's copy, and what differs per reader (the CSRF field, each form's
one-time token, the discussion) is put in per request."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.democracy import actions
from groundwork.democracy.models import Amendment, Ballot, Proposal
from groundwork.democracy.tests.factories import open_ballot
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import join
from groundwork.members.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(dan, riverside) -> User:
    """A member of the group who neither proposed nor organises."""
    join(riverside, dan)
    return dan


def page(client, proposal, query: str = "") -> str:
    response = client.get(reverse("democracy:proposal", args=[proposal.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _tokens_blanked(html: str) -> str:
    return re.sub(r'value="[A-Za-z0-9_\-:]{20,}"', 'value="TOKEN"', html)


def test_a_kept_page_is_the_page_rendered_afresh(proposal, reader, bob):
    actions.do_comment(proposal, body="Which hall?", parent=None, acting_user=reader)
    actions.do_propose_amendment(
        proposal, summary="Sundays too", new_body="Saturdays and Sundays.", acting_user=reader
    )
    client = client_for(reader)
    cache.clear()
    fresh = page(client, proposal)
    kept = page(client, proposal)
    assert _tokens_blanked(kept) == _tokens_blanked(fresh)
    assert "Sundays too" in kept and "Which hall?" in kept and "<!--" not in kept


def test_a_change_to_the_proposal_shows_at_the_next_request(proposal, reader):
    client = client_for(reader)
    assert "Food bank" in page(client, proposal)
    Proposal.objects.filter(pk=proposal.pk).update(
        title="Food bank on Saturdays", body="Saturdays, *and* Sundays.", support_count=7
    )
    html = page(client, proposal)
    assert "Food bank on Saturdays" in html and "<em>and</em>" in html
    assert "7 (an organiser puts it to a vote)" in html


def test_a_renamed_proposer_or_group_shows_at_the_next_request(proposal, reader, bob, riverside):
    client = client_for(reader)
    html = page(client, proposal)
    assert "<dd>Bob</dd>" in html
    User.objects.filter(pk=bob.pk).update(display_name="Robert")
    assert "<dd>Robert</dd>" in page(client, proposal)
    Group.objects.filter(pk=riverside.pk).update(name="Riverside Renamed")
    assert "Riverside Renamed" in page(client, proposal)


def test_amendments_and_their_votes_show_at_the_next_request(proposal, reader, alice, bob):
    client = client_for(reader)
    assert "No amendments." in page(client, proposal)
    amendment = actions.do_propose_amendment(
        proposal, summary="Sundays too", new_body="Both days.", acting_user=alice
    )
    html = page(client, proposal)
    assert "Sundays too" in html and "Proposed by Alice" in html
    User.objects.filter(pk=alice.pk).update(display_name="Alicia")
    assert "Proposed by Alicia" in page(client, proposal)
    Amendment.objects.filter(pk=amendment.pk).update(status=Amendment.Status.PUT_TO_VOTE)
    html = page(client, proposal)
    assert "Put to a vote" in html and "the vote on it" not in html
    ballot = open_ballot(proposal.group, alice, title="On Sundays")
    Ballot.objects.filter(pk=ballot.pk).update(proposal=proposal, amendment=amendment)
    assert "the vote on it" in page(client, proposal)


def test_a_vote_on_the_proposal_and_its_close_show_at_the_next_request(proposal, reader, alice):
    client = client_for(reader)
    assert "The vote" not in page(client, proposal)
    ballot = open_ballot(proposal.group, alice, title="Food bank: the vote")
    Ballot.objects.filter(pk=ballot.pk).update(proposal=proposal)
    html = page(client, proposal)
    assert "Food bank: the vote" in html and "results" not in html
    Ballot.objects.filter(pk=ballot.pk).update(
        status=Ballot.Status.CLOSED, closes_at=timezone.now() - timedelta(hours=1)
    )
    assert reverse("democracy:results", args=[ballot.pk]) in page(client, proposal)


def test_a_reader_who_may_do_less_never_gets_the_proposers_copy(proposal, reader, bob):
    assert "Withdraw the proposal" in page(client_for(bob), proposal)
    assert "Withdraw the proposal" not in page(client_for(reader), proposal)
    # And the other way round: the proposer is not given the member's copy.
    cache.clear()
    page(client_for(reader), proposal)
    assert "Withdraw the proposal" in page(client_for(bob), proposal)


def test_a_proposal_closed_to_comment_shows_no_forms_from_a_kept_copy(proposal, reader):
    client = client_for(reader)
    assert 'id="comment-form"' in page(client, proposal)
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.DECIDED)
    html = page(client, proposal)
    assert 'id="comment-form"' not in html and "Propose an amendment" not in html


def test_each_form_has_its_own_token_and_the_readers_csrf_token(proposal, reader, client):
    client.force_login(reader)
    page(client, proposal)  # the first reading keeps the page
    first, second = page(client, proposal), page(client, proposal)
    tokens = re.findall(r'name="form_token" value="([^"]+)"', first)
    assert len(tokens) == 2  # the amendment form and the comment form
    assert len(set(tokens) | set(re.findall(r'name="form_token" value="([^"]+)"', second))) == 4
    csrf = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first)
    assert len(csrf) >= 3 and all(len(token) >= 32 for token in csrf)
    assert "<!--" not in first.split("<main")[1]
    response = client.post(
        reverse("democracy:proposal_comment", args=[proposal.pk]),
        {"body": "Count me in.", "form_token": tokens[1]},
    )
    assert response.status_code == 302
    assert "Count me in." in page(client, proposal)


def test_each_page_of_the_discussion_has_its_own_copy(proposal, reader):
    for number in range(21):
        actions.do_comment(proposal, body=f"Thread {number}", parent=None, acting_user=reader)
    client = client_for(reader)
    assert "Page 2 of 2" in page(client, proposal)
    first = page(client, proposal, "?comments=1")
    assert "Page 1 of 2" in first and "Thread 0<" in first
    assert "Page 2 of 2" in page(client, proposal)


def test_an_organisers_page_is_rendered_afresh_with_the_vote_forms(proposal, alice, reader):
    page(client_for(reader), proposal)
    html = page(client_for(alice), proposal)
    assert "Open the vote" in html and 'id="comment-form"' in html
    assert "Open the vote" not in page(client_for(reader), proposal)
