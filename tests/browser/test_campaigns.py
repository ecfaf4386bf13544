"""A member signs a petition in one step, is asked to share it, and writes to their councillor."""

from datetime import date

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from groundwork.campaigns.models import Milestone, Petition
from groundwork.campaigns.tests.factories import (
    add_target,
    offer_letter,
    open_petition,
    start_campaign,
)
from tests.browser.conftest import assert_accessible, run_worker, screenshot, sign_in, visit
from tests.smtp import body_of, smtp_on_loopback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def campaign(riverside_in_se15, alice):
    campaign = start_campaign(riverside_in_se15, title="Save Peckham Library")
    campaign.description = "The library is where children do homework and people apply for jobs."
    campaign.save()
    target = add_target(
        campaign,
        name="Cllr Sam Adeyemi",
        email="councillor@example.gov.uk",
        postcode_districts="SE15",
    )
    add_target(
        campaign, name="Southwark Council", email="council@example.gov.uk", ons_codes="E09000028"
    )
    offer_letter(campaign)
    open_petition(campaign, title="Keep Peckham Library open", target=target, goal=500)
    Milestone.objects.create(
        campaign=campaign,
        title="Council extends consultation",
        happened_on=date(2026, 11, 1),
        is_win=True,
    )
    return campaign


def test_bob_signs_in_one_step_shares_and_writes_to_his_councillor(
    page: Page, live_server, bob, campaign
):
    with override_settings(SITE_URL=live_server.url), smtp_on_loopback() as inbox:
        sign_in(page, live_server, bob)
        visit(page, f"{live_server.url}/campaigns/")
        page.get_by_role("link", name="Save Peckham Library").click()
        expect(page.get_by_role("heading", level=1, name="Save Peckham Library")).to_be_visible()
        assert_accessible(page)
        screenshot(page, "campaign")

        page.get_by_role("link", name="Keep Peckham Library open").click()
        expect(
            page.get_by_role("heading", level=1, name="Keep Peckham Library open")
        ).to_be_visible()
        assert_accessible(page)
        screenshot(page, "petition")
        # Bob's email is verified: he signs in one step, with nothing to confirm by email.
        expect(page.get_by_label("Your email")).to_have_count(0)
        page.get_by_label("Your postcode").fill("SE15 4AB")
        page.get_by_role("button", name="Sign as Bob").click()
        expect(
            page.get_by_role("heading", level=1, name="You signed “Keep Peckham Library open”")
        ).to_be_visible()
        petition = Petition.objects.get()
        expect(page.get_by_label("Link to the petition")).to_have_value(
            f"{live_server.url}/petitions/{petition.pk}/"
        )
        expect(page.get_by_role("link", name="Share it by email")).to_be_visible()
        assert_accessible(page)
        screenshot(page, "petition-signed")
        run_worker()
        assert inbox.messages == []  # no confirmation email
        page.get_by_role("link", name="Back to the petition").click()
        expect(page.locator(".sign-box .count strong")).to_have_text("1")
        expect(page.get_by_role("heading", name="You signed")).to_be_visible()
        assert_accessible(page)
        assert Petition.objects.get().signature_count == 1

        visit(page, f"{live_server.url}/campaigns/{campaign.pk}/")
        page.get_by_role("link", name="Write to your representative").click()
        expect(
            page.get_by_role("heading", level=1, name="Write to your representative")
        ).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Your postcode").fill("M1 1AA")
        page.get_by_role("button", name="Check my letter").click()
        expect(
            page.get_by_text("None of this campaign's targets answers for M1.", exact=True)
        ).to_be_visible()
        assert_accessible(page)
        screenshot(page, "letter-error")
        page.get_by_label("Your postcode").fill("SE15")
        page.get_by_label("Your letter").fill("I use the library every week.")
        page.get_by_role("button", name="Check my letter").click()
        expect(
            page.get_by_role("heading", level=1, name="Check your letter before it goes")
        ).to_be_visible()
        preview = page.locator(".letter-preview")
        expect(preview).to_contain_text("Cllr Sam Adeyemi <councillor@example.gov.uk>")
        expect(preview).to_contain_text("bob@example.org")
        expect(preview).to_contain_text("I use the library every week.")
        assert_accessible(page)
        page.get_by_role("button", name="Change my letter").click()
        expect(page.get_by_label("Your letter")).to_have_value("I use the library every week.")
        expect(page.get_by_label("Your postcode")).to_have_value("SE15")
        page.get_by_label("Your letter").fill("I use the library every week with my children.")
        screenshot(page, "letter")
        page.get_by_role("button", name="Check my letter").click()
        screenshot(page, "letter-preview")
        page.get_by_role("button", name="Send this letter").click()
        expect(page.get_by_role("status")).to_contain_text("on its way to Cllr Sam Adeyemi")
        assert_accessible(page)

        run_worker()
        [letter] = inbox.wait_for(1)  # the letter; signing sent nothing
    assert letter["To"] == "councillor@example.gov.uk"
    assert letter["Reply-To"] == "bob@example.org"
    assert "I use the library every week" in body_of(letter)
