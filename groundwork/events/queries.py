"""Reading events, already scoped by visibility and fetched in a fixed number of queries."""

from datetime import date, datetime, timedelta
from typing import Any

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.core.postcodes import postcode_district
from groundwork.events.models import LONGEST_EVENT, CalendarFeed, Event, Rsvp, Session
from groundwork.events.rules import can_see_event
from groundwork.groups.models import Group, PostcodeDistrict
from groundwork.groups.rules import is_coordinator, is_in_the_alliance, roles_of

ACTIVE = [Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED]


def visibility_filter(user) -> Q:
    """The events `user` may see (twin of the `events.view_event` rule)."""
    public = Q(visibility=Event.Visibility.PUBLIC)
    if not user.is_authenticated:
        return public
    roles = roles_of(user)
    in_alliance = bool(roles) or is_coordinator(user)
    if not in_alliance:
        return public
    # Alliance-wide events, and every non-public alliance event (no group): any member.
    seen = public | Q(visibility=Event.Visibility.ALLIANCE) | Q(group__isnull=True)
    return seen | Q(visibility=Event.Visibility.MEMBERS, group_id__in=list(roles))


def events_visible_to(user) -> QuerySet[Event]:
    """Every event `user` may see, past and future, cancelled too."""
    return Event.objects.filter(visibility_filter(user)).select_related("group")


def upcoming_events(
    user,
    *,
    kind: str = "",
    group: Group | None = None,
    area: str = "",
    now: datetime | None = None,
) -> QuerySet[Event]:
    """Events not yet over that `user` may see, filtered by kind, group and area or postcode."""
    now = now or timezone.now()
    if group is not None and group.pk in roles_of(user):
        # A member may see every event of their own group (the `events.view_event` rule): no
        # visibility filter to build, which cost more than the rest of the query.
        events = Event.objects.filter(group=group).select_related("group")
    else:
        events = events_visible_to(user)
        if group is not None:
            events = events.filter(group=group)
    # The lower bound on the start lets the (starts_at) index begin near now (see LONGEST_EVENT).
    events = events.filter(ends_at__gt=now, starts_at__gt=now - LONGEST_EVENT)
    if kind:
        events = events.filter(kind=kind)
    area = area.strip()
    if area:
        matches = Q(group__area_name__icontains=area) | Q(address__icontains=area)
        district = postcode_district(area)
        if district:
            covering = PostcodeDistrict.objects.filter(district=district).values("group_id")
            matches |= Q(postcode_district=district) | Q(group_id__in=covering)
        events = events.filter(matches)
    return events.order_by("starts_at", "id")


# What an event's card shows (events/_event_card.html, with `event_when`): a list reads only these,
# so it neither reads nor digests (core.cards keys each card on its loaded columns) the long
# texts of 25 events and their groups.
EVENT_CARD_COLUMNS = (
    "group__name",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "time_zone",
    "visibility",
    "status",
    "venue",
    "address",
    "postcode",
    "online_url",
    "capacity",
    "confirmed_count",
)


def as_cards(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` reading only the columns their cards show."""
    return events.only(*EVENT_CARD_COLUMNS)


def upcoming_event_cards(
    user, *, kind: str = "", group: Group | None = None, area: str = "", now: datetime | None = None
) -> "QuerySet[Event] | EventCards":
    """`upcoming_events`, reading only its cards' columns (`as_cards`): written out in SQL
    (`EventCards`) unless it searches an area, which the ORM's query keeps."""
    if area.strip():
        return as_cards(upcoming_events(user, kind=kind, group=group, area=area, now=now))
    now = now or timezone.now()
    adapt = connections[router.db_for_read(Event)].ops.adapt_datetimefield_value
    conditions = ["e.ends_at > %s", "e.starts_at > %s"]
    params: list[Any] = [adapt(now), adapt(now - LONGEST_EVENT)]
    if group is None or group.pk not in roles_of(user):
        # As in upcoming_events: a member sees every event of their own group.
        seen, seen_params = visibility_sql(user)
        conditions.append(seen)
        params += seen_params
    if group is not None:
        conditions.append("e.group_id = %s")
        params.append(group.pk)
    if kind:
        conditions.append("e.kind = %s")
        params.append(kind)
    return EventCards(" AND ".join(conditions), params)


def visibility_sql(user) -> tuple[str, list[Any]]:
    """`visibility_filter` written out, on the events table as `e` (twin of `events.view_event`)."""
    if not user.is_authenticated or not is_in_the_alliance(user):
        return "e.visibility = %s", [Event.Visibility.PUBLIC.value]
    sql = "(e.visibility IN (%s, %s) OR e.group_id IS NULL"
    params: list[Any] = [Event.Visibility.PUBLIC.value, Event.Visibility.ALLIANCE.value]
    own = list(roles_of(user))
    if own:
        sql += f" OR (e.visibility = %s AND e.group_id IN ({', '.join(['%s'] * len(own))}))"
        params += [Event.Visibility.MEMBERS.value, *own]
    return f"{sql})", params


class EventCards:
    """Upcoming events as `upcoming_event_cards` chose them, soonest first: counted up to a cap
    (`CappedPaginator`) and read a page at a time as the cards' `Event`s, each with its group's
    name, the same columns `as_cards` reads (so the cards' kept copies are shared).

    Written out: building the ORM's count and page queries took about 2 ms of every view of the
    list, longer than the database took to answer them (the pattern of `RSVP_SQL`)."""

    def __init__(self, conditions: str, params: list[Any]) -> None:
        self.conditions, self.params = conditions, params

    def count_up_to(self, limit: int) -> int:
        """How many events there are, counting no further than `limit`."""
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {Event._meta.db_table} e"
            f" WHERE {self.conditions} LIMIT %s) capped"
        )
        with connections[router.db_for_read(Event)].cursor() as cursor:
            cursor.execute(sql, [*self.params, limit])
            return cursor.fetchone()[0]

    def __getitem__(self, window: slice) -> list[Event]:
        offset = window.start or 0
        sql = (
            f"SELECT {CARD_SELECT}, g.name AS card_group_name FROM {Event._meta.db_table} e"
            f" LEFT OUTER JOIN {Group._meta.db_table} g ON g.id = e.group_id"
            f" WHERE {self.conditions} ORDER BY e.starts_at, e.id LIMIT %s OFFSET %s"
        )
        events = list(Event.objects.raw(sql, [*self.params, window.stop - offset, offset]))
        for event in events:
            name = event.__dict__.pop("card_group_name")
            group = None
            if event.group_id is not None:
                group = Group.from_db(event._state.db, ["id", "name"], [event.group_id, name])
            # What select_related("group") leaves: the group, or None, with no query to come.
            Event.group.field.set_cached_value(event, group)
        return events


# The columns `as_cards` loads (the event's key and its group's with those it names).
CARD_SELECT = ", ".join(
    f"e.{field.column}"
    for field in Event._meta.concrete_fields
    if field.name in {"id", "group", *EVENT_CARD_COLUMNS}
)


def upcoming_events_in_groups(group_ids, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events not yet over of the given groups, soonest first, of every visibility: for a member's
    own groups (`roles_of`), whose public, alliance and members-only events they all may see
    (the `events.view_event` rule), so no visibility filter is spent on them."""
    now = now or timezone.now()
    return (
        Event.objects.filter(group_id__in=group_ids, ends_at__gt=now)
        .filter(starts_at__gt=now - LONGEST_EVENT)
        .select_related("group")
        .order_by("starts_at", "id")
    )


def next_of_each_series(events: QuerySet[Event], *, now: datetime | None = None) -> QuerySet[Event]:
    """Of each repeating event, only its next occurrence not yet over (a weekly meeting is
    listed once, with its series for "every week"); events that do not repeat all stay."""
    now = now or timezone.now()
    earlier = (
        Event.objects.filter(series=OuterRef("series"), ends_at__gt=now)
        .filter(starts_at__lt=OuterRef("starts_at"))
        .exclude(status=Event.Status.CANCELLED)
    )
    return events.exclude(Q(series__isnull=False) & Exists(earlier)).select_related("series")


def get_event_for(user, pk: int) -> Event:
    """The event if `user` may see it; 404 alike for missing and not theirs."""
    # One event is read by its key and asked of the rule (`can_see_event`, the twin of
    # `visibility_filter`): building the filter's Q objects cost more than the query itself.
    # The series only for the event's own page ("Repeats weekly"): lists never show it.
    try:
        event = Event.objects.select_related("group", "series").get(pk=pk)
    except Event.DoesNotExist:
        raise Http404("No such event.") from None
    if not can_see_event(user, event):
        raise Http404("No such event.")
    return event


def objectives_of(event: Event) -> list[Objective]:
    """The platform's objectives the event works towards, in the platform's order."""
    return list(event.objectives.order_by("number"))


def sessions_of(event: Event):
    return event.sessions.all()


def programme_of(event: Event) -> list[tuple[date, list[Session]]]:
    """A conference's sessions by day, each day as it falls where the conference is held."""
    days: dict[date, list[Session]] = {}
    for session in sessions_of(event):
        days.setdefault(session.starts_at.astimezone(event.zone).date(), []).append(session)
    return list(days.items())


def get_session_in(event: Event, pk: int) -> Session:
    """A session of the event's programme by id, or 404 (the caller has checked change_event)."""
    try:
        return event.sessions.get(pk=pk)
    except Session.DoesNotExist:
        raise Http404("No such session.") from None


def stewards_visible_to(user, event: Event, rsvp: Rsvp | None):
    """The protest's stewards, named to its organisers and to people going; nobody else."""
    going = rsvp is not None and rsvp.status == Rsvp.Status.CONFIRMED
    if not (going or user.has_perm("events.view_attendee_list", event)):
        return event.stewards.none()
    return event.stewards.order_by("display_name", "email")


def rsvp_of(user, event: Event) -> Rsvp | None:
    """The member's own answer to the event, if any, with `waitlist_position` (1 is next for a
    place) counted in the same query; the position means nothing unless they are waiting."""
    if not user.is_authenticated:
        return None
    # Written out: the ORM took longer to build this query on every member's view of an event
    # than the database took to answer it (the pattern of groups.rules.ROLES_SQL).
    found = list(Rsvp.objects.raw(RSVP_SQL, [Rsvp.Status.WAITLISTED.value, event.pk, user.pk]))
    return found[0] if found else None


RSVP_SQL = (
    f"SELECT answer.*, 1 + (SELECT COUNT(*) FROM {Rsvp._meta.db_table} ahead"
    " WHERE ahead.event_id = answer.event_id AND ahead.status = %s"
    " AND (ahead.queued_at < answer.queued_at"
    " OR (ahead.queued_at = answer.queued_at AND ahead.id < answer.id))) AS waitlist_position"
    f" FROM {Rsvp._meta.db_table} answer WHERE answer.event_id = %s AND answer.user_id = %s"
    " ORDER BY answer.id LIMIT 1"
)


def attendees_visible_to(user, event: Event) -> QuerySet[Rsvp]:
    """The event's RSVPs with names, for its organisers only (twin of view_attendee_list)."""
    if not user.has_perm("events.view_attendee_list", event):
        return Rsvp.objects.none()
    return (
        Rsvp.objects.filter(event=event, status__in=ACTIVE)
        .select_related("user")
        .order_by("status", "queued_at", "id")
    )


def get_rsvp_in(event: Event, pk: int) -> Rsvp:
    """An RSVP of `event` by id, or 404 (the caller has already checked check_in_event)."""
    try:
        return Rsvp.objects.select_related("user", "event").get(event=event, pk=pk)
    except Rsvp.DoesNotExist:
        raise Http404("No such RSVP.") from None


def upcoming_rsvps_of(user, *, now: datetime | None = None) -> QuerySet[Rsvp]:
    """The member's answers to events not yet over (going or waiting), soonest first."""
    if not user.is_authenticated:
        return Rsvp.objects.none()
    return (
        Rsvp.objects.filter(user=user, status__in=ACTIVE, event__ends_at__gt=now or timezone.now())
        .select_related("event", "event__group")
        .order_by("event__starts_at", "event_id")
    )


def public_feed_events(group: Group | None = None) -> QuerySet[Event]:
    """Public events for a public calendar feed: the alliance's, or one group's."""
    events = Event.objects.filter(visibility=Event.Visibility.PUBLIC).select_related("group")
    if group is not None:
        events = events.filter(group=group)
    # A feed keeps a little history, so recent events stay in subscribers' calendars.
    since = timezone.now() - timedelta(days=90)
    return events.filter(ends_at__gt=since).order_by("starts_at", "id")


def get_calendar_feed(token: str) -> CalendarFeed:
    try:
        return CalendarFeed.objects.select_related("user").get(token=token)
    except CalendarFeed.DoesNotExist:
        raise Http404("No such calendar.") from None


def member_feed_events(feed: CalendarFeed) -> QuerySet[Event]:
    """The events the feed's owner said they attend (or wait for), still visible to them."""
    user = feed.user
    since = timezone.now() - timedelta(days=90)
    return (
        events_visible_to(user)
        .filter(rsvps__user=user, rsvps__status__in=ACTIVE, ends_at__gt=since)
        .order_by("starts_at", "id")
    )


def groups_on_the_map() -> QuerySet[Group]:
    return (
        Group.objects.filter(latitude__isnull=False)
        .only("name", "slug", "area_name", "latitude", "longitude")
        .order_by("name")
    )


def events_on_the_map(user, *, limit: int = 500) -> QuerySet[Event]:
    """Upcoming events with a point that `user` may see, soonest first, at most `limit`."""
    return upcoming_events(user).filter(latitude__isnull=False)[:limit]


def map_point_of_event(event: Event) -> dict:
    """What map.js needs to draw an event: plain values, for json_script."""
    return {
        "kind": "event",
        "label": event.title,
        "detail": event.local_start.strftime("%a %-d %b, %H:%M"),
        "url": event.get_absolute_url(),
        "lat": float(event.latitude),
        "lng": float(event.longitude),
    }


def map_point_of_group(group: Group) -> dict:
    return {
        "kind": "group",
        "label": group.name,
        "detail": group.area_name,
        "url": group.get_absolute_url(),
        "lat": float(group.latitude),
        "lng": float(group.longitude),
    }
