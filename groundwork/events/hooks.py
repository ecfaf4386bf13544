"""Named hooks of the events app, for apps further right to connect to in their reactions.py.

`rsvp_made` is sent inside the action in which someone said they are going to an event (a place,
or a place on the waiting list), in its transaction, once per answer given: saying so again while
the answer stands sends nothing. Arguments: `rsvp` (Rsvp, status CONFIRMED or WAITLISTED, its
`event` loaded), `acting_user` (User).

`rsvp_cancelled` is sent inside the action in which an answer was withdrawn (by the person, or
because they left the event's group), in its transaction, once per answer withdrawn. Arguments:
`rsvp` (Rsvp, status CANCELLED, its `event` loaded), `acting_user` (User).

A receiver that tells something outside the platform does so on commit, so an answer rolled back
is never announced.

`EVENT_PAGES` keeps the part of an event's page that is the same for everyone who may see it;
`event_page_changed(event_id)` renews it for changes outside the event's own row (its sessions).
"""

from django.dispatch import Signal

from groundwork.core.fragments import Fragment

rsvp_made = Signal()
rsvp_cancelled = Signal()

# What everyone who may see an event sees of its page (events/views/events.py): per event and
# language. A copy is used only while the event's, its group's and its series' columns are those
# it was built from (an edit, a cancellation, an RSVP's counts, a renamed group make a new copy
# without a call); the programme's sessions are other rows, so their actions call
# `event_page_changed`; a new version of an objective renews every event's page
# (`reactions.renew_event_pages`). Ten minutes bound a change made outside the actions (the admin).
EVENT_PAGES = Fragment("events:page", timeout=600)


def event_page_changed(event_id: int) -> None:
    """What event `event_id`'s page shows everyone may have changed beyond the event's own row:
    the next request after the commit builds it afresh."""
    EVENT_PAGES.invalidate(event_id)
