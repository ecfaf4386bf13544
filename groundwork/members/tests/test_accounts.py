"""Sign-up, the profile and privacy settings, and consent records."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.members.models import ConsentRecord, User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "newcomer@example.org",
    "display_name": "Nia Newcomer",
    "password1": "a long enough passphrase",
    "password2": "a long enough passphrase",
    "agree_privacy": "on",
}


def test_sign_up_records_the_privacy_consent_and_queues_the_verification_email(
    anon, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert user.name == "Nia Newcomer"
    consent = user.consents.get(purpose=ConsentRecord.Purpose.PRIVACY_POLICY)
    assert consent.is_active and consent.policy_version
    assert mailoutbox == []  # the request only queued it
    run_jobs()
    (message,) = mailoutbox
    assert message.to == ["newcomer@example.org"]
    assert "Hello from Groundwork!" in message.body
    assert "Thank you for using Groundwork!" in message.body
    assert message.subject.startswith("[Groundwork] ")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link, message.body
    confirm = anon.post(urlsplit(link.group(0)).path)
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_account_emails_name_the_site_set_in_site_name(
    anon, django_capture_on_commit_callbacks, run_jobs, mailoutbox, settings
):
    settings.SITE_NAME = "Riverside Alliance"
    cache.clear()  # allauth remembers, in the cache, addresses it sent a confirmation to lately
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post(reverse("account_signup"), {**SIGN_UP, "email": "nia@example.org"})
    assert response.status_code == 302
    run_jobs()
    (message,) = mailoutbox
    assert "Hello from Riverside Alliance!" in message.body
    assert "Hello from !" not in message.body


def test_sign_up_without_agreeing_to_the_privacy_notice_is_refused_and_keeps_what_was_typed(anon):
    response = anon.post(reverse("account_signup"), {**SIGN_UP, "agree_privacy": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "You need to agree to the privacy notice to join." in page
    assert 'value="Nia Newcomer"' in page and 'value="newcomer@example.org"' in page
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_sharing_skills_records_a_consent_and_unsharing_withdraws_it(dan):
    client = client_for(dan)
    form = {
        "display_name": "Dan",
        "pronouns": "he/him",
        "postcode_district": "se15 4ab",
        "skills": "Leafleting\nAccounts",
        "interests": "",
        "share_skills": "on",
        "show_pronouns": "on",
        "allow_organiser_contact": "on",
    }
    assert client.post(reverse("members:profile"), form).status_code == 302
    dan.profile.refresh_from_db()
    assert dan.profile.postcode_district == "SE15"
    assert dan.consents.get(purpose="share_skills", withdrawn_at=None)
    client.post(reverse("members:profile"), {**form, "share_skills": ""})
    consent = dan.consents.get(purpose="share_skills")
    assert consent.withdrawn_at is not None
    assert AuditEntry.objects.filter(verb="consent.withdrawn", actor=dan).exists()


def test_withdrawing_a_consent_from_the_list_turns_the_setting_off(dan):
    client = client_for(dan)
    assert dan.profile.allow_organiser_contact
    response = client.post(reverse("members:withdraw_consent", args=["organiser_contact"]))
    assert response.status_code == 302
    dan.profile.refresh_from_db()
    assert not dan.profile.allow_organiser_contact
    page = client.get(reverse("members:consents")).content.decode()
    assert "Organisers may contact me by email" in page


def test_a_bad_postcode_district_is_explained_next_to_the_field_and_the_rest_is_kept(dan):
    response = client_for(dan).post(
        reverse("members:profile"),
        {"display_name": "Daniel", "postcode_district": "NOT A POSTCODE", "pronouns": "they/them"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_postcode_district_error"' in page
    assert "Enter the first half of a UK postcode" in page
    assert 'value="Daniel"' in page and 'value="they/them"' in page
