"""Line breaks and iCalendar's own separators in what people type never break a calendar feed
(issue #16): every feed of the project, found by walking the URL patterns, is read back by a
strict parser and by icalendar, and the title, place and group name come back as typed."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from conftest import client_for
from groundwork.events.actions import check_rsvp
from groundwork.events.models import CalendarFeed
from groundwork.events.tests.factories import plan_event
from groundwork.groups.models import Group

pytestmark = pytest.mark.django_db

# What a person may paste: each kind of line break, and the characters that separate
# iCalendar's values and parameters.
TITLE = "Rent strike\r\nmeeting; bring: friends, banners\\placards\nand\rtea"
VENUE = "Hall 2\nFirst floor; side door"
GROUP_NAME = "Riverside\r\nTenants, United; \\ Co."


def feed_routes(resolver=None, prefix: str = "") -> set[str]:
    """The names of every route of the project that serves a calendar file (`.ics`)."""
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{entry.namespace}:" if entry.namespace else prefix
            names |= feed_routes(entry, space)
        elif isinstance(entry, URLPattern) and str(entry.pattern).endswith(".ics"):
            names.add(prefix + str(entry.name))
    return names


@pytest.fixture
def feeds(riverside, alice, bob):
    Group.objects.filter(pk=riverside.pk).update(name=GROUP_NAME)
    event = plan_event(riverside, alice, title=TITLE, venue=VENUE, meeting_point="By the\r\ngate")
    check_rsvp(event, acting_user=bob)
    client_for(bob).get(reverse("events:calendar"))  # makes Bob's private feed address
    token = CalendarFeed.objects.get(user=bob).token
    return {
        "events:alliance_feed": reverse("events:alliance_feed"),
        "events:group_feed": reverse("events:group_feed", args=[riverside.slug]),
        "events:event_ics": reverse("events:event_ics", args=[event.pk]),
        "events:member_feed": reverse("events:member_feed", args=[token]),
    }


def test_every_calendar_feed_of_the_project_is_walked_here(feeds):
    assert feed_routes() == set(feeds)


def unbroken(text: str | None) -> str:
    """The text as a calendar program shows it: every kind of line break is one line break."""
    assert text is not None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(
    "route", ["events:alliance_feed", "events:group_feed", "events:event_ics", "events:member_feed"]
)
def test_a_title_place_and_group_name_with_line_breaks_come_back_as_typed(feeds, route, client):
    response = client.get(feeds[route])
    assert response.status_code == 200
    text = response.content.decode()
    # Every content line is folded at 75 octets and ends in CRLF; none is a bare CR or LF.
    assert all(line.endswith("\r") for line in text.split("\n")[:-1])
    assert text.count("BEGIN:VEVENT") == 1

    strict = IcsCalendarStream.calendar_from_ics(text)
    [entry] = strict.events
    assert unbroken(entry.summary) == unbroken(TITLE)
    assert unbroken(VENUE) in unbroken(entry.location)
    assert "By the\ngate" in unbroken(entry.description)

    [lenient] = Calendar.from_ical(response.content).walk("VEVENT")
    assert unbroken(str(lenient["SUMMARY"])) == unbroken(TITLE)
    if route == "events:group_feed":
        # icalendar reads an X- property back raw: unescape it as RFC 5545 (3.3.11) says.
        raw = str(Calendar.from_ical(response.content)["X-WR-CALNAME"])
        name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)
        assert unbroken(name).startswith(unbroken(GROUP_NAME))
