"""Every change to events: creating and editing them, answering, the waiting list, check-in, privacy.

Capacity is kept under concurrency by locking the event's row (select_for_update) for every change
to its RSVPs: the confirmed count is read and written by one transaction at a time, and the waiting
list is promoted in the order people answered.
"""

import calendar
import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.core.postcodes import postcode_district
from groundwork.events.models import CalendarFeed, Event, EventSeries, Rsvp, Session
from groundwork.groups.models import Group
from groundwork.groups.rules import is_coordinator, roles_of
from groundwork.members.models import User
from groundwork.notifications.actions import notify

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
ACTIVE = (Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED)


def retention_days() -> int:
    return int(getattr(settings, "GROUNDWORK_RSVP_RETENTION_DAYS", 90))


def _event_values(event: Event) -> dict[str, Any]:
    values = {name: getattr(event, name) for name in EVENT_FIELDS}
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
    values = dict(values)
    values["postcode_district"] = postcode_district(values.get("postcode") or "") or ""
    links = {"stewards": list(stewards), "objectives": list(objectives)}
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


def _create_one(group, values, links, series, acting_user) -> Event:
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
    event = Event.objects.select_for_update().get(pk=event.pk)
    old = _event_values(event)
    values = dict(values)
    values["postcode_district"] = postcode_district(values.get("postcode") or "") or ""
    for name, value in values.items():
        setattr(event, name, value)
    event.save()
    event.stewards.set(list(stewards))
    if objectives is not None:
        event.objectives.set(list(objectives))
    new = _event_values(event)
    changed = [key for key in new if new[key] != old[key]]
    record(
        actor=acting_user,
        verb="event.updated",
        target=event,
        group_id=event.group_id,
        old={key: old[key] for key in changed},
        new={key: new[key] for key in changed},
    )
    _promote_waiting(event)
    _recount(event)
    if "starts_at" in changed or "ends_at" in changed:
        _tell_attendees(
            event,
            key=f"event-{event.pk}-moved-{event.starts_at:%Y%m%dT%H%M}",
            text=f"{event.title} has moved to {_when(event)}.",
        )
        _schedule_jobs(event)
    return event


def _when(event: Event) -> str:
    return event.local_start.strftime("%A %-d %B %Y, %H:%M ") + event.local_start.tzname()


def _tell_attendees(event: Event, *, key: str, text: str) -> None:
    """Tell everyone going or waiting, in the app and by email, once the change commits."""
    user_ids = list(
        Rsvp.objects.filter(event=event, status__in=ACTIVE, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    url = event.get_absolute_url()
    transaction.on_commit(
        lambda: notify(user_ids, key=key, text=text, url=url, email_subject=text, email_body=text)
    )


@transaction.atomic
def check_cancel_event(event: Event, *, reason: str, acting_user: User) -> Event:
    """Cancel the event; everyone going or waiting is told, with the reason."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ActionError("This event was already cancelled.")
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
    text = f"Cancelled: {event.title} ({_when(event)})."
    if reason:
        text = f"{text} {reason}"
    _tell_attendees(event, key=f"event-{event.pk}-cancelled", text=text[:300])
    return event


def _recount(event: Event) -> None:
    counts = Rsvp.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Rsvp.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Rsvp.Status.WAITLISTED)),
    )
    event.confirmed_count, event.waitlist_count = counts["confirmed"], counts["waiting"]
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=counts["confirmed"], waitlist_count=counts["waiting"]
    )


def _promote_waiting(event: Event) -> list[Rsvp]:
    """Give free places to the waiting list, first come first served (the event row is locked)."""
    if event.capacity is None:
        free = None
    else:
        confirmed = Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count()
        free = event.capacity - confirmed
        if free <= 0:
            return []
    waiting = Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).order_by(
        "queued_at", "id"
    )
    promoted = list(waiting if free is None else waiting[:free])
    for rsvp in promoted:
        rsvp.status = Rsvp.Status.CONFIRMED
        rsvp.save(update_fields=["status", "updated_at"])
        record(actor=None, verb="rsvp.promoted", target=rsvp, group_id=event.group_id)
    if promoted:
        user_ids = [rsvp.user_id for rsvp in promoted if rsvp.user_id]
        text = f"A place came free: you are going to {event.title} ({_when(event)})."
        url = event.get_absolute_url()
        key = f"event-{event.pk}-promoted"
        transaction.on_commit(
            lambda: notify(
                user_ids, key=key, text=text[:300], url=url, email_subject=text, email_body=text
            )
        )
    return promoted


@transaction.atomic
def check_rsvp(event: Event, *, acting_user: User) -> Rsvp:
    """Say you are going: a place if there is one, else the waiting list. Idempotent."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ActionError("This event has been cancelled.")
    if event.ends_at <= timezone.now():
        raise ActionError("This event is over.")
    rsvp = Rsvp.objects.filter(event=event, user=acting_user).first()
    if rsvp and rsvp.status in ACTIVE:
        return rsvp
    confirmed = Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    status = Rsvp.Status.WAITLISTED if full else Rsvp.Status.CONFIRMED
    if rsvp is None:
        rsvp = Rsvp(event=event, user=acting_user)
    rsvp.status, rsvp.queued_at = status, timezone.now()
    rsvp.save()
    _recount(event)
    record(
        actor=acting_user,
        verb="rsvp.made",
        target=rsvp,
        group_id=event.group_id,
        new={"status": status},
    )
    return rsvp


@transaction.atomic
def do_cancel_rsvp(event: Event, *, member: User | None = None, acting_user: User) -> Rsvp | None:
    """Say you are not going after all (or withdraw `member`'s answer when they leave the
    event's group); if they had a place, the next person waiting gets it."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    member = member or acting_user
    rsvp = Rsvp.objects.filter(event=event, user=member, status__in=ACTIVE).first()
    if rsvp is None:
        return None
    old_status = rsvp.status
    rsvp.status = Rsvp.Status.CANCELLED
    rsvp.checked_in_at = None
    rsvp.save(update_fields=["status", "checked_in_at", "updated_at"])
    record(
        actor=acting_user,
        verb="rsvp.cancelled",
        target=rsvp,
        group_id=event.group_id,
        old={"status": old_status},
    )
    if old_status == Rsvp.Status.CONFIRMED and not event.is_cancelled:
        _promote_waiting(event)
    _recount(event)
    return rsvp


@transaction.atomic
def do_withdraw_rsvps_of_former_member(
    group: Group, *, member: User, acting_user: User
) -> list[Rsvp]:
    """Withdraw `member`'s answers to `group`'s events not yet over that they may no longer see
    once they leave it (members-only ones; alliance-wide ones too if they are left in no group).

    Answers to public events stay: anyone may go to those, and a member who leaves a group has
    not said they will miss its march. Each goes through do_cancel_rsvp, so the waiting list moves.
    Called while the membership still exists (groups' member_left hook).
    """
    hidden = [Event.Visibility.MEMBERS]
    still_in_alliance = bool(set(roles_of(member)) - {group.pk}) or is_coordinator(member)
    if not still_in_alliance:
        hidden.append(Event.Visibility.ALLIANCE)
    events = Event.objects.filter(
        group=group,
        visibility__in=hidden,
        ends_at__gt=timezone.now(),
        rsvps__user=member,
        rsvps__status__in=ACTIVE,
    ).order_by("starts_at", "id")
    withdrawn = []
    for event in events:
        rsvp = do_cancel_rsvp(event, member=member, acting_user=acting_user)
        if rsvp is not None:
            withdrawn.append(rsvp)
    return withdrawn


@transaction.atomic
def check_check_in(rsvp: Rsvp, *, present: bool, acting_user: User) -> Rsvp:
    """An organiser marks someone as arrived (or undoes it) at the door."""
    rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
    if rsvp.status not in ACTIVE:
        raise ActionError("This person said they are not coming; ask them to answer again.")
    rsvp.checked_in_at = timezone.now() if present else None
    rsvp.save(update_fields=["checked_in_at", "updated_at"])
    record(
        actor=acting_user,
        verb="rsvp.checked_in" if present else "rsvp.check_in_undone",
        target=rsvp,
        group_id=rsvp.event.group_id,
    )
    return rsvp


@transaction.atomic
def do_add_session(event: Event, *, values: dict[str, Any], acting_user: User) -> Session:
    """Add a session (talk, panel, workshop) to a conference's programme."""
    session = Session.objects.create(event=event, **values)
    record(
        actor=acting_user,
        verb="session.added",
        target=session,
        group_id=event.group_id,
        new={"title": session.title, "track": session.track, "speakers": session.speakers},
    )
    return session


@transaction.atomic
def do_remove_session(session: Session, *, acting_user: User) -> None:
    """Take a session out of a conference's programme."""
    record(
        actor=acting_user,
        verb="session.removed",
        target=session,
        group_id=session.event.group_id,
        old={"title": session.title},
    )
    session.delete()


@transaction.atomic
def do_open_calendar_feed(user: User, *, acting_user: User) -> CalendarFeed:
    """The member's private calendar address, made the first time they ask for it."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if created:
        record(actor=acting_user, verb="calendar_feed.created", target=feed)
    return feed


@transaction.atomic
def do_reset_calendar_feed(user: User, *, acting_user: User) -> CalendarFeed:
    """Give the member a new secret calendar address; the old one stops working at once."""
    feed = do_open_calendar_feed(user, acting_user=acting_user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.reset_at = timezone.now()
    feed.save(update_fields=["token", "reset_at"])
    record(actor=acting_user, verb="calendar_feed.reset", target=feed)
    return feed


def remind_attendees(event: Event) -> int:
    """Remind everyone going, the day before, once per start time (safe to run again)."""
    if event.is_cancelled or event.starts_at <= timezone.now():
        return 0
    user_ids = Rsvp.objects.filter(
        event=event, status=Rsvp.Status.CONFIRMED, user__isnull=False
    ).values_list("user_id", flat=True)
    text = f"Tomorrow: {event.title}, {_when(event)}."
    if event.place_text:
        text = f"{text} {event.place_text}."
    body = text
    if event.meeting_point:
        body += f"\nMeeting point: {event.meeting_point}"
    if event.what_to_bring:
        body += f"\nWhat to bring: {event.what_to_bring}"
    if event.legal_support:
        body += f"\nLegal support: {event.legal_support}"
    return notify(
        user_ids,
        key=f"event-{event.pk}-reminder-{event.starts_at:%Y%m%dT%H%M}",
        text=text[:300],
        url=event.get_absolute_url(),
        email_subject=f"Reminder: {event.title} tomorrow",
        email_body=body,
    )


@transaction.atomic
def anonymise_rsvps(event: Event, *, now: datetime | None = None) -> int:
    """Remove the names from the RSVPs of an event over for longer than the retention period.

    Counts and check-ins stay (for the group's records); who they were goes. Returns how many
    RSVPs lost their name: 0 when it is too early or already done.
    """
    now = now or timezone.now()
    if event.ends_at + timedelta(days=retention_days()) > now:
        return 0
    count = Rsvp.objects.filter(event=event, user__isnull=False).update(user=None)
    event.stewards.clear()
    if event.rsvps_anonymised_at is None or count:
        Event.objects.filter(pk=event.pk).update(rsvps_anonymised_at=now)
        record(
            actor=None,
            verb="event.rsvps_anonymised",
            target=event,
            group_id=event.group_id,
            new={"rsvps": count},
        )
    return count
