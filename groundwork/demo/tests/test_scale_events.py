"""The events of the national-scale dataset, run small."""

import pytest

from groundwork.demo.scale.events import add_scale_events
from groundwork.events.models import Event
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_scale_events_are_spread_over_the_groups_with_progress(db):
    groups = [GroupFactory(latitude="51.50000", longitude="-0.10000") for _ in range(3)]
    calls = []
    made = add_scale_events(
        group_ids=[group.pk for group in groups],
        events=12,
        seed=7,
        progress=lambda label, done, total: calls.append((label, done, total)),
    )
    assert made == 12 == Event.objects.count()
    assert {event.group_id for event in Event.objects.all()} == {group.pk for group in groups}
    assert calls[-1] == ("events", 12, 12)
    assert all(event.ends_at > event.starts_at for event in Event.objects.all())
    assert len({event.kind for event in Event.objects.all()}) == 7


def test_zero_events_make_none(db):
    group = GroupFactory()
    made = add_scale_events(group_ids=[group.pk], events=0, seed=7, progress=lambda *args: None)
    assert made == 0 == Event.objects.count()
