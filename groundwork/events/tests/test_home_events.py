"""The member home's events: what the member answered, then the next events of their groups,
every visibility of their own groups' and nothing of other groups' (#14 reads them without the
visibility filter, which every event of a member's own group passes)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.events.actions import check_cancel_event
from groundwork.events.models import Event
from groundwork.events.tests.factories import going, plan_event

pytestmark = pytest.mark.django_db

VISIBILITIES = [Event.Visibility.PUBLIC, Event.Visibility.ALLIANCE, Event.Visibility.MEMBERS]


def next_in_groups(html: str) -> str:
    return html.split("Next in your groups")[1].split("</ul>")[0] if "Next in" in html else ""


def test_bob_sees_every_next_event_of_his_group_and_none_of_hillsides(
    riverside, hillside, alice, bob
):
    for visibility in VISIBILITIES:
        plan_event(riverside, alice, title=f"Riverside {visibility}", visibility=visibility)
        plan_event(hillside, None, title=f"Hillside {visibility}", visibility=visibility)
    listed = next_in_groups(client_for(bob).get(reverse("members:home")).content.decode())
    for visibility in VISIBILITIES:
        assert f"Riverside {visibility}" in listed
        assert f"Hillside {visibility}" not in listed


def test_an_event_bob_answered_is_his_not_among_the_next(riverside, alice, bob):
    answered = plan_event(riverside, alice, title="The meeting he is going to")
    plan_event(riverside, alice, title="The meeting he has not answered")
    going(answered, bob)
    html = client_for(bob).get(reverse("members:home")).content.decode()
    mine = html.split("Your upcoming events")[1].split("Next in your groups")[0]
    assert "The meeting he is going to" in mine
    assert "The meeting he is going to" not in next_in_groups(html)
    assert "The meeting he has not answered" in next_in_groups(html)


def test_an_event_over_is_not_next(riverside, alice, bob):
    plan_event(riverside, alice, title="The meeting of tomorrow")
    assert "The meeting of tomorrow" in next_in_groups(
        client_for(bob).get(reverse("members:home")).content.decode()
    )
    plan_event(riverside, alice, title="The meeting of yesterday")
    Event.objects.filter(title="The meeting of yesterday").update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=22)
    )
    html = client_for(bob).get(reverse("members:home")).content.decode()
    assert "The meeting of yesterday" not in html


def test_a_cancelled_event_among_the_next_says_it_is_cancelled(riverside, alice, bob):
    kept = plan_event(riverside, alice, title="The meeting that goes ahead")
    called_off = plan_event(riverside, alice, title="The meeting called off")
    check_cancel_event(called_off, reason="The hall flooded.", acting_user=alice)
    listed = next_in_groups(client_for(bob).get(reverse("members:home")).content.decode())
    items = listed.split("<li>")
    [cancelled] = [item for item in items if called_off.title in item]
    [going_ahead] = [item for item in items if kept.title in item]
    assert "Cancelled" in cancelled and "Cancelled" not in going_ahead
