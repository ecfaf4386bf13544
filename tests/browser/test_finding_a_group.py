"""A newcomer whose postcode no group covers sees the nearest groups and asks for one."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from groundwork.groups.models import DistrictCentroid, GroupRequest
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def southwark(riverside_in_se15, hillside_in_se13):
    riverside_in_se15.latitude, riverside_in_se15.longitude = Decimal("51.47"), Decimal("-0.065")
    riverside_in_se15.save()
    for district, latitude, longitude in (
        ("SE13", "51.45800", "-0.01100"),
        ("SE22", "51.45300", "-0.07000"),
    ):
        DistrictCentroid.objects.create(
            district=district, latitude=latitude, longitude=longitude, source="test"
        )


def search(page: Page, live_server, text: str) -> None:
    visit(page, f"{live_server.url}/groups/")
    page.get_by_label("Search by name, area or postcode").fill(text)
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/groups/\?q="))
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_dan_finds_no_group_in_se22_sees_the_nearest_and_asks_for_one(
    page: Page, live_server, dan, southwark, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, dan)

    search(page, live_server, "SE22 9QQX")
    expect(page.get_by_text("is not a UK postcode")).to_be_visible()
    search(page, live_server, "XX9")
    expect(page.get_by_text("We don't know the district XX9.")).to_be_visible()

    search(page, live_server, "se22 8aa")
    expect(page.get_by_role("heading", name="No group covers SE22 yet")).to_be_visible()
    nearest = page.get_by_role("heading", level=3)
    expect(nearest).to_have_text(["Riverside", "Hillside"])
    expect(page.get_by_text("1.9 km away")).to_be_visible()
    expect(page.get_by_role("button", name="Join Riverside")).to_be_visible()
    screenshot(page, "nearest-groups")

    page.get_by_role("link", name="Ask for a group in SE22").click()
    expect(page.get_by_label("Postcode district")).to_have_value("SE22")
    assert_accessible(page)
    page.get_by_label("Anything the coordinators should know").fill("Near Goose Green.")
    page.get_by_role("button", name="Ask for a group").click()
    expect(page.get_by_role("status")).to_contain_text("want a group in SE22")
    assert_accessible(page)
    assert GroupRequest.objects.filter(user=dan, district="SE22").count() == 1


def test_a_visitor_asks_for_a_group_with_their_email_and_a_coordinator_sees_it_counted(
    page: Page, live_server, southwark, admin
):
    visit(page, f"{live_server.url}/groups/ask/?district=SE22")
    page.get_by_label("Your email address").fill("nia@example.org")
    page.get_by_role("button", name="Ask for a group").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
    assert_accessible(page)
    page.get_by_label("I agree to be emailed").check()
    page.get_by_role("button", name="Ask for a group").click()
    expect(page.get_by_role("status")).to_contain_text("want a group in SE22")

    sign_in(page, live_server, admin, two_factor=True)
    visit(page, f"{live_server.url}/alliance/")
    page.get_by_role("link", name="Requests for new groups").click()
    expect(page.get_by_role("row", name="SE22 1")).to_be_visible()
    assert_accessible(page)
