"""A group's democracy settings: who sets them, what they change, and what the page costs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.democracy import actions
from groundwork.democracy.models import GroupDemocracySettings, Proposal
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

RULES = {"supporters_to_vote": "3", "discussion_days": "14"}


def settings_url(slug: str = "riverside") -> str:
    return reverse("democracy:group_settings", kwargs={"slug": slug})


def propose(group, member, title: str = "Food bank on Saturdays") -> Proposal:
    return actions.do_create_proposal(
        group=group, title=title, body="Every Saturday.", submit=True, acting_user=member
    )


def test_alice_sets_riversides_rules_and_a_new_proposal_follows_them(alice, bob, riverside):
    response = client_for(alice).post(settings_url(), RULES)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "democracy:group_proposals", kwargs={"slug": "riverside"}
    )
    proposal = propose(riverside, bob)
    assert proposal.supporters_to_vote == 3
    assert proposal.discussion_closes_at is not None
    discussion = proposal.discussion_closes_at - timezone.now()
    assert timedelta(days=13, hours=23) < discussion <= timedelta(days=14)
    page = client_for(bob).get(reverse("democracy:proposal", args=[proposal.pk]))
    assert "of the 3 needed to put it to a vote" in page.content.decode()


def test_the_change_is_in_the_groups_audit_log_with_the_old_and_new_rules(alice, riverside):
    client_for(alice).post(settings_url(), RULES)

    entry = AuditEntry.objects.get(verb="democracy_settings.changed")
    assert entry.actor == alice
    assert entry.group_id == riverside.pk
    assert entry.old == {"supporters_to_vote": 0, "discussion_days": 7}
    assert entry.new == {"supporters_to_vote": 3, "discussion_days": 14}


def test_saving_the_same_rules_twice_keeps_one_row_and_one_audit_entry(alice, riverside):
    client = client_for(alice)
    client.post(settings_url(), RULES)
    client.post(settings_url(), RULES)

    assert GroupDemocracySettings.objects.filter(group=riverside).count() == 1
    assert AuditEntry.objects.filter(verb="democracy_settings.changed").count() == 1


def test_a_proposal_already_in_discussion_keeps_the_rules_it_started_with(alice, bob, riverside):
    before = propose(riverside, bob)
    closes_at = before.discussion_closes_at

    client_for(alice).post(settings_url(), RULES)

    before.refresh_from_db()
    assert before.supporters_to_vote == 0
    assert before.discussion_closes_at == closes_at


def test_the_form_shows_the_groups_current_rules(alice, riverside):
    GroupDemocracySettings.objects.create(group=riverside, supporters_to_vote=5, discussion_days=10)

    html = client_for(alice).get(settings_url()).content.decode()

    assert 'name="supporters_to_vote" value="5"' in html
    assert 'name="discussion_days" value="10"' in html


def test_riversides_rules_do_not_touch_hillsides(alice, carol, riverside, hillside):
    client_for(alice).post(settings_url(), RULES)

    assert propose(hillside, carol).supporters_to_vote == 0


@pytest.mark.parametrize("who", ["bob", "carol", "dan", "admin"])
def test_only_the_groups_organiser_finds_the_page(request, who, alice, riverside):
    client = client_for(request.getfixturevalue(who))

    assert client.get(settings_url()).status_code == 404
    assert client.post(settings_url(), RULES).status_code == 404
    assert not GroupDemocracySettings.objects.exists()


def test_alice_cannot_set_hillsides_rules(alice, hillside):
    assert client_for(alice).post(settings_url("hillside"), RULES).status_code == 404
    assert not GroupDemocracySettings.objects.exists()


def test_anon_is_sent_to_sign_in(anon, riverside):
    response = anon.get(settings_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_proposals_page_links_to_the_rules_for_the_organiser_only(alice, bob, riverside):
    proposals = reverse("democracy:group_proposals", kwargs={"slug": "riverside"})

    assert settings_url() in client_for(alice).get(proposals).content.decode()
    assert settings_url() not in client_for(bob).get(proposals).content.decode()


def test_the_action_refuses_a_discussion_past_the_longest(alice, riverside):
    from groundwork.core.errors import ActionError

    with pytest.raises(ActionError, match="from 1 to 90 days"):
        actions.check_update_democracy_settings(
            riverside, supporters_to_vote=0, discussion_days=91, acting_user=alice
        )
    assert not GroupDemocracySettings.objects.exists()


def test_the_page_asks_the_same_number_of_questions_at_1_10_and_100_proposals(alice, riverside):
    client, counts, have = client_for(alice), {}, 0
    for size in (1, 10, 100):
        for n in range(have, size):
            member = UserFactory()
            join(riverside, member)
            propose(riverside, member, title=f"Proposal {n}")
        have = size
        actions.check_update_democracy_settings(
            riverside, supporters_to_vote=size, discussion_days=7, acting_user=alice
        )
        with CaptureQueriesContext(connection) as context:
            response = client.get(settings_url())
        assert f'name="supporters_to_vote" value="{size}"' in response.content.decode()
        counts[size] = len(context.captured_queries)
    assert counts[1] == counts[10] == counts[100], counts
