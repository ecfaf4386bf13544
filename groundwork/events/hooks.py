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
"""

from django.dispatch import Signal

rsvp_made = Signal()
rsvp_cancelled = Signal()
