"""Reading positions, their holders, mandates, meetings and report-backs. Pages check the rule
first (accountability.see_position, accountability.list_positions); these read what it allows."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from groundwork.accountability.models import (
    AccountabilitySettings,
    Candidate,
    Election,
    Mandate,
    Meeting,
    Position,
    ReportBack,
    Term,
)
from groundwork.accountability.models.positions import DEFAULT_REPORT_DUE_DAYS
from groundwork.democracy.models import Decision
from groundwork.groups.models import Group
from groundwork.members.models import User


def report_due_days_for(group_ids: set[int | None]) -> dict[int | None, int]:
    """{group id: days after a meeting its report-back is due}, the default where a group has
    set none and for the alliance (None)."""
    days: dict[int | None, int] = dict.fromkeys(group_ids, DEFAULT_REPORT_DUE_DAYS)
    ids = [pk for pk in group_ids if pk is not None]
    if ids:
        days |= dict(
            AccountabilitySettings.objects.filter(group_id__in=ids).values_list(
                "group_id", "report_due_days"
            )
        )
    return days


def settings_for(group: Group) -> AccountabilitySettings:
    """The group's accountability rules, unsaved defaults if it has set none."""
    found = AccountabilitySettings.objects.filter(group=group).first()
    return found or AccountabilitySettings(group=group)


def _current_terms() -> Prefetch:
    return Prefetch(
        "terms",
        queryset=Term.objects.filter(ended_on__isnull=True)
        .select_related("holder")
        .order_by("starts_on", "id"),
        to_attr="current_terms",
    )


def positions_of(group: Group | None) -> QuerySet[Position]:
    """The positions of the group (of the alliance, for None), by title, each with its current
    terms and their holders (`current_terms`)."""
    return Position.objects.filter(group=group).prefetch_related(_current_terms())


def get_position(pk: int) -> Position:
    """The position with its group, or 404 (the rule then decides who sees it)."""
    return get_object_or_404(Position.objects.select_related("group"), pk=pk)


def get_term(pk: int) -> Term:
    """The term with its position, the position's group and the holder, or 404."""
    return get_object_or_404(
        Term.objects.select_related("position", "position__group", "holder"), pk=pk
    )


def get_meeting(pk: int) -> Meeting:
    """The meeting with its position and the position's group, or 404."""
    return get_object_or_404(Meeting.objects.select_related("position", "position__group"), pk=pk)


def terms_of(position: Position) -> QuerySet[Term]:
    """Every term of the position, current and past, latest first, with holder, ballot and
    decision."""
    return Term.objects.filter(position=position).select_related("holder", "ballot", "decision")


def mandates_of(position: Position) -> QuerySet[Mandate]:
    """The position's mandates, newest first, with their meeting and decision."""
    return Mandate.objects.filter(position=position).select_related("meeting", "decision")


def meetings_of(position: Position) -> QuerySet[Meeting]:
    """The position's meetings, latest first, each with its report-backs and their holders."""
    return Meeting.objects.filter(position=position).prefetch_related(
        Prefetch(
            "report_backs",
            queryset=ReportBack.objects.select_related("term__holder").order_by("created_at"),
        )
    )


def elections_of(position: Position) -> QuerySet[Election]:
    """The position's elections, latest first, with their ballot and candidates."""
    return (
        Election.objects.filter(position=position)
        .select_related("ballot")
        .prefetch_related(
            Prefetch("candidates", queryset=Candidate.objects.select_related("user", "option"))
        )
        .order_by("-ballot__created_at", "-id")
    )


def decisions_for_mandates(group: Group | None) -> QuerySet[Decision]:
    """The body's latest decisions, which a mandate may come from."""
    return Decision.objects.filter(group=group).order_by("-decided_at")[:50]


@dataclass(frozen=True)
class AwaitedReportBack:
    """A report-back not filed: the meeting, the holder's term then, the day it is (or was) due."""

    meeting: Meeting
    term: Term
    due_on: date

    def is_overdue(self, today: date) -> bool:
        return self.due_on < today


# What overdue_report_backs answers: awaited report-backs whose day has passed.
Overdue = AwaitedReportBack


def overdue_report_backs(
    positions: Iterable[Position], *, today: date | None = None, holder_id: int | None = None
) -> list[Overdue]:
    """The report-backs that are overdue: a meeting held more than the group's report-due days
    ago, and a holder then (of `holder_id` alone, if given) who has not reported from it.
    Four queries however many positions, meetings and holders."""
    today = today or timezone.localdate()
    awaited = awaited_report_backs(positions, today=today, holder_id=holder_id)
    return [report for report in awaited if report.is_overdue(today)]


def awaited_report_backs(
    positions: Iterable[Position], *, today: date | None = None, holder_id: int | None = None
) -> list[AwaitedReportBack]:
    """The report-backs not filed, overdue or not yet: a meeting held by `today`, and a holder
    then (of `holder_id` alone, if given) who has not reported from it, with the day it is due.
    Four queries however many positions, meetings and holders."""
    positions = list(positions)
    today = today or timezone.localdate()
    if not positions:
        return []
    due_days = report_due_days_for({p.group_id for p in positions})
    by_id = {p.pk: p for p in positions}
    meetings = list(
        Meeting.objects.filter(position_id__in=by_id, held_on__lte=today).order_by("held_on", "id")
    )
    if not meetings:
        return []
    terms = Term.objects.filter(position_id__in=by_id).select_related("holder")
    if holder_id is not None:
        terms = terms.filter(holder_id=holder_id)
    terms_by_position: dict[int, list[Term]] = {}
    for term in terms:
        terms_by_position.setdefault(term.position_id, []).append(term)
    filed = set(
        ReportBack.objects.filter(meeting__in=meetings).values_list("meeting_id", "term_id")
    )
    awaited = []
    for meeting in meetings:
        meeting.position = by_id[meeting.position_id]
        due_on = meeting.held_on + timedelta(days=due_days[meeting.position.group_id])
        for term in terms_by_position.get(meeting.position_id, []):
            held_then = term.starts_on <= meeting.held_on and (
                term.ended_on is None or term.ended_on >= meeting.held_on
            )
            if held_then and (meeting.pk, term.pk) not in filed:
                awaited.append(AwaitedReportBack(meeting=meeting, term=term, due_on=due_on))
    return awaited


def report_backs_of(position: Position, holder_id: int) -> QuerySet[ReportBack]:
    """The holder's report-backs in the position, latest meeting first, with the meeting."""
    return (
        ReportBack.objects.filter(term__position=position, term__holder_id=holder_id)
        .select_related("meeting", "term")
        .order_by("-meeting__held_on", "-id")
    )


def holder_terms(position: Position, holder_id: int) -> QuerySet[Term]:
    """The holder's terms in the position, latest first."""
    return Term.objects.filter(position=position, holder_id=holder_id).select_related("holder")


def members_for_positions(group: Group) -> QuerySet[User]:
    """The group's members, by name, whom its organisers may put up or appoint."""
    return User.objects.filter(memberships__group=group).order_by("display_name", "id")
