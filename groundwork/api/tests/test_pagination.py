"""Cursor pagination: a walk sees every row once, whatever is added meanwhile; cursors are opaque
and belong to their list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groundwork.api.tests.factories import api_client, token_for
from groundwork.events.tests.factories import plan_event
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join

pytestmark = pytest.mark.django_db


def walk(caller, url: str, *, between=None) -> list[dict]:
    """Every item of the list, page by page, calling `between(page_number)` after each page."""
    items, number = [], 0
    while url:
        body = caller.get(url).json()
        items += body["items"]
        url = body["next"]
        number += 1
        if between is not None:
            between(number)
        assert number < 100, "the walk does not end"
    return items


def soon(days: float):
    return timezone.now() + timedelta(days=days)


def test_a_walk_sees_every_event_once_even_with_inserts_in_between(riverside):
    events = [plan_event(riverside, None, starts_at=soon(day + 1)) for day in range(8)]
    # Two events at the very same time: the key is made total by the id.
    events.append(plan_event(riverside, None, starts_at=events[4].starts_at))
    added_after, added_before = [], []

    def insert(page_number: int) -> None:
        if page_number == 1:
            # One sorts after the page already read, one before it (never to be seen: the walk
            # has passed its place), and neither makes a row appear twice.
            added_after.append(plan_event(riverside, None, starts_at=soon(30)))
            added_before.append(plan_event(riverside, None, starts_at=soon(0.5)))

    items = walk(api_client(), "/api/v1/events?limit=3", between=insert)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "a row was seen twice"
    assert {event.pk for event in events} | {added_after[0].pk} == set(ids)
    assert [item["starts_at"] for item in items] == sorted(item["starts_at"] for item in items)


def test_the_next_link_keeps_the_filters(riverside, hillside):
    for day in range(3):
        plan_event(riverside, None, starts_at=soon(day + 1))
        plan_event(hillside, None, starts_at=soon(day + 1))
    first = api_client().get("/api/v1/events?limit=2&group=hillside").json()
    assert "group=hillside" in first["next"] and first["next"].startswith("http")
    items = walk(api_client(), "/api/v1/events?limit=2&group=hillside")
    assert len(items) == 3 and {item["group"]["slug"] for item in items} == {"hillside"}


def test_a_walk_of_members_sees_each_once_in_the_order_they_joined(riverside, alice):
    """The member list is keyed by the membership alone (the page's order by role and name spans
    three tables, which no index serves): names that tie or sort backwards change nothing."""
    names = ["Zoe", "Same name", "Same name", "Abe", "Same name", "Mo", "Same name"]
    for number, name in enumerate(names):
        join(riverside, UserFactory(display_name=name, email=f"m{number}@example.org"))
    caller = api_client(token_for(alice, ["people:read"]))
    items = walk(caller, "/api/v1/groups/riverside/members?limit=2")
    assert [item["name"] for item in items] == [alice.name, *names]
    assert items[0]["role"] == "organiser"


def test_a_walk_of_the_directory_sees_each_group_once():
    for number in range(5):
        GroupFactory(name=f"Group {number:02d}")
    names = [item["name"] for item in walk(api_client(), "/api/v1/groups?limit=2")]
    assert names == sorted(names) and len(names) == len(set(names)) == 5


def test_a_cursor_of_one_list_does_not_read_another(riverside):
    for day in range(3):
        plan_event(riverside, None, starts_at=soon(day + 1))
    for number in range(3):
        GroupFactory(name=f"Group {number}")
    cursor = api_client().get("/api/v1/events?limit=1").json()["next"].split("cursor=")[1]
    cursor = cursor.split("&")[0]
    assert api_client().get(f"/api/v1/groups?cursor={cursor}").status_code == 422


def test_a_tampered_cursor_does_not_read(riverside):
    for day in range(3):
        plan_event(riverside, None, starts_at=soon(day + 1))
    next_link = api_client().get("/api/v1/events?limit=1").json()["next"]
    cursor = next_link.split("cursor=")[1].split("&")[0]
    tampered = cursor[:10] + ("A" if cursor[10] != "A" else "B") + cursor[11:]
    assert api_client().get(f"/api/v1/events?limit=1&cursor={tampered}").status_code == 422
