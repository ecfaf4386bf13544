"""The main menu fits a 390 px phone in two lines, with the bell, for an organiser and for a
coordinator (who has the most links); every link is still reachable through "More", without
JavaScript, and the page does not scroll sideways."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.browser

EVERY_LINK = ["Find a group", "Events", "My groups", "Campaigns", "Projects", "Our platform",
              "Library", "Outcomes", "Profile"]  # fmt: skip


def lines_of(page: Page) -> int:
    """How many lines the menu's items take: its height over the height of one item, and
    the number of distinct rows its items sit on (the two must agree)."""
    measured = page.evaluate(
        """() => {
          const list = document.querySelector('nav.site-nav > ul');
          const items = [...list.children];
          const rows = new Set(items.map(item => Math.round(item.getBoundingClientRect().top)));
          const line = Math.max(...items.map(item => item.getBoundingClientRect().height));
          const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
          return {rows: rows.size, height: list.getBoundingClientRect().height, line, gap};
        }"""
    )
    by_height = round((measured["height"] + measured["gap"]) / (measured["line"] + measured["gap"]))
    assert by_height == measured["rows"], measured
    return measured["rows"]


def check_menu_on_a_phone(page: Page, links: list[str], name: str) -> None:
    page.set_viewport_size(PHONE)
    page.reload()
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Notifications")).to_be_visible()
    assert lines_of(page) <= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"menu-{name}")
    menu.get_by_text("More").click()
    for link in links:
        expect(menu.get_by_role("link", name=link, exact=True)).to_be_visible()
    expect(menu.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    screenshot(page, f"menu-{name}-open")


def test_an_organisers_menu_fits_a_phone_in_two_lines(page: Page, live_server, alice):
    sign_in(page, live_server, alice, two_factor=True)
    check_menu_on_a_phone(page, EVERY_LINK, "organiser")


def test_a_coordinators_menu_fits_a_phone_in_two_lines(page: Page, live_server, admin):
    sign_in(page, live_server, admin, two_factor=True)
    check_menu_on_a_phone(page, [*EVERY_LINK, "Alliance"], "coordinator")


def test_a_visitors_menu_fits_a_phone_and_a_desktop_shows_it_on_one_line(page: Page, live_server):
    page.goto(f"{live_server.url}/events/")
    assert lines_of(page) == 1
    page.set_viewport_size(PHONE)
    assert lines_of(page) <= 2
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(page)
