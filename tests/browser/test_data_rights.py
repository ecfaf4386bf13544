"""A member downloads their data and deletes their account (issue #14, item 7), at desktop and
phone widths, with axe-core on every page."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import Page, expect

from groundwork.groups.tests.factories import PASSWORD
from groundwork.members.models import User
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    run_worker,
    screenshot,
    sign_in,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def accessible_at_both_widths(page: Page) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert_accessible(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_member_downloads_their_data_and_deletes_their_account(
    page: Page, live_server, bob, riverside, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, bob)
    visit(page, f"{live_server.url}/profile/")
    page.get_by_role("link", name="Your data: download or delete").click()
    expect(page.get_by_role("heading", level=1, name="Your data")).to_be_visible()
    accessible_at_both_widths(page)
    page.set_viewport_size(viewport)

    page.get_by_role("button", name="Prepare a copy of my data").click()
    expect(page.get_by_role("status").first).to_contain_text("Your data is being prepared.")
    accessible_at_both_widths(page)
    page.set_viewport_size(viewport)
    screenshot(page, "data-preparing")

    run_worker()
    page.get_by_role("link", name="Check again").click()
    link = page.get_by_role("link", name="Download your data (zip)")
    expect(link).to_be_visible()
    accessible_at_both_widths(page)
    page.set_viewport_size(viewport)
    screenshot(page, "data-ready")
    with page.expect_download() as download_info:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    assert json.loads(archive.read("account.json"))[0]["email"] == "bob@example.org"
    assert [m["group"] for m in json.loads(archive.read("group_memberships.json"))] == ["Riverside"]

    page.get_by_role("link", name="Delete my account…").click()
    expect(page.get_by_role("heading", level=1, name="Delete your account")).to_be_visible()
    accessible_at_both_widths(page)
    page.set_viewport_size(viewport)
    screenshot(page, "delete-account")
    # Without the tick nothing happens, and the page says why, at the field.
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("#id_understood_error")).to_contain_text("Tick this box to confirm")
    assert_accessible(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that my account is deleted for good").check()
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account was deleted.")).to_be_visible()
    accessible_at_both_widths(page)

    assert not User.objects.filter(email="bob@example.org").exists()
    riverside.refresh_from_db()
    assert not riverside.memberships.filter(user__erased_at__isnull=False).exists()
    visit(page, f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("bob@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
