"""People pickers tell apart people who share a name, by when they joined, never by their email."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.democracy.forms import DelegatesForm
from groundwork.events.forms import EventForm
from groundwork.groups.models import Membership
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.forms import people_labels

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def sam(joined: datetime, email: str):
    return UserFactory(display_name="Sam Patel", email=email, date_joined=joined)


def test_people_with_the_same_name_are_told_apart_by_when_they_joined(riverside):
    march = sam(datetime(2025, 3, 4, 12, tzinfo=LONDON), "sam.p@example.org")
    june = sam(datetime(2025, 6, 9, 12, tzinfo=LONDON), "spatel@example.org")
    ann = UserFactory(display_name="Ann Lee")
    labels = people_labels([march, june, ann])
    assert labels == {
        march.pk: "Sam Patel, joined March 2025",
        june.pk: "Sam Patel, joined June 2025",
        ann.pk: "Ann Lee",
    }


def test_people_who_joined_in_the_same_month_too_get_the_day_and_their_number(riverside):
    first = sam(datetime(2025, 3, 4, 12, tzinfo=LONDON), "sam.p@example.org")
    second = sam(datetime(2025, 3, 20, 12, tzinfo=LONDON), "spatel@example.org")
    labels = people_labels([first, second])
    assert labels[first.pk] == f"Sam Patel, joined 4 March 2025, member no. {first.pk}"
    assert labels[second.pk] == f"Sam Patel, joined 20 March 2025, member no. {second.pk}"


def test_the_stewards_picker_tells_the_two_sams_apart_without_their_emails(alice, bob, riverside):
    for person in (
        sam(datetime(2025, 3, 4, 12, tzinfo=LONDON), "sam.p@example.org"),
        sam(datetime(2025, 6, 9, 12, tzinfo=LONDON), "spatel@example.org"),
    ):
        join(riverside, person)
    page = client_for(alice).get(reverse("events:create", args=["riverside"])).content.decode()
    assert "Sam Patel, joined March 2025" in page and "Sam Patel, joined June 2025" in page
    assert "sam.p@example.org" not in page and "spatel@example.org" not in page
    stewards = str(EventForm(group=riverside)["stewards"])
    assert "Alice</label>" in stewards and "Bob</label>" in stewards


def test_the_delegates_picker_tells_them_apart_too(riverside):
    for person in (
        sam(datetime(2025, 3, 4, 12, tzinfo=LONDON), "sam.p@example.org"),
        sam(datetime(2025, 6, 9, 12, tzinfo=LONDON), "spatel@example.org"),
    ):
        join(riverside, person)
    members = Membership.objects.filter(group=riverside).select_related("user")
    delegates = str(DelegatesForm(group=riverside, members=members)["delegates"])
    assert "Sam Patel, joined March 2025" in delegates
    assert "Sam Patel, joined June 2025" in delegates
