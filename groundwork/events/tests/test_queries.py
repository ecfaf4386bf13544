"""Fixed query counts at 1, 10 and 100 rows, and the visibility rule agreeing with its twin query."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.fragments import row_of
from groundwork.core.pagination import CappedPaginator
from groundwork.events import queries
from groundwork.events.hooks import EVENT_PAGES
from groundwork.events.models import Event, Rsvp
from groundwork.events.tests.factories import event_values, going
from groundwork.members.hooks import forget_home
from groundwork.members.models import User

pytestmark = pytest.mark.django_db

STEPS = (1, 10, 100)


def assert_fixed_queries(client, url: str, grow: Callable[[int], str]) -> None:
    counts = {}
    for n in STEPS:
        expected_text = grow(n)
        # Rows written in bulk renew no kept copy: each step builds the event's page afresh.
        EVENT_PAGES.forget()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        assert expected_text in response.content.decode(), f"{url} at {n}: no {expected_text!r}"
        counts[n] = len(context.captured_queries)
    assert counts[10] == counts[1] and counts[100] == counts[1], f"{url}: {counts}"


def add_events(group, have: int, want: int) -> None:
    values = event_values()
    Event.objects.bulk_create(
        Event(
            group=group,
            **(
                values
                | {
                    "title": f"Event {number:03d}",
                    "starts_at": timezone.now() + timedelta(days=1, minutes=number),
                    "ends_at": timezone.now() + timedelta(days=1, hours=2, minutes=number),
                }
            ),
        )
        for number in range(have + 1, want + 1)
    )


def add_rsvps(event: Event, have: int, want: int) -> None:
    users = User.objects.bulk_create(
        User(email=f"rsvp{number:03d}@example.org", display_name=f"Guest {number:03d}")
        for number in range(have + 1, want + 1)
    )
    Rsvp.objects.bulk_create(
        Rsvp(event=event, user=user, status="confirmed", queued_at=timezone.now()) for user in users
    )
    Event.objects.filter(pk=event.pk).update(confirmed_count=want)


@pytest.mark.parametrize("who", ["anon", "bob"])
def test_the_event_list_asks_a_fixed_number_of_questions(riverside, bob, who):
    client = client_for(bob) if who == "bob" else client_for(bob).__class__()
    have = [0]

    def grow(n):
        add_events(riverside, have[0], n)
        have[0] = n
        return "Event 001"

    assert_fixed_queries(client, reverse("events:list"), grow)


@pytest.mark.parametrize("page", ["events:detail", "events:attendees", "events:check_in"])
def test_an_event_page_asks_a_fixed_number_of_questions_however_many_answered(
    riverside, alice, page
):
    event = Event.objects.create(group=riverside, **event_values(kind="protest"))
    have = [0]

    def grow(n):
        add_rsvps(event, have[0], n)
        have[0] = n
        return f"<dd>{n}</dd>" if page == "events:detail" else "Guest 001"

    assert_fixed_queries(client_for(alice), reverse(page, args=[event.pk]), grow)


def test_a_waiting_members_place_in_the_queue_costs_no_query_per_person_ahead(
    riverside, alice, bob
):
    event = Event.objects.create(group=riverside, **event_values(capacity=1))
    going(event, alice)
    going(event, bob)
    bob_queued_at = Rsvp.objects.get(event=event, user=bob).queued_at
    have = [0]

    def grow(n):
        users = User.objects.bulk_create(
            User(email=f"waiting{number:03d}@example.org") for number in range(have[0] + 1, n + 1)
        )
        Rsvp.objects.bulk_create(
            Rsvp(
                event=event,
                user=user,
                status="waitlisted",
                queued_at=bob_queued_at - timedelta(minutes=1),
            )
            for user in users
        )
        have[0] = n
        return f"You are {ordinal(n + 1)} on the waiting list."

    assert_fixed_queries(client_for(bob), reverse("events:detail", args=[event.pk]), grow)


def test_the_map_and_the_home_page_ask_a_fixed_number_of_questions(riverside, bob):
    have = [0]

    def grow(n):
        add_events(riverside, have[0], n)
        for event in Event.objects.filter(rsvps__isnull=True):
            going(event, bob)
        have[0] = n
        return "Event 001"

    assert_fixed_queries(client_for(bob), reverse("events:map"), grow)

    def afresh(n):
        forget_home(bob.pk)  # the answers were written without a commit: drawn afresh each time
        return "Event 001"

    assert_fixed_queries(client_for(bob), reverse("members:home"), afresh)


@pytest.fixture
def everyone(riverside, hillside, alice, bob, carol, dan, admin):
    return {"anon": AnonymousUser(), "dan": dan, "bob": bob, "carol": carol, "alice": alice}


def test_the_visibility_rule_agrees_with_its_twin_query(riverside, hillside, everyone, admin):
    people = everyone | {"admin": admin}
    for group in (riverside, hillside, None):
        for visibility in ("public", "alliance", "members"):
            Event.objects.create(group=group, **event_values(visibility=visibility))
    seen_by_someone = set()
    for name, person in people.items():
        by_query = set(queries.events_visible_to(person).values_list("pk", flat=True))
        by_rule = {e.pk for e in Event.objects.all() if person.has_perm("events.view_event", e)}
        assert by_query == by_rule, name
        seen_by_someone |= by_query
    assert len(seen_by_someone) == 9
    assert queries.events_visible_to(people["dan"]).count() == 3  # the public ones only


def test_the_written_out_list_reads_what_the_orm_reads_for_the_cards(riverside, bob):
    """The same loaded columns (so a card kept by one is found by the other: core.cards keys on
    them), each event's group or None without another query, and the area search still by the
    ORM."""
    own = Event.objects.create(group=riverside, **event_values(title="Riverside stall"))
    Event.objects.create(group=None, **event_values(title="Alliance day"))
    cards = queries.upcoming_event_cards(bob)
    assert isinstance(cards, queries.EventCards)
    with CaptureQueriesContext(connection) as context:
        written_out = cards[0:25]
        shown = [(event.title, event.group and event.group.name) for event in written_out]
    assert len(context.captured_queries) == 1
    assert shown == [("Riverside stall", riverside.name), ("Alliance day", None)]
    by_orm = list(queries.as_cards(queries.upcoming_events(bob)))
    for ours, theirs in zip(written_out, by_orm, strict=True):
        assert ours.get_deferred_fields() == theirs.get_deferred_fields()
        assert row_of(ours) == row_of(theirs)
        assert row_of(ours.group) == row_of(theirs.group)
    assert own.pk == written_out[0].pk and not hasattr(written_out[0], "card_group_name")
    searched = queries.upcoming_event_cards(bob, area="Bankside")
    assert not isinstance(searched, queries.EventCards)
    assert [event.title for event in searched] == ["Riverside stall", "Alliance day"]


def test_the_written_out_list_counts_up_to_its_cap_and_reads_pages_in_order(riverside):
    add_events(riverside, 0, 30)
    cards = queries.upcoming_event_cards(AnonymousUser())
    assert isinstance(cards, queries.EventCards)
    assert cards.count_up_to(31) == 30 and cards.count_up_to(12) == 12
    titles = [event.title for event in cards[25:50]]
    assert titles == [f"Event {number:03d}" for number in range(26, 31)]
    paginator = CappedPaginator(cards, 25, cap=20)
    page = paginator.get_page(1)
    assert paginator.capped and paginator.count == 20
    assert [event.title for event in page.object_list][:2] == ["Event 001", "Event 002"]
