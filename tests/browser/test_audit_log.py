"""An organiser reads their group's audit log as sentences and narrows it to one person, on a
phone and with axe-core finding nothing wrong."""

import pytest
from playwright.sync_api import Page, expect

from groundwork.groups.actions import do_update_group
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in, visit

pytestmark = pytest.mark.browser


def test_alice_filters_her_groups_log_to_bobs_actions(
    page: Page, live_server, alice, bob, riverside
):
    do_update_group(riverside, values={"description": "Tuesdays."}, districts=[], acting_user=alice)
    sign_in(page, live_server, alice, two_factor=True)
    page.set_viewport_size(PHONE)
    visit(page, f"{live_server.url}/groups/riverside/audit/")
    log = page.get_by_role("region", name="Audit log")
    expect(log).to_contain_text("Alice changed the description of Riverside")
    screenshot(page, "audit-log")
    page.get_by_label("Person").fill("Bob")
    page.get_by_role("button", name="Filter").click()
    expect(log).to_contain_text("Bob joined")
    expect(log).not_to_contain_text("Alice changed")
    assert_accessible(page)
