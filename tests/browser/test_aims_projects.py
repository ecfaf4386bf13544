"""In the browser: a group adopts an objective and completes a task; an organiser starts a project
with a rota and a member signs up for a shift. Every page visited is checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groundwork.aims.models import Task
from groundwork.projects.models import ShiftSignup
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_platform"),
]


def test_riverside_adopts_an_objective_and_completes_a_task(page, live_server, alice, bob, admin):
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/plan/")
    page.get_by_role("link", name="Adopt an objective").click()
    assert_accessible(page)
    page.get_by_label("Objective").select_option(
        label="2. Street protests against cuts, for council housing and against austerity"
    )
    page.get_by_label(re.compile("Why it matters")).fill("The housing office is closing.")
    page.get_by_role("button", name="Adopt into the action plan").click()
    expect(page.get_by_text("has adopted")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Add a goal")).click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Save the housing office")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_role("link", name=re.compile("Add a task")).click()
    page.get_by_label("Title").fill("Leaflet the estates")
    page.get_by_label("Owner").select_option(label="Bob")
    page.get_by_label("Due date").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Add the task").click()
    expect(page.get_by_text("The task was added.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("Status of “Leaflet the estates”")).select_option("done")
    page.get_by_role("button", name=re.compile("Update")).click()
    expect(page.get_by_text("is now done")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "action-plan")
    assert Task.objects.get(title="Leaflet the estates").status == "done"
    visit(page, f"{live_server.url}/platform/progress/")
    expect(
        page.get_by_role("img", name=re.compile("Tasks done across the alliance"))
    ).to_be_visible()
    screenshot(page, "rollup")
    visit(page, f"{live_server.url}/platform/")


def test_an_organiser_starts_a_project_with_a_rota_and_bob_signs_up(
    page, live_server, alice, bob, new_page
):
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/projects/")
    page.get_by_role("link", name="Start a project").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Riverside Kitchen")
    page.get_by_label("Kind").select_option("mutual_aid")
    page.get_by_label("Summary").fill("A hot meal every Saturday.")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", name="Riverside Kitchen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a shift to the rota").click()
    assert_accessible(page)
    starts = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Title").fill("Saturday cooking")
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Ends").fill(starts.strftime("%Y-%m-%dT14:00"))
    page.get_by_label("Places").fill("2")
    page.get_by_role("button", name="Add the shift").click()
    expect(page.get_by_text("is on the rota")).to_be_visible()
    assert_accessible(page)
    project_url = page.url

    bobs = new_page()
    bobs.set_default_timeout(15_000)
    sign_in(bobs, live_server, bob)
    visit(bobs, project_url)
    bobs.get_by_role("button", name="Sign up for Saturday cooking").click()
    expect(bobs.get_by_text("You are on this shift.")).to_be_visible()
    expect(bobs.get_by_text("1 of 2 places left")).to_be_visible()
    assert_accessible(bobs)
    screenshot(bobs, "project")
    assert ShiftSignup.objects.filter(user=bob, shift__title="Saturday cooking").count() == 1
