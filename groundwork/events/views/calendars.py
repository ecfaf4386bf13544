"""Calendars: iCalendar feeds (public, per group, a member's private one), one event's file,
and the "add to Google Calendar" link. Feeds carry public events only, except a member's own.
"""

from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from groundwork.core.access import access
from groundwork.events import actions, queries
from groundwork.events.models import CalendarFeed, Event
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest

PRODUCT_ID = "-//Groundwork//Events//EN"


def _utc(moment):
    return moment.astimezone(UTC)


def _location(event: Event) -> str:
    return event.place_text or event.online_url


def _calendar_event(event: Event, stamp) -> CalendarEvent:
    url = settings.SITE_URL + event.get_absolute_url()
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('://')[-1]}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", _utc(event.starts_at))
    entry.add("dtend", _utc(event.ends_at))
    entry.add("last-modified", _utc(event.updated_at))
    entry.add("summary", event.title)
    description = event.description
    if event.meeting_point:
        description += "\n\n" + _("Meeting point: %(place)s") % {"place": event.meeting_point}
    if event.accessibility:
        description += "\n\n" + _("Accessibility: %(access)s") % {"access": event.accessibility}
    entry.add("description", f"{description}\n\n{url}".strip())
    if _location(event):
        entry.add("location", _location(event))
    if event.latitude is not None:
        entry.add("geo", (float(event.latitude), float(event.longitude)))
    entry.add("url", url)
    entry.add("categories", [event.get_kind_display()])
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    entry.add("class", "PUBLIC" if event.visibility == Event.Visibility.PUBLIC else "PRIVATE")
    return entry


def calendar_text(events: Iterable[Event], *, name: str) -> bytes:
    """An RFC 5545 calendar of `events`, times in UTC (so no VTIMEZONE is needed)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is written as it is unless typed: a line break in a group's name or an
    # event's title would break the feed (a 500) instead of being escaped.
    calendar.add("x-wr-calname", vText(name))
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_calendar_event(event, stamp))
    return calendar.to_ical()


def _ics_response(text: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return response


def google_calendar_url(event: Event, request: HttpRequest) -> str:
    """A link that opens Google Calendar's "add event" form, filled in."""
    times = "/".join(
        _utc(moment).strftime("%Y%m%dT%H%M%SZ") for moment in (event.starts_at, event.ends_at)
    )
    details = f"{event.description[:800]}\n\n{request.build_absolute_uri(event.get_absolute_url())}"
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": times,
        "ctz": event.time_zone,
        "details": details.strip(),
        "location": _location(event),
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


@access("events.view_event", fetch=queries.get_event_for, signed_in=False)
def event_ics(request: HttpRequest, event: Event) -> HttpResponse:
    private = event.visibility != Event.Visibility.PUBLIC
    return _ics_response(
        calendar_text([event], name=event.title), f"event-{event.pk}.ics", private=private
    )


@access(signed_in=False)
def alliance_feed(request: HttpRequest) -> HttpResponse:
    events = queries.public_feed_events()
    return _ics_response(calendar_text(events, name=_("Groundwork: public events")), "events.ics")


@access("groups.see_group", fetch=get_group, signed_in=False)
def group_feed(request: HttpRequest, group: Group) -> HttpResponse:
    events = queries.public_feed_events(group)
    return _ics_response(
        calendar_text(events, name=_("%(group)s: events") % {"group": group.name}),
        f"{group.slug}.ics",
    )


# The secret token in the address is the key: whoever holds it reads the member's calendar.
@access(fetch=queries.get_calendar_feed, signed_in=False)
def member_feed(request: HttpRequest, feed: CalendarFeed) -> HttpResponse:
    events = queries.member_feed_events(feed)
    text = calendar_text(events, name=_("Groundwork: my events"))
    return _ics_response(text, "my-events.ics", private=True)


@access()  # one's own calendar
def my_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = actions.do_open_calendar_feed(request.user, acting_user=request.user)
    address = request.build_absolute_uri(reverse("events:member_feed", args=[feed.token]))
    context = {"feed": feed, "address": address, "webcal": "webcal://" + address.split("://", 1)[1]}
    return render(request, "events/calendar_detail.html", context)


@require_POST
@access()  # one's own calendar
def reset_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.do_reset_calendar_feed(request.user, acting_user=request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("events:calendar")
