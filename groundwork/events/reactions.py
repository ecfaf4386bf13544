"""How the events app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, the home page, members leaving groups."""

from datetime import timedelta

from django.db.models import Count
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundwork.aims.hooks import add_rollup_source, platform_edited
from groundwork.core.hooks import RetentionRule, add_retention_rule
from groundwork.events import actions, queries
from groundwork.events.hooks import EVENT_PAGES
from groundwork.events.models import CalendarFeed, Event, Rsvp
from groundwork.groups.hooks import (
    MailingSegment,
    add_group_section,
    add_mailing_segment,
    member_left,
)
from groundwork.groups.rules import roles_of
from groundwork.members.hooks import (
    add_home_section,
    add_landing_section,
    add_personal_data_exporter,
    member_erased,
)

# The home page shows at most this many; the calendar feed has them all.
HOME_EVENTS = 10
# What events/_home_events.html shows of an event (with `event_when`): loading only these spares
# building and reading every column of events and groups on each visit.
HOME_EVENT_COLUMNS = ("title", "starts_at", "ends_at", "time_zone", "status", "group__name")
HOME_RSVP_COLUMNS = ("status", *(f"event__{column}" for column in HOME_EVENT_COLUMNS))


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
    they have not answered yet, soonest first (two queries, of the columns the section shows)."""
    rsvps = list(queries.upcoming_rsvps_of(request.user).only(*HOME_RSVP_COLUMNS)[:HOME_EVENTS])
    groups = list(roles_of(request.user))
    answered = [rsvp.event_id for rsvp in rsvps]
    in_groups = (
        list(
            queries.next_of_each_series(
                queries.upcoming_events_in_groups(groups).exclude(pk__in=answered)
            ).only(*HOME_EVENT_COLUMNS, "series__frequency")[:HOME_EVENTS]
        )
        if groups
        else []
    )
    # The list changes by time alone when one of them is over (the member's kept home page).
    ends = [rsvp.event.ends_at for rsvp in rsvps] + [event.ends_at for event in in_groups]
    context = {
        "rsvps": rsvps,
        "group_events": in_groups,
        "in_a_group": bool(groups),
        "changes_at": min(ends, default=None),
    }
    return "events/_home_events.html", context


@add_landing_section(order=30)
def whats_on(request):
    """Upcoming events anyone may see, near the postcode the visitor gave or anywhere (one
    query)."""
    near = request.GET.get("near", "").strip()[:10]
    upcoming = queries.upcoming_events(request.user, area=near)
    events = list(queries.next_of_each_series(upcoming)[:LANDING_EVENTS])
    # The list changes by time alone when one of them is over.
    changes_at = min((event.ends_at for event in events), default=None)
    return "events/_landing_events.html", {
        "events": events,
        "near": near,
        "changes_at": changes_at,
    }


@receiver(platform_edited, dispatch_uid="events_platform_edited")
def renew_event_pages(sender, plank, **kwargs) -> None:
    """An event's page names the objectives it works towards: a new title shows at once. Every
    event's kept page is renewed (one version, on commit); the platform is edited rarely."""
    EVENT_PAGES.invalidate()


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
    upcoming = queries.upcoming_events(request.user, group=group)
    events = list(queries.next_of_each_series(upcoming)[:GROUP_PAGE_EVENTS])
    if not events:
        return None
    # The list changes by time alone when one of them is over.
    changes_at = min(event.ends_at for event in events)
    return "events/_group_events.html", {
        "group": group,
        "events": events,
        "changes_at": changes_at,
    }


# --- Data rights (members' hooks) -------------------------------------------------------------


@add_personal_data_exporter
def events_personal_data(user) -> dict[str, list[dict]]:
    """The member's answers to events, the events they steward, and whether they have a
    private calendar address (not the address itself: it is a key)."""
    rsvps = Rsvp.objects.filter(user=user).select_related("event")
    return {
        "event_answers": [
            {
                "event": rsvp.event.title,
                "starts_at": rsvp.event.starts_at.isoformat(),
                "answer": rsvp.get_status_display(),
                "answered_at": rsvp.created_at.isoformat(),
                "checked_in_at": rsvp.checked_in_at.isoformat() if rsvp.checked_in_at else None,
            }
            for rsvp in rsvps
        ],
        "events_stewarded": [
            {"event": event.title, "starts_at": event.starts_at.isoformat()}
            for event in Event.objects.filter(stewards=user)
        ],
        "calendar_feed": [
            {"has_private_calendar_address": True}
            for _feed in CalendarFeed.objects.filter(user=user)
        ],
    }


@receiver(member_erased, dispatch_uid="events_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """An erased member's answers to events still to come are withdrawn (the waiting list
    moves) and go; answers to events over lose their name at once, as they would after the
    retention period, so the counts of who came stay. Stewarding and the calendar go."""
    upcoming = Event.objects.filter(rsvps__user=user, ends_at__gt=timezone.now())
    for event in upcoming:
        actions.do_cancel_rsvp(event, member=user, acting_user=user)
    Rsvp.objects.filter(user=user, event__ends_at__gt=timezone.now()).delete()
    Rsvp.objects.filter(user=user).update(user=None)
    for event in Event.objects.filter(stewards=user):
        event.stewards.remove(user)
    CalendarFeed.objects.filter(user=user).delete()


# Organisers can email those going to one of the group's events (from a week ago onwards).
SEGMENT_EVENTS_SINCE_DAYS = 7
SEGMENT_EVENTS_SHOWN = 50


def _events_to_email(group) -> list[tuple[str, str]]:
    since = timezone.now() - timedelta(days=SEGMENT_EVENTS_SINCE_DAYS)
    events = (
        Event.objects.filter(group=group, status=Event.Status.SCHEDULED, ends_at__gte=since)
        .order_by("starts_at", "id")
        .values_list("id", "title", "starts_at")[:SEGMENT_EVENTS_SHOWN]
    )
    return [
        (str(pk), f"{title} ({formats.date_format(timezone.localtime(starts), 'j M Y')})")
        for pk, title, starts in events
    ]


def _going_to_event(group, parameter: str):
    if not parameter.isdigit():
        return None
    return Rsvp.objects.filter(
        event_id=int(parameter), event__group=group, status=Rsvp.Status.CONFIRMED
    ).values("user_id")


add_mailing_segment(
    MailingSegment(
        key="event",
        label=gettext_lazy("Going to an event"),
        choices=_events_to_email,
        user_ids=_going_to_event,
        order=10,
    )
)


# --- Retention (core.hooks.retention_rules) ---------------------------------------------------


def _anonymise_past_rsvps(now) -> int:
    """The sweep behind each event's own anonymising job: any event past its period whose
    answers still name people (a job lost, or an event from before the job existed)."""
    from groundwork.events.actions.privacy import do_anonymise_rsvps, retention_days

    cutoff = now - timedelta(days=retention_days())
    due = Event.objects.filter(ends_at__lt=cutoff, rsvps__user__isnull=False).distinct()
    return sum(do_anonymise_rsvps(event, now=now) for event in due)


add_retention_rule(
    RetentionRule(
        "Answers to events (who said they were going, who came)",
        "GROUNDWORK_RSVP_RETENTION_DAYS (90) days after the event; the counts stay",
        _anonymise_past_rsvps,
    )
)
