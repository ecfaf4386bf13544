import re
import uuid

import pytest
from django.urls import reverse
from django.utils.html import escape

from conftest import client_for
from groundwork.campaigns import actions
from groundwork.campaigns.models import Campaign, LetterSent
from groundwork.campaigns.tests.factories import add_target, offer_letter, start_campaign
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.groups.models import PostcodeDistrict

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
    return Campaign.objects.select_related("letter_template").get(pk=campaign.pk)


def send(campaign, user, district="SE15", body="Please keep it open.", confirmation=None):
    return actions.check_send_letter(
        campaign,
        postcode_district=district,
        subject="Our library",
        body=body,
        confirmation=confirmation or uuid.uuid4(),
        acting_user=user,
    )


def confirmation_on(preview) -> str:
    """The token of the preview page, which its Send button posts back."""
    page = preview.content.decode()
    [token] = re.findall(r'<input type="hidden" name="confirmation" value="([0-9a-f-]+)"', page)
    return token


def test_the_letter_goes_to_the_target_for_the_district_with_the_member_as_reply_to(
    bob, campaign, run_jobs, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = send(campaign, bob, body="My own words about the library.")
    assert mailoutbox == []  # the job sends it, never the request
    run_jobs()
    assert outcome.target.name == "Cllr Peckham"
    [message] = mailoutbox
    assert message.to == ["peckham@example.gov.uk"] and message.reply_to == ["bob@example.org"]
    assert message.body.startswith("Dear Cllr Peckham,") and "My own words" in message.body
    assert "Bob" in message.body


def test_the_local_authority_answers_where_no_target_covers_the_district(bob, campaign, riverside):
    PostcodeDistrict.objects.create(group=riverside, district="SE5")
    assert send(campaign, bob, district="SE5").target.name == "Southwark Council"


def test_a_district_nobody_answers_for_is_refused_beside_the_field(bob, campaign):
    with pytest.raises(ActionError) as refused:
        send(campaign, bob, district="M1")
    assert refused.value.field == "postcode_district"


def test_only_that_a_letter_was_sent_is_kept_never_its_words(bob, campaign):
    send(campaign, bob, body="A very particular sentence.")
    letter = LetterSent.objects.get()
    stored = repr(list(LetterSent.objects.values()))
    assert letter.sender == bob and "particular" not in stored


def test_a_member_sends_at_most_three_letters_per_campaign(bob, campaign):
    for _ in range(actions.LETTERS_PER_CAMPAIGN):
        send(campaign, bob)
    with pytest.raises(ActionError, match="already sent 3"):
        send(campaign, bob)
    assert LetterSent.objects.count() == actions.LETTERS_PER_CAMPAIGN


def test_a_member_sends_at_most_ten_letters_a_day(bob, riverside):
    campaigns = []
    for number in range(4):
        campaign = start_campaign(riverside, title=f"Campaign {number}")
        offer_letter(campaign)
        add_target(campaign)
        campaigns.append(Campaign.objects.select_related("letter_template").get(pk=campaign.pk))
    sent = 0
    with pytest.raises(ActionError, match="last 24 hours"):
        for campaign in campaigns:
            for _ in range(3):
                send(campaign, bob)
                sent += 1
    assert sent == actions.LETTERS_PER_DAY


def test_the_letter_page_sends_and_the_organiser_sees_the_count_only(
    bob, alice, campaign, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    url = reverse("campaigns:letter", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert "Please keep the library open." in page
    bad = client.post(url, {"postcode_district": "M1", "subject": "Hi", "body": "Kept text"})
    assert bad.status_code == 400 and "answers for M1" in bad.content.decode()
    assert "Kept text" in bad.content.decode()
    typed = {"postcode_district": "SE15 4AB", "subject": "Hi", "body": "Secret words"}
    confirmation = confirmation_on(client.post(url, typed))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, typed | {"confirmation": confirmation, "send": "1"})
    assert response.status_code == 302
    run_jobs()
    assert len(mailoutbox) == 1
    manage = client_for(alice).get(reverse("campaigns:manage", args=[campaign.pk])).content.decode()
    assert "Cllr Peckham: 1 letter" in manage and "Secret words" not in manage


@pytest.mark.parametrize(
    ("who", "status"), [("anon", 302), ("dan", 200), ("carol", 200), ("bob", 200)]
)
def test_signed_in_people_write_letters(request, who, status, campaign):
    client = (
        request.getfixturevalue("anon")
        if who == "anon"
        else client_for(request.getfixturevalue(who))
    )
    assert client.get(reverse("campaigns:letter", args=[campaign.pk])).status_code == status


def test_no_letter_page_when_the_campaign_offers_none(bob, riverside):
    campaign = start_campaign(riverside)
    assert client_for(bob).get(reverse("campaigns:letter", args=[campaign.pk])).status_code == 404


def test_bob_sees_exactly_the_email_before_anything_is_sent(
    bob, campaign, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    url = reverse("campaigns:letter", args=[campaign.pk])
    typed = {"postcode_district": "SE15 4AB", "subject": "Our  library", "body": "My words."}
    with django_capture_on_commit_callbacks(execute=True):
        preview = client.post(url, typed)
    run_jobs()
    assert preview.status_code == 200 and mailoutbox == []
    assert LetterSent.objects.count() == 0
    page = preview.content.decode()
    assert "Cllr Peckham &lt;peckham@example.gov.uk&gt;" in page
    assert "bob@example.org" in page and "Our library" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, typed | {"confirmation": confirmation_on(preview), "send": "1"})
    run_jobs()
    [message] = mailoutbox
    assert message.subject == "Our library" and message.reply_to == ["bob@example.org"]
    for paragraph in message.body.strip().split("\n\n"):
        assert escape(paragraph).replace("\n", "<br>") in page, paragraph


def test_changing_the_letter_after_the_preview_keeps_what_bob_typed(bob, campaign):
    typed = {"postcode_district": "SE15 4AB", "subject": "Our library", "body": "Line one\nTwo"}
    url = reverse("campaigns:letter", args=[campaign.pk])
    response = client_for(bob).post(url, typed | {"edit": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and LetterSent.objects.count() == 0
    assert 'value="SE15 4AB"' in page and 'value="Our library"' in page
    assert ">\nLine one\nTwo</textarea>" in page
    assert "Please keep the library open." not in page, "the template did not replace his words"


def test_the_preview_refuses_what_sending_would_refuse(bob, campaign):
    for _ in range(actions.LETTERS_PER_CAMPAIGN):
        send(campaign, bob)
    url = reverse("campaigns:letter", args=[campaign.pk])
    typed = {"postcode_district": "SE15", "subject": "Again", "body": "Kept words"}
    response = client_for(bob).post(url, typed)
    page = response.content.decode()
    assert response.status_code == 400 and "already sent 3" in page and "Kept words" in page


# --- a double submission is harmless ---------------------------------------------------------


def test_confirming_the_same_letter_twice_sends_one_and_says_it_was_already_sent(
    bob, alice, campaign, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    url = reverse("campaigns:letter", args=[campaign.pk])
    typed = {"postcode_district": "SE15 4AB", "subject": "Hi", "body": "Secret words"}
    confirm = typed | {"confirmation": confirmation_on(client.post(url, typed)), "send": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, confirm)
        second = client.post(url, confirm, follow=True)
    run_jobs()
    assert first.status_code == 302
    assert second.status_code == 200 and second.redirect_chain[-1][0] == campaign.get_absolute_url()
    assert "You already sent this letter to Cllr Peckham" in second.content.decode()
    assert len(mailoutbox) == 1 and LetterSent.objects.count() == 1
    assert AuditEntry.objects.filter(verb="campaign.letter_sent").count() == 1
    manage = client_for(alice).get(reverse("campaigns:manage", args=[campaign.pk])).content.decode()
    assert "Cllr Peckham: 1 letter" in manage


def test_the_same_confirmation_sends_once_even_at_the_limit(bob, campaign):
    for _ in range(actions.LETTERS_PER_CAMPAIGN - 1):
        send(campaign, bob)
    last = uuid.uuid4()
    assert not send(campaign, bob, confirmation=last).already_sent
    repeat = send(campaign, bob, confirmation=last)  # not refused for the limit: already sent
    assert repeat.already_sent and repeat.target.name == "Cllr Peckham"
    assert LetterSent.objects.count() == actions.LETTERS_PER_CAMPAIGN


def test_two_different_letters_each_confirmed_both_send(
    bob, campaign, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    url = reverse("campaigns:letter", args=[campaign.pk])
    for words in ["First letter.", "Second, different letter."]:
        typed = {"postcode_district": "SE15", "subject": "Library", "body": words}
        confirmation = confirmation_on(client.post(url, typed))
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, typed | {"confirmation": confirmation, "send": "1"})
    run_jobs()
    assert sorted("First" in message.body for message in mailoutbox) == [False, True]
    assert LetterSent.objects.count() == 2


def test_each_preview_draws_its_own_confirmation(bob, campaign):
    client = client_for(bob)
    url = reverse("campaigns:letter", args=[campaign.pk])
    typed = {"postcode_district": "SE15", "subject": "Library", "body": "Same words."}
    assert confirmation_on(client.post(url, typed)) != confirmation_on(client.post(url, typed))


def test_a_send_without_the_preview_token_shows_the_preview_and_sends_nothing(
    bob, campaign, mailoutbox, run_jobs, django_capture_on_commit_callbacks
):
    url = reverse("campaigns:letter", args=[campaign.pk])
    typed = {"postcode_district": "SE15", "subject": "Library", "body": "My words.", "send": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bob).post(url, typed | {"confirmation": "not-a-token"})
    run_jobs()
    assert response.status_code == 200 and "Nothing has been sent yet" in response.content.decode()
    assert confirmation_on(response)
    assert mailoutbox == [] and LetterSent.objects.count() == 0
