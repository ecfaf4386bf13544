"""Correcting and removing a position's mandates and meetings: by those who may write them, with
a confirmation first, and never what the holders acted on or reported back from."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.accountability import actions
from groundwork.accountability.models import Mandate, Meeting, Position
from groundwork.accountability.tests.editing_factories import mandate_for, upcoming_meeting
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    hold_meeting,
    make_position,
    report,
)
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(riverside, alice, bob) -> Position:
    """Bob, Riverside's delegate to the regional assembly for the past year."""
    position = make_position(riverside, alice, "Delegate to the regional assembly", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=365))
    return position


@pytest.fixture
def spring(delegate, alice) -> Meeting:
    return upcoming_meeting(delegate, alice)


@pytest.fixture
def spring_mandate(delegate, alice, spring) -> Mandate:
    return mandate_for(delegate, alice, spring)


def url(name: str, pk: int) -> str:
    return reverse(f"accountability:{name}", args=(pk,))


def page_of(position: Position, user) -> str:
    return client_for(user).get(url("position", position.pk)).content.decode()


# Mandates


def test_alice_corrects_a_mandate_before_its_meeting_and_the_log_keeps_the_old_text(
    alice, spring_mandate
):
    actions.check_update_mandate(
        spring_mandate,
        title="Vote for the plan",
        text="Vote against the bus cuts.",
        meeting=spring_mandate.meeting,
        acting_user=alice,
    )
    spring_mandate.refresh_from_db()
    assert spring_mandate.text == "Vote against the bus cuts."
    entry = AuditEntry.objects.get(verb="mandate.updated")
    assert entry.old == {"text": "Vote for the winter plan; raise the bus cuts."}
    assert entry.new == {"text": "Vote against the bus cuts."}
    assert entry.actor == alice


def test_the_edit_form_saves_and_keeps_what_was_typed_on_error(alice, spring_mandate):
    client = client_for(alice)
    address = url("mandate_edit", spring_mandate.pk)
    page = client.get(address).content.decode()
    assert "Vote for the winter plan; raise the bus cuts." in page
    response = client.post(address, {"title": "A new title typed", "text": " "})
    assert response.status_code == 400
    assert 'value="A new title typed"' in response.content.decode()
    spring_mandate.refresh_from_db()
    assert spring_mandate.title == "Vote for the plan"
    response = client.post(
        address,
        {"title": "Vote for the plan", "text": "Abstain.", "meeting": spring_mandate.meeting_id},
    )
    assert response.status_code == 302
    spring_mandate.refresh_from_db()
    assert spring_mandate.text == "Abstain."


def test_a_mandate_for_a_meeting_already_held_stays_as_the_holders_were_given_it(
    alice, delegate, spring_mandate
):
    Meeting.objects.filter(pk=spring_mandate.meeting_id).update(held_on=timezone.localdate())
    with pytest.raises(ActionError, match="has been held"):
        actions.check_update_mandate(
            spring_mandate, title="Changed", text="Changed", acting_user=alice
        )
    with pytest.raises(ActionError, match="has been held"):
        actions.check_delete_mandate(spring_mandate, acting_user=alice)
    client = client_for(alice)
    assert client.get(url("mandate_edit", spring_mandate.pk)).status_code == 404
    assert client.post(url("mandate_delete", spring_mandate.pk)).status_code == 404
    assert Mandate.objects.filter(pk=spring_mandate.pk, title="Vote for the plan").exists()
    assert url("mandate_edit", spring_mandate.pk) not in page_of(delegate, alice)
    assert (
        not AuditEntry.objects.filter(verb__startswith="mandate.")
        .exclude(verb="mandate.written")
        .exists()
    )


def test_a_mandate_cannot_be_moved_to_a_meeting_already_held(alice, delegate, spring_mandate):
    last_week = hold_meeting(delegate, alice, days_ago=7)
    with pytest.raises(ActionError, match="has been held") as refused:
        actions.check_update_mandate(
            spring_mandate, title="Moved", text="Moved", meeting=last_week, acting_user=alice
        )
    assert refused.value.field == "meeting"


def test_a_mandate_for_every_meeting_with_report_backs_since_cannot_be_removed(
    alice, bob, delegate
):
    standing = mandate_for(delegate, alice, None, title="Always vote for the plan")
    report(hold_meeting(delegate, alice, days_ago=0), bob)
    client = client_for(alice)
    page = client.get(url("mandate_delete", standing.pk)).content.decode()
    assert "Holders have reported back under this mandate" in page
    assert 'class="danger"' not in page
    response = client.post(url("mandate_delete", standing.pk))
    assert response.status_code == 400
    assert "Holders have reported back under this mandate" in response.content.decode()
    assert Mandate.objects.filter(pk=standing.pk).exists()
    # It may still be corrected: the log keeps what the holders reported against.
    actions.check_update_mandate(standing, title="Always", text="Amended.", acting_user=alice)
    assert AuditEntry.objects.get(verb="mandate.updated").old["title"] == "Always vote for the plan"


def test_report_backs_from_before_a_mandate_was_written_do_not_hold_it(alice, bob, delegate):
    report(hold_meeting(delegate, alice, days_ago=20), bob)
    standing = mandate_for(delegate, alice, None, title="Written after the last meeting")
    assert client_for(alice).post(url("mandate_delete", standing.pk)).status_code == 302
    assert not Mandate.objects.filter(pk=standing.pk).exists()


def test_removing_a_mandate_asks_first_and_only_a_post_removes(alice, delegate, spring_mandate):
    client = client_for(alice)
    page = client.get(url("mandate_delete", spring_mandate.pk)).content.decode()
    assert "Vote for the winter plan; raise the bus cuts." in page and 'class="danger"' in page
    assert Mandate.objects.filter(pk=spring_mandate.pk).exists()
    response = client.post(url("mandate_delete", spring_mandate.pk))
    assert response.status_code == 302 and response["Location"] == url("position", delegate.pk)
    assert not Mandate.objects.filter(pk=spring_mandate.pk).exists()
    entry = AuditEntry.objects.get(verb="mandate.deleted")
    assert entry.old["title"] == "Vote for the plan" and entry.target_id == str(spring_mandate.pk)


def test_nobody_else_corrects_or_removes_a_mandate(bob, carol, dan, admin, spring_mandate):
    for user in (bob, carol, dan, admin):
        client = client_for(user)
        assert client.get(url("mandate_edit", spring_mandate.pk)).status_code == 404
        assert client.post(url("mandate_delete", spring_mandate.pk)).status_code == 404
        with pytest.raises(ActionError):
            actions.check_delete_mandate(spring_mandate, acting_user=user)
    assert Mandate.objects.filter(pk=spring_mandate.pk).exists()


# Meetings


def test_bob_the_holder_corrects_the_meeting_he_attends(bob, spring):
    response = client_for(bob).post(
        url("meeting_edit", spring.pk),
        {"title": "Spring assembly", "held_on": spring.held_on.isoformat(), "place": "Leeds"},
    )
    assert response.status_code == 302
    spring.refresh_from_db()
    assert spring.place == "Leeds"
    entry = AuditEntry.objects.get(verb="meeting.updated")
    assert entry.old == {"place": ""} and entry.new == {"place": "Leeds"} and entry.actor == bob


def test_a_meeting_day_is_fixed_once_a_holder_reported_back(alice, bob, delegate):
    held = hold_meeting(delegate, alice, days_ago=3)
    report(held, bob)
    response = client_for(alice).post(
        url("meeting_edit", held.pk),
        {"title": "Renamed assembly", "held_on": (held.held_on - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "its day cannot change" in html and 'value="Renamed assembly"' in html
    held.refresh_from_db()
    assert held.title == "Regional assembly"


def test_a_meeting_with_report_backs_is_not_removed(alice, bob, delegate):
    held = hold_meeting(delegate, alice, days_ago=3)
    report(held, bob)
    client = client_for(alice)
    page = client.get(url("meeting_delete", held.pk)).content.decode()
    assert "Holders have reported back from this meeting (1 report-backs)" in page
    assert 'class="danger"' not in page
    assert client.post(url("meeting_delete", held.pk)).status_code == 400
    assert Meeting.objects.filter(pk=held.pk).exists()
    assert not AuditEntry.objects.filter(verb="meeting.deleted").exists()


def test_removing_a_meeting_shows_and_removes_its_mandates(alice, delegate, spring, spring_mandate):
    client = client_for(alice)
    page = client.get(url("meeting_delete", spring.pk)).content.decode()
    assert "removed with it" in page and "Vote for the plan" in page
    response = client.post(url("meeting_delete", spring.pk))
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=spring.pk).exists()
    assert not Mandate.objects.filter(pk=spring_mandate.pk).exists()
    entry = AuditEntry.objects.get(verb="meeting.deleted")
    assert entry.old["mandates"] == [spring_mandate.pk] and entry.old["title"] == "Spring assembly"


def test_a_former_holder_and_outsiders_cannot_touch_a_meeting(alice, bob, carol, dan, spring):
    actions.check_step_down(spring.position, acting_user=bob)
    for user in (bob, carol, dan):
        client = client_for(user)
        assert client.get(url("meeting_edit", spring.pk)).status_code == 404
        assert client.post(url("meeting_delete", spring.pk)).status_code == 404
    assert Meeting.objects.filter(pk=spring.pk).exists()


def test_anon_is_sent_to_sign_in(anon, spring, spring_mandate):
    for address in (url("meeting_delete", spring.pk), url("mandate_edit", spring_mandate.pk)):
        response = anon.post(address)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Meeting.objects.filter(pk=spring.pk).exists()


def test_a_removal_page_answers_only_get_and_post(alice, spring):
    assert client_for(alice).put(url("meeting_delete", spring.pk)).status_code == 405
    assert Meeting.objects.filter(pk=spring.pk).exists()


# The position's page


def test_the_links_show_to_those_who_may_follow_them(alice, bob, delegate, spring_mandate):
    held = hold_meeting(delegate, alice, days_ago=2, title="Winter assembly")
    frozen = mandate_for(delegate, alice, held, title="Frozen mandate")
    alices = page_of(delegate, alice)
    assert url("mandate_edit", spring_mandate.pk) in alices
    assert url("mandate_delete", spring_mandate.pk) in alices
    assert url("mandate_edit", frozen.pk) not in alices
    assert url("meeting_edit", held.pk) in alices and url("meeting_delete", held.pk) in alices
    bobs = page_of(delegate, bob)
    assert url("mandate_edit", spring_mandate.pk) not in bobs
    assert url("meeting_edit", held.pk) in bobs


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_position_page_costs_the_same_at_1_10_and_100_mandates_and_meetings(
    riverside, alice, bob, who
):
    counts = {}
    for size in (1, 10, 100):
        position = make_position(riverside, alice, f"Delegate {size}", kind="delegate")
        appoint(position, alice, bob)
        for n in range(size):
            meeting = upcoming_meeting(position, alice, in_days=n + 1, title=f"Meeting {n:03d}")
            mandate_for(position, alice, meeting, title=f"Mandate {n:03d}")
        client = client_for(alice if who == "alice" else bob)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url("position", position.pk))
        html = response.content.decode()
        assert f"Mandate {size - 1:03d}" in html
        meeting = Meeting.objects.get(position=position, title=f"Meeting {size - 1:03d}")
        assert url("meeting_edit", meeting.pk) in html
        counts[size] = len(context.captured_queries)
    assert counts[1] == counts[10] == counts[100], counts


def test_the_meeting_removal_page_costs_the_same_at_1_10_and_100_mandates(riverside, alice, bob):
    counts = {}
    for size in (1, 10, 100):
        position = make_position(riverside, alice, f"Delegate {size}", kind="delegate")
        meeting = upcoming_meeting(position, alice)
        for n in range(size):
            mandate_for(position, alice, meeting, title=f"Mandate {n:03d}")
        client = client_for(alice)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url("meeting_delete", meeting.pk))
        assert f"Mandate {size - 1:03d}" in response.content.decode()
        counts[size] = len(context.captured_queries)
    assert counts[1] == counts[10] == counts[100], counts
