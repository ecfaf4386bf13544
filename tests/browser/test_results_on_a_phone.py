"""The results of a ranked count read on a 390 px phone: the stage table scrolls in its own
captioned region, the page itself never scrolls sideways, and whole votes have no decimals."""

import re

import pytest
from playwright.sync_api import Page, expect

from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANDIDATES = ["Ashworth-Fairbanks", "Birchington", "Cedarholme", "Damson", "Elderfield"]


@pytest.fixture
def counted_election(alice, riverside):
    rankings = [[0, 1], [0, 2], [0, 3], [1, 2], [2, 1], [3, 4, 1], [4, 3], [0, 4], [1, 0]]
    voters = [UserFactory() for _ in rankings]
    for voter in voters:
        join(riverside, voter)  # before the ballot opens and fixes its electorate
    ballot = open_ballot(
        riverside,
        alice,
        title="Riverside's committee",
        method="stv-meek",
        options=CANDIDATES,
        seats=2,
        secret=False,
    )
    for voter, ranking in zip(voters, rankings, strict=True):
        vote_for(ballot, voter, ranking=ranking)
    fast_forward_past_deadline(ballot)
    return ballot


def test_the_stage_table_reads_on_a_390_px_phone(page: Page, live_server, bob, counted_election):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, bob)
    visit(page, f"{live_server.url}/ballots/{counted_election.pk}/results/")

    caption = "Votes of each candidate at each stage of the count"
    expect(page.get_by_role("heading", name="The count, stage by stage")).to_be_visible()
    region = page.get_by_role("region", name=caption)
    table = region.get_by_role("table", name=caption)
    expect(table.get_by_role("rowheader", name="Ashworth-Fairbanks")).to_be_visible()
    # The page fits the phone; only the table's own region scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    scroll_width, client_width = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert client_width <= PHONE["width"]
    if scroll_width > client_width:
        expect(page.get_by_text("scroll the table sideways")).to_be_visible()
        region.focus()  # a keyboard user scrolls it too
        page.keyboard.press("ArrowRight")
    cells = table.locator("td.number").all_inner_texts()
    assert cells and not [cell for cell in cells if re.fullmatch(r"\d+\.0+", cell.strip())]
    assert "4" in [cell.strip() for cell in cells]  # Ashworth-Fairbanks's first preferences
    assert_accessible(page)
    screenshot(page, "results-stages-phone")
