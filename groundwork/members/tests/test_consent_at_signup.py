"""Consent to contact is opt-in at sign-up: never ticked for the person, recorded only if they
tick it, and joining does not depend on it (issue #14, item 7)."""

import re

import pytest
from django.urls import reverse

from groundwork.members.models import ConsentRecord, User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "newcomer@example.org",
    "display_name": "Nia Newcomer",
    "password1": "a long enough passphrase",
    "password2": "a long enough passphrase",
    "agree_privacy": "on",
}


def test_the_sign_up_form_offers_contact_consent_unticked_and_optional(anon):
    page = anon.get(reverse("account_signup")).content.decode()
    [checkbox] = re.findall(r"<input[^>]*name=\"agree_contact\"[^>]*>", page)
    assert "checked" not in checkbox
    assert "required" not in checkbox
    assert "(optional)" in page


def test_signing_up_without_ticking_it_gives_no_contact_consent(anon):
    response = anon.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert not user.profile.allow_organiser_contact
    assert set(user.consents.values_list("purpose", flat=True)) == {
        ConsentRecord.Purpose.PRIVACY_POLICY
    }


def test_ticking_it_records_the_consent_and_the_setting(anon):
    response = anon.post(reverse("account_signup"), {**SIGN_UP, "agree_contact": "on"})
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert user.profile.allow_organiser_contact
    consent = user.consents.get(purpose=ConsentRecord.Purpose.ORGANISER_CONTACT)
    assert consent.is_active


def test_the_privacy_notice_says_who_is_responsible_and_how_to_complain(anon, settings):
    settings.GROUNDWORK_DATA_CONTROLLER = "The Riverside Alliance CIO"
    settings.GROUNDWORK_RSVP_RETENTION_DAYS = 45
    page = anon.get(reverse("members:privacy")).content.decode()
    assert "The Riverside Alliance CIO" in page
    assert "Article 9(2)(d)" in page
    assert "ico.org.uk" in page and "0303 123 1113" in page
    assert "45 days after it ends" in page
