"""An organiser imports a members' list in a browser: uploads it with the lawful basis, sees the
preview, runs a dry run that reports the bad row, then imports, and the job worker's progress
reaches the end. Nobody is enrolled: the new person is invited. axe-core checks each page."""

import urllib.request

import pytest
from playwright.sync_api import Page, expect

from groundwork.groups.models import ImportedContact, Invitation, Membership
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, run_worker, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = b"Email,First name,Last name\nnew@example.org,New,Person\nnot-an-address,Bad,Row\n"


@pytest.fixture(autouse=True)
def _warm_server(live_server):
    for path in ("/accounts/login/", "/groups/"):
        urllib.request.urlopen(live_server.url + path, timeout=60).read()


def accessible_at_both_widths(page: Page) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert_accessible(page)


def test_alice_imports_a_list_with_a_bad_row_reported(page: Page, live_server, alice):
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/members/")
    page.get_by_role("link", name="Import a members' list").click()
    accessible_at_both_widths(page)
    page.get_by_label("Members' list (CSV)").set_input_files(
        {"name": "list.csv", "mimeType": "text/csv", "buffer": LIST}
    )
    page.get_by_label("Consent: they agreed to be contacted by the group about joining").check()
    page.get_by_label("I confirm that the group holds this list lawfully").check()
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("list.csv")
    expect(page.get_by_role("cell", name="New Person")).to_be_visible()
    accessible_at_both_widths(page)
    page.get_by_role("button", name="Check the whole file (dry run)").click()
    expect(page.locator("#import-status")).to_contain_text("Queued")
    run_worker()
    page.reload()
    expect(page.get_by_role("heading", name="dry run: nothing was changed")).to_be_visible()
    expect(page.get_by_role("cell", name="Not a valid email address")).to_be_visible()
    accessible_at_both_widths(page)
    assert not ImportedContact.objects.exists()

    page.get_by_role("button", name="Import and invite the new people").click()
    run_worker()
    page.reload()
    expect(page.get_by_role("heading", name="What the import did")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("1 person new to the group")
    accessible_at_both_widths(page)
    assert Invitation.objects.filter(email="new@example.org", status="pending").exists()
    assert not Membership.objects.filter(user__email="new@example.org").exists()
