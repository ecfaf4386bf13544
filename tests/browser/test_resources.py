"""The shared library in a browser: asking the alliance for help and answering, forking a resource,
and a course. Every page visited is checked with axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from groundwork.learning.tests.factories import finish, make_course, steps
from groundwork.resources.tests.factories import add_resource
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_carol_asks_the_alliance_for_help_and_bob_answers(
    page: Page, new_page, live_server, carol, bob, hillside, riverside
):
    sign_in(page, live_server, carol)
    visit(page, f"{live_server.url}/help/")
    page.get_by_role("link", name="Ask the alliance").click()
    assert_accessible(page)
    page.get_by_label("Your question").fill("Has anyone run a council housing campaign?")
    page.get_by_label("More detail").fill("We want to bring **three estates** together.")
    page.get_by_role("button", name="Ask").click()
    expect(page.get_by_role("status")).to_contain_text("out to every group")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Has anyone run a council housing campaign?"
    )
    expect(page.locator(".help-body strong")).to_have_text("three estates")
    assert_accessible(page)
    question_url = page.url

    bobs = new_page()
    sign_in(bobs, live_server, bob)
    visit(bobs, f"{live_server.url}/help/")
    bobs.get_by_role("link", name="Has anyone run a council housing campaign?").click()
    assert_accessible(bobs)
    bobs.get_by_role("button", name="Send my answer").click()  # empty: refused next to the field
    expect(bobs.locator(".field-error")).to_contain_text("This field is required")
    assert_accessible(bobs)
    bobs.get_by_label("Your answer").fill("Yes: we started with a door-knocking survey.")
    bobs.get_by_role("button", name="Send my answer").click()
    expect(bobs.get_by_role("status")).to_contain_text("your answer is with the group")
    expect(bobs.get_by_role("heading", name="1 answer")).to_be_visible()
    screenshot(bobs, "help-request")
    assert_accessible(bobs)

    visit(page, question_url)
    expect(page.locator(".answer")).to_contain_text("door-knocking survey")
    expect(page.locator(".answer h3")).to_contain_text("Bob of Riverside")


def test_alice_forks_a_hillside_guide_into_riverside(
    page: Page, live_server, alice, carol, hillside, riverside
):
    add_resource(
        hillside,
        carol,
        title="Save our library: campaign guide",
        summary="How Hillside kept its library open.",
        body="## What we did\n\n1. Listed it as an asset of community value\n2. Packed the cabinet",
        tags=("libraries", "campaigning"),
    )
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/library/")
    page.get_by_label("Search the library").fill("library campaign")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/library/\?q="))
    expect(page.get_by_role("status")).to_have_text("1 resource found.")
    screenshot(page, "library")
    assert_accessible(page)
    page.get_by_role("link", name="Save our library: campaign guide").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save our library: campaign guide")
    screenshot(page, "resource")
    assert_accessible(page)

    page.get_by_label("Into the library of").select_option(label="Riverside")
    page.get_by_role("button", name="Fork into our library").click()
    expect(page.get_by_role("status")).to_contain_text("Riverside now has its own version")
    expect(page.locator(".provenance")).to_have_text(
        "Forked from “Save our library: campaign guide” by Hillside"
    )
    assert_accessible(page)
    page.get_by_role("link", name="“Save our library: campaign guide”").click()
    expect(page.locator("dt:text-is('Used by') + dd")).to_have_text("1 other group")
    assert_accessible(page)


def test_bob_follows_a_course_and_sees_his_progress(page: Page, live_server, bob, riverside, admin):
    course = make_course(
        add_resource(
            None,
            admin,
            title="How the council budget works",
            scope="public",
            summary="Where the money comes from and where it goes.",
        ),
        add_resource(None, admin, title="Reading a council's accounts", scope="public"),
        add_resource(riverside, bob, title="Teach-in plan", scope="alliance"),
    )
    finish(steps(course)[0], bob)
    sign_in(page, live_server, bob)
    visit(page, f"{live_server.url}/courses/")
    page.get_by_role("link", name="Demystifying economics").click()
    expect(page.get_by_text("Your progress: 33%")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Mark as done.*accounts")).click()
    expect(page.get_by_text("Your progress: 67%")).to_be_visible()
    screenshot(page, "course")
    assert_accessible(page)
