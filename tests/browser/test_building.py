"""In the browser, without JavaScript doing any of the work: a coordinator builds one of the
alliance's courses and an organiser one of her group's (steps added by address, moved and removed
with plain forms); an organiser edits a task and a shift. Every page visited is checked with
axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groundwork.aims.models import Task
from groundwork.learning.models import Course
from groundwork.projects.models import Shift
from groundwork.resources.tests.factories import add_resource
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_platform"),
]


def add_steps_by_address(page, live_server, resources) -> None:
    """On a course's building page: add each resource as a step by pasting its address."""
    for resource in resources:
        page.get_by_role("link", name="Add a step").click()
        page.get_by_label("Resource or event").fill(live_server.url + resource.get_absolute_url())
        page.get_by_role("button", name="Add the step").click()
        expect(page.get_by_text(f"“{resource.title}” is step")).to_be_visible()


def test_a_coordinator_builds_a_course_step_by_step(page, live_server, admin):
    budget = add_resource(None, admin, title="How the council budget works", scope="public")
    accounts = add_resource(None, admin, title="Reading council accounts", scope="alliance")
    sign_in(page, live_server, admin, two_factor=True)
    visit(page, f"{live_server.url}/courses/")
    page.get_by_role("link", name="Make a course").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Demystifying economics")
    page.get_by_role("button", name="Make the course").click()
    expect(page.get_by_text("now add its steps")).to_be_visible()
    assert_accessible(page)
    add_steps_by_address(page, live_server, [budget, accounts])
    page.get_by_role("link", name="Add a step").click()
    page.get_by_label("Resource or event").fill("the budget one")
    page.get_by_role("button", name="Add the step").click()
    expect(page.locator("#id_address_error")).to_contain_text("Paste the address of a resource")
    assert_accessible(page)
    visit(page, f"{live_server.url}/courses/demystifying-economics/edit/")
    page.get_by_role("button", name=re.compile("Move up.*Reading council accounts")).click()
    steps = page.locator("ol.steps > li h3")
    expect(steps).to_have_text(["Reading council accounts", "How the council budget works"])
    assert_accessible(page)
    screenshot(page, "course-builder")
    page.get_by_role("button", name=re.compile("Remove.*How the council budget works")).click()
    expect(page.get_by_text("is no longer a step of the course")).to_be_visible()
    expect(steps).to_have_text(["Reading council accounts"])
    course = Course.objects.get(slug="demystifying-economics")
    assert [step.resource for step in course.steps.order_by("position")] == [accounts]


def test_an_organiser_builds_a_course_for_her_groups_members(page, live_server, alice, bob):
    riverside = alice.memberships.get().group
    rota = add_resource(riverside, bob, title="Our stall rota", scope="group")
    rights = add_resource(None, alice, title="Knowing your rights", scope="public")
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("link", name="Make a course").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Welcome to Riverside")
    expect(page.get_by_label("Who may follow it")).to_have_value("group")
    page.get_by_role("button", name="Make the course").click()
    expect(page.get_by_text("now add its steps")).to_be_visible()
    assert_accessible(page)
    add_steps_by_address(page, live_server, [rota, rights])
    page.get_by_role("link", name="Add a step").click()
    page.get_by_label("Resource or event").fill("the rota")
    page.get_by_label("Title").fill("Typed title")
    page.get_by_role("button", name="Add the step").click()
    expect(page.locator("#id_address_error")).to_contain_text("Paste the address of a resource")
    expect(page.get_by_label("Title")).to_have_value("Typed title")
    assert_accessible(page)
    visit(page, f"{live_server.url}/groups/riverside/courses/")
    page.get_by_role("link", name="Build “Welcome to Riverside”").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Move up.*Knowing your rights")).click()
    steps = page.locator("ol.steps > li h3")
    expect(steps).to_have_text(["Knowing your rights", "Our stall rota"])
    assert_accessible(page)
    screenshot(page, "group-course-builder")
    page.get_by_role("button", name=re.compile("Remove.*Our stall rota")).click()
    expect(page.get_by_text("is no longer a step of the course")).to_be_visible()
    expect(steps).to_have_text(["Knowing your rights"])
    course = Course.objects.get(slug="welcome-to-riverside")
    assert (course.group, course.scope) == (riverside, "group")
    assert [step.resource for step in course.steps.order_by("position")] == [rights]


def test_an_organiser_edits_a_task_and_a_shift(page, live_server, alice, bob):
    from groundwork.aims.tests.factories import give_task, plan_goal
    from groundwork.projects.tests.factories import add_shift, sign_up, start_project

    task = give_task(plan_goal(alice.memberships.get().group, alice), alice)
    project = start_project(alice.memberships.get().group, alice, name="Kitchen")
    shift = add_shift(project, alice, places=3)
    sign_up(shift, bob)
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/plan/")
    page.get_by_role("link", name="Edit “Find a hall”").click()
    assert_accessible(page)
    page.get_by_label("Owner").select_option(label="Bob")
    page.get_by_label("Status").select_option("doing")
    page.get_by_role("button", name="Save the task").click()
    expect(page.get_by_text("was saved")).to_be_visible()
    task.refresh_from_db()
    assert (task.owner, task.status) == (bob, "doing")

    visit(page, f"{live_server.url}{project.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Edit or cancel")).click()
    assert_accessible(page)
    page.get_by_label("Places").fill("0")
    page.get_by_role("button", name="Save the shift").click()
    expect(page.locator("#id_places_error")).to_contain_text("greater than or equal to 1")
    assert_accessible(page)
    later = timezone.localtime(shift.starts_at) + timedelta(days=1)
    page.get_by_label("Places").fill("4")
    page.get_by_label("Starts").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ends").fill((later + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save the shift").click()
    expect(page.get_by_text("was saved")).to_be_visible()
    shift.refresh_from_db()
    assert shift.places == 4
    page.get_by_role("link", name=re.compile("Edit or cancel")).click()
    page.get_by_role("button", name=re.compile("Cancel “Saturday kitchen”")).click()
    expect(page.get_by_text("is cancelled")).to_be_visible()
    assert not Shift.objects.filter(pk=shift.pk).exists()
    assert Task.objects.filter(pk=task.pk).exists()
