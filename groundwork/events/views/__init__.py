"""Event pages, split by who uses them; the names are re-exported for urls.py.

Every view is thin: parse, fetch with the access check (queries.get_event_for answers 404 alike for
"missing" and "not yours"), one action, render or redirect.
"""

from groundwork.events.views.calendars import (
    alliance_feed,
    event_ics,
    group_feed,
    member_feed,
    my_calendar,
    reset_calendar,
)
from groundwork.events.views.events import (
    cancel_rsvp,
    event_detail,
    event_list,
    event_map,
    rsvp,
)
from groundwork.events.views.organise import (
    add_session,
    attendees,
    cancel_event,
    check_in,
    create_alliance_event,
    create_group_event,
    edit_event,
    remove_session,
)

__all__ = [
    "add_session",
    "alliance_feed",
    "attendees",
    "cancel_event",
    "cancel_rsvp",
    "check_in",
    "create_alliance_event",
    "create_group_event",
    "edit_event",
    "event_detail",
    "event_ics",
    "event_list",
    "event_map",
    "group_feed",
    "member_feed",
    "my_calendar",
    "remove_session",
    "reset_calendar",
    "rsvp",
]
