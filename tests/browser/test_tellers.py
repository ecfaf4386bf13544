"""A secret ballot's tellers in a browser: appointed, each taking their key, the ballot box sealed
as the ballot opens, then opened at the count by two shares of three; one share alone opens nothing.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundwork.democracy import ballot_box
from groundwork.democracy.actions.tellers import server_secret
from groundwork.democracy.models import Ballot, CastVote, KeyShare
from groundwork.democracy.tasks import close_ballot_at_deadline, count_sealed_ballot
from groundwork.democracy.tests.factories import (
    TELLER_CODES,
    appoint_tellers,
    close_voting,
    open_ballot,
    vote_for,
)
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 8 groups of 4 base32 characters: a teller key (20 bytes) and a ballot tracker (20 bytes).
CODE = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}")


def code_on(page: Page, element_id: str) -> str:
    """The code the page shows, as the person would copy it."""
    code = page.locator(f"#{element_id}").inner_text().strip()
    assert CODE.fullmatch(code), code
    return code


def give_share(page: Page, ballot_url: str, code: str) -> None:
    """The teller opens the ballot's page at the count and gives their share with their key."""
    visit(page, ballot_url)
    waiting = page.get_by_role("region", name="Waiting for the tellers")
    waiting.get_by_label("Your teller key").fill(code)
    page.get_by_role("button", name="Give my share").click()


def test_three_tellers_two_needed_one_share_opens_nothing_two_count_the_ballot(
    page: Page, new_page, live_server, alice, bob, erin, riverside
):
    tellers_url = f"{live_server.url}/groups/riverside/tellers/"

    # Alice, the organiser, appoints three tellers, any two of whom open a ballot box.
    alices = page
    sign_in(alices, live_server, alice, two_factor=True)
    visit(alices, f"{live_server.url}/groups/riverside/ballots/")
    alices.get_by_role("navigation", name="Democracy").get_by_role("link", name="Tellers").click()
    expect(alices.get_by_role("heading", level=1)).to_have_text("Tellers of Riverside")
    assert_accessible(alices)
    appoint = alices.get_by_role("region", name="Appoint the tellers")
    for name in ("Alice", "Bob", "Erin"):
        appoint.get_by_label(name, exact=True).check()
    appoint.get_by_label("Tellers needed to open a ballot box").fill("2")
    appoint.get_by_role("button", name="Save the tellers").click()
    expect(alices.get_by_role("status")).to_contain_text("Saved.")
    keys = alices.get_by_role("region", name="Who holds the keys")
    expect(keys).to_contain_text("Any 2 of the 3 tellers together can open a ballot box")
    expect(keys.get_by_role("row")).to_have_count(4)
    assert_accessible(alices)

    # Each teller takes their key, and copies it from the page where it is shown once.
    bobs, erins = new_page(), new_page()
    sign_in(bobs, live_server, bob)
    sign_in(erins, live_server, erin)
    codes = {}
    for teller_page, name in ((alices, "Alice"), (bobs, "Bob"), (erins, "Erin")):
        visit(teller_page, tellers_url)
        teller_page.get_by_role("button", name="Take my teller key").click()
        expect(teller_page.get_by_role("heading", level=1)).to_have_text("Your teller key")
        codes[name] = code_on(teller_page, "teller-key")
        assert_accessible(teller_page)
        if name == "Bob":
            screenshot(teller_page, "tellers-key")
    assert len(set(codes.values())) == 3
    visit(alices, tellers_url)
    expect(alices.get_by_role("region", name="Who holds the keys")).not_to_contain_text(
        "Not taken yet"
    )

    # Alice creates a secret yes / no ballot and opens it: its box is sealed to the three keys.
    visit(alices, f"{live_server.url}/groups/riverside/ballots/")
    alices.get_by_role("link", name="Create a ballot").click()
    assert_accessible(alices)
    alices.get_by_label("Title").fill("Rent the St Mary's hall for a year")
    expect(alices.get_by_label("Counting method")).to_have_value("majority")
    expect(alices.get_by_label("Secret ballot")).to_be_checked()
    alices.get_by_role("button", name="Save the draft ballot").click()
    alices.get_by_role("button", name="Open the ballot").click()
    expect(alices.get_by_role("status")).to_contain_text("The ballot is open.")
    expect(alices.locator(".facts")).to_contain_text(
        "Any 2 of its 3 tellers together open it at the count; fewer cannot read any vote."
    )
    ballot_url = alices.url
    assert_accessible(alices)
    ballot = Ballot.objects.get(title="Rent the St Mary's hall for a year")

    # The members vote, and each is shown their ballot tracker.
    trackers = {}
    for voter_page, name, choice in (
        (bobs, "Bob", "Yes"),
        (erins, "Erin", "Yes"),
        (alices, "Alice", "No"),
    ):
        visit(voter_page, ballot_url)
        voter_page.get_by_label(choice, exact=True).check()
        voter_page.get_by_role("button", name="Cast my vote").click()
        expect(voter_page.get_by_role("heading", level=1)).to_have_text("Your vote was recorded")
        trackers[name] = code_on(voter_page, "tracker-code")
        assert_accessible(voter_page)

    # The deadline passes and the closing job stops the voting: the box waits for its tellers.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    assert close_ballot_at_deadline.call(ballot.pk) == "closed"

    # Bob gives his share: one of the two needed.
    visit(bobs, ballot_url)
    expect(bobs.locator(".status")).to_have_text("Closed, being counted")
    waiting = bobs.get_by_role("region", name="Waiting for the tellers")
    expect(waiting).to_contain_text("until 2 tellers give their shares of the key: 0 given so far")
    screenshot(bobs, "tellers-counting")
    give_share(bobs, ballot_url, codes["Bob"])
    expect(bobs.get_by_role("status")).to_have_text("Thank you: 1 of the 2 shares needed are in.")
    expect(waiting).to_contain_text("1 given so far")
    expect(waiting).to_contain_text("You gave your share on")
    expect(waiting.get_by_label("Your teller key")).to_have_count(0)
    assert_accessible(bobs)

    # One share alone opens nothing: the count job waits, no vote is readable, no result exists.
    assert count_sealed_ballot.call(ballot.pk) == "waiting for the tellers"
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.COUNTING and ballot.result is None
    assert not CastVote.objects.filter(ballot=ballot).exists()
    held = KeyShare.objects.get(ballot=ballot, given_at__isnull=False).given_share
    assert held is not None and ballot.box_public_key is not None
    one_share = ballot_box.release_given_share(bytes(held), server_secret())
    with pytest.raises(ballot_box.BoxError, match="do not open this ballot box"):
        ballot_box.rebuild_box_key([one_share], bytes(ballot.box_public_key))
    assert bobs.goto(f"{ballot_url}results/").status == 404
    visit(bobs, ballot_url)
    expect(bobs.get_by_role("link", name="See the results and the published votes")).to_have_count(
        0
    )

    # Erin gives hers: two of two. The count job (the last share enqueued it) opens the box.
    give_share(erins, ballot_url, codes["Erin"])
    expect(erins.get_by_role("status")).to_have_text("Thank you: 2 of the 2 shares needed are in.")
    assert count_sealed_ballot.call(ballot.pk) == "counted"

    # The results: the outcome, Bob's tracker found, every tracker, and the counted votes.
    visit(bobs, ballot_url)
    bobs.get_by_role("link", name="See the results and the published votes").click()
    expect(bobs.get_by_role("region", name="Outcome")).to_contain_text("Carried.")
    sealed = bobs.get_by_role("region", name="The sealed votes: their trackers")
    expect(sealed.get_by_role("status")).to_have_text(
        f"Your tracker {trackers['Bob']} is in the list: your vote was counted."
    )
    assert sorted(sealed.locator(".trackers li").all_inner_texts()) == sorted(trackers.values())
    counted = bobs.get_by_role("table", name="The counted votes")
    expect(counted.locator("tbody tr")).to_have_count(3)
    assert sorted(counted.locator("tbody td:last-child").all_inner_texts()) == ["No", "Yes", "Yes"]
    assert_accessible(bobs)
    bobs.set_viewport_size(PHONE)
    assert bobs.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
        "the results page scrolls sideways on a phone"
    )
    screenshot(bobs, "tellers-results")


@pytest.fixture
def counting_ballot(alice, bob, riverside) -> Ballot:
    """A secret ballot of Riverside, voted in and closed, waiting for Alice and Bob's shares."""
    appoint_tellers(riverside, alice, [alice, bob], needed=2)
    ballot = open_ballot(riverside, alice, title="Riverside's banner", secret=True)
    vote_for(ballot, bob, choice="yes")
    return close_voting(ballot)


def test_a_wrong_teller_key_is_told_next_to_the_field_and_kept_there(
    page: Page, live_server, alice, bob, counting_ballot
):
    ballot_url = f"{live_server.url}/ballots/{counting_ballot.pk}/"
    sign_in(page, live_server, bob)
    field = page.get_by_label("Your teller key")

    # Alice's key is a real teller key, but not the one Bob's share was sealed to.
    alices_key = TELLER_CODES[(counting_ballot.group_id, alice.pk)]
    give_share(page, ballot_url, alices_key)
    expect(field).to_have_value(alices_key)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(
        re.compile("That teller key does not open your share of this ballot")
    )
    expect(page.get_by_role("alert")).to_contain_text("Your teller key: That teller key")
    assert_accessible(page)

    # A slip of the finger is told apart from a wrong key.
    bobs_key = TELLER_CODES[(counting_ballot.group_id, bob.pk)]
    mistyped = bobs_key[:-1] + ("A" if bobs_key[-1] != "A" else "B")
    field.fill(mistyped)
    page.get_by_role("button", name="Give my share").click()
    expect(field).to_have_value(mistyped)
    expect(field).to_have_accessible_description(re.compile("check it for a mistyped character"))
    assert_accessible(page)

    expect(page.get_by_role("region", name="Waiting for the tellers")).to_contain_text(
        "0 given so far"
    )
    assert not KeyShare.objects.filter(ballot=counting_ballot, given_at__isnull=False).exists()
