"""A group's page as its members and organisers see it: the sections are kept per group and kind
of reader (the public, members of other groups, the group's members, its organisers), so what
one kind may see never reaches another, nothing that is one person's reaches anyone else, and
each kind of change to the members' sections shows at the next request."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims.actions import check_edit_task, check_set_task_status, do_delete_task
from groundwork.aims.tests.factories import adopt, give_task, plan_goal
from groundwork.democracy.actions import (
    BallotSpec,
    check_cancel_ballot,
    check_open_proposal_vote,
    do_count_sealed_ballot,
    do_create_proposal,
    do_lapse_if_stale,
    do_log_decision,
    do_submit_proposal,
    do_withdraw_proposal,
)
from groundwork.democracy.models import Proposal
from groundwork.democracy.tests.factories import close_voting, give_shares, open_ballot
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

PAGE = reverse("groups:detail", args=["riverside"])


def visit(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def section(html: str, heading_id: str) -> str:
    """The section of the page labelled by `heading_id` ("" when the page has none)."""
    found = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return found.group(0) if found else ""


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def proposal_in_discussion(riverside, bob, title="Rent strike") -> Proposal:
    return do_create_proposal(
        group=riverside, title=title, body="Now.", submit=True, acting_user=bob
    )


# --- Who sees what --------------------------------------------------------------------------


def test_each_kind_of_reader_sees_what_it_may_whoever_came_first(
    riverside, hillside, alice, bob, carol, dan, admin, anon
):
    plan_event(riverside, alice, title="Street stall")
    plan_event(riverside, alice, title="Alliance social", visibility=Event.Visibility.ALLIANCE)
    plan_event(riverside, alice, title="Members meeting", visibility=Event.Visibility.MEMBERS)
    proposal_in_discussion(riverside, bob)
    give_task(plan_goal(riverside, alice), alice)
    readers = [
        # client, in the alliance, a member of Riverside, organises it
        (client_for(bob), True, True, False),
        (anon, False, False, False),
        (client_for(alice), True, True, True),
        (client_for(carol), True, False, False),
        (client_for(dan), False, False, False),
        (client_for(admin), True, False, False),
    ]
    # Each reader builds the copy of their kind or is served one another reader built.
    for client, in_alliance, member, organises in readers + readers[::-1]:
        html = visit(client)[0]
        assert "Street stall" in html
        assert ("Alliance social" in html) == in_alliance
        assert ("Members meeting" in html) == member
        assert ("Rent strike" in html) == member
        assert ("tasks done" in html) == member
        assert ("Set a target" in html) == organises


def test_a_draft_is_its_proposers_alone_and_never_reaches_the_page(riverside, alice, bob):
    erin = UserFactory(email="erin@example.org", display_name="Erin")
    join(riverside, erin)
    do_create_proposal(
        group=riverside, title="Bob's draft", body="Not yet.", submit=False, acting_user=bob
    )
    proposal_in_discussion(riverside, alice, title="Rent strike")
    for reader in (bob, erin, bob, alice):
        html = visit(client_for(reader))[0]
        assert "Rent strike" in html
        assert "Bob's draft" not in html


def test_a_member_is_served_the_kept_sections_without_their_queries(riverside, alice, bob):
    plan_event(riverside, alice, title="Members meeting", visibility=Event.Visibility.MEMBERS)
    proposal_in_discussion(riverside, bob)
    do_log_decision(group=riverside, summary="We meet on Tuesdays", link="", acting_user=alice)
    give_task(plan_goal(riverside, alice), alice)
    client = client_for(bob)
    first, built = visit(client)
    again, kept = visit(client)
    # The session, the member, their roles with the bell's count, the group, its organisers' names.
    assert kept == 5 < built
    for shown in ("Members meeting", "Rent strike", "We meet on Tuesdays", "0 of 1 tasks done"):
        assert shown in again


# --- Each kind of change shows at the next request --------------------------------------------


def submit_a_draft(riverside, alice, bob):
    proposal = do_create_proposal(
        group=riverside, title="Rent strike", body="Now.", submit=False, acting_user=bob
    )
    act = lambda: do_submit_proposal(proposal, acting_user=bob)  # noqa: E731
    return act, lambda html: "Rent strike" in section(html, "proposals-heading")


def withdraw_a_proposal(riverside, alice, bob):
    proposal = proposal_in_discussion(riverside, bob)
    act = lambda: do_withdraw_proposal(proposal, acting_user=bob)  # noqa: E731
    return act, lambda html: "Rent strike" not in html


def lapse_a_proposal(riverside, alice, bob):
    proposal = proposal_in_discussion(riverside, bob)
    # Its discussion ended long ago (a date the page does not show).
    long_ago = timezone.now() - timedelta(days=60)
    Proposal.objects.filter(pk=proposal.pk).update(discussion_closes_at=long_ago)
    return lambda: do_lapse_if_stale(proposal), lambda html: "Rent strike" not in html


def put_a_proposal_to_the_vote(riverside, alice, bob):
    proposal = proposal_in_discussion(riverside, bob)
    spec = BallotSpec(title="Strike?", closes_at=timezone.now() + timedelta(days=7), secret=False)
    act = lambda: check_open_proposal_vote(proposal, spec=spec, acting_user=alice)  # noqa: E731
    return act, lambda html: "Being voted on" in html and "Strike?" in html


def open_a_ballot(riverside, alice, bob):
    act = lambda: open_ballot(riverside, alice, title="Occupy the steps?", secret=False)  # noqa: E731
    return act, lambda html: "Occupy the steps?" in section(html, "proposals-heading")


def cancel_a_ballot(riverside, alice, bob):
    ballot = open_ballot(riverside, alice, title="Occupy the steps?", secret=False)
    act = lambda: check_cancel_ballot(ballot, acting_user=alice)  # noqa: E731
    return act, lambda html: "Occupy the steps?" not in html


def close_a_roll_call(riverside, alice, bob):
    ballot = open_ballot(riverside, alice, title="Occupy the steps?", secret=False)

    def shows(html: str) -> bool:
        open_now = "Occupy the steps?" in section(html, "proposals-heading")
        return not open_now and "Occupy the steps?" in section(html, "decisions-heading")

    return lambda: close_voting(ballot), shows


def close_a_secret_ballot(riverside, alice, bob):
    ballot = open_ballot(riverside, alice, title="Occupy the steps?", secret=True)
    return lambda: close_voting(ballot), lambda html: "Occupy the steps?" not in html


def count_a_secret_ballot(riverside, alice, bob):
    ballot = close_voting(open_ballot(riverside, alice, title="Occupy the steps?", secret=True))

    def act() -> None:
        give_shares(ballot)
        do_count_sealed_ballot(ballot)

    return act, lambda html: "Occupy the steps?" in section(html, "decisions-heading")


def log_a_decision(riverside, alice, bob):
    act = lambda: do_log_decision(  # noqa: E731
        group=riverside, summary="We meet on Tuesdays", link="", acting_user=alice
    )
    return act, lambda html: "We meet on Tuesdays" in section(html, "decisions-heading")


def adopt_an_objective(riverside, alice, bob):
    return lambda: adopt(riverside, alice), lambda html: "1 objective adopted" in html


def add_a_task(riverside, alice, bob):
    goal = plan_goal(riverside, alice)
    return lambda: give_task(goal, alice), lambda html: "0 of 1 tasks done" in html


def finish_a_task(riverside, alice, bob):
    task = give_task(plan_goal(riverside, alice), alice)
    act = lambda: check_set_task_status(task, status="done", acting_user=alice)  # noqa: E731
    return act, lambda html: "1 of 1 tasks done" in html


def edit_a_task_to_done(riverside, alice, bob):
    task = give_task(plan_goal(riverside, alice), alice)
    act = lambda: check_edit_task(  # noqa: E731
        task, title=task.title, owner=None, due_on=None, status="done", acting_user=alice
    )
    return act, lambda html: "1 of 1 tasks done" in html


def delete_a_task(riverside, alice, bob):
    task = give_task(plan_goal(riverside, alice), alice)
    act = lambda: do_delete_task(task, acting_user=alice)  # noqa: E731
    return act, lambda html: "0 of 0 tasks done" in html


def add_a_members_only_event(riverside, alice, bob):
    act = lambda: plan_event(  # noqa: E731
        riverside, alice, title="Members meeting", visibility=Event.Visibility.MEMBERS
    )
    return act, lambda html: "Members meeting" in html


@pytest.mark.parametrize(
    "change",
    [
        submit_a_draft,
        withdraw_a_proposal,
        lapse_a_proposal,
        put_a_proposal_to_the_vote,
        open_a_ballot,
        cancel_a_ballot,
        close_a_roll_call,
        close_a_secret_ballot,
        count_a_secret_ballot,
        log_a_decision,
        adopt_an_objective,
        add_a_task,
        finish_a_task,
        edit_a_task_to_done,
        delete_a_task,
        add_a_members_only_event,
    ],
)
def test_each_kind_of_change_shows_to_members_and_organisers_at_the_next_request(
    change, riverside, alice, bob, committed
):
    act, shows = change(riverside, alice, bob)
    readers = [client_for(bob), client_for(alice)]
    for client in readers:
        assert not shows(visit(client)[0])  # kept from here on
    with committed():
        act()
    for client in readers:
        assert shows(visit(client)[0])
