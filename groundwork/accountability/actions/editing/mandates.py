"""Correcting and removing a position's mandates and meetings.

A mandate for one meeting is what the holders were asked to do there: from the day the meeting
is held it stays as it was (the rule refuses), and the organisers write a new one instead. A
mandate for every meeting may be corrected (the audit log keeps each earlier text), but once a
holder has reported back from a meeting held since it was written, it stays on the record.
A meeting with report-backs cannot be removed: they are the holders' account to those who elected
them. Without report-backs, its mandates go with it."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.actions.editing.common import (
    lock,
    lock_to_change,
    require,
    snapshot,
)
from groundwork.accountability.models import Mandate, Meeting, ReportBack
from groundwork.accountability.queries.editing import why_mandate_stays, why_meeting_stays
from groundwork.core.audit import changes, record
from groundwork.core.errors import ActionError
from groundwork.democracy.models import Decision
from groundwork.members.models import User

MANDATE_FIELDS = ("title", "text", "meeting", "decision")
MEETING_FIELDS = ("title", "held_on", "place")


def mandate_frozen_message() -> str:
    return _(
        "The meeting this mandate was for has been held: it stays as the holders were given it. "
        "Write a new mandate instead."
    )


@transaction.atomic
def check_update_mandate(
    mandate: Mandate,
    *,
    title: str,
    text: str,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    acting_user: User,
) -> Mandate:
    """Correct a mandate not yet acted on; the audit entry keeps what it said before."""
    mandate = lock_to_change(Mandate.objects.select_related("meeting", "position"), mandate.pk)
    if mandate.meeting is not None and mandate.meeting.held_on <= timezone.localdate():
        raise ActionError(mandate_frozen_message())
    require(acting_user, "accountability.correct_mandate", mandate)
    if not title.strip():
        raise ActionError(_("Give the mandate a title."), field="title")
    if not text.strip():
        raise ActionError(_("Write what the holders are asked to do."), field="text")
    if meeting is not None and meeting.position_id != mandate.position_id:
        raise ActionError(_("That meeting is not one of this position's."), field="meeting")
    if meeting is not None and meeting.held_on <= timezone.localdate():
        raise ActionError(
            _("That meeting has been held: a mandate cannot be given for it now."), field="meeting"
        )
    if decision is not None and decision.group_id != mandate.position.group_id:
        raise ActionError(_("That decision is not one of this body's."), field="decision")
    old = snapshot(mandate, MANDATE_FIELDS)
    mandate.title, mandate.text = title.strip(), text
    mandate.meeting, mandate.decision = meeting, decision
    mandate.save(update_fields=[*MANDATE_FIELDS, "updated_at"])
    before, after = changes(old, snapshot(mandate, MANDATE_FIELDS))
    record(
        actor=acting_user,
        verb="mandate.updated",
        target=mandate,
        group_id=mandate.position.group_id,
        old=before,
        new=after,
    )
    return mandate


@transaction.atomic
def check_delete_mandate(mandate: Mandate, *, acting_user: User) -> None:
    """Remove a mandate written in error, unless it was acted on or reported back under."""
    locked = lock(Mandate.objects.select_related("meeting", "position"), mandate.pk)
    if locked is None:
        return  # removed meanwhile (a second press): nothing more to do
    mandate = locked
    if mandate.meeting is not None and mandate.meeting.held_on <= timezone.localdate():
        raise ActionError(mandate_frozen_message())
    require(acting_user, "accountability.remove_mandate", mandate)
    reason = why_mandate_stays(mandate)
    if reason:
        raise ActionError(reason)
    record(
        actor=acting_user,
        verb="mandate.deleted",
        target=mandate,
        group_id=mandate.position.group_id,
        old=snapshot(mandate, MANDATE_FIELDS) | {"position": mandate.position_id},
    )
    mandate.delete()


@transaction.atomic
def check_update_meeting(
    meeting: Meeting, *, title: str, held_on: date, place: str = "", acting_user: User
) -> Meeting:
    """Correct a meeting's name, day or place; its day is fixed once a holder has reported back
    from it (the report is dated by it)."""
    meeting = lock_to_change(Meeting.objects.select_related("position"), meeting.pk)
    require(acting_user, "accountability.correct_meeting", meeting)
    if not title.strip():
        raise ActionError(_("Name the meeting."), field="title")
    if held_on != meeting.held_on and ReportBack.objects.filter(meeting=meeting).exists():
        raise ActionError(
            _("Holders have reported back from this meeting: its day cannot change."),
            field="held_on",
        )
    old = snapshot(meeting, MEETING_FIELDS)
    meeting.title, meeting.held_on, meeting.place = title.strip(), held_on, place.strip()
    meeting.save(update_fields=[*MEETING_FIELDS, "updated_at"])
    before, after = changes(old, snapshot(meeting, MEETING_FIELDS))
    record(
        actor=acting_user,
        verb="meeting.updated",
        target=meeting,
        group_id=meeting.position.group_id,
        old=before,
        new=after,
    )
    return meeting


@transaction.atomic
def check_delete_meeting(meeting: Meeting, *, acting_user: User) -> None:
    """Remove a meeting recorded in error, with its mandates; refused once anyone reported back
    from it."""
    locked = lock(Meeting.objects.select_related("position"), meeting.pk)
    if locked is None:
        return  # removed meanwhile (a second press): nothing more to do
    meeting = locked
    require(acting_user, "accountability.remove_meeting", meeting)
    reason = why_meeting_stays(meeting)
    if reason:
        raise ActionError(reason)
    mandates = sorted(Mandate.objects.filter(meeting=meeting).values_list("pk", flat=True))
    record(
        actor=acting_user,
        verb="meeting.deleted",
        target=meeting,
        group_id=meeting.position.group_id,
        old=snapshot(meeting, MEETING_FIELDS)
        | {"position": meeting.position_id, "mandates": mandates},
    )
    meeting.delete()
