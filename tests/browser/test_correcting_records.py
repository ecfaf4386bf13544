"""Correcting and removing, in a browser: Riverside's organiser corrects the mandate for her
delegate's next meeting (a wrong entry refused next to its field, with what she typed kept), is
told why last month's meeting cannot be removed (Bob reported back from it), removes a meeting
added by mistake after seeing what goes with it, then removes a statement recorded about the
wrong councillor and a pledge answer recorded in error.

Every page visited is checked with axe-core.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundwork.accountability.models import Mandate, Meeting, PledgeAnswer, Statement
from groundwork.accountability.tests.editing_factories import (
    mandate_for,
    record_statement,
    upcoming_meeting,
)
from groundwork.accountability.tests.factories import council, elect
from groundwork.accountability.tests.pledges_factories import answer_pledge, ask_to_pledge
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    hold_meeting,
    make_position,
    report,
)
from groundwork.campaigns.tests.factories import start_campaign
from tests.browser.conftest import assert_accessible, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # A transactional test before this one may have emptied the seeded platform.
    pytest.mark.usefixtures("seeded_platform"),
]


def test_an_organiser_corrects_and_removes_what_was_recorded_in_error(
    page: Page, live_server, alice, bob, riverside
):
    position = make_position(riverside, alice, "Delegate to the trades council", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=90))
    reported = hold_meeting(position, alice, days_ago=30, title="Trades council, spring meeting")
    report(reported, bob)
    summer = upcoming_meeting(position, alice, title="Trades council, summer meeting")
    mistake = upcoming_meeting(position, alice, in_days=40, title="Added by mistake")
    mandate = mandate_for(position, alice, summer, title="Rent controls")
    councillor = elect("Ann Example", council(), None, "Labour", start=date(2022, 5, 5)).person
    statement = record_statement(councillor, riverside, alice)
    answer = answer_pledge(ask_to_pledge(start_campaign(riverside)), councillor, "signed")

    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/positions/{position.pk}/")

    # The mandate for the summer meeting: an empty text is refused, the title typed is kept.
    page.get_by_role("link", name="Correct the mandate Rent controls").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Rent controls and repairs")
    page.get_by_label("The mandate").fill("")
    page.get_by_role("button", name="Save the mandate").click()
    expect(page.get_by_label("The mandate")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Title")).to_have_value("Rent controls and repairs")
    assert_accessible(page)
    page.get_by_label("The mandate").fill("Vote for rent controls and for the repairs motion.")
    page.get_by_role("button", name="Save the mandate").click()
    expect(page.get_by_role("status")).to_contain_text("The mandate is corrected")
    assert_accessible(page)
    mandate.refresh_from_db()
    assert mandate.title == "Rent controls and repairs"

    # Last month's meeting has Bob's report-back: it stays, and she is told why.
    page.get_by_role("link", name="Remove the meeting Trades council, spring meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("Holders have reported back")
    expect(page.get_by_role("button", name="Remove the meeting")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Back").click()

    # The meeting added by mistake: the confirmation page first, then it is gone.
    page.get_by_role("link", name="Remove the meeting Added by mistake").click()
    expect(page.get_by_text("No mandate was given for it.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("The meeting is removed.")
    assert_accessible(page)
    assert not Meeting.objects.filter(pk=mistake.pk).exists()
    assert Meeting.objects.filter(pk=reported.pk).exists()
    assert Mandate.objects.filter(pk=mandate.pk).exists()

    # The statement recorded about the wrong councillor.
    visit(page, f"{live_server.url}{councillor.get_absolute_url()}")
    page.get_by_role("link", name="Remove the statement of 1 March 2024").click()
    expect(page.get_by_text("Promised to keep the library open.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the statement").click()
    expect(page.get_by_role("status")).to_contain_text("The statement is removed.")
    expect(page.get_by_text("Promised to keep the library open.")).to_have_count(0)
    assert_accessible(page)
    assert not Statement.objects.filter(pk=statement.pk).exists()

    # The pledge answer recorded in error.
    visit(page, f"{live_server.url}{answer.pledge.get_absolute_url()}")
    page.get_by_role("link", name="Remove Ann Example's answer").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the answer").click()
    expect(page.get_by_role("status")).to_contain_text("The answer is removed.")
    expect(page.get_by_text("No answers recorded yet.")).to_be_visible()
    assert_accessible(page)
    assert not PledgeAnswer.objects.exists()
