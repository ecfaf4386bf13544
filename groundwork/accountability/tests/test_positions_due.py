"""A position's page tells when a report-back is due before it is overdue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from conftest import client_for
from groundwork.accountability import queries
from groundwork.accountability.models import AccountabilitySettings, Position
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    hold_meeting,
    make_position,
    report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(riverside, alice, bob) -> Position:
    """Bob, Riverside's delegate to the regional assembly for the past year."""
    position = make_position(riverside, alice, "Delegate to the regional assembly", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=365))
    return position


def page_of(position, member) -> str:
    url = reverse("accountability:position", args=[position.pk])
    return client_for(member).get(url).content.decode()


def day(days_from_today: int) -> str:
    return date_format(timezone.localdate() + timedelta(days=days_from_today), "j F Y")


def test_a_report_back_not_yet_overdue_shows_the_day_it_is_due(delegate, alice, bob):
    hold_meeting(delegate, alice, days_ago=3)  # due 14 days after the meeting
    html = page_of(delegate, bob)
    assert f"Report-back from Bob due by {day(11)}." in html
    assert "Overdue" not in html


def test_the_due_day_follows_the_groups_rule(delegate, alice, bob, riverside):
    AccountabilitySettings.objects.create(group=riverside, report_due_days=30)
    hold_meeting(delegate, alice, days_ago=20)
    assert f"Report-back from Bob due by {day(10)}." in page_of(delegate, bob)


def test_a_meeting_held_today_is_due_and_the_last_day_is_not_yet_overdue(delegate, alice, bob):
    hold_meeting(delegate, alice, days_ago=0, title="Today's assembly")
    hold_meeting(delegate, alice, days_ago=14, title="Assembly a fortnight ago")
    html = page_of(delegate, bob)
    assert f"Report-back from Bob due by {day(14)}." in html
    assert f"Report-back from Bob due by {day(0)}." in html and "Overdue" not in html


def test_once_overdue_the_page_says_overdue_instead(delegate, alice, bob):
    hold_meeting(delegate, alice, days_ago=15)
    html = page_of(delegate, bob)
    assert "Overdue: no report-back from Bob." in html and "due by" not in html
    assert len(queries.overdue_report_backs([delegate])) == 1


def test_a_filed_report_back_is_no_longer_due(delegate, alice, bob):
    meeting = hold_meeting(delegate, alice, days_ago=3)
    report(meeting, bob)
    html = page_of(delegate, bob)
    assert "due by" not in html and "Report-back by Bob" in html
    assert queries.awaited_report_backs([delegate]) == []
