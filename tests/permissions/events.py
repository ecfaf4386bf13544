"""Rows of the permission matrix: events (public ones for all; members-only for the group)."""

from tests.permissions.cells import (
    COORDINATOR,
    LOGIN,
    MEMBER_HOME,
    PUBLIC,
    RIVERSIDE_ORGANISER,
    Row,
    riverside_slug,
    signed_in,
)


def event_pk(which: str):
    return lambda world: {"pk": world.events[which].pk}


def to_event(which: str):
    return lambda world: f"→/events/{world.events[which].pk}/"


ROWS: dict[str, Row] = {
    "events:list": Row(PUBLIC),
    "events:map": Row(PUBLIC),
    "events:alliance_feed": Row(PUBLIC),
    "events:group_feed": Row(PUBLIC, kwargs=riverside_slug),
    "events:detail": Row(PUBLIC, kwargs=event_pk("public")),
    # A members-only event answers 404 to everyone outside Riverside, signed in or not.
    "events:event_ics": Row((404, 404, 200, 404, 200, 404), kwargs=event_pk("members")),
    "events:rsvp": Row(signed_in(to_event("public")), method="post", kwargs=event_pk("public")),
    "events:cancel_rsvp": Row(
        signed_in(to_event("public")), method="post", kwargs=event_pk("public")
    ),
    "events:create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "events:create_alliance": Row(COORDINATOR),
    "events:edit": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:cancel": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:attendees": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:check_in": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    "events:add_session": Row(RIVERSIDE_ORGANISER, kwargs=event_pk("public")),
    # The alliance's conference is organised by coordinators.
    "events:remove_session": Row(
        (LOGIN, 404, 404, 404, 404, lambda w: f"→/events/{w.events['conference'].pk}/#programme"),
        method="post",
        kwargs=lambda world: {
            "pk": world.events["conference"].pk,
            "session_pk": world.events["session"].pk,
        },
    ),
    "events:calendar": Row(MEMBER_HOME),
    "events:reset_calendar": Row(signed_in("→/calendar/"), method="post"),
    # The secret token in the address is the key: whoever holds it reads bob's calendar.
    "events:member_feed": Row(PUBLIC, kwargs=lambda world: {"token": world.events["feed"].token}),
}
