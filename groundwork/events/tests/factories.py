"""Events with domain verbs: plan an event, answer it, fill it up, move it into the past."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from groundwork.events import actions
from groundwork.events.models import Event, Rsvp
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.models import User


def event_values(**values: Any) -> dict[str, Any]:
    """Valid values for an event in a week's time, overridden by `values`."""
    starts_at: datetime = values.pop("starts_at", timezone.now() + timedelta(days=7))
    defaults = {
        "kind": Event.Kind.MEETING,
        "title": "Riverside public meeting",
        "description": "Come and *have your say*.",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "time_zone": "Europe/London",
        "visibility": Event.Visibility.PUBLIC,
        "venue": "Riverside Community Centre",
        "address": "12 Bankside Road, London",
        "postcode": "SE1 9SG",
        "latitude": "51.50720",
        "longitude": "-0.09730",
        "online_url": "",
        "accessibility": "Step-free.",
        "meeting_point": "",
        "legal_support": "",
        "what_to_bring": "",
        "registration_info": "",
        "capacity": None,
    }
    return defaults | values


def plan_event(group: Group | None, organiser: User | None, **values: Any) -> Event:
    """An event of `group` (None: the alliance's) created through the action."""
    stewards = values.pop("stewards", [])
    return actions.do_create_event(
        group=group, values=event_values(**values), stewards=stewards, acting_user=organiser
    )


def going(event: Event, member: User) -> Rsvp:
    return actions.check_rsvp(event, acting_user=member)


def not_going(event: Event, member: User) -> Rsvp | None:
    return actions.do_cancel_rsvp(event, acting_user=member)


def fill_up(event: Event, count: int, *, group: Group | None = None) -> list[User]:
    """`count` new people say they are going (members of `group` when given)."""
    people = []
    for _ in range(count):
        person = UserFactory()
        if group is not None:
            join(group, person)
        going(event, person)
        people.append(person)
    return people


def move_into_the_past(event: Event, *, days_ago: int) -> Event:
    """Pretend the event ended `days_ago` days ago (the clock cannot be moved for the database)."""
    ends_at = timezone.now() - timedelta(days=days_ago)
    Event.objects.filter(pk=event.pk).update(
        starts_at=ends_at - timedelta(hours=2), ends_at=ends_at
    )
    event.refresh_from_db()
    return event


def build_matrix_events(riverside: Group, *, alice: User, bob: User, admin: User) -> dict:
    """The events the permission matrix points at: Riverside's public and members-only events
    (bob going to the public one, with a private calendar), and an alliance conference."""
    from groundwork.events.models import CalendarFeed

    public = plan_event(riverside, alice, title="Riverside public meeting")
    members_only = plan_event(riverside, alice, title="Members meeting", visibility="members")
    conference = plan_event(None, admin, title="Alliance conference", kind="conference")
    session = actions.do_add_session(
        conference,
        values={
            "title": "Opening",
            "track": "Main hall",
            "speakers": "Sam",
            "room": "",
            "starts_at": conference.starts_at,
            "ends_at": conference.starts_at + timedelta(hours=1),
            "description": "",
        },
        acting_user=admin,
    )
    going(public, bob)
    feed = CalendarFeed.objects.create(user=bob)
    return {
        "public": public,
        "members": members_only,
        "conference": conference,
        "session": session,
        "feed": feed,
    }
