"""An event's page keeps what everyone who may see the event sees (`hooks.EVENT_PAGES`): each
change shows at the next request, the reader's own part (their answer, the stewards, an
organiser's buttons) never reaches the kept copy, and who may see the event is still asked."""

from datetime import timedelta

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims.tests.factories import objective
from groundwork.events import actions
from groundwork.events.hooks import EVENT_PAGES
from groundwork.events.models import Event
from groundwork.events.tests.factories import event_values, going, plan_event
from groundwork.groups.actions import do_update_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def page_of(client, event: Event) -> str:
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def conference(admin):
    return plan_event(None, admin, title="Alliance conference", kind="conference")


def add_session(conference: Event, admin, title: str):
    starts = conference.starts_at + timedelta(minutes=30)
    values = {
        "title": title,
        "track": "Main hall",
        "speakers": "Alice",
        "room": "",
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=30),
    }
    return actions.do_add_session(conference, values=values, acting_user=admin)


def test_a_session_added_or_removed_shows_at_the_next_request(conference, admin, anon, committed):
    assert "The programme will be published soon." in page_of(anon, conference)
    with committed():
        session = add_session(conference, admin, "Housing panel")
    assert "Housing panel" in page_of(anon, conference)
    with committed():
        actions.do_remove_session(session, acting_user=admin)
    assert "Housing panel" not in page_of(anon, conference)


def test_an_edit_an_answer_and_a_renamed_group_show_at_the_next_request(
    riverside, alice, bob, anon, committed
):
    event = plan_event(riverside, alice, title="Street stall", capacity=10)
    assert "0 of 10 places" in page_of(anon, event)
    going(event, bob)
    assert "1 of 10 places" in page_of(anon, event)
    values = event_values(title="Street stall", capacity=10, description="Bring *leaflets*.")
    with committed():
        actions.do_update_event(
            event, values=values, stewards=[], objectives=[objective(1)], acting_user=alice
        )
    page = page_of(anon, event)
    assert "<em>leaflets</em>" in page and f"{objective(1).number}. {objective(1).title}" in page
    with committed():
        do_update_group(
            riverside, values={"name": "Riverside Renters"}, districts=[], acting_user=alice
        )
    assert "Riverside Renters" in page_of(anon, event)
    with committed():
        actions.check_cancel_event(event, reason="Rain", acting_user=alice)
    assert "This event is cancelled" in page_of(anon, event)


def test_the_readers_own_part_never_reaches_the_kept_copy(riverside, alice, bob, dan, anon):
    protest = plan_event(riverside, alice, title="March", kind="protest", stewards=[dan])
    going(protest, bob)
    bobs = page_of(client_for(bob), protest)
    assert "You are going." in bobs and dan.name in bobs
    page = page_of(anon, protest)
    assert "You are going." not in page and dan.name not in page
    assert "Sign in" in page


def test_an_organisers_programme_buttons_are_theirs_alone(conference, admin, anon):
    add_session(conference, admin, "Housing panel")
    EVENT_PAGES.forget()  # the session was added outside a commit
    organisers = page_of(client_for(admin), conference)
    assert "Remove<span" in organisers and "Housing panel" in organisers
    page = page_of(anon, conference)
    assert "Housing panel" in page and "Remove<span" not in page


def test_a_kept_members_only_event_is_still_hidden_from_others(riverside, alice, bob, carol, anon):
    event = plan_event(riverside, alice, title="Members meeting", visibility="members")
    assert "Members meeting" in page_of(client_for(bob), event)
    url = reverse("events:detail", args=[event.pk])
    assert client_for(carol).get(url).status_code == 404
    assert anon.get(url).status_code == 404
