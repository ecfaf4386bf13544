"""Targets of a representative's kind: each writer's own MP or ward councillors, found from the
writer's postcode by an app further right (hooks.letter_target_finders), never typed by hand."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.campaigns import actions
from groundwork.campaigns.hooks import FoundRecipients, LetterRecipient, letter_target_finders
from groundwork.campaigns.models import Target
from groundwork.campaigns.tests.factories import add_target, offer_letter, start_campaign

pytestmark = pytest.mark.django_db


def test_an_organiser_adds_each_writers_own_mp_as_a_target_without_an_email(alice, riverside):
    campaign = start_campaign(riverside)
    client = client_for(alice)
    url = reverse("campaigns:target_add", args=[campaign.pk])
    typed = {"kind": "own_mp", "name": "Your MP", "email": "someone@parliament.uk"}
    refused = client.post(url, typed)
    page = refused.content.decode()
    assert refused.status_code == 400 and "Leave the email empty" in page
    assert 'value="someone@parliament.uk"' in page
    assert client.post(url, typed | {"email": ""}).status_code == 302
    target = Target.objects.get(campaign=campaign)
    assert target.kind == Target.Kind.OWN_MP and target.is_found_from_postcode
    detail = client.get(campaign.get_absolute_url()).content.decode()
    assert "(Each writer&#x27;s own MP)" in detail


def test_the_campaigns_ask_every_registered_finder_and_take_the_writers_choice(
    riverside, bob, monkeypatch
):
    campaign = start_campaign(riverside)
    offer_letter(campaign)
    target = add_target(campaign, name="Your MP", email="", kind=Target.Kind.OWN_MP)
    asked = []

    def finder(targets, *, postcode, district):
        asked.append((targets, postcode, district))
        found = LetterRecipient(target, "mp-1", "Ms Example", "ms@example.org", "MP for here")
        return FoundRecipients(recipients=[found])

    monkeypatch.setattr("groundwork.campaigns.queries.letter_target_finders", [finder])
    found = actions.recipients_for_writer(campaign, postcode="SE15 4AB", district="SE15")
    assert asked == [([target], "SE15 4AB", "SE15")]
    assert [recipient.name for recipient in found.recipients] == ["Ms Example"]
    draft = actions.check_draft_letter(
        campaign,
        postcode_district="SE15",
        postcode="SE15 4AB",
        recipient="mp-1",
        subject="Hi",
        body="Words",
        acting_user=bob,
    )
    assert draft.to == "ms@example.org" and draft.body.startswith("Dear Ms Example,")
    assert letter_target_finders, "the register of representatives answers in the real app"


def test_without_a_choice_a_campaign_of_own_representatives_asks_for_one(riverside, bob):
    campaign = start_campaign(riverside)
    offer_letter(campaign)
    add_target(campaign, name="Your MP", email="", kind=Target.Kind.OWN_MP)
    from groundwork.core.errors import ActionError

    with pytest.raises(ActionError) as refused:
        actions.check_draft_letter(
            campaign, postcode_district="SE15", subject="Hi", body="Words", acting_user=bob
        )
    assert refused.value.field == "recipient"
