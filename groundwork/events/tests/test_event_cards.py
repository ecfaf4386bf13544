"""The event list's cards come from the cache, and show every change on the next load."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import client_for
from groundwork.events import actions
from groundwork.events.models import Event
from groundwork.events.tests.factories import going, plan_event

pytestmark = pytest.mark.django_db

CARD = "events/_event_card.html"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def cards_rendered(response) -> int:
    return sum(1 for template in response.templates if template.name == CARD)


def event_list(client) -> str:
    return client.get(reverse("events:list")).content.decode()


def test_each_card_is_rendered_once_and_then_served_from_the_cache(client, riverside, alice):
    for n in range(3):
        plan_event(riverside, alice, title=f"Stall {n}")
    first = client.get(reverse("events:list"))
    again = client.get(reverse("events:list"))
    assert cards_rendered(first) == 3
    assert cards_rendered(again) == 0
    assert again.content == first.content


def test_an_rsvp_shows_in_the_count_on_the_next_load(client, riverside, alice, bob):
    event = plan_event(riverside, alice, title="Housing meeting", capacity=1)
    assert "0 going of 1" in event_list(client)
    going(event, bob)
    page = event_list(client)
    assert "1 going of 1 · full, waiting list open" in page


def test_a_cancelled_event_says_so_on_the_next_load(client, riverside, alice):
    event = plan_event(riverside, alice, title="Street stall")
    assert "Cancelled" not in event_list(client)
    actions.check_cancel_event(event, reason="Storm warning", acting_user=alice)
    assert "<strong>Cancelled</strong>" in event_list(client)


def test_a_change_made_behind_the_actions_back_still_shows(client, riverside, alice):
    # A bulk update leaves `updated_at` alone; the card's key covers every column regardless.
    event = plan_event(riverside, alice, title="Teach-in on the budget")
    assert "Teach-in on the budget" in event_list(client)
    Event.objects.filter(pk=event.pk).update(title="Teach-in on council budgets")
    assert "Teach-in on council budgets" in event_list(client)


def test_a_renamed_group_shows_on_its_events_cards(client, riverside, alice):
    plan_event(riverside, alice, title="Riverside social")
    assert "Riverside" in event_list(client)
    riverside.name = "Riverside and Bermondsey"
    riverside.save()
    assert "Riverside and Bermondsey" in event_list(client)


def test_a_member_only_card_in_the_cache_is_not_shown_to_the_public(client, riverside, alice):
    plan_event(riverside, alice, title="Members meeting", visibility="members")
    assert "Members meeting" in event_list(client_for(alice))
    assert "Members meeting" not in event_list(client)


def test_a_card_rendered_in_one_language_is_not_served_in_another(riverside, alice):
    from django.test.signals import template_rendered
    from django.utils import translation

    from groundwork.events.queries import events_visible_to
    from groundwork.events.templatetags.event_cards import event_cards

    plan_event(riverside, alice, title="Stall")
    events = list(events_visible_to(alice))
    rendered = []

    def count(sender, template, **kwargs):
        if template.name == CARD:
            rendered.append(translation.get_language())

    template_rendered.connect(count)
    try:
        for language in ("en-gb", "en-gb", "cy", "cy"):
            with translation.override(language):
                event_cards(events)
    finally:
        template_rendered.disconnect(count)
    # Once per language: the Welsh card is rendered anew, then served from the cache.
    assert rendered == ["en-gb", "cy"]
