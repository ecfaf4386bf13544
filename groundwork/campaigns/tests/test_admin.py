"""Coordinators get a read-only overview of campaigns in the Django admin, with no signer's,
writer's or organiser's name in it."""

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse

from conftest import client_for
from groundwork.campaigns.models import Campaign, LetterSent, Signature
from groundwork.campaigns.tests.factories import add_target, open_petition, sign, start_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(riverside):
    campaign = start_campaign(riverside, title="Save Peckham Library")
    petition = open_petition(campaign, target=add_target(campaign, name="Cllr Peckham"))
    sign(petition, "sam.signer@example.net", name="Sam Signer")
    return campaign


def test_a_coordinator_sees_a_campaign_with_its_counts_and_no_signers(admin, campaign):
    page = client_for(admin).get(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Save Peckham Library" in html and "Cllr Peckham" in html
    assert "Sam Signer" not in html and "sam.signer@example.net" not in html
    assert 'name="_save"' not in html, "read-only: no save button"


def test_nobody_changes_or_adds_a_campaign_in_the_admin(admin, campaign):
    client = client_for(admin)
    url = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    response = client.post(url, {"title": "Changed", "summary": "s", "demands": "d"})
    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.title == "Save Peckham Library"
    assert client.get(reverse("admin:campaigns_campaign_add")).status_code == 403


def test_a_groups_campaign_being_planned_stays_out_of_the_coordinators_list(admin, riverside):
    start_campaign(riverside, title="Secret plan", status=Campaign.Status.PLANNING)
    start_campaign(riverside, title="Public push")
    html = client_for(admin).get(reverse("admin:campaigns_campaign_changelist")).content.decode()
    assert "Public push" in html and "Secret plan" not in html


def test_signatures_and_letters_are_not_in_the_admin_at_all():
    assert Signature not in django_admin.site._registry
    assert LetterSent not in django_admin.site._registry
