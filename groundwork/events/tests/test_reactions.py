"""The events app's receivers: scale data for benchmarks, and its section of the home page."""

import pytest

from groundwork.events.models import Event
from groundwork.events.reactions import add_scale_events
from groundwork.groups.hooks import scale_generated
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_scale_events_are_spread_over_the_groups_with_progress(db):
    groups = [GroupFactory(latitude="51.50000", longitude="-0.10000") for _ in range(3)]
    calls = []
    made = add_scale_events(
        sender=None,
        group_ids=[group.pk for group in groups],
        user_ids=[],
        options={"events": 12, "seed": 7},
        progress=lambda label, done, total: calls.append((label, done, total)),
    )
    assert made == 12 == Event.objects.count()
    assert {event.group_id for event in Event.objects.all()} == {group.pk for group in groups}
    assert calls[-1] == ("events", 12, 12)
    assert all(event.ends_at > event.starts_at for event in Event.objects.all())
    assert len({event.kind for event in Event.objects.all()}) == 7


def test_the_receiver_is_connected_and_zero_events_make_none(db):
    group = GroupFactory()
    responses = scale_generated.send(
        sender=None,
        group_ids=[group.pk],
        user_ids=[],
        options={"events": 0},
        progress=lambda *args: None,
    )
    assert (add_scale_events, 0) in responses
    assert Event.objects.count() == 0
