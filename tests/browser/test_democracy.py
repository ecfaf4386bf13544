"""Deciding together in a browser: a proposal from writing to result, and a ranked election.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from groundwork.democracy.models import Ballot, CastVote
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    fast_forward_past_deadline,
    open_ballot,
)
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tracker_on(page: Page) -> str:
    code = page.locator("#tracker-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}", code)
    return code


def test_a_proposal_is_written_discussed_amended_voted_on_and_decided(
    page: Page, new_page, live_server, alice, bob, erin, riverside
):
    # Riverside's secret ballots are sealed to Alice's teller key (the tellers' own test is in
    # test_tellers.py).
    appoint_tellers(riverside, alice)

    # Bob writes a proposal.
    sign_in(page, live_server, bob)
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("navigation", name="Democracy").get_by_role("link", name="Proposals").click()
    expect(page.get_by_role("heading", level=1, name="Proposals of Riverside")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Write a proposal").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("A food bank in St Mary's hall")
    page.get_by_label("What the proposal asks for").fill("Open **every Saturday**, 10 to 2.")
    page.get_by_role("button", name="Submit for discussion").click()
    expect(page.get_by_role("status")).to_contain_text("open for discussion")
    expect(page.locator(".proposal-text strong")).to_have_text("every Saturday")
    proposal_url = page.url
    assert_accessible(page)

    # Erin comments and proposes an amendment.
    erins = new_page()
    sign_in(erins, live_server, erin)
    visit(erins, proposal_url)
    erins.get_by_label("Your comment").fill("Could we open on Sundays too?")
    erins.get_by_role("button", name="Add your comment").click()
    expect(erins.get_by_role("status")).to_contain_text("Your comment was added.")
    assert_accessible(erins)
    erins.get_by_text("Propose an amendment").click()
    erins.get_by_label("What the amendment changes").fill("Sundays too")
    erins.get_by_label("The proposal's full text as amended").fill(
        "Open **every Saturday and Sunday**, 10 to 2."
    )
    erins.get_by_role("button", name="Propose the amendment").click()
    expect(erins.get_by_role("status")).to_contain_text("Your amendment was proposed.")
    assert_accessible(erins)

    # Bob replies in the thread and accepts the amendment.
    visit(page, proposal_url)
    page.get_by_text("Reply to Erin").click()
    page.get_by_label("Your reply").fill("Yes, if we find volunteers.")
    page.get_by_role("button", name="Reply", exact=True).click()
    expect(page.locator(".replies").get_by_text("Yes, if we find volunteers.")).to_be_visible()
    page.get_by_role("button", name="Accept the amendment: Sundays too").click()
    expect(page.get_by_role("status")).to_contain_text("now reads as amended")
    expect(page.locator(".proposal-text strong")).to_have_text("every Saturday and Sunday")
    assert_accessible(page)
    screenshot(page, "democracy-proposal")

    # Alice, the organiser, signs in with her authenticator and opens the vote.
    alices = new_page()
    sign_in(alices, live_server, alice, two_factor=True)
    visit(alices, proposal_url)
    open_vote = alices.get_by_role("region", name="Open the vote")
    open_vote.get_by_label("Quorum").fill("0.5")
    open_vote.get_by_role("button", name="Open the vote").click()
    expect(alices.get_by_role("status")).to_contain_text("The vote is open.")
    ballot_url = alices.url
    assert_accessible(alices)

    # The members vote.
    for voter_page, choice in ((page, "Yes"), (erins, "Yes"), (alices, "No")):
        visit(voter_page, ballot_url)
        voter_page.get_by_label(choice, exact=True).check()
        voter_page.get_by_role("button", name="Cast my vote").click()
        expect(voter_page.get_by_role("heading", level=1)).to_have_text("Your vote was recorded")
        tracker_on(voter_page)
        assert_accessible(voter_page)

    # Submitting again (the back button, a double click) is harmless.
    visit(page, ballot_url)
    expect(page.get_by_role("heading", name="You have voted")).to_be_visible()

    ballot = Ballot.objects.get(proposal__title="A food bank in St Mary's hall")
    fast_forward_past_deadline(ballot)
    visit(page, ballot_url)
    page.get_by_role("link", name="See the results and the published votes").click()
    expect(page.get_by_role("region", name="Outcome")).to_contain_text("Carried.")
    expect(page.get_by_role("region", name="Outcome")).to_contain_text("Met")
    assert_accessible(page)
    page.get_by_role("link", name="the proposal").click()
    expect(page.locator(".status").first).to_have_text("Decided")
    visit(page, f"{live_server.url}/groups/riverside/decisions/")
    expect(page.get_by_role("cell", name=re.compile("carried"))).to_be_visible()


@pytest.fixture
def election(alice, bob, erin, riverside) -> Ballot:
    return open_ballot(
        riverside,
        alice,
        title="Riverside's treasurer",
        method="irv",
        options=["Ash", "Birch", "Cedar"],
        secret=True,
    )


def test_a_ranked_election_by_keyboard_and_by_dragging_then_its_stages(
    page: Page, new_page, live_server, bob, erin, alice, election
):
    ballot_url = f"{live_server.url}/ballots/{election.pk}/"

    # Bob ranks with the keyboard alone: Cedar, then Ash, then moves Ash up.
    sign_in(page, live_server, bob)
    visit(page, f"{live_server.url}/home/")
    page.get_by_role("region", name="Ballots open to you").get_by_role(
        "link", name="Riverside's treasurer"
    ).click()
    expect(page.get_by_text("Your ranking", exact=True)).to_be_visible()
    expect(page.locator(".rank-selects")).to_be_hidden()
    assert_accessible(page)
    screenshot(page, "democracy-ranked-ballot")
    page.get_by_role("button", name="Add Cedar to my ranking").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add Ash to my ranking").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ranked .rank-item")).to_have_count(2)
    page.locator(".ranked .rank-item", has_text="Ash").focus()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("status").filter(has_text="moved")).to_have_text(
        "Ash moved to rank 1 of 2."
    )
    expect(page.locator(".ranked .rank-label")).to_have_text(["Ash", "Cedar"])
    expect(page.locator("select[name=rank-0]")).to_have_value("1")
    expect(page.locator("select[name=rank-2]")).to_have_value("2")
    assert_accessible(page)
    page.get_by_role("button", name="Cast my vote").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote was recorded")
    bobs_tracker = tracker_on(page)
    assert_accessible(page)
    screenshot(page, "democracy-receipt")

    # Erin drags Birch into her ranking, then Cedar above it.
    erins = new_page()
    sign_in(erins, live_server, erin)
    visit(erins, ballot_url)
    drag(erins, "Birch", erins.locator(".ranked"))
    drag(erins, "Cedar", erins.locator(".ranked .rank-item", has_text="Birch"), above=True)
    expect(erins.locator(".ranked .rank-label")).to_have_text(["Cedar", "Birch"])
    expect(erins.locator("select[name=rank-2]")).to_have_value("1")
    assert_accessible(erins)
    erins.get_by_role("button", name="Cast my vote").click()
    tracker_on(erins)

    # The ballot closes and its tellers open the box; the results show each stage, and Bob finds
    # his tracker.
    fast_forward_past_deadline(election)
    votes = {tuple(vote.content["ranking"]) for vote in CastVote.objects.filter(ballot=election)}
    assert votes == {(0, 2), (2, 1)}
    visit(page, f"{live_server.url}/ballots/{election.pk}/results/")
    stages = page.get_by_role("table", name="Votes of each candidate at each stage of the count")
    expect(stages.get_by_role("columnheader", name=re.compile("Stage 1"))).to_be_visible()
    expect(stages.get_by_role("rowheader", name="Non-transferable")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("final stage"))).to_be_visible()
    expect(page.locator(".trackers").get_by_text(bobs_tracker, exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "democracy-results")


def drag(page: Page, label: str, target, *, above: bool = False) -> None:
    """Drag the candidate's grip onto `target` with the mouse (pointer events, as a finger too)."""
    grip = page.locator(".rank-item", has_text=label).locator(".grip")
    page.locator(".ranker").scroll_into_view_if_needed()
    start = grip.bounding_box()
    box = target.bounding_box()
    assert start and box, "the item and its target are on screen"
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    y = box["y"] + (4 if above else box["height"] / 2)
    page.mouse.move(box["x"] + 40, y, steps=8)
    page.mouse.up()
