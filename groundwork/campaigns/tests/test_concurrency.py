"""The same email signing many times at the same instant leaves one signature, counted once; the
same letter confirmed many times at once is sent once.

Real concurrency needs PostgreSQL (row locks, separate connections); each thread posts through
the real view with its own client and connection, released together by a barrier.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from groundwork.campaigns import actions
from groundwork.campaigns.models import LetterSent, Petition, Signature
from groundwork.campaigns.tests.factories import (
    add_target,
    offer_letter,
    open_petition,
    sign,
    start_campaign,
)

THREADS = 24
TIMEOUT_SECONDS = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def all_at_once(work, count: int) -> list:
    barrier = threading.Barrier(count, timeout=TIMEOUT_SECONDS)

    def run(index: int):
        try:
            barrier.wait()
            return work(index)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(run, index) for index in range(count)]
        return [future.result(timeout=TIMEOUT_SECONDS) for future in futures]


@override_settings(GROUNDWORK_PETITION_SIGNING_LIMIT="0/60")
def test_the_same_email_signing_at_once_from_many_threads_is_one_signature(riverside):
    petition = open_petition(start_campaign(riverside))
    url = reverse("campaigns:sign", args=[petition.pk])
    data = {"name": "Sam", "email": "Sam@Example.net", "postcode": "SE15"}

    def post(index: int) -> int:
        return Client(raise_request_exception=False).post(url, data).status_code

    statuses = all_at_once(post, THREADS)
    assert set(statuses) == {302}
    assert Signature.objects.filter(petition=petition).count() == 1


def test_verifying_the_same_signature_at_once_counts_it_once(riverside):
    petition = open_petition(start_campaign(riverside))
    signature = sign(petition)

    counted = all_at_once(lambda index: actions.check_verify_signature(signature), THREADS)
    assert counted.count(True) == 1
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


def test_many_different_signers_at_once_are_all_counted(riverside):
    petition = open_petition(start_campaign(riverside))

    def sign_and_verify(index: int) -> None:
        actions.check_verify_signature(sign(petition, f"person{index}@example.net"))

    all_at_once(sign_and_verify, THREADS)
    assert Petition.objects.get(pk=petition.pk).signature_count == THREADS


def test_the_same_letter_confirmed_at_once_from_many_threads_is_sent_once(riverside, bob):
    campaign = start_campaign(riverside)
    offer_letter(campaign)
    add_target(campaign, postcode_districts="SE15")
    url = reverse("campaigns:letter", args=[campaign.pk])
    confirm = {
        "postcode_district": "SE15",
        "subject": "Our library",
        "body": "Please keep it open.",
        "confirmation": str(uuid.uuid4()),
        "send": "1",
    }
    clients = [Client(raise_request_exception=False) for _ in range(THREADS)]
    for client in clients:
        client.force_login(bob)
    emails = DBTaskResult.objects.filter(task_path__endswith="send_email")
    emails_before = emails.count()

    statuses = all_at_once(lambda index: clients[index].post(url, confirm).status_code, THREADS)
    assert set(statuses) == {302}
    # Without the confirmation, the limit of three letters per campaign would let three through.
    assert LetterSent.objects.filter(campaign=campaign, sender=bob).count() == 1
    assert emails.count() == emails_before + 1
