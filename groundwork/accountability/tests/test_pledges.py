"""Pledges: organisers write them and record answers, everyone who sees the campaign sees them,
and a signer who later votes against the pledge's policy is flagged on every page."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.accountability.models import Pledge, PledgeAnswer
from groundwork.accountability.tests.factories import (
    cast_vote,
    council,
    division,
    elect,
    policy_on,
)
from groundwork.accountability.tests.pledges_factories import answer_pledge, ask_to_pledge
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.tests.factories import start_campaign
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SIGNED_ON = date(2024, 3, 1)


@pytest.fixture
def body():
    return council()


@pytest.fixture
def councillor(body):
    return elect("Ann Example", body, None, "Labour", start=date(2022, 5, 5)).person


@pytest.fixture
def library_policy(body):
    before = division(body, date(2024, 2, 1), 1, "Close the library (first reading)")
    after = division(body, date(2024, 4, 1), 2, "Close the library")
    return policy_on("Keep libraries open", [(before, "no", "normal"), (after, "no", "normal")])


@pytest.fixture
def campaign(riverside):
    return start_campaign(riverside)


@pytest.fixture
def pledge(campaign, library_policy):
    return ask_to_pledge(campaign, policy=library_policy)


def vote_in(policy, number: int, person, how: str) -> None:
    cast_vote(policy.divisions.get(number=number), person, how)


def test_a_signer_who_votes_against_the_pledge_afterwards_is_flagged_everywhere(
    client, pledge, councillor, library_policy
):
    answer_pledge(pledge, councillor, "signed", on=SIGNED_ON)
    vote_in(library_policy, 2, councillor, "aye")
    for url in (pledge.get_absolute_url(), councillor.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Voted aye on 1 April 2024, division 2: Close the library" in html, url
        assert "1 March 2024" in html and "Signed at the hustings." in html, url
    html = client.get(pledge.campaign.get_absolute_url()).content.decode()
    assert "Keep the library open" in html and "Ann Example" in html


def test_a_vote_against_before_signing_is_not_flagged(client, pledge, councillor, library_policy):
    answer_pledge(pledge, councillor, "signed", on=SIGNED_ON)
    vote_in(library_policy, 1, councillor, "aye")
    vote_in(library_policy, 2, councillor, "no")
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert "Signed" in html and "Voted aye" not in html
    assert "Ann Example" not in client.get(pledge.campaign.get_absolute_url()).content.decode()


def test_a_representative_who_declined_is_not_flagged(client, pledge, councillor, library_policy):
    answer_pledge(pledge, councillor, "declined", on=SIGNED_ON)
    vote_in(library_policy, 2, councillor, "aye")
    html = client.get(councillor.get_absolute_url()).content.decode()
    assert "Declined" in html and "Voted aye" not in html


def test_a_planned_campaigns_pledge_is_hidden_from_outsiders_like_the_campaign(
    riverside, bob, carol, councillor
):
    planned = start_campaign(riverside, status=Campaign.Status.PLANNING)
    pledge = ask_to_pledge(planned)
    answer_pledge(pledge, councillor, "signed")
    assert client_for(carol).get(pledge.get_absolute_url()).status_code == 404
    assert client_for(carol).get(planned.get_absolute_url()).status_code == 404
    assert client_for(bob).get(pledge.get_absolute_url()).status_code == 200
    html = client_for(carol).get(councillor.get_absolute_url()).content.decode()
    assert "Keep the library open" not in html
    assert (
        "Keep the library open"
        in client_for(bob).get(councillor.get_absolute_url()).content.decode()
    )


def test_alice_writes_a_pledge_and_a_second_press_makes_no_second_one(alice, campaign):
    url = reverse("accountability:pledge_create", args=[campaign.pk])
    data = {"title": "Keep the library open", "text": "I will vote to keep it open."}
    first = client_for(alice).post(url, data)
    second = client_for(alice).post(url, data)
    pledge = Pledge.objects.get(campaign=campaign)
    assert first["Location"] == second["Location"] == pledge.get_absolute_url()
    assert AuditEntry.objects.filter(verb="pledge.created").count() == 1
    assert (
        "Keep the library open"
        in client_for(alice).get(campaign.get_absolute_url()).content.decode()
    )


def answer_data(councillor, **changes) -> dict:
    return {
        "representative": str(councillor.pk),
        "status": "signed",
        "answered_on": "2024-03-01",
        "evidence_url": "https://example.org/hustings",
        "evidence_note": "",
    } | changes


def test_alice_records_an_answer_and_sending_it_twice_changes_nothing(alice, pledge, councillor):
    url = reverse("accountability:pledge_answer", args=[pledge.pk])
    for _press in range(2):
        response = client_for(alice).post(url, answer_data(councillor))
        assert response["Location"] == pledge.get_absolute_url()
    answer = PledgeAnswer.objects.get()
    assert (answer.status, answer.answered_on, answer.recorded_by) == ("signed", SIGNED_ON, alice)
    assert AuditEntry.objects.filter(verb="pledge.answered").count() == 1


def test_a_changed_answer_is_audited_with_its_old_and_new_values(alice, pledge, councillor):
    url = reverse("accountability:pledge_answer", args=[pledge.pk])
    client_for(alice).post(url, answer_data(councillor, status="no_answer", evidence_url=""))
    client_for(alice).post(url, answer_data(councillor, status="declined", evidence_note="Email"))
    assert PledgeAnswer.objects.get().status == "declined"
    change = AuditEntry.objects.filter(verb="pledge.answered").latest("id")
    assert change.old["status"] == "no_answer" and change.new["status"] == "declined"
    assert change.new["evidence_note"] == "Email"


def test_a_signature_without_evidence_is_refused_next_to_the_field(alice, pledge, councillor):
    url = reverse("accountability:pledge_answer", args=[pledge.pk])
    response = client_for(alice).post(url, answer_data(councillor, evidence_url=""))
    assert response.status_code == 400 and "2024-03-01" in response.content.decode()
    assert "evidence_url" in response.context["form"].errors
    assert not PledgeAnswer.objects.exists()


def test_an_unknown_representative_number_is_refused_next_to_the_field(alice, pledge, councillor):
    url = reverse("accountability:pledge_answer", args=[pledge.pk])
    response = client_for(alice).post(url, answer_data(councillor, representative="999999"))
    assert response.status_code == 400
    assert "representative" in response.context["form"].errors


def test_the_answer_form_finds_representatives_by_name(alice, pledge, councillor):
    url = reverse("accountability:pledge_answer", args=[pledge.pk])
    html = client_for(alice).get(url, {"q": "ann"}).content.decode()
    assert f"person={councillor.pk}" in html


def test_the_answer_form_starts_from_the_answer_on_file(alice, pledge, councillor):
    answer_pledge(pledge, councillor, "declined", on=SIGNED_ON)
    url = reverse("accountability:pledge_answer", args=[pledge.pk])
    response = client_for(alice).get(url, {"person": councillor.pk})
    form = response.context["form"]
    assert (
        form.initial["status"] == "declined" and 'value="2024-03-01"' in response.content.decode()
    )


def test_a_campaign_without_pledges_shows_no_pledge_section_to_the_public(client, campaign, alice):
    assert "Pledges we ask" not in client.get(campaign.get_absolute_url()).content.decode()
    html = client_for(alice).get(campaign.get_absolute_url()).content.decode()
    assert "Write a pledge" in html


def test_bob_cannot_write_a_pledge_or_record_an_answer(bob, pledge, councillor):
    assert (
        client_for(bob).get(reverse("accountability:pledge_answer", args=[pledge.pk])).status_code
        == 404
    )
    response = client_for(bob).post(
        reverse("accountability:pledge_create", args=[pledge.campaign_id]),
        {"title": "x", "text": "y"},
    )
    assert response.status_code == 404 and Pledge.objects.count() == 1


def signers(pledge, body, library_policy, size: int) -> None:
    for number in range(size):
        person = elect(f"Councillor {number}", body, None, "Labour").person
        answer_pledge(pledge, person, "signed", on=SIGNED_ON)
        vote_in(library_policy, 2, person, "aye")


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_pledges_page_asks_a_fixed_number_of_queries(
    size, client, pledge, body, library_policy, django_assert_max_num_queries
):
    signers(pledge, body, library_policy, size)
    with django_assert_max_num_queries(PLEDGE_QUERIES):
        response = client.get(pledge.get_absolute_url())
    assert response.content.decode().count("Voted aye on") == size


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_campaigns_page_with_pledges_asks_a_fixed_number_of_queries(
    size, client, campaign, body, library_policy, django_assert_max_num_queries
):
    for number in range(size):
        pledge = ask_to_pledge(campaign, title=f"Pledge {number}", policy=library_policy)
        signers(pledge, body, library_policy, 1) if number == 0 else None
    with django_assert_max_num_queries(CAMPAIGN_QUERIES):
        response = client.get(campaign.get_absolute_url())
    html = response.content.decode()
    assert html.count('href="/pledges/') == size and "Councillor 0" in html


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_representatives_page_with_pledges_asks_a_fixed_number_of_queries(
    size, client, campaign, councillor, library_policy, django_assert_max_num_queries
):
    for number in range(size):
        pledge = ask_to_pledge(campaign, title=f"Pledge {number}", policy=library_policy)
        answer_pledge(pledge, councillor, "signed", on=SIGNED_ON)
    vote_in(library_policy, 2, councillor, "aye")
    with django_assert_max_num_queries(PERSON_QUERIES):
        response = client.get(councillor.get_absolute_url())
    assert response.content.decode().count("Voted aye on") == size


# Measured: the same at 1, 10 and 100 rows (the person page: 10 before pledges, 3 more now).
PLEDGE_QUERIES, CAMPAIGN_QUERIES, PERSON_QUERIES = 4, 10, 13
