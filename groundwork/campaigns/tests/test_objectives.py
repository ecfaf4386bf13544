"""Campaigns work towards objectives of the platform: chosen by organisers, shown on the
campaign's page, and counted in the alliance's roll-up."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims import queries as aims_queries
from groundwork.aims.models import Objective
from groundwork.campaigns import actions
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.tests.factories import start_campaign
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def objectives(*numbers):
    return Objective.objects.filter(number__in=numbers)


def campaign_form(**values):
    return {
        "title": "Save the library",
        "summary": "Keep it open",
        "demands": "Keep it open",
        "status": "active",
    } | values


def test_alice_links_her_campaign_to_objectives_and_everyone_sees_them(alice, anon, riverside):
    campaign = start_campaign(riverside)
    second, fifth = Objective.objects.get(number=2), Objective.objects.get(number=5)
    response = client_for(alice).post(
        reverse("campaigns:edit", args=[campaign.pk]),
        campaign_form(objectives=[second.pk, fifth.pk]),
    )
    assert response.status_code == 302
    page = anon.get(campaign.get_absolute_url()).content.decode()
    assert f"2. {second.title}" in page and f"5. {fifth.title}" in page
    assert f'#objective-{second.pk}"' in page
    entry = AuditEntry.objects.get(verb="campaign.updated")
    assert entry.old["objectives"] == [] and entry.new["objectives"] == [2, 5]
    form = client_for(alice).get(reverse("campaigns:edit", args=[campaign.pk])).content.decode()
    assert form.count("checked") == 2, "the form shows the objectives already chosen"


def test_an_unknown_objective_is_refused_beside_the_field_and_the_rest_is_kept(alice, riverside):
    campaign = start_campaign(riverside)
    response = client_for(alice).post(
        reverse("campaigns:edit", args=[campaign.pk]),
        campaign_form(title="A new title", objectives=["9999"]),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_objectives_error"' in html and "9999 is not one of the" in html
    assert 'value="A new title"' in html
    campaign.refresh_from_db()
    assert campaign.title != "A new title" and not campaign.objectives.exists()


def test_the_rollup_counts_launched_campaigns_and_their_wins_not_those_being_planned(
    riverside, alice
):
    for status in ("planning", "active", "won", "lost"):
        actions.do_create_campaign(
            group=riverside,
            values={"title": status, "summary": "s", "demands": "d", "status": status},
            objectives=objectives(2),
            acting_user=alice,
        )
    progress = {item.objective.number: item for item in aims_queries.rollup()}
    assert progress[2].contributions == {"Campaigns": 3, "Campaigns won": 1}
    assert "Campaigns" not in progress[1].contributions
    assert Campaign.objects.filter(objectives__number=2).count() == 4
