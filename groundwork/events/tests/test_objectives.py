"""Events work towards objectives of the platform: chosen by organisers, shown on the event's
page, and counted in the alliance's roll-up."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims import queries as aims_queries
from groundwork.aims.models import Objective
from groundwork.core.models import AuditEntry
from groundwork.events import actions
from groundwork.events.models import Event
from groundwork.events.tests.factories import event_values, plan_event

pytestmark = pytest.mark.django_db


def event_form(**values):
    starts = (timezone.localtime() + timedelta(days=10)).replace(hour=19, minute=0)
    return {
        "title": "Budget teach-in",
        "kind": "teach_in",
        "starts": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "Europe/London",
        "visibility": "public",
        "address": "Tooley Street",
        "capacity": "",
    } | values


def test_every_date_of_a_repeating_event_works_towards_the_objectives_alice_chose(
    alice, anon, riverside
):
    fifth = Objective.objects.get(number=5)
    until = (timezone.localdate() + timedelta(days=24)).isoformat()
    response = client_for(alice).post(
        reverse("events:create", args=["riverside"]),
        event_form(objectives=[fifth.pk], repeat="weekly", repeat_until=until),
    )
    assert response.status_code == 302
    events = Event.objects.filter(title="Budget teach-in")
    assert events.count() >= 2
    assert all(list(event.objectives.all()) == [fifth] for event in events)
    page = anon.get(events[0].get_absolute_url()).content.decode()
    assert "Works towards" in page and f"5. {fifth.title}" in page


def test_changing_an_events_objectives_is_in_the_audit_log(alice, riverside):
    event = plan_event(riverside, alice)
    second = Objective.objects.get(number=2)
    response = client_for(alice).post(
        reverse("events:edit", args=[event.pk]),
        event_form(title=event.title, objectives=[second.pk]),
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(verb="event.updated").latest("id")
    assert entry.old["objectives"] == [] and entry.new["objectives"] == [2]


def test_an_unknown_objective_is_refused_beside_the_field_and_the_rest_is_kept(alice, riverside):
    response = client_for(alice).post(
        reverse("events:create", args=["riverside"]), event_form(objectives=["9999"])
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_objectives_error"' in html and "9999 is not one of the" in html
    assert 'value="Budget teach-in"' in html
    assert not Event.objects.exists()


def test_the_rollup_counts_events_for_each_objective_but_not_cancelled_ones(riverside, alice):
    second = Objective.objects.filter(number=2)
    kept = actions.do_create_event(
        group=riverside, values=event_values(), objectives=second, acting_user=alice
    )
    members_only = event_values(visibility="members", title="Members meeting")
    actions.do_create_event(
        group=riverside, values=members_only, objectives=second, acting_user=alice
    )
    called_off = actions.do_create_event(
        group=riverside, values=event_values(), objectives=second, acting_user=alice
    )
    actions.check_cancel_event(called_off, reason="Rain", acting_user=alice)
    progress = {item.objective.number: item for item in aims_queries.rollup()}
    assert progress[2].contributions["Events"] == 2
    assert "Events" not in progress[1].contributions
    assert kept.objectives.get().number == 2
