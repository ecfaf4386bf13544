"""How the events app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, the home page, members leaving groups, demo and scale data."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count
from django.dispatch import receiver
from django.utils import timezone

from groundwork.aims.hooks import add_rollup_source
from groundwork.events import actions, queries
from groundwork.events.models import Event
from groundwork.groups.hooks import demo_loaded, member_left, scale_generated
from groundwork.groups.models import Group
from groundwork.members.hooks import add_home_section

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
    return {row["objective_id"]: {"Events": row["count"]} for row in rows}


@add_home_section
def your_upcoming_events(request):
    """The events the member said they attend or wait for, soonest first."""
    rsvps = list(queries.upcoming_rsvps_of(request.user)[:HOME_EVENTS])
    return "events/_home_events.html", {"rsvps": rsvps}


@receiver(member_left, dispatch_uid="events_member_left")
def withdraw_rsvps_of_former_member(sender, membership, acting_user, **kwargs) -> None:
    """Someone who leaves (or is removed from) a group stops going to its members-only events."""
    actions.do_withdraw_rsvps_of_former_member(
        membership.group, member=membership.user, acting_user=acting_user
    )


@receiver(demo_loaded, dispatch_uid="events_demo")
def add_demo_events(sender, coordinator, groups, people, **kwargs) -> None:
    from groundwork.events.demo import load_demo_events

    load_demo_events(coordinator=coordinator, groups=groups, people=people)


KINDS = [kind for kind, _ in Event.Kind.choices]
TITLES = {
    "protest": "March for council homes",
    "meeting": "Public meeting: our budget, our say",
    "community": "Community kitchen",
    "teach_in": "Teach-in: how the council budget works",
    "training": "Training: organising a tenants' union",
    "social": "Solidarity social",
    "conference": "Regional conference",
}
CHUNK = 5000


@receiver(scale_generated, dispatch_uid="events_scale")
def add_scale_events(sender, group_ids, user_ids, options, progress, **kwargs) -> int:
    """`options["events"]` events (default 50,000) over the groups, a year either side of today.

    Written with bulk_create and no jobs: benchmark data, not a working calendar.
    """
    total = int(options.get("events", 50_000) or 0)
    if not total or not group_ids:
        return 0
    rng = random.Random(options.get("seed", 2026))
    points = {
        pk: (lat, lng)
        for pk, lat, lng in Group.objects.filter(pk__in=group_ids).values_list(
            "pk", "latitude", "longitude"
        )
    }
    today = timezone.now().replace(minute=0, second=0, microsecond=0)
    made = 0
    while made < total:
        batch = []
        for number in range(made, min(made + CHUNK, total)):
            group_id = group_ids[number % len(group_ids)]
            kind = KINDS[number % len(KINDS)]
            starts_at = today + timedelta(hours=rng.randint(-365 * 24, 365 * 24))
            lat, lng = points.get(group_id) or (None, None)
            jitter = Decimal(rng.randint(-300, 300)) / Decimal(10000)
            batch.append(
                Event(
                    group_id=group_id,
                    kind=kind,
                    title=f"{TITLES[kind]} #{number + 1}",
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=2),
                    visibility=rng.choice(["public", "public", "alliance", "members"]),
                    latitude=lat + jitter if lat is not None else None,
                    longitude=lng + jitter if lng is not None else None,
                    address="Community hall",
                    capacity=rng.choice([None, 30, 100]),
                )
            )
        Event.objects.bulk_create(batch, batch_size=CHUNK)
        made += len(batch)
        progress("events", made, total)
    return made
