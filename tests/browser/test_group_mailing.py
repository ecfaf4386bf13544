"""An organiser emails a segment of the group in a browser: writes, previews the count (never an
address), sends, and watches the job worker's progress. axe-core checks each page at desktop and
phone widths."""

import urllib.request

import pytest
from django.utils import formats, timezone
from playwright.sync_api import Page, expect

from groundwork.events.tests.factories import going, plan_event
from groundwork.members.actions import do_give_consent
from groundwork.members.models import ConsentRecord
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, run_worker, sign_in, visit
from tests.smtp import body_of, smtp_on_loopback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _warm_server(live_server):
    """Pay Django's first-request warm-up before the browser's short timeouts start."""
    for path in ("/accounts/login/", "/groups/"):
        urllib.request.urlopen(live_server.url + path, timeout=60).read()


def accessible_at_both_widths(page: Page) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert_accessible(page)


def test_alice_emails_those_going_to_the_picnic(page: Page, live_server, alice, bob, carol):
    picnic = plan_event(alice.memberships.get().group, alice, title="Picnic in the park")
    going(picnic, bob)
    do_give_consent(bob, purpose=ConsentRecord.Purpose.ORGANISER_CONTACT, acting_user=bob)
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("link", name="Email members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails to members of Riverside")
    accessible_at_both_widths(page)
    page.get_by_role("link", name="Write an email").click()
    accessible_at_both_widths(page)
    day = formats.date_format(timezone.localtime(picnic.starts_at), "j M Y")
    page.get_by_label("Who it goes to").select_option(label=f"Picnic in the park ({day})")
    page.get_by_label("Subject").fill("Picnic: what to bring")
    page.get_by_label("Message").fill("See you on **Saturday**.\n\n- a blanket\n- some food")
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: Picnic: what to bring")
    expect(page.get_by_role("heading", name="It will reach 1 person")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("@example.org")
    accessible_at_both_widths(page)

    with smtp_on_loopback() as inbox:
        page.get_by_role("button", name="Send to 1 person").click()
        expect(page.get_by_role("status")).to_contain_text("Your email is on its way")
        expect(page.get_by_text("Waiting for the job worker to start.")).to_be_visible()
        accessible_at_both_widths(page)
        run_worker()
        (message,) = inbox.wait_for(1)
    assert message["To"] == "bob@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "See you on **Saturday**." in body_of(message)

    page.get_by_role("link", name="Refresh to see how far it has got").click()
    expect(page.get_by_text("Sent to 1 person.")).to_be_visible()
    expect(page.get_by_label("1 of 1 done")).to_be_visible()
    accessible_at_both_widths(page)
    page.get_by_role("link", name="Emails to members").click()
    expect(page.get_by_role("cell", name="1 of 1 sent")).to_be_visible()
    accessible_at_both_widths(page)
