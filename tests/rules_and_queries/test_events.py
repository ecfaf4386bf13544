"""events: the event lists, attendee lists and stewards agree with their rules."""

import pytest
from django.http import Http404

from groundwork.events import queries
from groundwork.events.models import Event, Rsvp
from groundwork.events.tests.factories import going, plan_event
from tests.rules_and_queries.conftest import (
    COORDINATORS,
    IN_A_GROUP,
    MEMBERS,
    ORGANISING,
    PEOPLE,
    as_asked,
)

pytestmark = pytest.mark.django_db

SCOPES = ["riverside", "hillside", "alliance"]
# Who sees a non-public event, by hand: a members-only event, its group's members; an
# alliance-wide one, or any event of the alliance itself, members of any group and the
# coordinators (two-factor or not: seeing is not organising).
IN_THE_ALLIANCE = IN_A_GROUP | COORDINATORS
GOES = {"riverside": "bob", "hillside": "carol", "alliance": "olive"}


@pytest.fixture
def events(people, riverside, hillside):
    """A public, an alliance-wide and a members-only event in each scope, each with a steward and
    one person going."""
    found = {}
    for scope, group in (("riverside", riverside), ("hillside", hillside), ("alliance", None)):
        for visibility in Event.Visibility.values:
            event = plan_event(
                group,
                None,
                title=f"{scope} {visibility}",
                visibility=visibility,
                stewards=[people["dan"]],
            )
            going(event, people[GOES[scope]])
            found[scope, visibility] = event
    return found


def may_see(who: str, scope: str, visibility: str) -> bool:
    if visibility == Event.Visibility.PUBLIC:
        return True
    if visibility == Event.Visibility.ALLIANCE or scope == "alliance":
        return who in IN_THE_ALLIANCE
    return who in MEMBERS[scope]


def test_events_visible_to_agrees_with_view_event(people, events):
    for who in PEOPLE:
        user = as_asked(people[who])
        by_rule = {event for event in events.values() if user.has_perm("events.view_event", event)}
        expected = {event for (scope, vis), event in events.items() if may_see(who, scope, vis)}
        assert set(queries.events_visible_to(user)) == by_rule == expected, who


def test_a_groups_upcoming_events_agree_with_view_event(people, events, riverside, hillside):
    """A group's list (its members' reading skips the visibility filter) shows what the rule
    lets each person see of that group's events."""
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope, group in (("riverside", riverside), ("hillside", hillside)):
            own = [event for (event_scope, _vis), event in events.items() if event_scope == scope]
            by_rule = {event for event in own if user.has_perm("events.view_event", event)}
            assert set(queries.upcoming_events(user, group=group)) == by_rule, (who, scope)


def test_the_written_out_event_list_agrees_with_view_event(people, events, riverside, hillside):
    """The list's written-out SQL (`EventCards`) shows what the rule lets each person see, in the
    ORM query's order and count: the whole list, each group's (its members' reading skips the
    visibility filter) and one kind."""
    # A protest in each scope, so a kind narrows the list to some of it.
    for scope, group in (("riverside", riverside), ("hillside", hillside), ("alliance", None)):
        for visibility in Event.Visibility.values:
            title = f"{scope} {visibility} protest"
            events[scope, f"{visibility} protest"] = plan_event(
                group, None, title=title, visibility=visibility, kind=Event.Kind.PROTEST
            )
    for who in PEOPLE:
        user = as_asked(people[who])
        for group in (None, riverside, hillside):
            for kind in ("", Event.Kind.PROTEST):
                cards = queries.upcoming_event_cards(user, group=group, kind=kind)
                assert isinstance(cards, queries.EventCards)
                shown = cards[0:100]
                by_rule = {
                    event
                    for event in events.values()
                    if user.has_perm("events.view_event", event)
                    and (group is None or event.group_id == group.pk)
                    and (not kind or event.kind == kind)
                }
                assert set(shown) == by_rule, (who, group, kind)
                by_orm = queries.upcoming_events(user, group=group, kind=kind)
                assert shown == list(by_orm), (who, group, kind)
                assert cards.count_up_to(100) == len(by_rule), (who, group, kind)


def test_get_event_for_agrees_with_view_event(people, events):
    """One event is read by its key and asked of the rule: 404 for the others."""
    for who in PEOPLE:
        user = as_asked(people[who])
        for event in events.values():
            try:
                found = queries.get_event_for(user, event.pk) == event
            except Http404:
                found = False
            assert found == user.has_perm("events.view_event", event), (who, event.title)


def test_attendees_visible_to_agrees_with_view_attendee_list(people, events):
    """Names of who is coming: the event's organisers with two-factor, nobody else."""
    for who in PEOPLE:
        user = as_asked(people[who])
        for (scope, visibility), event in events.items():
            rsvps = set(Rsvp.objects.filter(event=event))
            assert rsvps
            allowed = user.has_perm("events.view_attendee_list", event)
            assert allowed == (who in ORGANISING[scope]), (who, scope, visibility)
            shown = set(queries.attendees_visible_to(user, event))
            assert shown == (rsvps if allowed else set()), (who, scope, visibility)


def test_stewards_visible_to_agrees_with_view_attendee_list_or_going(people, events):
    """Stewards are named to the event's organisers (the rule) and to the people going."""
    for who in PEOPLE:
        user = as_asked(people[who])
        for (scope, visibility), event in events.items():
            rsvp = queries.rsvp_of(user, event)
            is_going = rsvp is not None and rsvp.status == Rsvp.Status.CONFIRMED
            assert is_going == (who == GOES[scope])
            organises = user.has_perm("events.view_attendee_list", event)
            assert organises == (who in ORGANISING[scope])
            shown = set(queries.stewards_visible_to(user, event, rsvp))
            expected = {people["dan"]} if organises or is_going else set()
            assert shown == expected, (who, scope, visibility)
