"""The first page, the member's home and a group's page ask the same number of questions at 1,
10 and 100 rows of everything they show (#14): groups on the map, events, campaigns, petitions,
wins; a member's events, ballots, shifts, notifications and tasks; a group's activity."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims.models import Task
from groundwork.aims.tests.factories import plan_goal
from groundwork.campaigns.models import Milestone
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.democracy.models import Ballot, Elector
from groundwork.events.tests.factories import plan_event
from groundwork.groups.hooks import GROUP_PAGES
from groundwork.groups.models import Group
from groundwork.groups.queries import GROUP_DIRECTORY, GROUPS_MAP
from groundwork.members.hooks import LANDING, forget_home
from groundwork.notifications.models import Notification
from groundwork.projects.models import Shift, ShiftSignup
from groundwork.projects.tests.factories import start_project
from tests.test_query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


def add_placed_groups(have: int, want: int) -> None:
    Group.objects.bulk_create(
        Group(
            name=f"Placed {number:03d}",
            slug=f"placed-{number:03d}",
            latitude=Decimal("51.4") + Decimal(number) / 1000,
            longitude=Decimal("-0.1"),
        )
        for number in range(have + 1, want + 1)
    )
    GROUPS_MAP.forget()  # written in bulk, not by the actions that keep the map current
    GROUP_DIRECTORY.forget()  # nor the directory
    LANDING.forget()  # nor the first page, which holds the map


def add_campaign_activity(group: Group, have: int, want: int) -> None:
    for number in range(have + 1, want + 1):
        campaign = start_campaign(group, title=f"Campaign {number:03d}")
        open_petition(campaign, title=f"Petition {number:03d}")
        Milestone.objects.create(
            campaign=campaign, title=f"Win {number:03d}", happened_on="2026-11-01", is_win=True
        )


def test_the_first_page_has_a_fixed_number_of_queries(riverside, alice, anon):
    def grow(n: int) -> str:
        have = Group.objects.filter(name__startswith="Placed").count()
        add_placed_groups(have, n)
        for number in range(have + 1, n + 1):
            plan_event(riverside, alice, title=f"Meeting {number:03d}")
        add_campaign_activity(riverside, have, n)
        return f'aria-label="Placed {n:03d}"'

    assert_fixed_queries(anon, reverse("members:landing"), grow)
    assert_fixed_queries(anon, reverse("members:landing") + "?near=SE15", lambda n: "Placed")


def test_the_home_page_with_every_section_has_a_fixed_number_of_queries(riverside, alice, bob):
    """Bob has 1, 10, 100 of everything: his group's events, ballots waiting for his vote,
    shifts, unread notifications and tasks."""
    goal = plan_goal(riverside, alice)
    project = start_project(riverside, alice)
    soon = timezone.now() + timedelta(days=3)

    def grow(n: int) -> str:
        have = Ballot.objects.count()
        for number in range(have + 1, n + 1):
            plan_event(riverside, alice, title=f"Meeting {number:03d}")
        ballots = Ballot.objects.bulk_create(
            Ballot(group=riverside, title=f"Ballot {number:03d}", closes_at=soon, status="open")
            for number in range(have + 1, n + 1)
        )
        Elector.objects.bulk_create(Elector(ballot=ballot, user=bob) for ballot in ballots)
        shifts = Shift.objects.bulk_create(
            Shift(project=project, title=f"Shift {number:03d}", starts_at=soon,
                  ends_at=soon + timedelta(hours=2), places=3)
            for number in range(have + 1, n + 1)
        )  # fmt: skip
        ShiftSignup.objects.bulk_create(ShiftSignup(shift=shift, user=bob) for shift in shifts)
        Notification.objects.bulk_create(
            Notification(user=bob, key=f"test:{number}", text=f"News {number:03d}")
            for number in range(have + 1, n + 1)
        )
        Task.objects.bulk_create(
            Task(
                goal=goal, objective=goal.adoption.objective, title=f"Task {number:03d}", owner=bob
            )
            for number in range(have + 1, n + 1)
        )
        forget_home(bob.pk)  # rows written without the actions' commit
        return f"News {n:03d}"

    assert_fixed_queries(client_for(bob), reverse("members:home"), grow)


def test_a_group_page_with_its_activity_has_a_fixed_number_of_queries(riverside, alice, bob):
    def grow(n: int) -> str:
        have = Milestone.objects.count()
        for number in range(have + 1, n + 1):
            plan_event(riverside, alice, title=f"Meeting {number:03d}")
        add_campaign_activity(riverside, have, n)
        GROUP_PAGES.forget()  # rows written without the actions' commit
        return "Campaign"

    assert_fixed_queries(client_for(bob), reverse("groups:detail", args=["riverside"]), grow)
