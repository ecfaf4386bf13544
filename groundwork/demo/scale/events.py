"""Events at national scale for benchmarks: spread over the groups, a year either side of today.

Written with bulk_create and no jobs: benchmark data, not a working calendar.
"""

import random
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from groundwork.events.models import Event
from groundwork.groups.models import Group

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


def add_scale_events(
    *, group_ids: list[int], events: int, seed: int, progress: Callable[[str, int, int], None]
) -> int:
    """`events` events over the groups; returns how many were made."""
    total = int(events or 0)
    if not total or not group_ids:
        return 0
    rng = random.Random(seed)
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
