"""Mandates, meetings and report-backs, and which report-backs are overdue."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from groundwork.accountability import actions, queries
from groundwork.accountability.models import AccountabilitySettings, ReportBack
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    hold_meeting,
    make_position,
    report,
)
from groundwork.core.errors import ActionError
from groundwork.democracy.actions import do_log_decision
from groundwork.groups.tests.factories import UserFactory, join


@pytest.fixture
def delegate(riverside, alice, bob):
    """Bob, Riverside's delegate to the regional assembly for the past year."""
    position = make_position(riverside, alice, "Delegate to the regional assembly", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=365))
    return position


def overdue_names(position, **kwargs) -> list[tuple[str, str]]:
    return [
        (late.meeting.title, late.term.holder.display_name)
        for late in queries.overdue_report_backs([position], **kwargs)
    ]


def test_a_report_back_is_overdue_past_the_default_fourteen_days(delegate, alice):
    hold_meeting(delegate, alice, days_ago=15, title="Autumn assembly")
    hold_meeting(delegate, alice, days_ago=14, title="Due today")
    hold_meeting(delegate, alice, days_ago=3, title="Last week")
    assert overdue_names(delegate) == [("Autumn assembly", "Bob")]


def test_filing_the_report_back_clears_it(delegate, alice, bob):
    meeting = hold_meeting(delegate, alice, days_ago=20)
    assert overdue_names(delegate) == [("Regional assembly", "Bob")]
    report(meeting, bob)
    assert overdue_names(delegate) == []


def test_the_group_sets_how_many_days_a_report_back_has(delegate, riverside, alice):
    hold_meeting(delegate, alice, days_ago=20)
    actions.check_update_accountability_settings(
        riverside,
        report_due_days=30,
        recall_share=Decimal("0.25"),
        recall_window_days=28,
        acting_user=alice,
    )
    assert overdue_names(delegate) == []
    assert overdue_names(delegate, today=timezone.localdate() + timedelta(days=11)) == [
        ("Regional assembly", "Bob")
    ]
    assert AccountabilitySettings.objects.get(group=riverside).report_due_days == 30


def test_only_holders_on_the_meeting_day_owe_a_report(delegate, riverside, alice, bob):
    erin = UserFactory(display_name="Erin")
    join(riverside, erin)
    hold_meeting(delegate, alice, days_ago=40)
    actions.check_step_down(delegate, acting_user=bob)
    appoint(delegate, alice, erin)
    # Bob held the seat that day and still owes it; Erin came after.
    assert overdue_names(delegate) == [("Regional assembly", "Bob")]
    assert overdue_names(delegate, holder_id=erin.pk) == []


def test_a_holder_reports_back_once_and_says_why_they_departed_from_the_mandate(
    delegate, alice, bob
):
    meeting = hold_meeting(delegate, alice, days_ago=2)
    with pytest.raises(ActionError, match="why"):
        actions.check_report_back(
            meeting,
            what_happened="A vote on the budget.",
            how_voted="Against.",
            followed_mandate=ReportBack.Followed.NO,
            acting_user=bob,
        )
    report(meeting, bob, followed=ReportBack.Followed.PARTLY)
    with pytest.raises(ActionError, match="already reported"):
        report(meeting, bob)
    assert ReportBack.objects.get().explanation == "It changed on the day."


def test_someone_who_did_not_hold_the_position_cannot_report(delegate, alice, carol):
    meeting = hold_meeting(delegate, alice, days_ago=2)
    with pytest.raises(ActionError, match="did not hold"):
        report(meeting, alice)


def test_a_mandate_may_come_from_a_decision_of_the_group(delegate, riverside, alice, hillside):
    meeting = hold_meeting(delegate, alice, days_ago=-5, title="Spring assembly")
    decision = do_log_decision(
        group=riverside, summary="Oppose the closure of the library", link="", acting_user=alice
    )
    mandate = actions.check_write_mandate(
        delegate,
        title="The library",
        text="Vote against the closure.",
        meeting=meeting,
        decision=decision,
        acting_user=alice,
    )
    assert mandate.meeting == meeting and mandate.decision == decision
    elsewhere = do_log_decision(group=hillside, summary="Other", link="", acting_user=alice)
    with pytest.raises(ActionError, match="not one of this body"):
        actions.check_write_mandate(
            delegate, title="X", text="Y", decision=elsewhere, acting_user=alice
        )


def test_overdue_across_positions_takes_four_queries(
    riverside, alice, bob, django_assert_num_queries
):
    positions = []
    for number in range(5):
        position = make_position(riverside, alice, f"Delegate {number}", kind="delegate")
        backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=100))
        for days in (20, 30, 40):
            hold_meeting(position, alice, days_ago=days)
        positions.append(position)
    with django_assert_num_queries(4):
        overdue = queries.overdue_report_backs(positions)
    assert len(overdue) == 15
