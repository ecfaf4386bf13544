"""A group's own representative held to account, in a browser: Riverside's organiser creates a
delegate's position, appoints Bob to it by a decision (written in the group's decision log),
adds the meeting he went to a month ago and his mandate for it; Bob's report-back is overdue,
he sees so on the position's page and files it (he followed the mandate in part, and says why);
the members read it on his report-backs page and the overdue count is gone.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundwork.accountability.models import Position, ReportBack, Term
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_appointed_delegate_reports_back_from_a_meeting_and_is_no_longer_overdue(
    page: Page, new_page, live_server, alice, bob, erin, riverside
):
    today = timezone.localdate()
    starts_on = today - timedelta(days=60)
    held_on = today - timedelta(days=30)  # past the 14 days a report-back is due in
    positions_url = f"{live_server.url}/groups/riverside/positions/"

    # Alice, the organiser, creates a delegate's position from the group's positions.
    alices = page
    sign_in(alices, live_server, alice, two_factor=True)
    visit(alices, f"{live_server.url}/groups/riverside/decisions/")
    alices.get_by_role("navigation", name="Democracy").get_by_role("link", name="Positions").click()
    expect(alices.get_by_role("heading", level=1)).to_have_text("Positions of Riverside")
    expect(alices.get_by_text("No positions yet.")).to_be_visible()
    assert_accessible(alices)
    alices.get_by_role("link", name="Create a position").click()
    expect(alices.get_by_role("heading", level=1)).to_have_text("Create a position of Riverside")
    assert_accessible(alices)
    alices.get_by_role("button", name="Save the position").click()  # nothing typed
    title = alices.get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    assert_accessible(alices)
    title.fill("Delegate to the trades council")
    alices.get_by_label("Kind").select_option(label="Delegate")
    alices.get_by_label("What the holder does").fill("Speaks and votes for Riverside.")
    alices.get_by_role("button", name="Save the position").click()
    expect(alices.get_by_role("heading", level=1)).to_have_text("Delegate to the trades council")
    expect(alices.get_by_role("status")).to_contain_text("The position is created.")
    expect(alices.get_by_text("1 seat is vacant.")).to_be_visible()
    assert_accessible(alices)
    position = Position.objects.get()
    position_url = alices.url
    assert position_url == f"{live_server.url}/positions/{position.pk}/"

    # She appoints Bob by the general meeting's decision, from two months ago.
    alices.get_by_role("link", name="Appoint by a decision").click()
    expect(alices.get_by_role("heading", level=1)).to_have_text(
        "Appoint to Delegate to the trades council"
    )
    assert_accessible(alices)
    alices.get_by_label("Member").select_option(label="Bob")
    alices.get_by_label("How the appointment was decided").fill(
        "General meeting of 3 March, minute 4"
    )
    alices.get_by_label("Term starts on").fill(starts_on.isoformat())
    alices.get_by_role("button", name="Appoint").click()
    expect(alices.get_by_role("status")).to_contain_text("recorded in the decision log")
    holders = alices.get_by_role("heading", name="Holders now").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(holders).to_contain_text("Bob, appointed (General meeting of 3 March, minute 4)")
    assert_accessible(alices)
    term = Term.objects.get(position=position)
    assert term.holder == bob and term.starts_on == starts_on and term.decision is not None

    # The appointment is in the group's decision log, linking back to the position.
    visit(alices, f"{live_server.url}/groups/riverside/decisions/")
    summary = "Bob appointed Delegate to the trades council: General meeting of 3 March, minute 4"
    decision = alices.get_by_role("row").filter(has_text=summary)
    expect(decision.get_by_role("cell").nth(2)).to_have_text(
        "By the group's rules, without a ballot"
    )
    decision.get_by_role("link", name=re.compile("^The record")).click()
    expect(alices).to_have_url(position_url)
    assert_accessible(alices)

    # She adds the meeting Bob went to a month ago, and his mandate for it.
    alices.get_by_role("link", name="Add a meeting").click()
    assert_accessible(alices)
    alices.get_by_label("Meeting or conference").fill("Trades council, spring meeting")
    alices.get_by_label("Held on").fill(held_on.isoformat())
    alices.get_by_label("Place").fill("Peckham")
    alices.get_by_role("button", name="Save the meeting").click()
    expect(alices.get_by_role("status")).to_contain_text("The meeting is recorded.")
    alices.get_by_role("link", name="Write a mandate").click()
    assert_accessible(alices)
    alices.get_by_label("Title").fill("Rent controls")
    alices.get_by_label("The mandate").fill("Vote for the motion on rent controls.")
    alices.get_by_label("For the meeting").select_option(label="Trades council, spring meeting")
    alices.get_by_role("button", name="Save the mandate").click()
    expect(alices.get_by_role("status")).to_contain_text("The mandate is written.")
    mandates = alices.get_by_role("article").filter(
        has=alices.get_by_role("heading", name="Rent controls")
    )
    expect(mandates).to_contain_text("For Trades council, spring meeting")
    expect(alices.get_by_text("Overdue: no report-back from Bob.")).to_be_visible()
    assert_accessible(alices)
    visit(alices, positions_url)
    expect(alices.get_by_role("status")).to_have_text("1 report-back is overdue.")

    # Bob signs in and sees on the position's page that his report-back is overdue.
    bobs = new_page()
    sign_in(bobs, live_server, bob)
    visit(bobs, position_url)
    meeting = bobs.get_by_role("region", name="Trades council, spring meeting")
    expect(meeting).to_contain_text("Overdue: no report-back from Bob.")
    screenshot(bobs, "position-overdue")
    meeting.get_by_role("link", name="Report back from Trades council, spring meeting").click()
    expect(bobs.get_by_role("heading", level=1)).to_have_text(
        "Report back from Trades council, spring meeting"
    )
    expect(bobs.get_by_text("Vote for the motion on rent controls.")).to_be_visible()
    assert_accessible(bobs)

    # In part, without saying why: refused next to the field, with what he typed kept.
    bobs.get_by_label("What happened").fill("The motion on rent controls was amended and passed.")
    bobs.get_by_label("Followed it in part").check()
    bobs.get_by_role("button", name="Post the report-back").click()
    why = bobs.get_by_label("Why")
    expect(why).to_have_attribute("aria-invalid", "true")
    expect(bobs.locator("#id_explanation_error")).to_contain_text(
        "Say why you did not follow the mandate in full."
    )
    expect(bobs.get_by_label("What happened")).to_have_value(
        "The motion on rent controls was amended and passed."
    )
    expect(bobs.get_by_label("Followed it in part")).to_be_checked()
    assert_accessible(bobs)
    why.fill("I voted for the amendment that exempted co-operatives: the branch had not met on it.")
    bobs.get_by_role("button", name="Post the report-back").click()
    expect(bobs.get_by_role("status")).to_contain_text("Your report-back is posted.")
    meeting = bobs.get_by_role("region", name="Trades council, spring meeting")
    expect(meeting).to_contain_text("Report-back by Bob")
    expect(meeting).to_contain_text("Followed it in part. I voted for the amendment")
    expect(meeting).not_to_contain_text("Overdue")
    expect(meeting.get_by_role("link", name=re.compile("^Report back"))).to_have_count(0)
    assert_accessible(bobs)
    report = ReportBack.objects.get()
    assert report.term == term and report.followed_mandate == ReportBack.Followed.PARTLY

    # Erin, a member, reads it on Bob's report-backs page; nothing is overdue any more.
    erins = new_page()
    sign_in(erins, live_server, erin)
    visit(erins, position_url)
    erins.get_by_role("link", name="Bob", exact=True).click()
    expect(erins.get_by_role("heading", level=1)).to_have_text(
        "Bob as Delegate to the trades council"
    )
    overdue = erins.get_by_role("heading", name="Overdue report-backs")
    expect(overdue.locator("xpath=following-sibling::*[1]")).to_have_text("None.")
    report_back = erins.get_by_role("article").filter(
        has=erins.get_by_role("heading", name=re.compile("Trades council, spring meeting"))
    )
    expect(report_back).to_contain_text("The motion on rent controls was amended and passed.")
    expect(report_back).to_contain_text("The mandate: Followed it in part. I voted for")
    assert_accessible(erins)
    screenshot(erins, "holder-report-backs")
    visit(erins, positions_url)
    expect(erins.get_by_text(re.compile("overdue"))).to_have_count(0)
    expect(
        erins.get_by_role("row").filter(has_text="Delegate to the trades council")
    ).to_contain_text("Bob")
