"""Calendar feeds: every feed of the demo alliance passes the strict parser of the `ical` package,
public feeds carry public events only, and a member's private feed follows its secret token."""

from pathlib import Path

import pytest
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream
from ical.exceptions import CalendarParseError

from conftest import client_for
from groundwork.events.models import CalendarFeed, Event
from groundwork.events.reactions import add_demo_events
from groundwork.events.tests.factories import going, plan_event
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import (
    GroupFactory,
    UserFactory,
    join,
    make_coordinator,
    make_organiser,
)
from groundwork.members.models import User
from tests.testdata import need
from tests.testdata import root as testdata_root

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
    add_demo_events(sender=None, coordinator=coordinator, groups=groups, people=people)
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
        viewer = client_for(user)
        viewer.get(reverse("events:calendar"))
        token = CalendarFeed.objects.get(user=user).token
        mine = parse(client.get(reverse("events:member_feed", args=[token])))
        assert len(mine.events) == user.rsvps.filter(status__in=["confirmed", "waitlisted"]).count()


def test_a_feed_carries_time_place_and_status(riverside, alice, client):
    event = plan_event(riverside, alice, title="March", kind="protest")
    from groundwork.events.actions import check_cancel_event

    check_cancel_event(event, reason="", acting_user=alice)
    calendar = parse(client.get(reverse("events:group_feed", args=["riverside"])))
    [entry] = calendar.events
    assert entry.dtstart == event.starts_at.replace(microsecond=0)
    assert entry.end == event.ends_at.replace(microsecond=0)
    assert "Bankside Road" in entry.location and entry.status.value == "CANCELLED"
    assert entry.geo.lat == pytest.approx(51.5072)


def test_public_feeds_leave_out_alliance_and_members_only_events(riverside, alice, client):
    plan_event(riverside, alice, title="Members meeting", visibility="members")
    plan_event(riverside, alice, title="Alliance teach-in", visibility="alliance")
    plan_event(riverside, alice, title="Public meeting")
    for url in (reverse("events:alliance_feed"), reverse("events:group_feed", args=["riverside"])):
        assert [entry.summary for entry in parse(client.get(url)).events] == ["Public meeting"]


def test_a_members_only_event_file_is_not_found_for_outsiders(riverside, alice, carol, client):
    event = plan_event(riverside, alice, visibility="members")
    url = reverse("events:event_ics", args=[event.pk])
    assert client.get(url).status_code == 404
    assert client_for(carol).get(url).status_code == 404
    assert parse(client_for(alice).get(url)).events[0].summary == event.title


def test_bobs_private_feed_follows_his_answers_and_dies_when_he_resets_it(
    riverside, alice, bob, client
):
    members_only = plan_event(riverside, alice, title="Members meeting", visibility="members")
    plan_event(riverside, alice, title="Not answered")
    going(members_only, bob)
    bobs = client_for(bob)
    page = bobs.get(reverse("events:calendar")).content.decode()
    old_token = CalendarFeed.objects.get(user=bob).token
    assert old_token in page
    feed = parse(client.get(reverse("events:member_feed", args=[old_token])))
    assert [entry.summary for entry in feed.events] == ["Members meeting"]
    assert bobs.post(reverse("events:reset_calendar")).status_code == 302
    assert client.get(reverse("events:member_feed", args=[old_token])).status_code == 404
    new_token = CalendarFeed.objects.get(user=bob).token
    assert new_token != old_token
    assert parse(client.get(reverse("events:member_feed", args=[new_token]))).events


def test_the_google_calendar_link_carries_the_times_in_utc(riverside, alice, client):
    event = plan_event(riverside, alice, title="Teach-in")
    html = client.get(event.get_absolute_url()).content.decode()
    start = event.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert f"dates={start}" in html and "ctz=Europe%2FLondon" in html


# --- the parser is strict: the shared corpus proves the feeds test can fail ------------------


def corpus() -> Path:
    """The valid and invalid files of the ical library's parser tests, in the shared test data."""
    return need(testdata_root() / "icalendar" / "allenporter_ical" / "parsing" / "testdata")


def test_the_strict_parser_refuses_the_invalid_corpus_and_accepts_the_valid_one():
    folder = corpus()
    invalid = sorted((folder / "invalid").glob("*.ics"))
    valid = sorted((folder / "valid").glob("*.ics"))
    assert invalid and valid
    refused = []
    for path in invalid:
        try:
            IcsCalendarStream.calendar_from_ics(path.read_text())
        except CalendarParseError:
            refused.append(path.name)
    assert len(refused) >= len(invalid) // 2, "the parser no longer refuses malformed calendars"
    for path in valid[:10]:
        IcsCalendarStream.from_ics(path.read_text())
