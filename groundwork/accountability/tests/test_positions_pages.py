"""The positions pages: who sees them, the forms, and what each page costs in queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.accountability.models import (
    Meeting,
    Position,
    ReportBack,
    Term,
)
from groundwork.accountability.tests.positions_factories import (
    appoint,
    backdate,
    hold_meeting,
    make_position,
    report,
)
from groundwork.democracy.models import Ballot, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(riverside, alice, bob) -> Position:
    """Bob, Riverside's delegate to the regional assembly for the past year."""
    position = make_position(riverside, alice, "Delegate to the regional assembly", kind="delegate")
    backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=365))
    return position


def url(name: str, *args) -> str:
    return reverse(f"accountability:{name}", args=args)


def test_members_see_the_position_with_its_holder_and_overdue_report(delegate, alice, bob):
    hold_meeting(delegate, alice, days_ago=30, title="Autumn assembly")
    response = client_for(bob).get(url("position", delegate.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bob" in html and "Autumn assembly" in html
    assert "Overdue: no report-back from Bob." in html
    listing = client_for(bob).get(reverse("accountability:group_positions", args=["riverside"]))
    assert "Delegate to the regional assembly" in listing.content.decode()
    assert "1 report-back is overdue." in listing.content.decode()


def test_another_groups_member_gets_404_for_every_positions_page(delegate, alice, carol):
    meeting = hold_meeting(delegate, alice, days_ago=1)
    term = Term.objects.get(position=delegate)
    client = client_for(carol)
    for address in (
        reverse("accountability:group_positions", args=["riverside"]),
        url("position", delegate.pk),
        url("holder_report_backs", delegate.pk, term.holder_id),
        url("meeting_report", meeting.pk),
        url("term_end", term.pk),
    ):
        assert client.get(address).status_code == 404, address


def test_alliance_positions_are_seen_across_the_alliance_and_not_by_outsiders(admin, carol, dan):
    position = make_position(None, admin, "Alliance treasurer")
    assert client_for(carol).get(url("position", position.pk)).status_code == 200
    assert client_for(carol).get(url("alliance_positions")).status_code == 200
    assert client_for(dan).get(url("position", position.pk)).status_code == 404


def test_an_organiser_creates_a_position_and_a_bad_form_keeps_what_was_typed(riverside, alice):
    client = client_for(alice)
    address = reverse("accountability:group_position_create", args=["riverside"])
    data = {
        "title": "Treasurer",
        "kind": "officer",
        "description": "Keeps the books",
        "seats": "0",
        "term_months": "12",
        "electorate": "group",
    }
    response = client.post(address, data)
    assert response.status_code == 400
    assert "Keeps the books" in response.content.decode()
    response = client.post(address, data | {"seats": "1"})
    position = Position.objects.get(group=riverside, title="Treasurer")
    assert response.status_code == 302 and response["Location"] == url("position", position.pk)


def test_an_organiser_appoints_and_the_decision_log_links_to_the_position(riverside, alice, bob):
    position = make_position(riverside, alice, "Treasurer")
    response = client_for(alice).post(
        url("position_appoint", position.pk),
        {"holder": bob.pk, "appointment": "General meeting of 3 March, minute 4"},
    )
    assert response.status_code == 302
    assert Term.objects.get(position=position).holder == bob
    log = client_for(bob).get(reverse("democracy:group_decisions", args=["riverside"]))
    assert f'href="/positions/{position.pk}/"' in log.content.decode()


def test_calling_an_election_creates_a_draft_ballot_of_the_candidates(riverside, alice, bob):
    position = make_position(riverside, alice, "Treasurer")
    closes = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(alice).post(
        url("position_election", position.pk),
        {
            "kind": "election",
            "method": "irv",
            "closes_at": closes,
            "candidates": [alice.pk, bob.pk],
        },
    )
    ballot = Ballot.objects.get(election__position=position)
    assert response.status_code == 302 and response["Location"] == f"/ballots/{ballot.pk}/"
    assert ballot.status == Ballot.Status.DRAFT and ballot.secret
    assert list(ballot.options.values_list("label", flat=True)) == ["Alice", "Bob"]


def test_the_holder_reports_back_and_the_form_asks_why_on_a_departure(delegate, alice, bob):
    meeting = hold_meeting(delegate, alice, days_ago=2)
    client = client_for(bob)
    data = {"what_happened": "The budget passed.", "how_voted": "", "followed_mandate": "no"}
    response = client.post(url("meeting_report", meeting.pk), data)
    assert response.status_code == 400
    assert "The budget passed." in response.content.decode()
    response = client.post(url("meeting_report", meeting.pk), data | {"explanation": "New facts"})
    assert response.status_code == 302
    assert ReportBack.objects.get().explanation == "New facts"
    page = client.get(url("holder_report_backs", delegate.pk, bob.pk)).content.decode()
    assert "The budget passed." in page


def test_a_member_who_held_nothing_cannot_open_the_report_form(delegate, alice):
    meeting = hold_meeting(delegate, alice, days_ago=2)
    assert client_for(alice).get(url("meeting_report", meeting.pk)).status_code == 404


def test_the_holder_steps_down_from_the_page(delegate, bob):
    client = client_for(bob)
    assert client.post(url("position_step_down", delegate.pk), {}).status_code == 400
    response = client.post(url("position_step_down", delegate.pk), {"confirm": "on"})
    assert response.status_code == 302
    assert Term.objects.get(position=delegate).end_reason == Term.EndReason.STEPPED_DOWN


def test_organisers_set_the_report_back_days(riverside, alice):
    response = client_for(alice).post(
        reverse("accountability:group_accountability_settings", args=["riverside"]),
        {"report_due_days": "0", "recall_share": "0.2", "recall_window_days": "28"},
    )
    assert response.status_code == 400
    response = client_for(alice).post(
        reverse("accountability:group_accountability_settings", args=["riverside"]),
        {"report_due_days": "21", "recall_share": "0.2", "recall_window_days": "28"},
    )
    assert response.status_code == 302
    assert riverside.accountability_settings.report_due_days == 21


# --- query counts ------------------------------------------------------------------------------


# Session, user, roles, group, positions and their holders, overdue report-backs, and the rest
# of the page (notifications badge, navigation).
LIST_QUERIES = 15


def count_queries(client, address: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def fill(position: Position, holder, size: int) -> None:
    """`size` past terms of the holder, and `size` meetings each with a report from the last."""
    start = date(2010, 1, 1)
    terms = Term.objects.bulk_create(
        Term(
            position=position,
            holder=holder,
            how=Term.How.APPOINTED,
            starts_on=start + timedelta(days=10 * n),
            ends_on=start + timedelta(days=10 * n + 9),
            ended_on=start + timedelta(days=10 * n + 9),
            end_reason=Term.EndReason.TERM_ENDED,
        )
        for n in range(size)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(position=position, title=f"Meeting {n:03d}", held_on=terms[n].starts_on)
        for n in range(size)
    )
    ReportBack.objects.bulk_create(
        ReportBack(
            meeting=meeting,
            term=term,
            what_happened=f"Report {n:03d}",
            followed_mandate=ReportBack.Followed.YES,
        )
        for n, (meeting, term) in enumerate(zip(meetings, terms, strict=True))
    )


@pytest.mark.parametrize("page", ["position", "holder_report_backs"])
def test_the_position_pages_cost_the_same_at_1_10_and_100_rows(riverside, alice, bob, page):
    counts = {}
    for size in (1, 10, 100):
        position = make_position(riverside, alice, f"Delegate {size}", kind="delegate")
        fill(position, bob, size)
        appoint(position, alice, bob)
        hold_meeting(position, alice, days_ago=30)  # one overdue
        args = (position.pk,) if page == "position" else (position.pk, bob.pk)
        counts[size], html = count_queries(client_for(alice), url(page, *args))
        assert f"Report {size - 1:03d}" in html
    assert counts[1] == counts[10] == counts[100], counts


def test_the_positions_list_costs_the_same_at_1_10_and_100_positions(
    riverside, alice, bob, django_assert_max_num_queries
):
    counts = {}
    made = 0
    client = client_for(bob)
    for size in (1, 10, 100):
        new = Position.objects.bulk_create(
            Position(group=riverside, title=f"Officer {made + n:03d}") for n in range(size - made)
        )
        Term.objects.bulk_create(
            Term(
                position=position,
                holder=bob,
                how=Term.How.APPOINTED,
                starts_on=date(2026, 1, 1),
                ends_on=date(2027, 1, 1),
            )
            for position in new
        )
        made = size
        with django_assert_max_num_queries(LIST_QUERIES):
            counts[size], html = count_queries(
                client, reverse("accountability:group_positions", args=["riverside"])
            )
        assert f"Officer {size - 1:03d}" in html
    assert counts[1] == counts[10] == counts[100], counts
    assert Decision.objects.count() == 0


def test_only_the_holder_is_offered_the_report_form_and_only_until_they_file(delegate, alice, bob):
    meeting = hold_meeting(delegate, alice, days_ago=2)
    link = url("meeting_report", meeting.pk)
    assert link not in client_for(alice).get(url("position", delegate.pk)).content.decode()
    assert link in client_for(bob).get(url("position", delegate.pk)).content.decode()
    report(meeting, bob)
    assert link not in client_for(bob).get(url("position", delegate.pk)).content.decode()


def test_a_term_that_has_run_out_is_flagged(delegate, bob):
    Term.objects.filter(position=delegate).update(ends_on=timezone.localdate() - timedelta(days=1))
    page = client_for(bob).get(url("position", delegate.pk)).content.decode()
    assert "an election is due" in page


def test_alliance_forms_name_candidates_and_appointees_by_email(admin, carol):
    position = make_position(None, admin, "Alliance treasurer")
    client = client_for(admin)
    assert client.get(url("position_election", position.pk)).status_code == 200
    response = client.post(
        url("position_appoint", position.pk),
        {"holder": "nobody@example.org", "appointment": "Conference, minute 2"},
    )
    assert response.status_code == 400 and "nobody@example.org" in response.content.decode()
    response = client.post(
        url("position_appoint", position.pk),
        {"holder": carol.email, "appointment": "Conference, minute 2"},
    )
    assert response.status_code == 302
    assert Term.objects.get(position=position).holder == carol
