"""The first page (signed out) and the member's home (signed in): each section shows what a
newcomer or a member needs, and an empty section says what to do next (#14)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.campaigns.models import Campaign, Milestone
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.democracy.models import Ballot, Elector
from groundwork.events import actions
from groundwork.events.models import Event
from groundwork.events.tests.factories import event_values, going, plan_event
from groundwork.groups.models import PostcodeDistrict
from groundwork.notifications.actions import do_notify
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db

LANDING = reverse("members:landing")
HOME = reverse("members:home")


def test_a_visitor_reads_the_five_aims_a_line_each(anon):
    html = anon.get(LANDING).content.decode()
    assert "What we stand for" in html
    assert html.count("<li>", html.index('<ol class="aims">'), html.index("</ol>")) == 5


def test_a_visitor_sees_public_events_and_narrows_them_to_their_postcode(
    anon, riverside, hillside, alice, carol
):
    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    plan_event(riverside, alice, title="Riverside open meeting")
    plan_event(hillside, None, title="Hillside litter pick")
    plan_event(riverside, alice, title="Members' planning", visibility=Event.Visibility.MEMBERS)

    everywhere = anon.get(LANDING).content.decode()
    assert "Riverside open meeting" in everywhere and "Hillside litter pick" in everywhere
    assert "Members' planning" not in everywhere
    near = anon.get(LANDING + "?near=SE15 4AB").content.decode()
    assert "What's on near SE15 4AB" in near
    assert "Riverside open meeting" in near and "Hillside litter pick" not in near
    nothing = anon.get(LANDING + "?near=LS1").content.decode()
    assert "Nothing is planned near LS1 yet." in nothing


def test_a_visitor_sees_live_campaigns_open_petitions_and_wins_never_plans(anon, riverside):
    live = start_campaign(riverside, title="Save the library")
    open_petition(live, title="Keep it open")
    Milestone.objects.create(
        campaign=live, title="The council backed down", happened_on="2026-11-20", is_win=True
    )
    planned = start_campaign(riverside, title="Secret plan", status=Campaign.Status.PLANNING)
    open_petition(planned, title="Not yet")
    html = anon.get(LANDING).content.decode()
    assert "Save the library" in html and "Keep it open" in html
    assert "The council backed down" in html
    assert "Secret plan" not in html and "Not yet" not in html


def test_dan_in_no_group_gets_a_next_step_in_every_section(dan):
    html = client_for(dan).get(HOME).content.decode()
    for next_step in (
        "You have read everything.",
        "You are not in a group yet.",
        "Join a group to see its meetings and actions here.",
        "No ballot is waiting for your vote.",
        "You have no shift on a rota.",
        "You own no task in an action plan.",
    ):
        assert next_step in html, next_step


def test_bob_sees_his_groups_next_events_ballots_shifts_notifications_and_tasks(
    riverside, alice, bob
):
    answered = plan_event(riverside, alice, title="The meeting Bob is going to")
    going(answered, bob)
    plan_event(riverside, alice, title="The march Bob has not answered")
    ballot = Ballot.objects.create(
        group=riverside,
        title="Elect a treasurer",
        closes_at=timezone.now() + timedelta(days=2),
        status=Ballot.Status.OPEN,
    )
    Elector.objects.create(ballot=ballot, user=bob)
    voted = Ballot.objects.create(
        group=riverside,
        title="Already voted",
        closes_at=timezone.now() + timedelta(days=2),
        status=Ballot.Status.OPEN,
    )
    Elector.objects.create(ballot=voted, user=bob, voted_on=timezone.localdate())
    sign_up(add_shift(start_project(riverside, alice), alice), bob)
    do_notify([bob.pk], key="test:hello", text="Alice welcomed you", url="/")
    give_task(plan_goal(riverside, alice), alice, owner=bob, title="Book the hall")

    html = client_for(bob).get(HOME).content.decode()
    for shown in (
        "The meeting Bob is going to",
        "The march Bob has not answered",
        "Elect a treasurer",
        "Saturday kitchen",
        "Alice welcomed you",
        "Book the hall",
    ):
        assert shown in html, shown
    assert "Already voted" not in html
    assert html.count("The meeting Bob is going to") == 1  # not again under his groups' events


def test_a_weekly_meeting_is_listed_once_with_its_next_date_wherever_events_are_summed_up(
    anon, riverside, alice, bob
):
    first = timezone.now() + timedelta(days=2)
    weekly = actions.do_create_event(
        group=riverside,
        values=event_values(title="Weekly organising meeting", starts_at=first),
        repeat="weekly",
        repeat_until=(first + timedelta(weeks=7)).date(),
        acting_user=alice,
    )
    assert Event.objects.filter(series=weekly.series).count() == 8
    # The next occurrence is cancelled: the one after it is then the next to go to.
    actions.check_cancel_event(weekly, reason="Hall closed", acting_user=alice)
    following = Event.objects.filter(series=weekly.series).order_by("starts_at")[1]

    pages = [
        client_for(bob).get(HOME),
        anon.get(reverse("groups:detail", args=[riverside.slug])),
        anon.get(LANDING),
    ]
    for response in pages:
        html = response.content.decode()
        assert html.count(following.get_absolute_url() + '"') == 1, response.request["PATH_INFO"]
        assert "Every week" in html
        for later in Event.objects.filter(series=weekly.series, starts_at__gt=following.starts_at):
            assert later.get_absolute_url() + '"' not in html
