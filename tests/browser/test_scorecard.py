"""A representative's scorecard in a browser, on the real shared data: EveryPolitician's Popolo
register of the 2010-15 Commons and Public Whip's 2013 vote matrix and policies. A visitor,
signed out, finds Danny Alexander by name, reads his agreement with "Increase VAT" (Public Whip's
policy 1110: 92%), opens the scorecard line by line (13 Jul 2010 #17, a strong division he
missed, counts as an absence) and finds him on the policy's page among everyone who sat.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests import testdata
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POPOLO = "popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json"
VAT = "Increase VAT"


def load_votes() -> None:
    """The register and the votes, imported as groundwork/accountability/tests/test_import_votes
    does (a few seconds: 672 members, 433 divisions, 33,574 votes)."""
    folder = testdata.root() / "representatives"
    popolo = testdata.need(folder / POPOLO)
    testdata.need(folder / "publicwhip_2013" / "votematrix-2010.txt")
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command(
        "import_representatives", str(popolo), format="popolo", as_of=date(2015, 3, 30), **quiet
    )
    call_command("import_votes", str(folder), **quiet)


def assert_fits_a_phone(page: Page) -> None:
    """On a phone the page reflows: wide tables scroll inside their own region (which axe-core
    checks can be reached by keyboard), never the whole page sideways (WCAG 1.4.10)."""
    page.set_viewport_size(PHONE)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways on a phone: {widths}"
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)


def test_a_visitor_finds_an_mp_and_reads_his_scorecard_line_by_line(page: Page, live_server):
    load_votes()

    # Signed out, the visitor searches the register by name.
    visit(page, f"{live_server.url}/representatives/")
    page.get_by_role("searchbox", name="Search by name").fill("Alexander")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/representatives/\?q=Alexander"))
    expect(page.get_by_text(re.compile(r"representatives? matching “Alexander”"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Danny Alexander", exact=True).click()

    # His page: 92% agreement with Increase VAT, almost always for, 10 divisions counted.
    expect(page.get_by_role("heading", level=1)).to_have_text("Danny Alexander")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=VAT, exact=True))
    expect(row.get_by_role("cell")).to_contain_text(["92%", "almost always for", "10"])
    assert_accessible(page)
    assert_fits_a_phone(page)
    screenshot(page, "representative")
    person_url = page.url

    # The scorecard explains each line; 13 Jul 2010 #17 he missed: an absence, 2.5 out of 5.
    row.get_by_role("link", name=VAT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Danny Alexander on “Increase VAT”")
    expect(page.locator(".lead")).to_have_text("Agreement: 92% (almost always for).")
    expect(page.get_by_text("Points against the policy: 2.6 out of 33.2")).to_be_visible()
    line = (
        page.get_by_role("row")
        .filter(has=page.get_by_role("cell", name="13 Jul 2010", exact=True))
        .filter(has=page.get_by_role("cell", name="17", exact=True))
    )
    expect(line).to_have_count(1)
    expect(line.get_by_role("cell").nth(3)).to_have_text("no vote")
    expect(line.get_by_role("cell").nth(5)).to_have_text("absent")
    expect(line.get_by_role("cell").nth(6)).to_have_text("2.5 / 5.0")
    assert_accessible(page)
    assert_fits_a_phone(page)
    screenshot(page, "scorecard")

    # The policy's page lists him, by name, among everyone who sat during its divisions.
    page.get_by_role("link", name=VAT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VAT)
    assert_accessible(page)
    standings = page.get_by_role("region", name="Representatives' agreement")
    him = standings.get_by_role("link", name="Danny Alexander", exact=True)
    for number in range(2, 15):  # the 650-odd MPs who sat, 50 a page
        if him.count():
            break
        standings.get_by_role("link", name="Next").click()
        expect(standings.get_by_text(re.compile(f"^Page {number} of"))).to_be_visible()
    theirs = standings.get_by_role("row").filter(
        has=page.get_by_role("link", name="Danny Alexander", exact=True)
    )
    expect(theirs.get_by_role("cell")).to_contain_text(["92%", "almost always for", "10"])
    assert_accessible(page)
    assert_fits_a_phone(page)
    him.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Danny Alexander on “Increase VAT”")
    page.get_by_role("link", name="Danny Alexander", exact=True).click()
    expect(page).to_have_url(person_url)
