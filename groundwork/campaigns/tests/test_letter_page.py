"""The letter page says whom the letter goes to before a word is written, and never cuts one."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.campaigns.models import Campaign, LetterSent
from groundwork.campaigns.tests.factories import add_target, offer_letter, start_campaign
from groundwork.members.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(riverside):
    campaign = start_campaign(riverside)
    offer_letter(campaign)
    add_target(
        campaign, name="Cllr Peckham", email="peckham@example.gov.uk", postcode_districts="SE15"
    )
    add_target(
        campaign, name="Southwark Council", email="council@example.gov.uk", ons_codes="E09000028"
    )
    return Campaign.objects.get(pk=campaign.pk)


def letter_url(campaign) -> str:
    return reverse("campaigns:letter", args=[campaign.pk])


def before_the_form(html: str) -> str:
    return html.split('<form method="post" action="/campaigns/')[0]


def test_with_a_district_on_the_profile_the_page_names_the_recipient_before_the_form(bob, campaign):
    Profile.objects.update_or_create(user=bob, defaults={"postcode_district": "SE15"})
    page = client_for(bob).get(letter_url(campaign)).content.decode()
    assert "For SE15, your letter goes to <strong>Cllr Peckham</strong>." in before_the_form(page)


def test_without_a_district_the_page_lists_whom_it_may_go_to_and_for_which_area(bob, campaign):
    page = before_the_form(client_for(bob).get(letter_url(campaign)).content.decode())
    assert "Who your letter goes to" in page
    assert "<strong>Cllr Peckham</strong>: SE15" in page
    assert "<strong>Southwark Council</strong>: its council area" in page


def test_a_letter_over_the_limit_is_refused_at_the_field_and_kept_whole(bob, campaign):
    words = "The library matters to us. " * 230  # 6,210 characters
    form = {"postcode_district": "SE15", "subject": "Our library", "body": words}
    response = client_for(bob).post(letter_url(campaign), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"This is {len(words.strip())} characters long; it can be at most 6000." in page
    assert 'aria-invalid="true"' in page and "id_body_error" in page
    assert words.strip() in page  # every character is still there to shorten
    assert not LetterSent.objects.exists()


def test_no_field_of_the_letter_has_a_maxlength_that_would_cut_pasted_text(bob, campaign):
    page = client_for(bob).get(letter_url(campaign)).content.decode()
    assert "maxlength" not in page.split('name="subject"')[1].split(">")[0]
    assert "maxlength" not in page.split('name="body"')[1].split(">")[0]
    assert "up to 6,000 characters" in page


def test_an_organisers_template_longer_than_a_letter_may_be_is_refused_at_the_field(
    alice, campaign
):
    url = reverse("campaigns:letter_template", args=[campaign.pk])
    form = {"subject": "Keep the library", "body": "x" * 6001, "is_open": "on"}
    response = client_for(alice).post(url, form)
    assert response.status_code == 400
    assert "This is 6001 characters long; it can be at most 6000." in response.content.decode()
