"""A double click on a create form's button makes one object (issue #14), in a real browser."""

import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, Route, expect

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
    page.get_by_label("Address").fill("Tooley Street")
    # A slow connection holds the first submission, so the second click sends the form again
    # while the first is on its way. The server is then sent both, one after the other (the test
    # server shares SQLite's in-memory database between threads, which refuses a second writer
    # at once where the real server's file waits its turn; on PostgreSQL see
    # tests/test_double_submit_concurrently.py).
    held: list[Route] = []
    answers: list[int] = []

    def slow_network(route: Route) -> None:
        held.append(route)
        if len(held) == 1:
            return  # still on its way
        first = page.request.fetch(held[0].request, max_redirects=0)
        answers.append(first.status)
        second = route.fetch(max_redirects=0)
        answers.append(second.status)
        route.fulfill(response=second)

    page.route("**/groups/riverside/events/new/", slow_network)
    button = page.get_by_role("button", name="Create the event")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # The mouse itself, which (unlike a locator's click) does not wait for the first to arrive.
    with page.expect_request(lambda request: request.method == "POST"):
        page.mouse.click(x, y)
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"/events/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tenants' assembly")
    # The page the browser shows answers the second submission: sent to what the first saved.
    expect(page.get_by_text("This form had already been sent")).to_be_visible()
    assert_accessible(page)
    page.unroute_all(behavior="ignoreErrors")
    assert answers == [302, 302]
    assert Event.objects.filter(title="Tenants' assembly").count() == 1
