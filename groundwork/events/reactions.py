"""How the events app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, the home page, members leaving groups."""

from django.db.models import Count
from django.dispatch import receiver
from django.utils.translation import gettext as _

from groundwork.aims.hooks import add_rollup_source
from groundwork.events import actions, queries
from groundwork.events.models import Event
from groundwork.groups.hooks import add_group_section, member_left
from groundwork.groups.rules import roles_of
from groundwork.members.hooks import add_home_section, add_landing_section

# The home page shows at most this many; the calendar feed has them all.
HOME_EVENTS = 10


@add_rollup_source
def events_per_objective(objective_ids) -> dict[int, dict[str, int]]:
    """How many events (not cancelled) work towards each objective (one query). Only a count
    crosses groups: members-only events are counted, never shown."""
    rows = (
        Event.objectives.through.objects.filter(objective_id__in=list(objective_ids))
        .exclude(event__status=Event.Status.CANCELLED)
        .values("objective_id")
        .annotate(count=Count("event_id"))
        .order_by()
    )
    return {row["objective_id"]: {_("Events"): row["count"]} for row in rows}


# The first page shows at most this many public events, near the visitor's postcode or anywhere.
LANDING_EVENTS = 6


@add_home_section(order=30)
def your_upcoming_events(request):
    """The events the member said they attend or wait for, and the next events of their groups
    they have not answered yet, soonest first (two queries)."""
    rsvps = list(queries.upcoming_rsvps_of(request.user)[:HOME_EVENTS])
    groups = list(roles_of(request.user))
    answered = [rsvp.event_id for rsvp in rsvps]
    in_groups = (
        list(
            queries.upcoming_events(request.user)
            .filter(group_id__in=groups)
            .exclude(pk__in=answered)[:HOME_EVENTS]
        )
        if groups
        else []
    )
    context = {"rsvps": rsvps, "group_events": in_groups, "in_a_group": bool(groups)}
    return "events/_home_events.html", context


@add_landing_section(order=30)
def whats_on(request):
    """Upcoming events anyone may see, near the postcode the visitor gave or anywhere (one
    query)."""
    near = request.GET.get("near", "").strip()[:10]
    events = list(queries.upcoming_events(request.user, area=near)[:LANDING_EVENTS])
    return "events/_landing_events.html", {"events": events, "near": near}


@receiver(member_left, dispatch_uid="events_member_left")
def withdraw_rsvps_of_former_member(sender, membership, acting_user, **kwargs) -> None:
    """Someone who leaves (or is removed from) a group stops going to its members-only events."""
    actions.do_withdraw_rsvps_of_former_member(
        membership.group, member=membership.user, acting_user=acting_user
    )


# A group's page shows at most this many of its upcoming events; its events page has them all.
GROUP_PAGE_EVENTS = 5


@add_group_section(order=10)
def group_upcoming_events(request, group):
    """The group's next events that the viewer may see: public ones for everyone, members-only
    ones for its members too (one query)."""
    events = list(queries.upcoming_events(request.user, group=group)[:GROUP_PAGE_EVENTS])
    if not events:
        return None
    return "events/_group_events.html", {"group": group, "events": events}
