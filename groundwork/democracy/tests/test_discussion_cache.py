"""The discussion's comments are kept rendered in the cache (democracy/templatetags/discussion.py):
every change to what a comment shows is on the page at the next request, and what differs per
reader (the CSRF token, each reply form's one-time token, whether one may reply) never comes from
another reader's copy."""

import re

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.core.audit import values_of
from groundwork.democracy import actions
from groundwork.democracy.models import Comment, Proposal
from groundwork.groups.tests.factories import join
from groundwork.members.actions import PROFILE_FIELDS, do_update_profile, profile_of
from groundwork.members.actions.rights import check_erase_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(proposal, alice) -> Comment:
    return actions.do_comment(proposal, body="Which hall?", parent=None, acting_user=alice)


def page(client, proposal) -> str:
    response = client.get(reverse("democracy:proposal", args=[proposal.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_author_shows_at_the_next_request(proposal, question, alice, bob):
    client = client_for(bob)
    assert "Comment by Alice" in page(client, proposal)
    values = values_of(profile_of(alice), PROFILE_FIELDS)
    do_update_profile(alice, display_name="Alice Renamed", values=values, acting_user=alice)
    assert "Comment by Alice Renamed" in page(client, proposal)


def test_an_erased_author_shows_as_a_former_member_at_the_next_request(proposal, dan, bob):
    join(proposal.group, dan)
    dan.set_password("a long enough password")
    dan.save()
    actions.do_comment(proposal, body="Count me in.", parent=None, acting_user=dan)
    client = client_for(bob)
    assert "Comment by Dan" in page(client, proposal)
    check_erase_member(dan, password="a long enough password", acting_user=dan)
    shown = page(client, proposal)
    assert "Comment by Dan" not in shown
    assert "Count me in." in shown and "Comment by a former member" in shown


def test_a_changed_comment_shows_at_the_next_request(proposal, question, bob):
    client = client_for(bob)
    assert "Which hall?" in page(client, proposal)
    Comment.objects.filter(pk=question.pk).update(body="Which hall, and when?")
    assert "Which hall, and when?" in page(client, proposal)


def test_each_reply_form_has_its_own_form_token_and_the_readers_csrf_token(
    proposal, question, bob, client
):
    actions.do_comment(proposal, body="The church hall.", parent=question, acting_user=bob)
    client.force_login(bob)
    page(client, proposal)  # the first reader stores the comments
    html = page(client, proposal)
    assert "<!--" not in html.split('id="discussion"')[1]  # no marker left on the page
    reply_forms = re.findall(r'<form [^>]*id="reply-form-\d+"[^>]*>.*?</form>', html, re.S)
    assert len(reply_forms) == 2
    tokens = [re.findall(r'name="form_token" value="([^"]+)"', form) for form in reply_forms]
    assert [len(found) for found in tokens] == [1, 1] and tokens[0] != tokens[1]
    for form in reply_forms:
        assert re.search(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{32,}"', form)
    # Both replies save: the forms do not share one token.
    url = reverse("democracy:proposal_comment", args=[proposal.pk])
    for form, token in zip(reply_forms, tokens, strict=True):
        [parent] = re.findall(r'name="parent" value="(\d+)"', form)
        response = client.post(url, {"body": "Agreed.", "parent": parent, "form_token": token[0]})
        assert response.status_code == 302
    assert proposal.comments.filter(body="Agreed.").count() == 2


def test_a_reader_who_may_not_reply_gets_no_reply_forms_from_a_stored_copy(proposal, question, bob):
    page(client_for(bob), proposal)  # stored with reply forms
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.DECIDED)
    html = page(client_for(bob), proposal)
    assert "Which hall?" in html and "reply-form-" not in html


def test_replies_stay_under_the_comment_they_answer(proposal, question, bob, alice):
    answer = actions.do_comment(proposal, body="The church hall.", parent=question, acting_user=bob)
    html = page(client_for(alice), proposal)
    nested = re.search(
        rf'<li class="comment" id="comment-{question.pk}">.*?<ol class="comments replies">'
        rf'<li class="comment" id="comment-{answer.pk}">',
        html,
        re.S,
    )
    assert nested


def test_a_proposal_card_shows_support_and_a_renamed_proposer_at_the_next_request(
    proposal, alice, bob
):
    client = client_for(alice)
    url = reverse("democracy:group_proposals", args=[proposal.group.slug])
    listed = client.get(url).content.decode()
    assert "By Bob" in listed and "0 supporters" in listed
    actions.check_support_proposal(proposal, acting_user=alice)
    assert "1 supporter<" in client.get(url).content.decode()
    values = values_of(profile_of(bob), PROFILE_FIELDS)
    do_update_profile(bob, display_name="Robert", values=values, acting_user=bob)
    assert "By Robert" in client.get(url).content.decode()
