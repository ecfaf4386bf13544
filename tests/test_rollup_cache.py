"""The alliance's roll-up is kept in the cache, and each action that changes what it counts shows
on the page at the next request (`aims.hooks.rollup_changed`)."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims import actions
from groundwork.aims.models import Objective, Task
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.campaigns.actions import do_create_campaign, do_update_campaign
from groundwork.campaigns.models import Campaign
from groundwork.events.actions import check_cancel_event, do_create_event
from groundwork.events.tests.factories import event_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an action as a request would: its transaction commits, its on-commit work runs."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def row_of(page: str, number: int) -> str:
    """The table row of objective `number` on the roll-up page."""
    start = page.index(f'<th scope="row">{number}. ')
    return page[start : page.index("</tr>", start)]


def rollup_page(member) -> str:
    return client_for(member).get(reverse("aims:rollup")).content.decode()


def test_the_second_request_counts_nothing_again(bob, django_assert_max_num_queries):
    rollup_page(bob)
    client = client_for(bob)
    client.get(reverse("aims:rollup"))
    with django_assert_max_num_queries(5) as queries:  # session, user, roles, the bell
        client.get(reverse("aims:rollup"))
    assert not any("aims_task" in query["sql"] for query in queries.captured_queries)


def test_a_task_done_and_a_task_added_show_at_once(riverside, alice, bob, committed):
    goal = committed(plan_goal, riverside, alice)
    task = committed(give_task, goal, alice)
    assert "0 of 1" in row_of(rollup_page(bob), 1)
    committed(actions.check_set_task_status, task, status=Task.Status.DONE, acting_user=alice)
    assert "1 of 1" in row_of(rollup_page(bob), 1)
    committed(give_task, goal, alice, title="Print leaflets")
    assert "1 of 2" in row_of(rollup_page(bob), 1)
    committed(actions.do_delete_task, task, acting_user=alice)
    assert "0 of 1" in row_of(rollup_page(bob), 1)


def test_an_objective_adopted_shows_at_once(riverside, hillside, alice, bob, committed):
    objective = Objective.objects.get(number=2)
    before = row_of(rollup_page(bob), 2)
    committed(actions.do_adopt_objective, riverside, objective=objective, acting_user=alice)
    after = row_of(rollup_page(bob), 2)
    assert '<td class="number">0</td>' in before and '<td class="number">1</td>' in after


def test_events_created_and_cancelled_show_at_once(riverside, alice, bob, committed):
    second = Objective.objects.filter(number=2)
    rollup_page(bob)
    event = committed(
        do_create_event,
        group=riverside,
        values=event_values(),
        objectives=second,
        acting_user=alice,
    )
    assert "Events: 1" in row_of(rollup_page(bob), 2)
    committed(check_cancel_event, event, reason="Rain", acting_user=alice)
    assert "Events" not in row_of(rollup_page(bob), 2)


def test_a_campaign_launched_and_won_shows_at_once(riverside, alice, bob, committed):
    third = Objective.objects.filter(number=3)
    rollup_page(bob)
    values = {"title": "Save the baths", "summary": "Keep them.", "status": Campaign.Status.ACTIVE}
    campaign = committed(
        do_create_campaign, group=riverside, values=values, objectives=third, acting_user=alice
    )
    assert "Campaigns: 1" in row_of(rollup_page(bob), 3)
    committed(
        do_update_campaign, campaign, values={"status": Campaign.Status.WON}, acting_user=alice
    )
    assert "Campaigns won: 1" in row_of(rollup_page(bob), 3)


def test_an_edited_objective_title_shows_at_once(admin, bob, committed):
    objective = Objective.objects.get(number=1)
    rollup_page(bob)
    values = {"title": "A new title", "text": objective.text, "points": objective.points}
    committed(actions.do_edit_plank, objective, values=values, acting_user=admin)
    assert "1. A new title" in rollup_page(bob)
