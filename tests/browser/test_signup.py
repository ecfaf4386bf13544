"""Signing up in a browser: the verification email arrives through SMTP and its link signs you in."""

import re

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, run_worker, screenshot, visit
from tests.smtp import body_of, smtp_on_loopback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a long walk by the river"


def fill_sign_up_form(page: Page, *, password_again: str = NEW_PASSWORD) -> None:
    page.get_by_role("textbox", name="Email").fill("erin@example.org")
    page.get_by_label("Your name").fill("Erin")
    page.get_by_label(re.compile(r"^Password:?$")).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(password_again)
    page.get_by_label(re.compile("privacy notice")).check()
    page.get_by_role("button", name="Sign up").click()


def test_a_new_person_signs_up_verifies_their_email_and_lands_signed_in(page: Page, live_server):
    # Emailed links are built on SITE_URL, the address people use.
    with override_settings(SITE_URL=live_server.url), smtp_on_loopback() as inbox:
        visit(page, f"{live_server.url}/accounts/signup/")
        screenshot(page, "sign-up")
        fill_sign_up_form(page)

        expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
        assert_accessible(page)
        screenshot(page, "verify-email")
        assert inbox.messages == []  # the request only queued the email
        run_worker()
        (message,) = inbox.wait_for(1)

    assert message["To"] == "erin@example.org"
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body_of(message))
    assert link, body_of(message)
    visit(page, link.group(0))
    screenshot(page, "confirm-email")
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{live_server.url}/home/")
    expect(page.get_by_role("heading", name="Hello, Erin")).to_be_visible()
    expect(page.get_by_text("You are not in a group yet.")).to_be_visible()
    assert_accessible(page)


def test_mismatched_passwords_keep_what_was_typed_and_say_what_is_wrong(page: Page, live_server):
    visit(page, f"{live_server.url}/accounts/signup/")
    fill_sign_up_form(page, password_again="a long walk by the canal")

    password_again = page.get_by_label("Password (again)")
    expect(password_again).to_have_attribute("aria-invalid", "true")
    described_by = (password_again.get_attribute("aria-describedby") or "").split()
    error_ids = [id_ for id_ in described_by if id_.endswith("_error")]
    assert error_ids, f"the error is not tied to the field (aria-describedby={described_by})"
    error = page.locator(f"[id='{error_ids[0]}']")
    expect(error).to_contain_text("You must type the same password each time.")
    # Next to the field: the message sits in the field's own block, just above the input.
    expect(page.locator(".field-error").filter(has=password_again)).to_contain_text("same password")
    expect(page.get_by_role("textbox", name="Email")).to_have_value("erin@example.org")
    expect(page.get_by_label("Your name")).to_have_value("Erin")
    expect(page.get_by_role("alert")).to_contain_text("same password")
    screenshot(page, "sign-up-error")
    assert_accessible(page)
