"""Finding one's representatives from a postcode, in a browser: the real May 2018 directory
sample and YourNextMP's 2015 winners, which meet at St Albans (E14000960). A typo is explained
next to the field; a district alone lists every ward it may cover.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests import testdata
from tests.browser.conftest import assert_accessible, screenshot, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def load_register() -> None:
    folder = testdata.root() / "representatives"
    directory = testdata.need(folder / "lookups" / "dc_uk-geo-utils_onspd_may2018_test.csv")
    winners = testdata.need(folder / "ynmp_2015_winners" / "candidates_2015_elected_only.csv")
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("import_postcodes", str(directory), **quiet)
    call_command("import_representatives", str(winners), "--format", "ynmp", **quiet)


def postcode_field(page: Page):
    return page.get_by_role("textbox", name="Postcode")


def test_find_your_representatives_from_a_postcode(page: Page, live_server):
    load_register()
    visit(page, f"{live_server.url}/representatives/")
    page.get_by_role("link", name="Find your representatives from your postcode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find your representatives")
    assert_accessible(page)

    # A typo: said next to the field, with what was typed kept.
    postcode_field(page).fill("AL1 1A")
    page.get_by_role("button", name="Find").click()
    expect(page.locator("#id_postcode_error")).to_contain_text("Enter a UK postcode")
    expect(postcode_field(page)).to_have_value("AL1 1A")
    assert_accessible(page)

    # The whole postcode, as people type it: the ward, the constituency and its MP.
    postcode_field(page).fill("al11aa")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", name="Postcode AL1 1AA")).to_be_visible()
    expect(page.get_by_text("E14000960")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "find-representatives")

    # Only the district: every ward it may cover.
    postcode_field(page).fill("AL1")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("may cover several wards")).to_be_visible()
    expect(page.get_by_text("E05004803")).to_be_visible()
    expect(page.get_by_text("E05004785")).to_be_visible()
    assert_accessible(page)

    # Unknown: said so, not mistaken for a typo.
    postcode_field(page).fill("ZZ9 9ZZ")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", name="We do not know ZZ9 9ZZ")).to_be_visible()
    expect(page.locator("#id_postcode_error")).to_have_count(0)
    assert_accessible(page)

    postcode_field(page).fill("AL1 1AA")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Anne Main").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anne Main")
    assert_accessible(page)
