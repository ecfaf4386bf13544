"""A double click on a create form's button makes one object (issue #14), in a real browser."""

import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundwork.events.models import Event
from tests.browser.conftest import assert_accessible, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _warm_server(live_server):
    """Pay for the first request's imports before the browser's short timeouts start."""
    for path in ("/accounts/login/", "/groups/riverside/events/new/"):
        urllib.request.urlopen(live_server.url + path, timeout=60).read()


def local(days: int, hour: int) -> str:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_alice_double_clicks_create_and_gets_one_event(page: Page, live_server, alice):
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/events/new/")
    page.get_by_label("Title").fill("Tenants' assembly")
    page.get_by_label("Starts").fill(local(9, 18))
    page.get_by_label("Ends").fill(local(9, 20))
    # A double click: the second submission leaves while the first is still on its way.
    page.eval_on_selector(
        "form.event-form",
        "form => { form.requestSubmit(); setTimeout(() => form.requestSubmit(), 0); }",
    )
    page.wait_for_url("**/events/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tenants' assembly")
    # The page the browser shows answers the second submission: sent to what the first saved.
    expect(page.get_by_text("This form had already been sent")).to_be_visible()
    assert_accessible(page)
    assert Event.objects.filter(title="Tenants' assembly").count() == 1
