"""Signing, the email through the job queue and a real SMTP server on loopback, and the link."""

import re

import pytest
from django.urls import reverse

from groundwork.campaigns.models import Petition
from groundwork.campaigns.tests.factories import add_target, open_petition, start_campaign
from tests.smtp import body_of, smtp_on_loopback

pytestmark = pytest.mark.django_db


def test_a_signer_confirms_through_the_link_in_the_email(
    anon, riverside, run_jobs, django_capture_on_commit_callbacks
):
    campaign = start_campaign(riverside)
    petition = open_petition(campaign, target=add_target(campaign))
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            response = anon.post(
                reverse("campaigns:sign", args=[petition.pk]),
                {"name": "Sam", "email": "sam@example.net", "postcode": "SE15 4AB"},
            )
        assert response.status_code == 302
        assert inbox.messages == []  # nothing is sent inside the request
        run_jobs()
        [message] = inbox.wait_for(1)
    assert message["To"] == "sam@example.net"
    assert "Keep it open" in message["Subject"]
    link = re.search(r"https?://\S+/petitions/confirm/\S+/", body_of(message))
    assert link, body_of(message)
    path = "/" + link.group(0).split("/", 3)[3]
    assert anon.get(path).status_code == 200
    assert Petition.objects.get(pk=petition.pk).signature_count == 0
    anon.post(path)
    assert Petition.objects.get(pk=petition.pk).signature_count == 1
    anon.post(path)
    assert Petition.objects.get(pk=petition.pk).signature_count == 1
