"""What holders answer for: the mandates those who elected them give, the meetings they attend,
and the report-backs they post after each one."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.accountability.models import Mandate, Meeting, Position, ReportBack, Term
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy.models import Decision
from groundwork.members.models import User


@transaction.atomic
def check_write_mandate(
    position: Position,
    *,
    title: str,
    text: str,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    acting_user: User,
) -> Mandate:
    """Write a mandate for the position's holders, for one meeting or in general, optionally
    from a decision of the position's group (a ballot's result, or one logged without)."""
    if not title.strip():
        raise ActionError(_("Give the mandate a title."), field="title")
    if not text.strip():
        raise ActionError(_("Write what the holders are asked to do."), field="text")
    if meeting is not None and meeting.position_id != position.pk:
        raise ActionError(_("That meeting is not one of this position's."), field="meeting")
    if decision is not None and decision.group_id != position.group_id:
        raise ActionError(_("That decision is not one of this body's."), field="decision")
    mandate = Mandate.objects.create(
        position=position,
        meeting=meeting,
        title=title.strip(),
        text=text,
        decision=decision,
        created_by=acting_user,
    )
    record(
        actor=acting_user,
        verb="mandate.written",
        target=mandate,
        group_id=position.group_id,
        new={
            "position": position.pk,
            "meeting": meeting.pk if meeting else None,
            "decision": decision.pk if decision else None,
        },
    )
    return mandate


@transaction.atomic
def check_record_meeting(
    position: Position, *, title: str, held_on: date, place: str = "", acting_user: User
) -> Meeting:
    """Record a meeting or conference that the position's holders attend (and report back from
    once it has been held)."""
    if not title.strip():
        raise ActionError(_("Name the meeting."), field="title")
    meeting = Meeting.objects.create(
        position=position,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        created_by=acting_user,
    )
    record(
        actor=acting_user,
        verb="meeting.recorded",
        target=meeting,
        group_id=position.group_id,
        new={"position": position.pk, "held_on": held_on.isoformat()},
    )
    return meeting


def term_at_meeting(meeting: Meeting, user: User) -> Term | None:
    """The user's term in the meeting's position that covers the day it was held."""
    return (
        Term.objects.filter(
            position_id=meeting.position_id, holder=user, starts_on__lte=meeting.held_on
        )
        .exclude(ended_on__lt=meeting.held_on)
        .order_by("-starts_on")
        .first()
    )


# Where the holder did not follow the mandate in full, they say why.
NEEDS_EXPLANATION = {ReportBack.Followed.PARTLY, ReportBack.Followed.NO}


@transaction.atomic
def check_report_back(
    meeting: Meeting,
    *,
    what_happened: str,
    how_voted: str,
    followed_mandate: str,
    explanation: str = "",
    acting_user: User,
) -> ReportBack:
    """The holder's report from a meeting they attended as a holder: once per meeting."""
    term = term_at_meeting(meeting, acting_user)
    if term is None:
        raise ActionError(_("You did not hold this position on the day of the meeting."))
    if not what_happened.strip():
        raise ActionError(_("Say what happened."), field="what_happened")
    if followed_mandate not in ReportBack.Followed.values:
        raise ActionError(_("Say whether you followed the mandate."), field="followed_mandate")
    if followed_mandate in NEEDS_EXPLANATION and not explanation.strip():
        raise ActionError(_("Say why you did not follow the mandate in full."), field="explanation")
    # Locking the meeting makes its removal wait for this report (and then refuse), or this
    # report find the meeting removed, rather than fail on the missing row.
    if Meeting.objects.select_for_update().filter(pk=meeting.pk).first() is None:
        raise ActionError(_("This meeting has been removed meanwhile."))
    # Locking the term makes a double submission wait, then find the first report.
    Term.objects.select_for_update().filter(pk=term.pk).first()
    if ReportBack.objects.filter(meeting=meeting, term=term).exists():
        raise ActionError(_("You have already reported back from this meeting."))
    report = ReportBack.objects.create(
        meeting=meeting,
        term=term,
        what_happened=what_happened,
        how_voted=how_voted,
        followed_mandate=followed_mandate,
        explanation=explanation,
    )
    record(
        actor=acting_user,
        verb="report_back.filed",
        target=report,
        group_id=meeting.position.group_id,
        new={"meeting": meeting.pk, "term": term.pk, "followed_mandate": followed_mandate},
    )
    return report
