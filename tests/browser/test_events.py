"""Events in a browser: an organiser plans a protest and a conference; members answer, one waits
for a place and gets it when someone cancels. axe-core checks every page visited."""

import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundwork.events.models import Event
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _warm_server(live_server):
    """The first request imports every app's views and compiles templates: seconds on a loaded
    machine, longer than the browser's five-second timeout. Pay it before the browser starts."""
    for path in ("/accounts/login/", "/events/", "/groups/"):
        urllib.request.urlopen(live_server.url + path, timeout=60).read()


def field(page: Page, label: str):
    """The form field labelled `label` (Django's labels end with a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def local(days: int, hour: int) -> str:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def plan(page: Page, live_server, fields: dict[str, str], selects: dict[str, str]) -> None:
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("link", name="New event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New event for Riverside")
    assert_accessible(page)
    for label, value in fields.items():
        field(page, label).fill(value)
    for label, option in selects.items():
        field(page, label).select_option(label=option)


def test_alice_plans_a_protest_and_a_conference_and_bob_and_carol_answer(
    page: Page, new_page, live_server, alice, bob, carol
):
    sign_in(page, live_server, alice, two_factor=True)
    # A mistake first: the form says what is wrong beside the field and keeps what was typed.
    plan(
        page,
        live_server,
        {"Title": "March to save our homes", "Starts": local(9, 11), "Ends": local(9, 10)},
        {"Kind": "Protest or march"},
    )
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("alert")).to_contain_text("The event must end after it starts.")
    expect(field(page, "Title")).to_have_value("March to save our homes")
    assert_accessible(page)
    field(page, "Ends").fill(local(9, 14))
    field(page, "Address").fill("160 Tooley Street, London")
    field(page, "Postcode").fill("SE1 2QH")
    field(page, "Latitude").fill("51.50389")
    field(page, "Longitude").fill("-0.07890")
    field(page, "Capacity").fill("1")
    field(page, "Meeting point").fill("Outside the community centre")
    page.get_by_role("checkbox", name="Bob").check()
    field(page, "Legal-support contact").fill("07946 541 511")
    field(page, "What to bring").fill("Water and a banner")
    field(page, "Accessibility").fill("Step-free route, 2 km")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("March to save our homes")
    expect(page.get_by_role("status")).to_contain_text("is on the calendar")
    assert_accessible(page)
    protest_url = page.url
    screenshot(page, "event-protest")

    plan(
        page,
        live_server,
        {
            "Title": "Riverside people's conference",
            "Starts": local(20, 10),
            "Ends": local(20, 17),
            "Venue": "Riverside Community Centre",
            "Postcode": "SE1 9SG",
            "Registration": "Free; two delegates per group.",
        },
        {"Kind": "Conference"},
    )
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside people's conference")
    page.get_by_role("link", name="Add a session to the programme").click()
    assert_accessible(page)
    field(page, "Title").fill("Housing: from petitions to power")
    field(page, "Track").fill("Housing")
    field(page, "Speakers").fill("Alice, Bob")
    field(page, "Starts").fill(local(20, 11))
    field(page, "Ends").fill(local(20, 12))
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_role("cell", name="Housing", exact=True)).to_be_visible()
    day = (timezone.localtime() + timedelta(days=20)).date()
    heading = f"{day:%A} {day.day} {day:%B %Y}"
    expect(page.get_by_role("heading", level=3, name=heading)).to_be_visible()
    expect(page.get_by_role("region", name=heading)).to_contain_text("Housing")
    assert_accessible(page)
    screenshot(page, "event-conference")
    assert Event.objects.filter(group__slug="riverside").count() == 2

    bobs = new_page()
    sign_in(bobs, live_server, bob)
    visit(bobs, protest_url)
    bobs.get_by_role("button", name="I'm going").click()
    expect(bobs.get_by_text("You are going.", exact=True)).to_be_visible()
    expect(bobs.locator("dt:text-is('Stewards') + dd")).to_have_text("Bob")
    assert_accessible(bobs)

    carols = new_page()
    sign_in(carols, live_server, carol)
    visit(carols, f"{live_server.url}/events/")
    screenshot(carols, "event-list")
    carols.get_by_role("link", name="March to save our homes").click()
    assert_accessible(carols)
    carols.get_by_role("button", name="Join the waiting list").click()
    expect(carols.get_by_text("You are next on the waiting list.", exact=True)).to_be_visible()
    assert_accessible(carols)

    bobs.get_by_role("button", name="I can't come after all").click()
    expect(bobs.get_by_role("status")).to_contain_text("no longer going")
    assert_accessible(bobs)
    visit(carols, protest_url)
    expect(carols.get_by_text("You are going.", exact=True)).to_be_visible()
    visit(carols, f"{live_server.url}/home/")
    expect(carols.get_by_role("heading", name="Your upcoming events")).to_be_visible()
    expect(carols.get_by_role("link", name="March to save our homes", exact=True)).to_be_visible()

    # Alice sees who is coming and checks carol in at the door, on her phone.
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, protest_url)
    page.get_by_role("link", name="Check people in at the door").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Arrived.*Carol")).click()
    expect(page.get_by_text(re.compile(r"Arrived \d\d:\d\d"))).to_be_visible()
    assert_accessible(page)
    visit(page, f"{live_server.url}/map/")
