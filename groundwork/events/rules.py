"""Who may see, answer and organise events (django-rules). List-limiting rules have twins in queries.py.

Visibility: public events are for everyone; alliance events for signed-in members of any group
(and coordinators); members-only events for the group's members (any group's, for an alliance
event). A group's events are organised by its organisers, alliance events by coordinators, both
with two-factor authentication.
"""

import rules
from django.utils import timezone

from groundwork.events.models import Event
from groundwork.groups.rules import (
    coordinates_alliance,
    is_in_the_alliance,
    organises_group,
    organises_scope,
    roles_of,
)


@rules.predicate
def can_see_event(user, event: Event) -> bool:
    if event.visibility == Event.Visibility.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if event.visibility == Event.Visibility.ALLIANCE or event.group_id is None:
        return is_in_the_alliance(user)
    return event.group_id in roles_of(user)


@rules.predicate
def organises_event(user, event: Event) -> bool:
    """Organiser of the event's group (a coordinator, for an alliance event), with two-factor."""
    return organises_scope(user, event.group_id)


@rules.predicate
def is_open_for_answers(user, event: Event) -> bool:
    return event.status == Event.Status.SCHEDULED and event.ends_at > timezone.now()


is_signed_in = rules.is_authenticated

rules.add_perm("events.view_event", can_see_event)
rules.add_perm("events.rsvp_event", is_signed_in & can_see_event & is_open_for_answers)
rules.add_perm("events.change_event", organises_event)
rules.add_perm("events.cancel_event", organises_event & is_open_for_answers)
rules.add_perm("events.view_attendee_list", organises_event)
rules.add_perm("events.check_in_event", organises_event)
# Creating: with a group, its organisers; without, the alliance's coordinators.
rules.add_perm("events.add_event", organises_group)
rules.add_perm("events.add_alliance_event", coordinates_alliance)
