"""Coordinators get a read-only overview of events in the Django admin: counts, never who is
going or stewarding, and no group's members-only events."""

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse

from conftest import client_for
from groundwork.events.models import CalendarFeed, Event, EventOverview, Rsvp
from groundwork.events.tests.factories import going, plan_event

pytestmark = pytest.mark.django_db


def test_a_coordinator_sees_how_many_are_going_but_not_who(admin, riverside, alice, bob):
    march = plan_event(riverside, alice, kind="protest", title="March", stewards=[alice])
    going(march, bob)
    url = reverse("admin:events_eventoverview_change", args=[march.pk])
    page = client_for(admin).get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "March" in html
    assert "Bob" not in html and "bob@example.org" not in html
    assert "Alice" not in html and "alice@example.org" not in html, "no steward, no creator"
    assert 'name="_save"' not in html, "read-only: no save button"


def test_nobody_changes_an_event_in_the_admin(admin, riverside, alice):
    event = plan_event(riverside, alice, title="Meeting")
    url = reverse("admin:events_eventoverview_change", args=[event.pk])
    assert client_for(admin).post(url, {"title": "Changed"}).status_code == 403
    event.refresh_from_db()
    assert event.title == "Meeting"


def test_a_groups_members_only_events_stay_out_of_the_coordinators_list(admin, riverside, alice):
    plan_event(riverside, alice, title="Members meeting", visibility="members")
    plan_event(riverside, alice, title="Public meeting")
    url = reverse("admin:events_eventoverview_changelist")
    html = client_for(admin).get(url).content.decode()
    assert "Public meeting" in html and "Members meeting" not in html


def test_rsvps_and_calendar_feeds_are_not_in_the_admin_at_all():
    assert EventOverview in django_admin.site._registry
    for model in (Event, Rsvp, CalendarFeed):
        assert model not in django_admin.site._registry
