"""Creating events (one, or a repeating series), editing them and cancelling them."""

import calendar
import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundwork.aims.hooks import rollup_changed
from groundwork.aims.models import Objective
from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError
from groundwork.core.postcodes import postcode_district
from groundwork.core.text import fit_to_field
from groundwork.events.actions._common import ACTIVE, _promote_waiting, _recount, _when
from groundwork.events.models import Event, EventSeries, Rsvp
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group
from groundwork.members.hooks import landing_changed, member_home_changed
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import Notification, NotificationKind

EVENT_FIELDS = [
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "visibility",
    "venue",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "online_url",
    "accessibility",
    "meeting_point",
    "legal_support",
    "what_to_bring",
    "registration_info",
    "capacity",
]
# However far ahead the organiser asks, a series makes at most this many occurrences.
MAX_OCCURRENCES = 60


def _event_values(event: Event) -> dict[str, Any]:
    values = values_of(event, EVENT_FIELDS)
    for name, value in values.items():
        if isinstance(value, datetime):
            values[name] = value.isoformat()
        elif value is not None and not isinstance(value, (str, int)):
            values[name] = str(value)
    values["stewards"] = sorted(event.stewards.values_list("pk", flat=True)) if event.pk else []
    values["objectives"] = (
        sorted(event.objectives.values_list("number", flat=True)) if event.pk else []
    )
    return values


def occurrence_starts(first: datetime, frequency: str, until: date) -> list[datetime]:
    """Local start times from `first` (aware, in the event's zone) every period until `until`.

    Wall-clock time is kept across daylight-saving changes: a 7pm meeting stays at 7pm.
    A monthly event on the 31st falls on the last day of shorter months.
    """
    zone, wall = first.tzinfo, first.replace(tzinfo=None)
    starts = []
    for number in range(MAX_OCCURRENCES):
        if frequency == EventSeries.Frequency.MONTHLY:
            month_index = wall.month - 1 + number
            year, month = wall.year + month_index // 12, month_index % 12 + 1
            day = min(wall.day, calendar.monthrange(year, month)[1])
            local = wall.replace(year=year, month=month, day=day)
        else:
            weeks = 2 if frequency == EventSeries.Frequency.FORTNIGHTLY else 1
            local = wall + timedelta(weeks=weeks * number)
        if local.date() > until:
            break
        starts.append(local.replace(tzinfo=zone))
    return starts


def _schedule_jobs(event: Event) -> None:
    from groundwork.events.tasks import schedule_event_jobs

    transaction.on_commit(lambda: schedule_event_jobs(event.pk))


@transaction.atomic
def do_create_event(
    *,
    group: Group | None,
    values: dict[str, Any],
    stewards: Iterable[User] = (),
    objectives: Iterable[Objective] = (),
    repeat: str = "",
    repeat_until: date | None = None,
    acting_user: User | None,
) -> Event:
    """Create an event (or a series of them, one per occurrence) from validated values, working
    towards `objectives` of the platform."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(group.pk if group else None)  # its upcoming events
    landing_changed()  # what's on, on the first page
    values = dict(values)
    values["postcode_district"] = postcode_district(values.get("postcode") or "") or ""
    links: dict[str, list[Any]] = {"stewards": list(stewards), "objectives": list(objectives)}
    if not repeat:
        return _create_one(group, values, links, None, acting_user)
    assert repeat_until is not None, "a repeating event needs an end date"
    series = EventSeries.objects.create(group=group, frequency=repeat, repeat_until=repeat_until)
    zone = zoneinfo.ZoneInfo(values["time_zone"])
    first_start = values["starts_at"].astimezone(zone)
    length = values["ends_at"] - values["starts_at"]
    events = []
    for start in occurrence_starts(first_start, repeat, repeat_until):
        occurrence = values | {"starts_at": start, "ends_at": start + length}
        events.append(_create_one(group, occurrence, links, series, acting_user))
    return events[0]


def _create_one(
    group: Group | None,
    values: dict[str, Any],
    links: dict[str, list[Any]],
    series: EventSeries | None,
    acting_user: User | None,
) -> Event:
    event = Event.objects.create(group=group, series=series, created_by=acting_user, **values)
    event.stewards.set(links["stewards"])
    event.objectives.set(links["objectives"])
    record(
        actor=acting_user,
        verb="event.created",
        target=event,
        group_id=event.group_id,
        new=_event_values(event) | {"series": event.series_id},
    )
    _schedule_jobs(event)
    return event


def places_taken_message(taken: int) -> str:
    """Why the capacity cannot go below the places already taken."""
    return ngettext(
        "%(taken)d person already has a place, so the capacity must be at least %(taken)d.",
        "%(taken)d people already have a place, so the capacity must be at least %(taken)d.",
        taken,
    ) % {"taken": taken}


@transaction.atomic
def do_update_event(
    event: Event,
    *,
    values: dict[str, Any],
    stewards: Iterable[User],
    objectives: Iterable[Objective] | None = None,
    acting_user: User,
) -> Event:
    """Change an event (its objectives too, unless None); people who answered are told if its
    time changes; freed places fill up."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(event.group_id)  # its upcoming events
    landing_changed()  # what's on, on the first page
    event = Event.objects.select_for_update().get(pk=event.pk)
    capacity = values.get("capacity", event.capacity)
    if capacity is not None and capacity < event.confirmed_count:
        # Places taken since the form was checked: the same refusal, at the same field.
        raise ActionError(places_taken_message(event.confirmed_count), field="capacity")
    old = _event_values(event)
    values = dict(values)
    values["postcode_district"] = postcode_district(values.get("postcode") or "") or ""
    for name, value in values.items():
        setattr(event, name, value)
    event.save()
    event.stewards.set(list(stewards))
    if objectives is not None:
        event.objectives.set(list(objectives))
    old, new = changes(old, _event_values(event))
    record(
        actor=acting_user,
        verb="event.updated",
        target=event,
        group_id=event.group_id,
        old=old,
        new=new,
    )
    # Those who answered it see it on their home page, whether or not they are in its group.
    member_home_changed(*_attendee_ids(event))
    _promote_waiting(event)
    _recount(event)
    if "starts_at" in new or "ends_at" in new:
        _tell_attendees(
            event,
            key=f"event-{event.pk}-moved-{event.starts_at:%Y%m%dT%H%M}",
            text=_("%(title)s has moved to %(when)s.")
            % {"title": event.title, "when": _when(event)},
        )
        _schedule_jobs(event)
    return event


def _attendee_ids(event: Event) -> list[int]:
    """Everyone going to the event or waiting for a place."""
    return list(
        Rsvp.objects.filter(event=event, status__in=ACTIVE, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )


def _tell_attendees(event: Event, *, key: str, text: str) -> None:
    """Tell everyone going or waiting, in the app and by email, once the change commits."""
    user_ids = _attendee_ids(event)
    url = event.get_absolute_url()
    transaction.on_commit(
        lambda: do_notify(
            user_ids,
            kind=NotificationKind.EVENTS,
            key=key,
            text=text,
            url=url,
            email_subject=text,
            email_body=text,
        )
    )


@transaction.atomic
def check_cancel_event(event: Event, *, reason: str, acting_user: User) -> Event:
    """Cancel the event; everyone going or waiting is told, with the reason."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(event.group_id)  # its upcoming events
    landing_changed()  # what's on, on the first page
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ActionError(_("This event was already cancelled."))
    event.status = Event.Status.CANCELLED
    event.cancellation_reason = reason
    event.save(update_fields=["status", "cancellation_reason", "updated_at"])
    record(
        actor=acting_user,
        verb="event.cancelled",
        target=event,
        group_id=event.group_id,
        new={"reason": reason},
    )
    details = {"title": event.title, "when": _when(event), "reason": reason}
    if reason:
        text = _("Cancelled: %(title)s (%(when)s). %(reason)s") % details
    else:
        text = _("Cancelled: %(title)s (%(when)s).") % details
    _tell_attendees(
        event, key=f"event-{event.pk}-cancelled", text=fit_to_field(Notification, "text", text)
    )
    return event
