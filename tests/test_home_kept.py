"""The member's home page is kept per member and language (members.hooks.kept_home): each kind of
change to what it shows, made through the real action, shows at the next visit; what is one
member's never reaches another; the bell and the page around the sections stay per request."""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real

from conftest import client_for
from groundwork.aims.actions import (
    check_edit_task,
    check_set_task_status,
    do_adopt_platform,
    do_withdraw_platform_adoption,
)
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.core.tasks import apply_retention
from groundwork.democracy.tests.factories import close_voting, open_ballot, vote_for
from groundwork.events.actions import check_cancel_event, do_update_event
from groundwork.events.tests.factories import event_values, going, not_going, plan_event
from groundwork.groups.actions import (
    check_decide_join_request,
    check_join_group,
    check_leave_group,
    do_update_group,
    do_withdraw_join_request,
)
from groundwork.groups.models import JoinRequest
from groundwork.groups.tests.factories import UserFactory, join, make_organiser
from groundwork.members.actions.rights import check_erase_member
from groundwork.notifications.actions import do_mark_all_read, do_notify
from groundwork.notifications.models import Notification
from groundwork.projects.models import Shift
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db

HOME = reverse("members:home")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def visit(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def kept(client) -> str:
    """Visit twice: the second visit is served from the kept copy (the page asks only for the
    session, the user and the roles)."""
    visit(client)
    with CaptureQueriesContext(connection) as context:
        html = visit(client)
    assert len(context.captured_queries) == 3, [q["sql"] for q in context.captured_queries]
    return html


def test_the_second_visit_is_served_from_the_kept_copy(bob):
    client = client_for(bob)
    with CaptureQueriesContext(connection) as first:
        html = visit(client)
    assert len(first.captured_queries) > 3
    assert TOKEN.sub("", kept(client)) == TOKEN.sub("", html)


# --- The member's own rows -------------------------------------------------------------------


def test_an_answer_to_an_event_shows_and_so_does_taking_it_back(bob, alice, riverside, committed):
    event = plan_event(riverside, alice, title="Rent strike assembly")
    client = client_for(bob)
    assert "Going" not in kept(client)
    with committed():
        going(event, bob)
    assert "Going" in visit(client)
    kept(client)
    with committed():
        not_going(event, bob)
    assert "Going" not in visit(client)


def test_a_vote_takes_the_ballot_off_the_list(bob, alice, riverside, committed):
    with committed():
        ballot = open_ballot(riverside, alice, title="Occupy the steps", secret=False)
    client = client_for(bob)
    assert "Occupy the steps" in kept(client)
    with committed():
        vote_for(ballot, bob, choice="yes")
    assert "Occupy the steps" not in visit(client)


def test_a_task_given_to_the_member_shows(bob, alice, riverside, committed):
    goal = plan_goal(riverside, alice)
    task = give_task(goal, alice, owner=alice, title="Book the hall")
    client = client_for(bob)
    assert "Book the hall" not in kept(client)
    with committed():
        check_edit_task(
            task, title=task.title, owner=bob, due_on=None, status=task.status, acting_user=alice
        )
    assert "Book the hall" in visit(client)


def test_a_task_done_leaves_the_list(bob, alice, riverside, committed):
    goal = plan_goal(riverside, alice)
    task = give_task(goal, alice, owner=bob, title="Book the hall")
    client = client_for(bob)
    assert "Book the hall" in kept(client)
    with committed():
        check_set_task_status(task, status="done", acting_user=alice)
    assert "Book the hall" not in visit(client)


def test_a_notification_shows_and_goes_once_read(bob, committed):
    client = client_for(bob)
    assert "The hall is booked" not in kept(client)
    with committed():
        do_notify([bob.pk], key="test:hall", text="The hall is booked")
    assert "The hall is booked" in visit(client)
    kept(client)
    with committed():
        do_mark_all_read(bob, acting_user=bob)
    assert "The hall is booked" not in visit(client)


def test_a_notification_forgotten_after_its_time_leaves_the_list(bob, committed):
    with committed():
        do_notify([bob.pk], key="test:old", text="Last year's news")
    old = timezone.now() - timedelta(days=400)
    Notification.objects.filter(user=bob).update(created_at=old)  # as if sent last year
    client = client_for(bob)
    assert "Last year&#x27;s news" in kept(client)
    with committed():
        apply_retention.call()
    assert "Last year&#x27;s news" not in visit(client)


def test_a_request_decided_by_another_organiser_leaves_the_list(alice, hillside, carol, committed):
    other = UserFactory(display_name="Ola")
    make_organiser(hillside, other)
    make_organiser(hillside, alice)
    newcomer = UserFactory(display_name="Nia Newcomer")
    with committed():
        check_join_group(hillside, acting_user=newcomer)
    client = client_for(alice)
    assert "Nia Newcomer asks to join" in kept(client)
    with committed():
        check_decide_join_request(
            JoinRequest.objects.get(user=newcomer), approve=True, acting_user=other
        )
    assert "Nia Newcomer asks to join" not in visit(client)


def test_an_erased_member_is_no_longer_named_in_anothers_notifications(alice, hillside, committed):
    make_organiser(hillside, alice)
    newcomer = UserFactory(display_name="Nia Newcomer")
    newcomer.set_password("a long enough password")
    newcomer.save()
    with committed():
        check_join_group(hillside, acting_user=newcomer)
    client = client_for(alice)
    assert "Nia Newcomer asks to join" in kept(client)
    with committed():
        check_erase_member(newcomer, password="a long enough password", acting_user=newcomer)
    html = visit(client)
    assert "Nia Newcomer" not in html and "a former member asks to join" in html


def test_adopting_the_platform_ends_the_prompt_and_withdrawing_brings_it_back(bob, committed):
    client = client_for(bob)
    assert "Read and adopt the platform" in kept(client)
    with committed():
        do_adopt_platform(bob, acting_user=bob)
    assert "Read and adopt the platform" not in visit(client)
    kept(client)
    with committed():
        do_withdraw_platform_adoption(bob, acting_user=bob)
    assert "Read and adopt the platform" in visit(client)


def test_a_request_to_join_shows_until_withdrawn(bob, hillside, committed):
    client = client_for(bob)
    assert "Waiting for an organiser" not in kept(client)
    with committed():
        check_join_group(hillside, acting_user=bob)
    assert "Waiting for an organiser" in visit(client)
    kept(client)
    with committed():
        do_withdraw_join_request(JoinRequest.objects.get(user=bob), acting_user=bob)
    assert "Waiting for an organiser" not in visit(client)


def test_joining_and_leaving_a_group_show(bob, riverside, committed):
    client = client_for(bob)
    assert "Riverside" in kept(client)
    with committed():
        check_leave_group(riverside, acting_user=bob)
    assert "You are not in a group yet." in visit(client)
    kept(client)
    with committed():
        check_join_group(riverside, acting_user=bob)
    assert "You are not in a group yet." not in visit(client)


# --- What the member's groups show -----------------------------------------------------------


@pytest.mark.parametrize("secret", [False, True], ids=["counted at once", "left to tellers"])
def test_a_ballot_opened_and_closed_in_the_group_shows(bob, alice, riverside, committed, secret):
    client = client_for(bob)
    assert "Occupy the steps" not in kept(client)
    with committed():
        ballot = open_ballot(riverside, alice, title="Occupy the steps", secret=secret)
    assert "Occupy the steps" in visit(client)
    kept(client)
    with committed():
        close_voting(ballot)
    assert "Occupy the steps" not in visit(client)


def test_an_alliance_ballot_opened_shows(bob, admin, committed):
    client = client_for(bob)
    assert "Elect the delegates" not in kept(client)
    with committed():
        open_ballot(None, admin, title="Elect the delegates", secret=False, electorate="alliance")
    assert "Elect the delegates" in visit(client)


def test_an_event_created_edited_and_cancelled_in_the_group_shows(bob, alice, riverside, committed):
    client = client_for(bob)
    assert "Rent strike assembly" not in kept(client)
    with committed():
        event = plan_event(riverside, alice, title="Rent strike assembly")
    assert "Rent strike assembly" in visit(client)
    kept(client)
    with committed():
        do_update_event(
            event,
            values=event_values(title="Tenants' assembly"),
            stewards=[],
            acting_user=alice,
        )
    assert "Tenants&#x27; assembly" in visit(client)
    with committed():
        going(event, bob)
    kept(client)
    with committed():
        check_cancel_event(event, reason="", acting_user=alice)
    assert "Cancelled" in visit(client)


def test_an_event_the_member_answered_in_another_group_shows_its_edit(
    bob, carol, hillside, committed
):
    organiser = UserFactory()
    make_organiser(hillside, organiser)
    event = plan_event(hillside, organiser, title="Open day")
    with committed():
        going(event, bob)
    client = client_for(bob)
    assert "Open day" in kept(client)
    same_time = event_values(title="Open house", starts_at=event.starts_at)  # nobody is told
    with committed():
        do_update_event(event, values=same_time, stewards=[], acting_user=organiser)
    assert "Open house" in visit(client)


def test_an_event_over_leaves_the_list_by_time_alone(bob, alice, riverside):
    now = timezone.now()
    plan_event(
        riverside,
        alice,
        title="Short vigil",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(seconds=2),
    )
    client = client_for(bob)
    assert "Short vigil" in visit(client)
    time.sleep(2.1)
    assert "Short vigil" not in visit(client)


def test_a_shift_over_leaves_the_list_by_time_alone(bob, alice, riverside):
    project = start_project(riverside, alice)
    now = timezone.now()
    shift = Shift.objects.create(
        project=project,
        title="Night kitchen",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(seconds=2),
        places=3,
    )
    sign_up(shift, bob)
    client = client_for(bob)
    assert "Night kitchen" in visit(client)
    time.sleep(2.1)
    assert "Night kitchen" not in visit(client)


def test_a_shift_signed_up_for_shows(bob, alice, riverside, committed):
    shift = add_shift(start_project(riverside, alice), alice)
    client = client_for(bob)
    assert "Saturday kitchen" not in kept(client)
    with committed():
        sign_up(shift, bob)
    assert "Saturday kitchen" in visit(client)


def test_the_group_renamed_shows(bob, alice, riverside, committed):
    client = client_for(bob)
    assert "Riverside" in kept(client)
    with committed():
        do_update_group(
            riverside,
            values={"name": "Bankside"},
            districts=list(riverside.postcode_districts.values_list("district", flat=True)),
            acting_user=alice,
        )
    assert "Bankside" in visit(client)


def test_another_member_joining_or_leaving_changes_the_count(bob, riverside, committed):
    client = client_for(bob)
    assert "1 member<" in kept(client)
    newcomer = UserFactory()
    with committed():
        join(riverside, newcomer)
    assert "2 members" in visit(client)
    kept(client)
    with committed():
        check_leave_group(riverside, acting_user=newcomer)
    assert "1 member<" in visit(client)


# --- Privacy, languages and what stays per request -------------------------------------------


def test_one_members_kept_page_never_reaches_another(bob, alice, riverside, committed):
    with committed():
        do_notify([bob.pk], key="test:private", text="Only for Bob")
    bob_client, alice_client = client_for(bob), client_for(alice)
    assert "Only for Bob" in kept(bob_client)
    assert "Only for Bob" not in kept(alice_client)
    event = plan_event(riverside, alice, title="Rent strike assembly")
    kept(alice_client)
    with committed():
        going(event, bob)
    assert "Going" in visit(bob_client)
    assert "Going" not in visit(alice_client)


class PseudoWelsh:
    """Stands in for the Welsh catalogue (it has no translations yet): every message marked."""

    def gettext(self, message: str) -> str:
        return f"[cy]{message.split(chr(4))[-1]}"

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return self.gettext(singular if number == 1 else plural)

    def language(self) -> str:
        return "cy"

    def to_language(self) -> str:
        return "cy"


def test_welsh_and_english_are_kept_apart(bob, monkeypatch):
    monkeypatch.setitem(trans_real._translations, "cy", PseudoWelsh())  # type: ignore[attr-defined]
    client = client_for(bob)
    english = kept(client)
    with translation.override("cy"):
        welsh = kept(client)
    assert "[cy]My groups" in welsh and "[cy]" not in english
    assert "[cy]" not in kept(client)


def test_the_bell_counts_at_each_request(bob):
    client = client_for(bob)
    kept(client)
    # Written without the actions: the kept sections do not know, the bell does.
    Notification.objects.create(user=bob, key="test:quiet", text="Quiet news")
    html = visit(client)
    assert "Quiet news" not in html
    assert "Notifications, 1 unread" in html


def test_the_sign_out_token_is_drawn_at_each_request(bob):
    client = client_for(bob)
    tokens = [TOKEN.search(kept(client)) for _ in range(2)]
    assert tokens[0] and tokens[1]
    assert tokens[0].group(1) != tokens[1].group(1)  # masked afresh for each response


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
