"""Every calendar feed of the demo alliance passes the strict parser of the `ical` package."""

import pytest
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream

from conftest import client_for
from groundwork.demo.alliance.events import load_demo_events
from groundwork.events.models import CalendarFeed, Event
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import (
    GroupFactory,
    UserFactory,
    join,
    make_coordinator,
    make_organiser,
)
from groundwork.members.models import User

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return IcsCalendarStream.calendar_from_ics(response.content.decode())


@pytest.fixture
def demo(db):
    """The events of the demo, on the groups and people they need (load_demo's other apps'
    data is theirs to test; this keeps a broken demo elsewhere from hiding a broken feed)."""
    names = ["Riverside", "Hillside", "Manchester"]
    groups = {f"{name} Action Group": GroupFactory(name=f"{name} Action Group") for name in names}
    people = {}
    for name, group, organises in [
        ("alice", "Riverside", True),
        ("bob", "Riverside", False),
        ("erin", "Riverside", False),
        ("carol", "Hillside", False),
        ("dan", None, False),
        ("farid", "Hillside", True),
        ("grace", "Manchester", True),
    ]:
        person = people[f"{name}@example.org"] = UserFactory(email=f"{name}@example.org")
        if group:
            (make_organiser if organises else join)(groups[f"{group} Action Group"], person)
    coordinator = make_coordinator(UserFactory(email="coordinator@example.org"))
    load_demo_events(coordinator=coordinator, groups=groups, people=people)
    assert Event.objects.count() > 10


def test_every_feed_of_the_demo_passes_the_strict_parser(demo, client):
    alliance = parse(client.get(reverse("events:alliance_feed")))
    public = Event.objects.filter(visibility="public")
    assert {event.summary for event in alliance.events} == set(
        public.values_list("title", flat=True)
    )
    for group in Group.objects.all():
        feed = parse(client.get(reverse("events:group_feed", args=[group.slug])))
        titles = set(public.filter(group=group).values_list("title", flat=True))
        assert {event.summary for event in feed.events} == titles
    for event in Event.objects.all():
        viewer = User.objects.get(email="alice@example.org")
        single = parse(client_for(viewer).get(reverse("events:event_ics", args=[event.pk])))
        assert [entry.summary for entry in single.events] in ([event.title], [])
    for user in User.objects.filter(rsvps__isnull=False).distinct():
        client_for(user).get(reverse("events:calendar"))
        token = CalendarFeed.objects.get(user=user).token
        mine = parse(client.get(reverse("events:member_feed", args=[token])))
        assert len(mine.events) == user.rsvps.filter(status__in=["confirmed", "waitlisted"]).count()
