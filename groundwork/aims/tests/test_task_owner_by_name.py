"""In a big group, a task's owner is named by typing, not picked from a list of every member:
the list was 6,492 options for the biggest group of the scale dataset."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims.models import Task
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(monkeypatch, riverside):
    """Riverside counts as big: past the size where the list gives way to a name."""
    monkeypatch.setattr("groundwork.aims.forms.OWNER_CHOICES_UP_TO", 0)
    return riverside


@pytest.fixture
def goal(riverside, alice):
    return plan_goal(riverside, alice)


def add(client, goal, **values):
    url = reverse("aims:task_create", kwargs={"slug": "riverside", "pk": goal.pk})
    return client.post(url, {"title": "Book the hall", "owner": "", "due_on": ""} | values)


def edit_url(task) -> str:
    return reverse("aims:task_edit", kwargs={"slug": "riverside", "pk": task.pk})


def test_a_big_groups_form_asks_for_a_name_instead_of_listing_every_member(big, goal, alice, bob):
    url = reverse("aims:task_create", kwargs={"slug": "riverside", "pk": goal.pk})
    html = client_for(alice).get(url).content.decode()
    assert 'type="text" name="owner"' in html
    assert '<select name="owner"' not in html and bob.name not in html


def test_a_small_groups_form_still_lists_its_members(goal, alice, bob):
    url = reverse("aims:task_create", kwargs={"slug": "riverside", "pk": goal.pk})
    html = client_for(alice).get(url).content.decode()
    assert '<select name="owner"' in html and bob.name in html


def test_alice_names_bob_as_the_owner_in_any_case(big, goal, alice, bob):
    response = add(client_for(alice), goal, owner=f"  {bob.name.upper()} ")
    assert response.status_code == 302
    assert Task.objects.get(title="Book the hall").owner == bob


def test_no_name_is_nobody_yet(big, goal, alice):
    assert add(client_for(alice), goal).status_code == 302
    assert Task.objects.get(title="Book the hall").owner is None


def test_a_name_nobody_in_the_group_has_is_told_at_the_field_and_kept(big, goal, alice, carol):
    """Carol is a member of Hillside, not Riverside."""
    response = add(client_for(alice), goal, owner=carol.name, due_on="not a date")
    assert response.status_code == 400
    assert response.context["form"].errors["owner"] == [f"No member here is called “{carol.name}”."]
    html = response.content.decode()
    assert f'value="{carol.name}"' in html and 'value="Book the hall"' in html
    assert not Task.objects.filter(title="Book the hall").exists()


def test_two_names_are_refused(big, goal, alice, bob):
    response = add(client_for(alice), goal, owner=f"{bob.name}\n{alice.name}")
    assert response.status_code == 400
    assert response.context["form"].errors["owner"] == ["Name one person here."]


def test_a_shared_name_is_refused_with_labels_that_tell_them_apart_and_a_label_works(
    big, goal, alice
):
    older = UserFactory(display_name="Sam Patel")
    older.date_joined = timezone.now() - timedelta(days=400)
    older.save()
    newer = UserFactory(display_name="Sam Patel")
    join(big, older), join(big, newer)
    client = client_for(alice)
    refused = add(client, goal, owner="sam patel")
    (message,) = refused.context["form"].errors["owner"]
    assert message.startswith("Several members are called “sam patel”: write one of ")
    assert "@" not in message  # never an email address
    label = message.split(": write one of ")[1].split("; ")[0].rstrip(".")
    assert add(client, goal, owner=label).status_code == 302
    assert Task.objects.get(title="Book the hall").owner in (older, newer)


def test_editing_shows_the_owners_name_to_keep_or_change(big, goal, alice, bob):
    task = give_task(goal, alice, owner=bob)
    html = client_for(alice).get(edit_url(task)).content.decode()
    assert f'name="owner" value="{bob.name}"' in html
    data = {"title": task.title, "owner": bob.name, "due_on": "", "status": "doing"}
    assert client_for(alice).post(edit_url(task), data).status_code == 302
    task.refresh_from_db()
    assert (task.owner, task.status) == (bob, "doing")


def test_the_named_form_asks_a_fixed_number_of_queries_whatever_the_groups_size(
    big, goal, alice, riverside
):
    from tests.test_query_counts import add_members, assert_fixed_queries

    task = give_task(goal, alice)
    have = {"members": 0}

    def grow(n: int) -> str:
        add_members(riverside, have["members"], n)
        have["members"] = n
        return 'name="owner"'

    assert_fixed_queries(client_for(alice), edit_url(task), grow)
