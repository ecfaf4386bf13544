"""Event pages for each member of the cast: who sees what, who may organise, forms that keep input."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.events.models import Event, Rsvp
from groundwork.events.tests.factories import going, plan_event

pytestmark = pytest.mark.django_db

CAST = ["anon", "dan", "bob", "carol", "alice", "admin"]


@pytest.fixture
def clients(anon, dan, bob, carol, alice, admin):
    people = {"dan": dan, "bob": bob, "carol": carol, "alice": alice, "admin": admin}
    return {"anon": anon} | {name: client_for(user) for name, user in people.items()}


@pytest.fixture
def events(riverside, alice, admin):
    return {
        "public": plan_event(riverside, alice, title="Public meeting"),
        "alliance": plan_event(riverside, alice, title="Alliance teach-in", visibility="alliance"),
        "members": plan_event(riverside, alice, title="Members meeting", visibility="members"),
        "conference": plan_event(None, admin, title="Conference", kind="conference"),
    }


# Who sees each event's page (a forbidden event answers 404, like a missing one).
SEES = {
    "public": {"anon", "dan", "bob", "carol", "alice", "admin"},
    "alliance": {"bob", "carol", "alice", "admin"},
    "members": {"bob", "alice"},
    "conference": {"anon", "dan", "bob", "carol", "alice", "admin"},
}


@pytest.mark.parametrize("which", SEES)
@pytest.mark.parametrize("who", CAST)
def test_an_event_page_is_seen_by_those_it_is_for(clients, events, which, who):
    response = clients[who].get(events[which].get_absolute_url())
    assert response.status_code == (200 if who in SEES[which] else 404)
    listed = clients[who].get(reverse("events:list"))
    assert (events[which].title in listed.content.decode()) == (who in SEES[which])


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anon", 302), ("dan", 404), ("bob", 404), ("carol", 404), ("alice", 200), ("admin", 404)],
)
def test_only_riversides_organiser_opens_the_new_event_form_of_riverside(clients, who, expected):
    assert clients[who].get(reverse("events:create", args=["riverside"])).status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anon", 302), ("dan", 404), ("bob", 404), ("carol", 404), ("alice", 404), ("admin", 200)],
)
def test_only_coordinators_open_the_alliance_event_form(clients, who, expected):
    assert clients[who].get(reverse("events:create_alliance")).status_code == expected


ORGANISER_PAGES = ["events:edit", "events:cancel", "events:attendees", "events:check_in"]


@pytest.mark.parametrize("name", ORGANISER_PAGES)
@pytest.mark.parametrize("who", CAST)
def test_organiser_pages_of_a_group_event_are_for_its_organiser_only(clients, events, name, who):
    response = clients[who].get(reverse(name, args=[events["public"].pk]))
    expected = {"anon": 302, "alice": 200}.get(who, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("who", CAST)
def test_organiser_pages_of_an_alliance_event_are_for_coordinators(clients, events, who):
    response = clients[who].get(reverse("events:attendees", args=[events["conference"].pk]))
    assert response.status_code == {"anon": 302, "admin": 200}.get(who, 404)


def test_alice_creates_a_protest_and_sees_it(clients, bob):
    starts = (timezone.localtime() + timedelta(days=10)).replace(hour=11, minute=0)
    data = {
        "title": "March for homes",
        "kind": "protest",
        "starts": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "Europe/London",
        "visibility": "public",
        "address": "Tooley Street",
        "postcode": "se1 2qh",
        "meeting_point": "The estate's community centre",
        "legal_support": "07946 541 511",
        "stewards": [bob.pk],
        "capacity": "",
    }
    response = clients["alice"].post(reverse("events:create", args=["riverside"]), data)
    event = Event.objects.get(title="March for homes")
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert event.starts_at.astimezone(event.zone).hour == 11
    assert event.postcode == "SE1 2QH" and event.postcode_district == "SE1"
    assert list(event.stewards.all()) == [bob]
    page = clients["alice"].get(event.get_absolute_url()).content.decode()
    assert "The estate&#x27;s community centre" in page and "Bob" in page


def test_a_form_with_mistakes_says_what_is_wrong_next_to_the_field_and_keeps_the_input(clients):
    data = {
        "title": "Budget teach-in",
        "kind": "teach_in",
        "starts": "2030-03-14T19:00",
        "ends": "2030-03-14T18:00",
        "time_zone": "Europe/London",
        "visibility": "public",
        "postcode": "XYZ 123",
        "latitude": "51.5",
    }
    response = clients["alice"].post(reverse("events:create", args=["riverside"]), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["ends"] == ["The event must end after it starts."]
    assert "UK postcode" in form.errors["postcode"][0]
    assert form.errors["longitude"] == ["Give both latitude and longitude, or neither."]
    html = response.content.decode()
    assert 'value="Budget teach-in"' in html and 'value="2030-03-14T19:00"' in html
    assert not Event.objects.filter(title="Budget teach-in").exists()


def test_a_reshown_event_form_keeps_each_choice_and_tells_each_mistake_inside_its_field(clients):
    """The form's fields are written out by core.forms: a select keeps its choice, and the error
    sits in the field's own block, which the input names as describing it."""
    data = {
        "title": "Budget teach-in",
        "kind": "teach_in",
        "starts": "2030-03-14T19:00",
        "ends": "2030-03-14T18:00",
        "time_zone": "America/Sao_Paulo",
        "visibility": "public",
        "address": "1 High Street",
        "description": "Bring <questions> & snacks",
    }
    html = (
        clients["alice"].post(reverse("events:create", args=["riverside"]), data).content.decode()
    )
    ends = html[html.index('<label for="id_ends">') :]
    ends = ends[: ends.index("</div>")]
    assert (
        '<ul class="errorlist" id="id_ends_error"><li>The event must end after it starts.' in ends
    )
    assert (
        'value="2030-03-14T18:00" required aria-invalid="true" aria-describedby="id_ends_error"'
        in ends
    )
    assert '<option value="teach_in" selected>' in html
    assert '<option value="America/Sao_Paulo" selected>' in html
    assert ">\nBring &lt;questions&gt; &amp; snacks</textarea>" in html


def test_a_time_the_clocks_skip_is_refused(clients):
    data = {
        "title": "Spring meeting",
        "kind": "meeting",
        "starts": "2030-03-31T01:30",  # the clocks go from 01:00 to 02:00 in London
        "ends": "2030-03-31T03:00",
        "time_zone": "Europe/London",
        "visibility": "public",
        "online_url": "https://meet.example.org/spring",
    }
    response = clients["alice"].post(reverse("events:create", args=["riverside"]), data)
    assert "does not exist" in response.context["form"].errors["starts"][0]


def test_a_weekly_meeting_becomes_one_event_per_week_at_the_same_local_time(clients):
    data = {
        "title": "Weekly meeting",
        "kind": "meeting",
        "starts": "2030-03-20T19:00",
        "ends": "2030-03-20T20:30",
        "time_zone": "Europe/London",
        "visibility": "members",
        "online_url": "https://meet.example.org/weekly",
        "repeat": "weekly",
        "repeat_until": "2030-04-10",
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("groundwork.events.forms.SERIES_HORIZON_DAYS", 365 * 10)
        response = clients["alice"].post(reverse("events:create", args=["riverside"]), data)
    assert response.status_code == 302
    occurrences = Event.objects.filter(title="Weekly meeting").order_by("starts_at")
    local = [event.starts_at.astimezone(event.zone) for event in occurrences]
    assert [(moment.day, moment.hour) for moment in local] == [
        (20, 19),
        (27, 19),
        (3, 19),
        (10, 19),
    ]
    # The clocks go forward on 31 March 2030: the same 7pm is then an hour earlier in UTC.
    assert [event.starts_at.hour for event in occurrences] == [19, 19, 18, 18]
    assert len({event.series_id for event in occurrences}) == 1


def test_bob_goes_and_cancels_through_the_buttons(clients, events, bob):
    event = events["public"]
    response = clients["bob"].post(reverse("events:rsvp", args=[event.pk]))
    assert response.status_code == 302
    assert Rsvp.objects.get(event=event, user=bob).status == "confirmed"
    assert "You are going" in clients["bob"].get(event.get_absolute_url()).content.decode()
    clients["bob"].post(reverse("events:cancel_rsvp", args=[event.pk]))
    assert Rsvp.objects.get(event=event, user=bob).status == "cancelled"


def test_carol_cannot_answer_riversides_members_only_event(clients, events, carol):
    response = clients["carol"].post(reverse("events:rsvp", args=[events["members"].pk]))
    assert response.status_code == 404
    assert not Rsvp.objects.filter(user=carol).exists()


def test_public_pages_show_counts_and_never_names(clients, events, bob, carol):
    event = events["public"]
    going(event, bob)
    going(event, carol)
    for who in ("anon", "dan", "bob", "carol"):
        html = clients[who].get(event.get_absolute_url()).content.decode()
        assert "2 going" in html or ">2<" in html
        assert "Carol" not in html
    attendees = clients["alice"].get(reverse("events:attendees", args=[event.pk])).content.decode()
    assert "Bob" in attendees and "Carol" in attendees


def test_stewards_are_named_only_to_people_going_and_organisers(
    clients, riverside, alice, bob, carol
):
    protest = plan_event(riverside, alice, kind="protest", stewards=[bob], title="March")
    assert "Bob" not in clients["anon"].get(protest.get_absolute_url()).content.decode()
    assert "Bob" not in clients["carol"].get(protest.get_absolute_url()).content.decode()
    going(protest, carol)
    assert "Bob" in clients["carol"].get(protest.get_absolute_url()).content.decode()
    assert "Bob" in clients["alice"].get(protest.get_absolute_url()).content.decode()


def test_alice_checks_bob_in_from_her_phone(clients, events, bob):
    rsvp = going(events["public"], bob)
    url = reverse("events:check_in", args=[events["public"].pk])
    response = clients["alice"].post(url, {"rsvp": rsvp.pk, "present": "yes"})
    assert response.status_code == 302
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is not None
    assert "Arrived" in clients["alice"].get(url).content.decode()


def test_alice_cannot_check_in_through_an_event_of_another_group(clients, hillside, carol, admin):
    from groundwork.groups.tests.factories import make_organiser

    other = plan_event(hillside, None, title="Hillside social")
    rsvp = going(other, carol)
    make_organiser(hillside, admin)
    url = reverse("events:check_in", args=[other.pk])
    assert clients["alice"].post(url, {"rsvp": rsvp.pk, "present": "yes"}).status_code == 404
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


def test_alice_cancels_an_event_with_a_reason(clients, events, bob):
    going(events["public"], bob)
    url = reverse("events:cancel", args=[events["public"].pk])
    response = clients["alice"].post(url, {"reason": "Storm warning"})
    assert response.status_code == 302
    page = clients["bob"].get(events["public"].get_absolute_url()).content.decode()
    assert "This event is cancelled" in page and "Storm warning" in page


def test_conference_sessions_are_added_in_the_events_time_zone(clients, events):
    conference = events["conference"]
    # A day-long conference, from 09:00 where it is held: its sessions must fall within it.
    opening = conference.local_start.replace(hour=9, minute=0, second=0, microsecond=0)
    Event.objects.filter(pk=conference.pk).update(
        starts_at=opening, ends_at=opening + timedelta(hours=8)
    )
    conference.refresh_from_db()
    day = conference.local_start.date().isoformat()
    url = reverse("events:add_session", args=[conference.pk])
    data = {
        "title": "Housing",
        "track": "Main hall",
        "speakers": "Alice",
        "starts": f"{day}T11:00",
        "ends": f"{day}T12:00",
    }
    assert clients["admin"].post(url, data).status_code == 302
    session = conference.sessions.get()
    assert session.starts_at.astimezone(conference.zone).hour == 11
    page = clients["anon"].get(conference.get_absolute_url()).content.decode()
    assert "Housing" in page and "11:00" in page


def test_the_home_page_lists_bobs_upcoming_events(clients, events, bob):
    going(events["public"], bob)
    page = clients["bob"].get(reverse("members:home")).content.decode()
    assert "Your upcoming events" in page and "Public meeting" in page


def test_the_list_filters_by_kind_and_area(clients, riverside, hillside, alice):
    plan_event(riverside, alice, title="Riverside protest", kind="protest")
    plan_event(hillside, None, title="Hillside social", kind="social", postcode="SE13 6LG")
    by_kind = clients["anon"].get(reverse("events:list"), {"kind": "protest"}).content.decode()
    assert "Riverside protest" in by_kind and "Hillside social" not in by_kind
    by_area = clients["anon"].get(reverse("events:list"), {"area": "SE13"}).content.decode()
    assert "Hillside social" in by_area and "Riverside protest" not in by_area
    by_group = clients["anon"].get(reverse("events:list"), {"group": "hillside"}).content.decode()
    assert "Hillside social" in by_group and "Riverside protest" not in by_group


def test_the_map_lists_groups_and_events_without_javascript(clients, riverside, alice):
    riverside.latitude, riverside.longitude = "51.50280", "-0.08760"
    riverside.save()
    plan_event(riverside, alice, title="On the map")
    html = clients["anon"].get(reverse("events:map")).content.decode()
    assert "On the map" in html and "Riverside" in html and 'id="map-points"' in html


def test_an_event_longer_than_two_weeks_is_refused_and_the_form_kept(clients):
    data = {
        "title": "Month of action",
        "kind": "protest",
        "starts": "2030-03-01T10:00",
        "ends": "2030-03-31T18:00",
        "time_zone": "Europe/London",
        "visibility": "public",
        "postcode": "SE15 4AB",
    }
    response = clients["alice"].post(reverse("events:create", args=["riverside"]), data)
    assert response.status_code == 400
    assert "at most 14 days" in response.context["form"].errors["ends"][0]
    assert 'value="2030-03-31T18:00"' in response.content.decode()
    assert not Event.objects.filter(title="Month of action").exists()


def test_an_event_already_under_way_is_still_listed(clients, riverside, alice):
    event = plan_event(riverside, alice, title="Weekend occupation")
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() + timedelta(days=1)
    )
    assert "Weekend occupation" in clients["anon"].get(reverse("events:list")).content.decode()


def test_a_very_long_list_says_more_than_it_counts(clients, riverside, monkeypatch):
    # The count stops at the paginator's cap (1,000); a small cap shows the same behaviour.
    from groundwork.core.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "default_cap", 30)
    starts = timezone.now() + timedelta(days=3)
    Event.objects.bulk_create(
        Event(
            group=riverside,
            title=f"Stall {n}",
            kind="community",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            time_zone="Europe/London",
            visibility="public",
        )
        for n in range(31)
    )
    page = clients["anon"].get(reverse("events:list")).content.decode()
    assert "More than 30 events: choose a kind or an area" in page
    assert "Page 1 of 2" in page


def test_the_kind_filter_keeps_the_chosen_kind_and_explains_an_unknown_one(clients):
    chosen = clients["anon"].get(reverse("events:list"), {"kind": "protest"}).content.decode()
    assert '<option value="protest" selected>Protest or march</option>' in chosen
    unknown = clients["anon"].get(reverse("events:list"), {"kind": "rave"}).content.decode()
    assert "rave is not one of the available choices" in unknown
    assert 'aria-invalid="true" aria-describedby="id_kind_error"' in unknown
    assert 'id="id_kind_error"' in unknown
