"""The recall flow in a browser: a member opens a petition against Riverside's secretary (the
reason is required), another signs it to the threshold, the secret recall ballot opens by
itself, the members vote, voting closes and the tellers' shares open the box, the recall
carries and the seat falls vacant; the organiser then calls a by-election.

Every page visited is checked with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from groundwork.accountability.models import Election, RecallPetition, Term
from groundwork.accountability.tests.factories import give_office, make_position, set_recall_rules
from groundwork.democracy.tasks import count_sealed_ballot
from groundwork.democracy.tests.factories import TELLER_CODES, appoint_tellers, close_voting
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.notifications.models import Notification
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_petition_reaches_its_threshold_the_recall_ballot_carries_and_the_seat_falls_vacant(
    page: Page, new_page, live_server, alice, bob, erin, riverside
):
    hal = UserFactory(email="hal@example.org", display_name="Hal")
    join(riverside, hal)
    set_recall_rules(riverside, share="0.50")  # 4 members: 2 signatures
    appoint_tellers(riverside, alice)
    term = give_office(make_position(riverside, "Secretary"), hal)
    recall_url = f"{live_server.url}/positions/{term.position.pk}/recall/"

    # Bob opens a petition; without a reason it is shown again with the error by the field.
    bobs = page
    sign_in(bobs, live_server, bob)
    visit(bobs, recall_url)
    expect(bobs.get_by_role("heading", level=1)).to_have_text("Recall petitions: Secretary")
    bobs.get_by_role("link", name="Open a recall petition").click()
    assert_accessible(bobs)
    expect(bobs.get_by_text("Holder: Hal")).to_be_visible()
    bobs.get_by_role("button", name="Open the petition and sign it").click()
    reason = bobs.get_by_label("Reason")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(bobs.get_by_role("alert")).to_contain_text("Say why the holder should be recalled.")
    assert_accessible(bobs)
    reason.fill("Hal has missed every meeting since March and answers no email.")
    bobs.get_by_role("button", name="Open the petition and sign it").click()
    expect(bobs.get_by_role("heading", level=1)).to_have_text("Recall Hal as Secretary")
    expect(bobs.get_by_role("status")).to_contain_text("The petition is open, with your signature.")
    signatures = bobs.get_by_role("region", name="Signatures")
    expect(signatures).to_contain_text("1 of 2 signatures needed")
    expect(signatures).to_contain_text("days left to sign")
    expect(signatures).to_contain_text("You have signed this petition.")
    expect(signatures).to_contain_text("you can see only your own signature")
    assert_accessible(bobs)
    screenshot(bobs, "recall-petition")
    petition_url = bobs.url
    petition = RecallPetition.objects.get()
    assert Notification.objects.filter(user=hal, key=f"recall-{petition.pk}-opened").exists()

    # Erin signs: the threshold is reached and the secret recall ballot opens by itself.
    erins = new_page()
    sign_in(erins, live_server, erin)
    visit(erins, petition_url)
    erins.get_by_role("button", name="Sign the petition").click()
    expect(erins.get_by_role("status")).to_contain_text("You have signed. Thank you.")
    expect(erins.locator(".status")).to_have_text("Recall ballot")
    ballot_region = erins.get_by_role("region", name="Recall ballot")
    expect(ballot_region).to_contain_text("A secret yes / no ballot")
    assert_accessible(erins)
    ballot_region.get_by_role("link", name="Recall Hal as Secretary?").click()
    assert_accessible(erins)

    # The members vote in the recall ballot: two yes, one no.
    for voter_page, choice in ((erins, "Yes"), (bobs, "Yes")):
        if voter_page is bobs:
            visit(bobs, petition_url)
            bobs.get_by_role("link", name="Recall Hal as Secretary?").click()
        voter_page.get_by_label(choice, exact=True).check()
        voter_page.get_by_role("button", name="Cast my vote").click()
        expect(voter_page.get_by_role("heading", level=1)).to_have_text("Your vote was recorded")
        assert_accessible(voter_page)

    # Voting closes; Alice, the teller, gives her share, and the count job opens the box.
    petition.refresh_from_db()
    assert petition.ballot is not None
    close_voting(petition.ballot)
    alices = new_page()
    sign_in(alices, live_server, alice, two_factor=True)
    visit(alices, f"{live_server.url}/ballots/{petition.ballot.pk}/")
    waiting = alices.get_by_role("region", name="Waiting for the tellers")
    waiting.get_by_label("Your teller key").fill(TELLER_CODES[(riverside.pk, alice.pk)])
    alices.get_by_role("button", name="Give my share").click()
    expect(alices.get_by_role("status")).to_contain_text("1 of the 1 shares needed are in")
    assert_accessible(alices)
    assert count_sealed_ballot.call(petition.ballot.pk) == "counted"

    # The recall carried: Hal's term has ended and the seat is vacant.
    visit(bobs, petition_url)
    expect(bobs.locator(".status")).to_have_text("Recall carried")
    expect(bobs.get_by_role("region", name="Recall ballot")).to_contain_text(
        "The recall carried: the position is vacant."
    )
    term.refresh_from_db()
    assert term.end_reason == Term.EndReason.RECALLED and term.ended_on is not None
    assert Notification.objects.filter(user=hal, key=f"recall-{petition.pk}-result").exists()
    expect(bobs.get_by_role("region", name="Call a by-election")).to_have_count(0)

    # Alice, the organiser, calls a by-election: a draft ballot she opens from its page.
    visit(alices, petition_url)
    by_election = alices.get_by_role("region", name="Call a by-election")
    by_election.get_by_label("Candidates").fill("bob@example.org\nerin@example.org")
    by_election.get_by_role("button", name="Call the by-election").click()
    expect(alices.get_by_role("status")).to_contain_text("The by-election ballot is ready")
    expect(alices.get_by_role("heading", level=1)).to_have_text("By-election: Secretary")
    assert_accessible(alices)
    election = Election.objects.get()
    assert election.kind == Election.Kind.BY_ELECTION
    assert sorted(c.user.name for c in election.candidates.all()) == ["Bob", "Erin"]
