"""Finding a group, joining it, asking to join, approving a request and leaving, in a browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from groundwork.groups.actions import check_join_group
from groundwork.groups.models import Group
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_directory(page: Page, live_server, text: str) -> None:
    visit(page, f"{live_server.url}/groups/")
    page.get_by_label("Search by name, area or postcode").fill(text)
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/groups/\?q="))
    assert_accessible(page)


def member_count(page: Page) -> str:
    return page.locator("dt:text-is('Members') + dd").inner_text()


def test_dan_finds_riverside_by_its_postcode_district_and_joins_it(
    page: Page, live_server, dan, bob, riverside_in_se15, hillside_in_se13
):
    sign_in(page, live_server, dan)
    search_directory(page, live_server, "SE15 4AB")
    screenshot(page, "directory")
    expect(page.get_by_text("1 group matching")).to_be_visible()
    page.get_by_role("link", name="Riverside").click()
    expect(page.get_by_role("heading", level=1, name="Riverside")).to_be_visible()
    assert_accessible(page)
    assert member_count(page) == "1"

    page.get_by_role("button", name="Join Riverside").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome to Riverside!")
    expect(page.get_by_text("You are a member of Riverside.")).to_be_visible()
    assert member_count(page) == "2"
    screenshot(page, "group-member")
    assert_accessible(page)


def test_dan_asks_to_join_hillside_and_sees_that_his_request_is_waiting(
    page: Page, live_server, dan, riverside_in_se15, hillside_in_se13
):
    sign_in(page, live_server, dan)
    search_directory(page, live_server, "se13")
    page.get_by_role("link", name="Hillside").click()
    expect(page.get_by_role("heading", level=1, name="Hillside")).to_be_visible()
    screenshot(page, "group-approval")
    assert_accessible(page)

    page.get_by_label("A note for the organisers").fill("I live on Hilly Fields Crescent.")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_role("status")).to_contain_text("sent to its organisers")
    expect(page.get_by_text("Your request to join is waiting for an organiser.")).to_be_visible()
    assert_accessible(page)

    visit(page, f"{live_server.url}/home/")
    requests = page.get_by_role("region", name="Waiting for an organiser")
    expect(requests.get_by_role("link", name="Hillside")).to_be_visible()


def test_alice_approves_dans_request_and_dan_sees_riverside_at_home(
    page: Page, new_page, live_server, alice, dan, riverside
):
    riverside.join_policy = Group.JoinPolicy.APPROVAL
    riverside.save(update_fields=["join_policy"])
    check_join_group(riverside, message="I run the tenants' association.", acting_user=dan)

    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("link", name="Requests to join").click()
    expect(page.get_by_role("heading", level=1, name="Requests to join Riverside")).to_be_visible()
    expect(page.get_by_text("I run the tenants' association.")).to_be_visible()
    screenshot(page, "organiser-requests")
    assert_accessible(page)

    page.get_by_role("button", name="Approve Dan").click()
    expect(page.get_by_role("status")).to_contain_text("You approved Dan's request.")
    expect(page.get_by_text("No requests are waiting.")).to_be_visible()
    assert_accessible(page)

    dans_page = new_page()
    sign_in(dans_page, live_server, dan)
    my_groups = dans_page.get_by_role("region", name="My groups")
    expect(my_groups.get_by_role("link", name="Riverside")).to_be_visible()
    screenshot(dans_page, "member-home")


def test_bob_leaves_riverside_and_no_longer_sees_it_at_home(
    page: Page, live_server, bob, riverside
):
    sign_in(page, live_server, bob)
    expect(
        page.get_by_role("region", name="My groups").get_by_role("link", name="Riverside")
    ).to_be_visible()
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("link", name="Leave this group").click()
    expect(page.get_by_role("heading", level=1, name="Leave Riverside?")).to_be_visible()
    screenshot(page, "group-leave")
    assert_accessible(page)

    page.get_by_role("button", name="Leave Riverside").click()
    expect(page).to_have_url(f"{live_server.url}/home/")
    expect(page.get_by_role("status")).to_contain_text("You have left Riverside.")
    my_groups = page.get_by_role("region", name="My groups")
    expect(my_groups.get_by_role("link", name="Riverside")).to_have_count(0)
    expect(my_groups).to_contain_text("You are not in a group yet.")
    assert_accessible(page)
