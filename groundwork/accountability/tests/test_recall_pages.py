"""The recall pages: a position's petitions, opening one (the reason kept and the error next to
it), a petition's progress with nobody's signature shown but your own, signing, and what each
page costs at 1, 10 and 100 rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.accountability.models import RecallPetition
from groundwork.accountability.tests.factories import (
    give_office,
    make_position,
    petition_to_recall,
    set_recall_rules,
    sign,
)
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(riverside, alice, bob):
    holder = UserFactory(display_name="Hal Holder")
    join(riverside, holder)
    set_recall_rules(riverside, share="0.50")
    return give_office(make_position(riverside, "Secretary"), holder)


def petition_url(petition) -> str:
    return reverse("accountability:recall_petition", args=[petition.pk])


def test_bob_opens_a_petition_from_the_form_and_lands_on_it_signed(term, bob):
    client = client_for(bob)
    url = reverse("accountability:recall_petition_create", args=[term.position.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Hal Holder" in page.content.decode()
    response = client.post(url, {"term": term.pk, "reason": "Never answers email."})
    petition = RecallPetition.objects.get()
    assert response.status_code == 302 and response["Location"] == petition_url(petition)
    html = client.get(response["Location"]).content.decode()
    assert "Never answers email." in html
    assert "1 of 2 signatures needed" in html
    assert "You have signed this petition." in html
    assert "28 days left to sign" in html


def test_a_petition_without_a_reason_is_shown_again_with_the_error_next_to_the_field(term, bob):
    url = reverse("accountability:recall_petition_create", args=[term.position.pk])
    response = client_for(bob).post(url, {"term": term.pk, "reason": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["reason"] == ["Say why the holder should be recalled."]
    assert not RecallPetition.objects.exists()


def test_the_holder_is_refused_the_form_with_a_message_and_what_they_typed_is_kept(term):
    url = reverse("accountability:recall_petition_create", args=[term.position.pk])
    response = client_for(term.holder).post(url, {"term": term.pk, "reason": "Me?"})
    assert response.status_code == 400
    assert "step down instead" in response.content.decode()
    assert "Me?" in response.content.decode()


def test_signing_from_the_page_and_again_tells_you_that_you_already_signed(term, bob, alice):
    petition = petition_to_recall(term, bob)
    set_recall_rules(term.position.group, share="1.00")
    RecallPetition.objects.filter(pk=petition.pk).update(signatures_needed=4)
    client = client_for(alice)
    url = reverse("accountability:recall_petition_sign", args=[petition.pk])
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert "You have already signed this petition." in again.content.decode()
    petition.refresh_from_db()
    assert petition.signature_count == 2


def test_nobody_sees_who_signed_not_even_the_holder_or_the_organiser(term, bob, alice):
    petition = petition_to_recall(term, bob)
    for viewer in (term.holder, alice):
        html = client_for(viewer).get(petition_url(petition)).content.decode()
        assert "Bob" not in html
        assert "1 of 2 signatures needed" in html
        assert "you can see only your own signature" in html
        assert "You have signed this petition." not in html


def test_the_holder_sees_the_petition_against_them_but_not_a_sign_button(term, bob):
    petition = petition_to_recall(term, bob)
    html = client_for(term.holder).get(petition_url(petition)).content.decode()
    assert "Sign the petition" not in html
    assert "Missed every meeting since March." in html


def test_a_petition_past_its_window_no_longer_offers_to_sign(term, bob, alice):
    petition = petition_to_recall(term, bob)
    RecallPetition.objects.filter(pk=petition.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    html = client_for(alice).get(petition_url(petition)).content.decode()
    assert "The time to sign is over." in html
    assert "Sign the petition" not in html


def count_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_petitions_page_asks_the_same_number_of_questions_at_1_10_and_100_petitions(
    riverside, alice, bob
):
    counts = {}
    for size in (1, 10, 100):
        position = make_position(riverside, f"Delegate {size}")
        for n in range(size):
            holder = UserFactory(display_name=f"Holder {size}-{n}")
            join(riverside, holder)
            RecallPetition.objects.create(
                term=give_office(position, holder),
                reason="Reason",
                opened_by=bob,
                closes_at=timezone.now() + timedelta(days=3),
                electorate_size=100,
                signatures_needed=50,
            )
        url = reverse("accountability:recall_petitions", args=[position.pk])
        counts[size], html = count_queries(client_for(bob), url)
        assert html.count("<tr>") == size + 1
    assert counts[1] == counts[10] == counts[100], counts


def test_the_petition_page_asks_the_same_number_of_questions_at_1_10_and_100_signatures(
    riverside, alice, bob
):
    counts = {}
    for size in (1, 10, 100):
        position = make_position(riverside, f"Chair {size}")
        holder = UserFactory()
        join(riverside, holder)
        petition = RecallPetition.objects.create(
            term=give_office(position, holder),
            reason="Reason",
            opened_by=bob,
            closes_at=timezone.now() + timedelta(days=3),
            electorate_size=1000,
            signatures_needed=500,
        )
        for _n in range(size):
            signer = UserFactory()
            join(riverside, signer)
            sign(petition, signer)
        counts[size], html = count_queries(client_for(alice), petition_url(petition))
        assert f"{size} of 500 signatures needed" in html
    assert counts[1] == counts[10] == counts[100], counts


def test_a_waiting_recall_ballot_says_why_and_the_organiser_opens_it_from_the_page(
    term, riverside, alice, bob
):
    from unittest import mock

    from groundwork.accountability.tests.factories import sign
    from groundwork.democracy.hooks import tellers_ready
    from groundwork.democracy.models import Ballot
    from groundwork.democracy.tests.factories import appoint_tellers

    petition = petition_to_recall(term, bob)
    sign(petition, alice)  # the threshold: no tellers yet, so the ballot waits
    html = client_for(bob).get(petition_url(petition)).content.decode()
    assert "could not open by itself" in html
    assert "Appoint tellers before opening a secret ballot" in html
    assert "Open the recall ballot" not in html  # bob is no organiser
    # Tellers ready without the hook (as for a ballot that waited since before it existed):
    # the ballot still waits, and the organiser opens it herself.
    with mock.patch.object(tellers_ready, "send"):
        appoint_tellers(riverside, alice)
    client = client_for(alice)
    assert "Open the recall ballot" in client.get(petition_url(petition)).content.decode()
    response = client.post(
        reverse("accountability:recall_ballot_open", args=[petition.pk]), follow=True
    )
    assert "The recall ballot is open." in response.content.decode()
    petition.refresh_from_db()
    assert petition.ballot.status == Ballot.Status.OPEN
