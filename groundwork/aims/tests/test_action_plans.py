"""Groups adopting objectives into action plans, tasks and their owners, and the roll-up."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims import actions, queries
from groundwork.aims.hooks import add_rollup_source, rollup_sources
from groundwork.aims.models import ObjectiveAdoption, Task
from groundwork.aims.tests.factories import adopt, give_task, objective, plan_goal
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.groups.models import Group, Membership
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_alice_adopts_an_objective_once(riverside, alice):
    assert adopt(riverside, alice).pk == adopt(riverside, alice).pk
    assert ObjectiveAdoption.objects.filter(group=riverside).count() == 1
    entry = AuditEntry.objects.get(verb="objective.adopted")
    assert entry.group_id == riverside.pk and entry.actor == alice


def test_a_task_owner_must_be_a_member_of_the_group(riverside, alice, carol):
    goal = plan_goal(riverside, alice)
    with pytest.raises(ActionError) as refused:
        give_task(goal, alice, owner=carol)
    assert refused.value.field == "owner"


def test_completing_a_task_records_when_and_who(riverside, alice, bob):
    task = give_task(plan_goal(riverside, alice), alice, owner=bob)
    actions.check_set_task_status(task, status="done", acting_user=bob)
    task.refresh_from_db()
    assert task.status == "done" and task.completed_at is not None
    entry = AuditEntry.objects.get(verb="task.status_changed")
    assert (entry.old, entry.new, entry.actor) == ({"status": "todo"}, {"status": "done"}, bob)


@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 302), ("bob", 302), ("carol", 404), ("dan", 404), ("admin", 404)],
)
def test_the_owner_and_the_organiser_move_a_task_and_no_one_else(
    riverside, alice, bob, who, status, request
):
    task = give_task(plan_goal(riverside, alice), alice, owner=bob)
    user = request.getfixturevalue(who)
    url = reverse("aims:task_status", kwargs={"pk": task.pk})
    assert client_for(user).post(url, {"status": "doing"}).status_code == status
    task.refresh_from_db()
    assert task.status == ("doing" if status == 302 else "todo")


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("bob", 200), ("carol", 404), ("dan", 404), ("admin", 404)]
)
def test_the_plan_is_the_groups_own(riverside, alice, bob, carol, dan, admin, who, status, request):
    give_task(plan_goal(riverside, alice), alice, owner=bob, title="Book the hall")
    response = client_for(request.getfixturevalue(who)).get(
        reverse("aims:plan", kwargs={"slug": "riverside"})
    )
    assert response.status_code == status
    if status == 200:
        assert "Book the hall" in response.content.decode()


def test_a_task_form_keeps_what_was_typed(riverside, alice):
    goal = plan_goal(riverside, alice)
    url = reverse("aims:task_create", kwargs={"slug": "riverside", "pk": goal.pk})
    response = client_for(alice).post(url, {"title": "Leaflet Peckham", "due_on": "not a date"})
    assert response.status_code == 400
    assert 'value="Leaflet Peckham"' in response.content.decode()
    assert response.context["form"].errors["due_on"]


def test_bob_cannot_reach_another_groups_goal_through_his_own(riverside, hillside, alice):
    from groundwork.groups.tests.factories import UserFactory, make_organiser

    farid = make_organiser(hillside, UserFactory()).user
    goal = plan_goal(hillside, farid)
    url = reverse("aims:task_create", kwargs={"slug": "riverside", "pk": goal.pk})
    assert client_for(alice).get(url).status_code == 404


def test_the_rollup_counts_groups_tasks_and_what_other_apps_link(riverside, hillside, alice, bob):
    task = give_task(plan_goal(riverside, alice), alice, owner=bob)
    give_task(task.goal, alice)
    actions.check_set_task_status(task, status="done", acting_user=alice)
    ObjectiveAdoption.objects.create(group=hillside, objective=objective(1))

    def two_events(objective_ids):
        return {objective(1).pk: {"Events": 2}}

    add_rollup_source(two_events)
    try:
        first = queries.rollup()[0]
    finally:
        rollup_sources.remove(two_events)
    assert (first.groups, first.tasks_done, first.tasks_total) == (2, 1, 2)
    assert first.contributions["Events"] == 2 and first.percent_done == 50


def test_the_rollup_page_names_each_linked_count_without_bad_plurals(bob):
    def one_of_each(objective_ids):
        return {objective(1).pk: {"Events": 1, "Projects": 2}}

    add_rollup_source(one_of_each)
    try:
        html = client_for(bob).get(reverse("aims:rollup")).content.decode()
    finally:
        rollup_sources.remove(one_of_each)
    assert "Events: 1, Projects: 2" in html and "1 events" not in html


def many_groups_with_plans(count: int) -> None:
    groups = Group.objects.bulk_create(
        GroupFactory.build(name=f"Group {n}", slug=f"plan-group-{n}") for n in range(count)
    )
    adoptions = ObjectiveAdoption.objects.bulk_create(
        ObjectiveAdoption(group=group, objective=objective(1 + n % 5))
        for n, group in enumerate(groups)
    )
    from groundwork.aims.models import Goal

    goals = Goal.objects.bulk_create(Goal(adoption=a, title="Goal") for a in adoptions)
    Task.objects.bulk_create(
        Task(goal=goal, objective_id=goal.adoption.objective_id, title="Task", status=status)
        for goal in goals
        for status in ("todo", "done")
    )


@pytest.mark.parametrize("count", [1, 10, 100])
def test_the_rollup_page_asks_a_fixed_number_of_queries(count, bob, django_assert_max_num_queries):
    many_groups_with_plans(count)
    client = client_for(bob)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("aims:rollup"))
    assert response.status_code == 200
    assert sum(item.groups for item in response.context["progress"]) == count
    assert 'aria-labelledby="rollup-chart-title rollup-chart-desc"' in response.content.decode()


def test_an_organiser_without_two_factor_is_sent_to_set_it_up(riverside):
    from groundwork.groups import actions as group_actions
    from groundwork.groups.tests.factories import UserFactory

    olive = UserFactory()
    group_actions.do_appoint_organiser(riverside, olive, acting_user=None)
    response = client_for(olive).get(reverse("aims:adopt_objective", kwargs={"slug": "riverside"}))
    assert response.status_code == 302 and "totp" in response["Location"]
    assert Membership.objects.get(user=olive).role == "organiser"


def test_the_plan_asks_a_fixed_number_of_queries_however_big(riverside, alice, bob):
    """1, 10, 100 goals with a task each (bob's), and as many adopted objectives as there are."""
    from groundwork.aims.models import Goal, Objective
    from groundwork.groups.hooks import GROUP_PAGES
    from tests.test_query_counts import assert_fixed_queries

    goal = plan_goal(riverside, alice)
    others = list(Objective.objects.exclude(pk=goal.adoption.objective_id).order_by("number"))

    def grow(n: int) -> str:
        have = Task.objects.count()
        goals = Goal.objects.bulk_create(
            Goal(adoption=goal.adoption, title=f"Goal {number:03d}")
            for number in range(have + 1, n + 1)
        )
        Task.objects.bulk_create(
            Task(goal=new, objective_id=goal.adoption.objective_id, title=f"Task {number:03d}",
                 owner=bob)
            for number, new in enumerate(goals, start=have + 1)
        )  # fmt: skip
        adopted = ObjectiveAdoption.objects.filter(group=riverside).count()
        ObjectiveAdoption.objects.bulk_create(
            ObjectiveAdoption(group=riverside, objective=objective)
            for objective in others[adopted - 1 : n - 1]
        )
        GROUP_PAGES.forget()  # rows written without the actions' commit
        return f"Task {n:03d}"

    url = reverse("aims:plan", kwargs={"slug": "riverside"})
    for reader in (alice, bob):
        assert_fixed_queries(client_for(reader), url, grow)
