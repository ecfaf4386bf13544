from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.aims.models import Objective
from groundwork.campaigns import actions, queries
from groundwork.campaigns.hooks import CAMPAIGN_PAGES
from groundwork.campaigns.models import Campaign, CampaignUpdate, Milestone, Signature, Target
from groundwork.campaigns.tests.factories import add_target, open_petition, start_campaign
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db
CAST = ("anon", "dan", "bob", "carol", "alice", "admin")


def client_of(request, who):
    return (
        request.getfixturevalue("anon")
        if who == "anon"
        else client_for(request.getfixturevalue(who))
    )


@pytest.fixture
def campaign(riverside):
    return start_campaign(riverside)


# --- actions --------------------------------------------------------------------------------


def test_alice_starts_a_campaign_and_the_audit_log_records_it(alice, riverside):
    campaign = actions.do_create_campaign(
        group=riverside,
        values={
            "title": "Save the library",
            "summary": "s",
            "description": "",
            "demands": "Keep it",
            "status": Campaign.Status.PLANNING,
        },
        objectives=Objective.objects.filter(number__in=[2, 5]),
        acting_user=alice,
    )
    entry = AuditEntry.objects.get(verb="campaign.created")
    assert (entry.actor, entry.group_id, entry.target_id) == (alice, riverside.pk, str(campaign.pk))
    assert entry.new["objectives"] == [2, 5]


def test_an_update_keeps_only_what_changed_in_the_audit_log(alice, campaign):
    actions.do_update_campaign(campaign, values={"status": Campaign.Status.WON}, acting_user=alice)
    entry = AuditEntry.objects.get(verb="campaign.updated")
    assert entry.old == {"status": "active"} and entry.new == {"status": "won"}


def test_updates_are_rendered_without_script(anon, alice, campaign):
    actions.do_post_update(
        campaign,
        title="News",
        body="**Big** news <script>alert(1)</script> [x](javascript:alert(1))",
        acting_user=alice,
    )
    html = anon.get(campaign.get_absolute_url()).content.decode()
    assert "<strong>Big</strong>" in html
    assert "<script>alert" not in html and 'href="javascript' not in html


# --- who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_everyone_sees_an_active_campaign_and_the_lists(request, who, campaign):
    client = client_of(request, who)
    assert client.get(campaign.get_absolute_url()).status_code == 200
    assert campaign.title in client.get(reverse("campaigns:list")).content.decode()
    assert (
        campaign.title
        in client.get(reverse("campaigns:group_list", args=["riverside"])).content.decode()
    )


@pytest.mark.parametrize(
    ("who", "status"), list(zip(CAST, (404, 404, 200, 404, 200, 404), strict=True))
)
def test_a_campaign_in_planning_is_seen_by_its_group_only(request, who, status, riverside):
    campaign = start_campaign(riverside, status=Campaign.Status.PLANNING)
    client = client_of(request, who)
    assert client.get(campaign.get_absolute_url()).status_code == status
    listed = campaign.title in client.get(reverse("campaigns:list")).content.decode()
    assert listed == (status == 200)


@pytest.mark.parametrize("who", CAST)
def test_the_list_rule_and_its_queryset_twin_agree(request, who, riverside, hillside):
    user = (
        request.getfixturevalue(who)
        if who != "anon"
        else __import__("django.contrib.auth.models", fromlist=["AnonymousUser"]).AnonymousUser()
    )
    campaigns = [
        start_campaign(group, status=status, title=f"{group} {status}")
        for group in (riverside, hillside, None)
        for status in Campaign.Status.values
    ]
    listed = set(queries.campaigns_visible_to(user).values_list("pk", flat=True))
    allowed = {c.pk for c in campaigns if user.has_perm("campaigns.see_campaign", c)}
    assert listed == allowed


ORGANISER_PAGES = [
    "edit",
    "manage",
    "target_add",
    "milestone_add",
    "update_add",
    "petition_create",
    "letter_template",
]


@pytest.mark.parametrize("page", ORGANISER_PAGES)
@pytest.mark.parametrize(
    ("who", "status"), list(zip(CAST, (302, 404, 404, 404, 200, 404), strict=True))
)
def test_only_riversides_organiser_runs_its_campaign(request, page, who, status, campaign):
    response = client_of(request, who).get(reverse(f"campaigns:{page}", args=[campaign.pk]))
    assert response.status_code == status


def test_the_coordinator_runs_the_alliances_campaigns_and_alice_does_not(admin, alice):
    campaign = start_campaign(None)
    url = reverse("campaigns:manage", args=[campaign.pk])
    assert client_for(admin).get(url).status_code == 200
    assert client_for(alice).get(url).status_code == 404
    assert client_for(admin).get(reverse("campaigns:alliance_create")).status_code == 200
    assert client_for(alice).get(reverse("campaigns:alliance_create")).status_code == 404


def test_alice_starts_a_campaign_through_the_page(alice, riverside):
    client = client_for(alice)
    url = reverse("campaigns:group_create", args=["riverside"])
    bad = client.post(url, {"title": "Save it", "summary": "", "demands": "", "status": "planning"})
    assert bad.status_code == 400
    assert (
        'value="Save it"' in bad.content.decode()
        and "This field is required" in bad.content.decode()
    )
    response = client.post(
        url,
        {
            "title": "Save it",
            "summary": "Save the library",
            "demands": "Keep it open",
            "status": "planning",
        },
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("campaigns:manage", args=[campaign.pk])
    assert campaign.group == riverside


def test_targets_check_their_area_codes(alice, campaign):
    client = client_for(alice)
    url = reverse("campaigns:target_add", args=[campaign.pk])
    bad = client.post(
        url,
        {
            "kind": "council",
            "name": "Southwark Council",
            "ons_codes": "E0900",
            "postcode_districts": "SE15 banana",
        },
    )
    html = bad.content.decode()
    assert bad.status_code == 400 and "not ONS codes: E0900" in html and "banana" in html
    client.post(
        url,
        {
            "kind": "council",
            "name": "Southwark Council",
            "email": "c@example.gov.uk",
            "ons_codes": "e09000028",
            "postcode_districts": "se15, SE5",
        },
    )
    target = Target.objects.get()
    assert (target.ons_codes, target.postcode_districts) == ("E09000028", "SE15 SE5")
    client.post(reverse("campaigns:target_remove", args=[campaign.pk, target.pk]))
    assert not Target.objects.exists()


def test_bob_cannot_reach_a_target_of_another_campaign_through_his_own(alice, riverside, hillside):
    mine = start_campaign(riverside)
    theirs = add_target(start_campaign(hillside))
    url = reverse("campaigns:target_edit", args=[mine.pk, theirs.pk])
    assert client_for(alice).get(url).status_code == 404


# --- a fixed number of queries --------------------------------------------------------------


def queries_for(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("who", ["anon", "alice"])
def test_the_campaign_page_asks_a_fixed_number_of_queries(request, who, alice, campaign):
    client = client_of(request, who)
    counts, have = {}, 0
    for n in (1, 10, 100):
        CampaignUpdate.objects.bulk_create(
            CampaignUpdate(campaign=campaign, author=alice, title=f"Update {i}", body=f"Body *{i}*")
            for i in range(have, n)
        )
        Milestone.objects.bulk_create(
            Milestone(
                campaign=campaign,
                title=f"Milestone {i}",
                happened_on=date(2026, 1, 1),
                is_win=i % 2 == 0,
            )
            for i in range(have, n)
        )
        Target.objects.bulk_create(
            Target(campaign=campaign, name=f"Target {i}") for i in range(have, n)
        )
        have = n
        CAMPAIGN_PAGES.forget(campaign.pk)  # written in bulk, not by the actions that renew it
        counts[n], html = queries_for(client, campaign.get_absolute_url())
        assert f"Update {n - 1}" in html or n > 20
    assert counts[1] == counts[10] == counts[100], counts


@pytest.mark.parametrize("who", ["anon", "alice"])
def test_the_petition_page_asks_a_fixed_number_of_queries(request, who, campaign):
    client = client_of(request, who)
    petition = open_petition(campaign)
    counts, have = {}, 0
    for n in (1, 10, 100):
        Signature.objects.bulk_create(
            Signature(
                petition=petition,
                name=f"S{i}",
                email=f"s{i}@example.net",
                postcode_district="SE15",
                verified_at="2026-01-01T00:00Z",
            )
            for i in range(have, n)
        )
        petition.__class__.objects.filter(pk=petition.pk).update(signature_count=n)
        have = n
        counts[n], html = queries_for(client, petition.get_absolute_url())
        assert f"<strong>{n}</strong>" in html
    assert counts[1] == counts[10] == counts[100], counts


@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_an_organiser_without_two_factor_is_sent_to_set_it_up(page, campaign, riverside):
    from groundwork.groups import actions as group_actions
    from groundwork.groups.tests.factories import UserFactory

    olive = UserFactory(email="olive@example.org")
    group_actions.do_appoint_organiser(riverside, olive, acting_user=None)
    response = client_for(olive).get(reverse(f"campaigns:{page}", args=[campaign.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
