"""The one-time form token (core.idempotency): what gives a token back, what keeps it, and who is
sent where. Every create form of the project is walked in tests/test_double_submit.py."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.idempotency import FIELD, RETENTION, forget_expired_tokens, new_token
from groundwork.core.models import SubmissionToken
from groundwork.democracy.actions import do_create_proposal, do_propose_amendment
from groundwork.democracy.models import Comment, Proposal
from groundwork.projects.models import AidRequest
from groundwork.projects.tests.factories import start_project

pytestmark = pytest.mark.django_db

PROPOSE = reverse("democracy:group_proposal_create", args=["riverside"])


def test_the_form_carries_a_new_token_each_time_it_is_shown(riverside, bob):
    client = client_for(bob)
    first, second = (client.get(PROPOSE).content.decode() for _ in range(2))
    assert f'name="{FIELD}"' in first
    assert (
        first.split(f'name="{FIELD}" value="')[1][:22]
        != (second.split(f'name="{FIELD}" value="')[1][:22])
    )


def test_a_form_sent_back_with_errors_can_be_sent_again_once_corrected(riverside, bob):
    client = client_for(bob)
    token = new_token()
    refused = client.post(PROPOSE, {"title": "", "body": "Saturdays.", FIELD: token})
    assert refused.status_code == 400
    assert not SubmissionToken.objects.filter(token=token).exists()
    corrected = {"title": "A food bank", "body": "Saturdays.", FIELD: token}
    saved = client.post(PROPOSE, corrected)
    again = client.post(PROPOSE, corrected)
    proposal = Proposal.objects.get()
    assert (
        saved["Location"] == again["Location"] == reverse("democracy:proposal", args=[proposal.pk])
    )


def test_a_refusal_told_in_a_message_gives_the_token_back(riverside, alice, bob):
    proposal = do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    amendment = do_propose_amendment(
        proposal, summary="Sundays too", new_body="Saturdays and Sundays.", acting_user=alice
    )
    url = reverse("democracy:amendment_put_to_vote", args=[proposal.pk, amendment.pk])
    token = new_token()
    refused = client_for(alice).post(url, {"amendment-closes_at": "", FIELD: token})
    assert refused.status_code == 302 and refused["Location"] == reverse(
        "democracy:proposal", args=[proposal.pk]
    )
    assert not SubmissionToken.objects.filter(token=token).exists()
    closes = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    client = client_for(alice)
    again = client.post(url, {"amendment-closes_at": closes, FIELD: token})
    # The view ran again (and refused for another reason), rather than calling it a repeat.
    page = client.get(again["Location"]).content.decode()
    assert "Appoint tellers before opening a secret ballot" in page
    assert "already been sent" not in page


def test_a_form_without_a_token_is_served_as_before(riverside, bob):
    proposal = do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    url = reverse("democracy:proposal_comment", args=[proposal.pk])
    for _ in range(2):
        assert client_for(bob).post(url, {"body": "Which hall?"}).status_code == 302
    assert Comment.objects.count() == 2
    assert not SubmissionToken.objects.exists()


def test_someone_elses_token_does_not_show_what_it_saved(riverside, alice, bob):
    token = new_token()
    client_for(bob).post(PROPOSE, {"title": "A food bank", "body": "Saturdays.", FIELD: token})
    stolen = client_for(alice).post(
        PROPOSE, {"title": "Mine", "body": "…", FIELD: token}, HTTP_REFERER="https://evil.example/"
    )
    assert stolen.status_code == 302 and stolen["Location"] == "/"
    assert Proposal.objects.count() == 1


def test_a_form_sent_twice_by_someone_signed_out_saves_once(riverside, alice):
    project = start_project(riverside, alice)
    url = reverse("projects:ask", args=[project.pk])
    data = {"name": "Gus", "contact": "07700 900123", "need": "A meal", "postcode_district": "SE1"}
    data[FIELD] = new_token()
    first, second = Client().post(url, data), Client().post(url, data)
    assert first["Location"] == second["Location"] == project.get_absolute_url()
    assert AidRequest.objects.count() == 1


def test_tokens_are_forgotten_after_the_retention_period(
    riverside, bob, django_capture_on_commit_callbacks
):
    client_for(bob).post(PROPOSE, {"title": "Old", "body": "…", FIELD: new_token()})
    old = SubmissionToken.objects.get()
    SubmissionToken.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - RETENTION - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(PROPOSE, {"title": "New", "body": "…", FIELD: new_token()})
    assert not SubmissionToken.objects.filter(pk=old.pk).exists()
    assert SubmissionToken.objects.count() == 1
    assert forget_expired_tokens() == 0
