"""The same create form sent by many requests at the same instant makes one object (issue #14).

tests/test_double_submit.py sends every create form twice, one after the other; here a few
representative ones are sent by 16 threads at once, with one token, as a double click on a slow
connection or a client retrying would. Real concurrency needs PostgreSQL (see test_concurrency.py):
the unique constraint on the token makes every request but one wait for the first to commit, and
then send the person to what it saved.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundwork.campaigns.models import Campaign
from groundwork.core.idempotency import FIELD, new_token
from groundwork.core.models import AuditEntry, SubmissionToken
from groundwork.democracy.actions import do_create_proposal
from groundwork.democracy.models import Comment
from groundwork.events.models import Event
from tests.test_concurrency import post_all_at_once

THREADS = 16

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def clients_of(user) -> list[Client]:
    clients = []
    for _ in range(THREADS):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    return clients


def assert_one_answer(statuses: list[int]) -> None:
    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}


def test_an_event_sent_by_16_requests_at_once_is_created_once(riverside, alice):
    starts = timezone.localtime() + timedelta(days=10)
    data = {
        "title": "Tenants' meeting",
        "kind": "meeting",
        "starts": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "Europe/London",
        "visibility": "public",
        "venue": "The library",
        FIELD: new_token(),
    }
    url = reverse("events:create", args=["riverside"])
    assert_one_answer(post_all_at_once(clients_of(alice), url, data))
    assert Event.objects.filter(title="Tenants' meeting").count() == 1
    assert AuditEntry.objects.filter(verb="event.created").count() == 1
    assert SubmissionToken.objects.get(token=data[FIELD]).result_url == (
        Event.objects.get().get_absolute_url()
    )


def test_a_comment_sent_by_16_requests_at_once_is_added_once(riverside, alice, bob):
    proposal = do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    url = reverse("democracy:proposal_comment", args=[proposal.pk])
    data = {"body": "I agree.", FIELD: new_token()}
    assert_one_answer(post_all_at_once(clients_of(alice), url, data))
    assert Comment.objects.filter(proposal=proposal).count() == 1


def test_a_campaign_sent_by_16_requests_at_once_is_started_once(riverside, alice):
    data = {
        "title": "Warm homes",
        "summary": "Insulate every council flat.",
        "demands": "Insulation",
        "status": "planning",
        FIELD: new_token(),
    }
    url = reverse("campaigns:group_create", args=["riverside"])
    assert_one_answer(post_all_at_once(clients_of(alice), url, data))
    assert Campaign.objects.filter(title="Warm homes").count() == 1
