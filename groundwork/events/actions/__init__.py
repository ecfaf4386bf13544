"""Every change to events: creating and editing them, answering, the waiting list, check-in, privacy.

Capacity is kept under concurrency by locking the event's row (select_for_update) for every change
to its RSVPs: the confirmed count is read and written by one transaction at a time, and the waiting
list is promoted in the order people answered.

Split by what they change; the names are re-exported here so callers write `actions.check_rsvp`.
"""

from groundwork.events.actions._common import ACTIVE
from groundwork.events.actions.calendar_feeds import do_open_calendar_feed, do_reset_calendar_feed
from groundwork.events.actions.events import (
    EVENT_FIELDS,
    MAX_OCCURRENCES,
    check_cancel_event,
    do_create_event,
    do_update_event,
    occurrence_starts,
    places_taken_message,
)
from groundwork.events.actions.privacy import (
    anonymise_after,
    do_anonymise_rsvps,
    do_anonymise_rsvps_when_due,
    retention_days,
)
from groundwork.events.actions.reminders import do_remind_attendees
from groundwork.events.actions.rsvps import (
    check_check_in,
    check_rsvp,
    do_cancel_rsvp,
    do_withdraw_rsvps_of_former_member,
)
from groundwork.events.actions.sessions import do_add_session, do_remove_session

__all__ = [
    "ACTIVE",
    "places_taken_message",
    "EVENT_FIELDS",
    "MAX_OCCURRENCES",
    "anonymise_after",
    "check_cancel_event",
    "check_check_in",
    "check_rsvp",
    "do_add_session",
    "do_anonymise_rsvps",
    "do_anonymise_rsvps_when_due",
    "do_cancel_rsvp",
    "do_create_event",
    "do_open_calendar_feed",
    "do_remind_attendees",
    "do_remove_session",
    "do_reset_calendar_feed",
    "do_update_event",
    "do_withdraw_rsvps_of_former_member",
    "occurrence_starts",
    "retention_days",
]
