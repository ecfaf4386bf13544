"""Organisers edit goals and tasks of their group's action plan and delete tasks; all audited."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims.models import Goal, Task
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(riverside, alice):
    return plan_goal(riverside, alice)


@pytest.fixture
def task(goal, alice):
    return give_task(goal, alice)


def goal_edit_url(goal) -> str:
    return reverse("aims:goal_edit", kwargs={"slug": "riverside", "pk": goal.pk})


def task_edit_url(task) -> str:
    return reverse("aims:task_edit", kwargs={"slug": "riverside", "pk": task.pk})


def task_delete_url(task) -> str:
    return reverse("aims:task_delete", kwargs={"slug": "riverside", "pk": task.pk})


def test_alice_renames_a_goal_and_the_log_keeps_the_old_title(goal, alice):
    response = client_for(alice).post(
        goal_edit_url(goal), {"title": "Open two food shares", "description": "Peckham too."}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.description) == ("Open two food shares", "Peckham too.")
    entry = AuditEntry.objects.get(verb="goal.edited")
    assert entry.old == {"title": "Open a food share", "description": ""}
    assert entry.new == {"title": "Open two food shares", "description": "Peckham too."}
    assert entry.actor == alice and entry.group_id == goal.adoption.group_id
    plan = client_for(alice).get(reverse("aims:plan", kwargs={"slug": "riverside"}))
    assert "Open two food shares" in plan.content.decode()


def test_saving_a_goal_unchanged_writes_nothing_to_the_log(goal, alice):
    client_for(alice).post(goal_edit_url(goal), {"title": goal.title, "description": ""})
    assert not AuditEntry.objects.filter(verb="goal.edited").exists()


def test_the_goal_form_shows_the_goal_as_it_is(goal, alice):
    response = client_for(alice).get(goal_edit_url(goal))
    assert response.status_code == 200
    assert 'value="Open a food share"' in response.content.decode()


def test_an_empty_goal_title_keeps_the_description_typed_and_says_why(goal, alice):
    response = client_for(alice).post(
        goal_edit_url(goal), {"title": "", "description": "Typed with care"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert "Typed with care" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Open a food share"


def test_alice_gives_a_task_to_bob_with_a_due_date_and_marks_it_doing(task, alice, bob):
    response = client_for(alice).post(
        task_edit_url(task),
        {"title": "Book the hall", "owner": bob.pk, "due_on": "2026-12-31", "status": "doing"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.owner, task.due_on, task.status) == (
        "Book the hall",
        bob,
        date(2026, 12, 31),
        "doing",
    )
    entry = AuditEntry.objects.get(verb="task.edited")
    assert entry.old == {"title": "Find a hall", "owner": None, "due_on": None, "status": "todo"}
    assert entry.new == {
        "title": "Book the hall",
        "owner": bob.pk,
        "due_on": "2026-12-31",
        "status": "doing",
    }


def test_a_task_edited_to_done_records_when_it_was_completed(task, alice):
    client_for(alice).post(
        task_edit_url(task), {"title": task.title, "owner": "", "due_on": "", "status": "done"}
    )
    task.refresh_from_db()
    assert task.status == "done" and task.completed_at is not None


def test_a_task_cannot_be_given_to_someone_outside_the_group(task, alice, carol):
    response = client_for(alice).post(
        task_edit_url(task),
        {"title": "Typed title", "owner": carol.pk, "due_on": "2026-12-31", "status": "todo"},
    )
    assert response.status_code == 400
    assert "owner" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="Typed title"' in html and 'value="2026-12-31"' in html
    task.refresh_from_db()
    assert task.owner is None and task.title == "Find a hall"


def test_a_bad_due_date_says_why_and_keeps_what_was_typed(task, alice):
    response = client_for(alice).post(
        task_edit_url(task),
        {"title": "Book the hall", "owner": "", "due_on": "31st of never", "status": "todo"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["due_on"]
    html = response.content.decode()
    assert 'value="31st of never"' in html and 'value="Book the hall"' in html
    assert 'aria-invalid="true"' in html


def test_alice_deletes_a_task_and_the_log_keeps_what_it_was(task, alice, bob):
    response = client_for(alice).post(task_delete_url(task))
    assert response.status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()
    entry = AuditEntry.objects.get(verb="task.deleted")
    assert entry.old["title"] == "Find a hall" and entry.actor == alice
    assert entry.group_id == task.goal.adoption.group_id


def test_a_task_is_deleted_only_with_a_post(task, alice):
    assert client_for(alice).get(task_delete_url(task)).status_code == 405
    assert Task.objects.filter(pk=task.pk).exists()


@pytest.mark.parametrize("who", ["bob", "carol", "dan", "admin"])
def test_only_the_groups_organisers_edit_goals_and_tasks(goal, task, who, request):
    """Bob is a member of Riverside and even owns a task: editing it is for organisers."""
    user = request.getfixturevalue(who)
    task.owner = request.getfixturevalue("bob")
    task.save()
    client = client_for(user)
    assert client.get(goal_edit_url(goal)).status_code == 404
    assert client.post(goal_edit_url(goal), {"title": "Hijacked"}).status_code == 404
    assert client.get(task_edit_url(task)).status_code == 404
    edit = {"title": "Hijacked", "owner": "", "due_on": "", "status": "done"}
    assert client.post(task_edit_url(task), edit).status_code == 404
    assert client.post(task_delete_url(task)).status_code == 404
    assert Goal.objects.get(pk=goal.pk).title == "Open a food share"
    assert Task.objects.get(pk=task.pk).title == "Find a hall"


def test_an_organiser_of_another_group_cannot_reach_riversides_tasks(task, goal, hillside):
    from groundwork.groups.tests.factories import UserFactory, make_organiser

    olga = UserFactory(email="olga@example.org")
    make_organiser(hillside, olga)
    client = client_for(olga)
    # Through Hillside's own address, Riverside's task and goal do not exist.
    assert (
        client.get(
            reverse("aims:task_edit", kwargs={"slug": "hillside", "pk": task.pk})
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("aims:task_delete", kwargs={"slug": "hillside", "pk": task.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("aims:goal_edit", kwargs={"slug": "hillside", "pk": goal.pk})
        ).status_code
        == 404
    )
    assert Task.objects.filter(pk=task.pk).exists()


def test_the_plan_offers_edit_links_to_organisers_only(task, alice, bob):
    url = reverse("aims:plan", kwargs={"slug": "riverside"})
    assert task_edit_url(task) in client_for(alice).get(url).content.decode()
    assert task_edit_url(task) not in client_for(bob).get(url).content.decode()


@pytest.mark.parametrize(
    ("which", "data", "field", "message", "typed"),
    [
        ("goal", {"title": "", "description": "Kept"}, "title", "This field is required.", None),
        (
            "goal",
            {"title": "x" * 201, "description": ""},
            "title",
            "Ensure this value has at most 200 characters",
            "x" * 201,
        ),
        (
            "task",
            {"title": "Book it", "owner": "", "due_on": "next Tuesday", "status": "todo"},
            "due_on",
            "Enter a valid date.",
            "next Tuesday",
        ),
        (
            "task",
            {"title": "Book it", "owner": "", "due_on": "", "status": "finished"},
            "status",
            "Select a valid choice.",
            None,
        ),
        (
            "carol",
            {"title": "Book it", "owner": "CAROL", "due_on": "2026-12-31", "status": "todo"},
            "owner",
            "Select a valid choice.",
            None,
        ),
    ],
)
def test_bad_input_in_the_plan_is_answered_next_to_the_field_and_nothing_is_lost(
    goal, task, alice, carol, which, data, field, message, typed
):
    from tests.test_bad_input import assert_field_error, assert_kept

    if data.get("owner") == "CAROL":
        data = data | {"owner": carol.pk}
    url = goal_edit_url(goal) if which == "goal" else task_edit_url(task)
    before = AuditEntry.objects.count()
    response = client_for(alice).post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert_field_error(html, field, message, typed)
    assert f'href="#id_{field}"' in html
    if which == "goal" and field != "title":
        assert_kept(html, "title", data["title"])
    if which != "goal":
        assert_kept(html, "title", "Book it")
    assert AuditEntry.objects.count() == before


def test_the_task_form_asks_a_fixed_number_of_queries_whatever_the_groups_size(
    task, alice, riverside
):
    from tests.test_query_counts import add_members, assert_fixed_queries

    have = {"members": 0}

    def grow(n: int) -> str:
        add_members(riverside, have["members"], n)
        have["members"] = n
        return f"Member {n:03d}"  # every member may own the task: all are offered

    assert_fixed_queries(client_for(alice), task_edit_url(task), grow)


def test_the_goal_form_asks_a_fixed_number_of_queries_whatever_the_plans_size(goal, alice):
    from tests.test_query_counts import assert_fixed_queries

    def grow(n: int) -> str:
        Goal.objects.bulk_create(
            Goal(adoption=goal.adoption, title=f"Goal {number}")
            for number in range(Goal.objects.count(), n)
        )
        return "Open a food share"

    assert_fixed_queries(client_for(alice), goal_edit_url(goal), grow)
