"""A member finds their notification preferences from the bell, chooses, and saves them."""

import re

import pytest
from playwright.sync_api import Page, expect

from groundwork.notifications.models import Delivery, NotificationKind
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_bob_chooses_a_weekly_digest_for_help_requests_and_no_email_for_the_platform(
    page: Page, live_server, bob, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, bob)
    page.get_by_role("link", name=re.compile("^Notifications")).first.click()
    page.get_by_role("link", name="Choose which notifications you also get by email").click()
    expect(page.get_by_role("heading", level=1, name="Notification preferences")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "notification-preferences")

    help_requests = page.get_by_role("group", name=str(NotificationKind.HELP.label))
    expect(help_requests.get_by_label("In a daily email digest")).to_be_checked()
    help_requests.get_by_label("In a weekly email digest").check()
    page.get_by_role("group", name=str(NotificationKind.ALLIANCE.label)).get_by_label(
        "In the app only"
    ).check()
    page.get_by_role("button", name="Save preferences").click()

    expect(page.get_by_role("status")).to_contain_text("Your notification preferences were saved.")
    assert_accessible(page)
    expect(help_requests.get_by_label("In a weekly email digest")).to_be_checked()
    saved = dict(bob.notification_preferences.values_list("kind", "delivery"))
    assert saved[NotificationKind.HELP] == Delivery.WEEKLY
    assert saved[NotificationKind.ALLIANCE] == Delivery.APP
