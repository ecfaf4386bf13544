"""A member waiting for a place sees where they stand on the waiting list, as the list moves."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.events.tests.factories import going, not_going, plan_event

pytestmark = pytest.mark.django_db


def waiting_text(member, event) -> str:
    page = client_for(member).get(reverse("events:detail", args=[event.pk])).content.decode()
    return page.split('class="rsvp-state"><strong>', 1)[1].split("</strong>", 1)[0]


def test_dan_sees_he_is_third_and_moves_up_when_places_come_free(riverside, alice, bob, carol, dan):
    event = plan_event(riverside, alice, capacity=1)
    going(event, alice)
    for member in (bob, carol, dan):
        going(event, member)
    assert waiting_text(dan, event) == "You are 3rd on the waiting list."
    assert waiting_text(bob, event) == "You are next on the waiting list."

    not_going(event, carol)  # someone ahead leaves the list
    assert waiting_text(dan, event) == "You are 2nd on the waiting list."
    not_going(event, alice)  # bob gets the place
    assert waiting_text(dan, event) == "You are next on the waiting list."
    assert waiting_text(bob, event) == "You are going."


def test_people_who_answered_at_the_same_moment_wait_in_the_order_they_were_queued(
    riverside, alice, bob, carol
):
    event = plan_event(riverside, alice, capacity=1)
    going(event, alice)
    first, second = going(event, bob), going(event, carol)
    type(first).objects.filter(pk__in=[first.pk, second.pk]).update(queued_at=first.queued_at)
    assert waiting_text(bob, event) == "You are next on the waiting list."
    assert waiting_text(carol, event) == "You are 2nd on the waiting list."
