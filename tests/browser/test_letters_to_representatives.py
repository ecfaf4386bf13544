"""A campaign's letter to each writer's own MP, in a browser: Bob is asked his postcode before
he writes a word; a typo and an unknown postcode are told beside the field, as typed; his whole
postcode shows the letter with his MP chosen; he checks the email and sends it to the address
the register holds for her.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from groundwork.accountability.models import Area
from groundwork.accountability.tests.factories import (
    commons,
    council,
    elect,
    locate,
    publish_contact,
    ward,
)
from groundwork.campaigns.models import LetterSent, Target
from groundwork.campaigns.tests.factories import add_target, offer_letter, start_campaign
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def southwark_register() -> None:
    southwark = council("Southwark Council", gss_code="E09000028")
    peckham = ward(southwark, "Peckham", "E05011111")
    seat = Area.objects.create(
        body=commons(),
        kind=Area.Kind.CONSTITUENCY,
        name="Camberwell and Peckham",
        gss_code="E14000615",
    )
    mp = elect("Harriet Example", commons(), seat, "Labour", start=date(2015, 5, 7))
    publish_contact(mp.person, "email", "harriet.example@parliament.uk")
    elect("Ann Councillor", southwark, peckham, "Green Party", start=date(2022, 5, 5))
    locate("SE15 4AB", ward="E05011111", constituency="E14000615", authority="E09000028")


def test_bob_types_his_postcode_and_writes_to_his_own_mp(page: Page, live_server, bob, riverside):
    southwark_register()
    campaign = start_campaign(riverside, title="Keep Peckham Library open")
    offer_letter(campaign)
    add_target(campaign, name="Your MP", email="", kind=Target.Kind.OWN_MP)

    sign_in(page, live_server, bob)
    visit(page, f"{live_server.url}{campaign.get_absolute_url()}")
    page.get_by_role("link", name="Write to your representative").click()
    expect(page.get_by_role("button", name="Find my representative")).to_be_visible()
    expect(page.get_by_label("Your letter")).to_have_count(0)  # the postcode comes first
    assert_accessible(page)
    postcode = page.get_by_role("textbox", name="Your postcode")

    # A typo, then a postcode nobody knows: each said beside the field, as typed.
    postcode.fill("SE15 4A")
    page.get_by_role("button", name="Find my representative").click()
    expect(page.locator("#id_postcode_error")).to_contain_text("Enter a UK postcode")
    expect(postcode).to_have_value("SE15 4A")
    assert_accessible(page)
    postcode.fill("ZZ9 9ZZ")
    page.get_by_role("button", name="Find my representative").click()
    expect(page.locator("#id_postcode_error")).to_contain_text("We do not know the postcode")
    expect(postcode).to_have_value("ZZ9 9ZZ")
    assert_accessible(page)

    # His whole postcode: the letter, with his MP already chosen.
    postcode.fill("se15 4ab")
    page.get_by_role("button", name="Find my representative").click()
    mp = page.get_by_role("radio", name="Harriet Example: MP for Camberwell and Peckham, Labour")
    expect(mp).to_be_checked()
    expect(page.get_by_text("Your postcode: SE15 4AB.")).to_be_visible()
    expect(page.get_by_label("Your letter")).to_have_value("Please keep the library open.")
    assert_accessible(page)
    screenshot(page, "letter-to-my-mp")

    page.get_by_label("Your letter").fill("Please keep Peckham Library open: I use it every week.")
    page.get_by_role("button", name="Check my letter").click()
    expect(page.get_by_text("Harriet Example <harriet.example@parliament.uk>")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send this letter").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Your letter is on its way to Harriet Example"
    )
    assert_accessible(page)
    letter = LetterSent.objects.get()
    assert letter.recipient == "Harriet Example" and letter.postcode_district == "SE15"
