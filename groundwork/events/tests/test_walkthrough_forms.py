"""What the walk-through found in the events forms: capacity 0 and capacity below the places
taken are refused at the field; a conference's sessions fall within its dates; the programme
has a heading for each day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.events import actions
from groundwork.events.models import Event
from groundwork.events.tests.factories import event_values, fill_up, plan_event

pytestmark = pytest.mark.django_db

LOCAL = "%Y-%m-%dT%H:%M"


def form_data(event: Event, **changes) -> dict:
    """The edit form's fields as the organiser's browser sends them back, with `changes`."""
    data = {
        "title": event.title,
        "kind": event.kind,
        "starts": event.local_start.strftime(LOCAL),
        "ends": event.local_end.strftime(LOCAL),
        "time_zone": event.time_zone,
        "visibility": event.visibility,
        "venue": event.venue,
        "address": event.address,
        "postcode": event.postcode,
        "capacity": "" if event.capacity is None else str(event.capacity),
    }
    return data | changes


def test_a_capacity_of_0_is_refused_at_the_field_and_empty_means_no_limit(alice, riverside):
    event = plan_event(riverside, alice, capacity=10)
    url = reverse("events:edit", args=[event.pk])
    response = client_for(alice).post(url, form_data(event, capacity="0"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "capacity": ["Give at least 1 place, or leave it empty for no limit."]
    }
    event.refresh_from_db()
    assert event.capacity == 10
    assert client_for(alice).post(url, form_data(event, capacity="")).status_code == 302
    event.refresh_from_db()
    assert event.capacity is None


def test_a_capacity_of_0_is_refused_on_a_new_event_too(alice, riverside):
    starts = (timezone.localtime() + timedelta(days=10)).replace(hour=18, minute=0)
    data = {
        "title": "Tenants' meeting",
        "kind": "meeting",
        "starts": starts.strftime(LOCAL),
        "ends": (starts + timedelta(hours=2)).strftime(LOCAL),
        "time_zone": "Europe/London",
        "visibility": "public",
        "address": "Tooley Street",
        "capacity": "0",
    }
    response = client_for(alice).post(reverse("events:create", args=["riverside"]), data)
    assert response.status_code == 400
    assert "at least 1 place" in response.context["form"].errors["capacity"][0]
    assert not Event.objects.filter(title="Tenants' meeting").exists()


def test_cutting_the_capacity_below_the_places_taken_is_refused_at_the_field(alice, riverside):
    event = plan_event(riverside, alice, capacity=10)
    fill_up(event, 4, group=riverside)
    url = reverse("events:edit", args=[event.pk])
    response = client_for(alice).post(url, form_data(event, capacity="3"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "capacity": ["4 people already have a place, so the capacity must be at least 4."]
    }
    assert "4 people already have a place" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 10
    assert client_for(alice).post(url, form_data(event, capacity="4")).status_code == 302
    event.refresh_from_db()
    assert event.capacity == 4


def test_the_action_refuses_too_when_places_were_taken_after_the_form_was_checked(alice, riverside):
    from groundwork.core.errors import ActionError

    event = plan_event(riverside, alice, capacity=10)
    fill_up(event, 2, group=riverside)
    with pytest.raises(ActionError) as refusal:
        actions.do_update_event(
            event, values=event_values(capacity=1), stewards=[], acting_user=alice
        )
    assert refusal.value.field == "capacity"
    event.refresh_from_db()
    assert event.capacity == 10


@pytest.fixture
def conference(admin):
    starts = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=20)
    return plan_event(
        None,
        admin,
        title="Annual conference",
        kind="conference",
        starts_at=starts,
        ends_at=starts + timedelta(days=1, hours=8),
    )


def session_data(day, start: str, end: str, title: str = "Housing") -> dict:
    return {"title": title, "starts": f"{day}T{start}", "ends": f"{day}T{end}"}


def test_a_session_outside_the_conference_is_refused_at_the_field(admin, conference):
    url = reverse("events:add_session", args=[conference.pk])
    first = conference.local_start.date()
    before = first - timedelta(days=1)
    response = client_for(admin).post(url, session_data(before, "10:00", "11:00"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["starts"][0].startswith("The session must start during the conference: it runs")
    assert errors["ends"][0].startswith("The session must end during the conference")
    # Starting on the last day but running past the end.
    last = conference.local_end.date()
    end = (conference.local_end + timedelta(hours=1)).strftime("%H:%M")
    response = client_for(admin).post(url, session_data(last, "16:00", end))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["ends"]
    assert not conference.sessions.exists()


def test_the_programme_has_a_heading_for_each_day(admin, conference, anon):
    url = reverse("events:add_session", args=[conference.pk])
    first = conference.local_start.date()
    second = first + timedelta(days=1)
    for data in (
        session_data(second, "10:00", "11:00", "Organising at work"),
        session_data(first, "10:00", "11:00", "Housing"),
        session_data(first, "14:00", "15:00", "Health"),
    ):
        assert client_for(admin).post(url, data).status_code == 302
    page = anon.get(conference.get_absolute_url()).content.decode()
    first_heading = (
        f'<h3 id="programme-{first.isoformat()}">{first:%A} {first.day} {first:%B %Y}</h3>'
    )
    second_heading = (
        f'<h3 id="programme-{second.isoformat()}">{second:%A} {second.day} {second:%B %Y}</h3>'
    )
    assert first_heading in page and second_heading in page
    order = [
        page.index(text)
        for text in (first_heading, "Housing", "Health", second_heading, "Organising at work")
    ]
    assert order == sorted(order)
