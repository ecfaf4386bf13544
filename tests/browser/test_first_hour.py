"""The first hour (#14), at desktop and phone widths, every page checked with axe-core:
- a visitor reads the first page (aims, what's on, campaigns, the map of the groups);
- dan joins Riverside, finds its next event on the group's page, says he is going, and the
  notification bell tells him what to do next; his home shows it all;
- dan asked for a group in SE22; a coordinator answers with Riverside, and dan is told.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from groundwork.campaigns.models import Milestone
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.events.tests.factories import plan_event
from groundwork.groups.actions import do_request_group
from groundwork.groups.models import DistrictCentroid
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def placed_riverside(riverside_in_se15, alice):
    riverside_in_se15.latitude, riverside_in_se15.longitude = Decimal("51.47"), Decimal("-0.065")
    riverside_in_se15.save()
    plan_event(riverside_in_se15, alice, title="Riverside open meeting")
    return riverside_in_se15


@VIEWPORTS
def test_a_visitor_reads_the_first_page_and_opens_a_group_from_the_map(
    page: Page, live_server, seeded_platform, placed_riverside, viewport
):
    campaign = start_campaign(placed_riverside, title="Save the library")
    open_petition(campaign, title="Keep it open")
    Milestone.objects.create(
        campaign=campaign, title="The council backed down", happened_on="2026-11-20", is_win=True
    )
    page.set_viewport_size(viewport)
    visit(page, f"{live_server.url}/")
    aims = page.get_by_role("region", name="What we stand for").get_by_role("listitem")
    expect(aims).to_have_count(5)
    expect(page.get_by_role("link", name="Riverside open meeting")).to_be_visible()
    campaigns = page.get_by_role("region", name="Campaigns under way")
    expect(campaigns.get_by_role("link", name="Save the library")).to_be_visible()
    expect(page.get_by_text("The council backed down")).to_be_visible()
    screenshot(page, "landing")

    page.get_by_label("Events near a postcode").fill("SE15 4AB")
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("heading", name="What's on near SE15 4AB")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("group", name="Map of the groups").get_by_role(
        "link", name="Riverside"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Riverside")).to_be_visible()


@VIEWPORTS
def test_dan_joins_riverside_goes_to_its_meeting_and_the_bell_tells_him_what_next(
    page: Page, live_server, seeded_platform, dan, placed_riverside, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, dan)
    visit(page, f"{live_server.url}/home/")
    expect(page.get_by_text("You are not in a group yet.")).to_be_visible()
    screenshot(page, "home-empty")
    page.get_by_role("link", name="Find your local group").click()
    expect(page.get_by_role("group", name="Map of the groups")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "directory-map")

    page.get_by_role("link", name="Riverside", exact=True).first.click()
    page.get_by_role("button", name="Join Riverside").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome to Riverside!")
    assert_accessible(page)
    page.get_by_role("link", name="Riverside open meeting").click()
    page.get_by_role("button", name="I'm going").click()
    expect(page.get_by_text("You are going.", exact=True)).to_be_visible()
    assert_accessible(page)

    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("link", name="adopt", exact=False).first).to_be_visible()
    assert_accessible(page)

    visit(page, f"{live_server.url}/home/")
    expect(page.get_by_role("region", name="Your upcoming events")).to_contain_text(
        "Riverside open meeting"
    )
    expect(page.get_by_role("region", name="My groups")).to_contain_text("Riverside")
    screenshot(page, "home-member")


@VIEWPORTS
def test_a_coordinator_answers_dans_request_for_se22_and_dan_is_told(
    page: Page, new_page, live_server, admin, dan, placed_riverside, viewport
):
    DistrictCentroid.objects.create(
        district="SE22", latitude=Decimal("51.453"), longitude=Decimal("-0.07"), source="test"
    )
    do_request_group("SE22", note="Near Goose Green.", acting_user=dan)
    page.set_viewport_size(viewport)
    sign_in(page, live_server, admin, two_factor=True)
    visit(page, f"{live_server.url}/alliance/group-requests/")
    page.get_by_role("link", name="SE22").click()
    expect(page.get_by_text("1 person is waiting for a group here.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "group-requests-answer")
    page.get_by_label("Riverside").check()
    page.get_by_role("button", name="Tell the people who asked").click()
    expect(page.get_by_role("status")).to_contain_text("told about Riverside")
    expect(page.get_by_text("Nobody is waiting for a new group.")).to_be_visible()
    assert_accessible(page)

    dans = new_page()
    dans.set_viewport_size(viewport)
    sign_in(dans, live_server, dan)
    dans.get_by_role("link", name="Notifications, 1 unread").click()
    dans.get_by_role("link", name="You asked for a group in SE22", exact=False).click()
    expect(dans.get_by_role("heading", level=1, name="Riverside")).to_be_visible()
    assert_accessible(dans)
