"""Reading what a correction or a removal touches: the record to change (404 alike for missing
and not yours, where it is private), what goes with it when removed, and why some of it must stay
on the record."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.models import (
    Mandate,
    Meeting,
    ObjectivePolicy,
    Pledge,
    PledgeAnswer,
    Policy,
    ReportBack,
    Statement,
)

ANSWERED = (PledgeAnswer.Status.SIGNED, PledgeAnswer.Status.DECLINED)


def get_mandate(pk: int) -> Mandate:
    """The mandate with its position, group and meeting, or 404 (the rule decides who sees it)."""
    return get_object_or_404(
        Mandate.objects.select_related("position", "position__group", "meeting", "decision"),
        pk=pk,
    )


def get_statement(pk: int) -> Statement:
    """The statement with its person, objective and group, or 404 (every statement is public)."""
    return get_object_or_404(
        Statement.objects.select_related("person", "objective", "group"), pk=pk
    )


def get_pledge_answer_for(user, pk: int) -> PledgeAnswer:
    """An answer to a pledge whose campaign `user` may see, or 404 alike."""
    try:
        answer = PledgeAnswer.objects.select_related(
            "person", "pledge", "pledge__campaign", "pledge__campaign__group"
        ).get(pk=pk)
    except PledgeAnswer.DoesNotExist:
        raise Http404("No such answer.") from None
    if not user.has_perm("accountability.see_pledge", answer.pledge):
        raise Http404("No such answer.")
    return answer


def reports_under(mandate: Mandate):
    """The report-backs that answer to the mandate: from its meeting, or, for a mandate for every
    meeting, from the position's meetings held since it was written."""
    if mandate.meeting_id is not None:
        return ReportBack.objects.filter(meeting_id=mandate.meeting_id)
    return ReportBack.objects.filter(
        meeting__position_id=mandate.position_id,
        meeting__held_on__gte=timezone.localdate(mandate.created_at),
    )


def why_mandate_stays(mandate: Mandate) -> str:
    """Why the mandate cannot be removed, or "" when it can."""
    if reports_under(mandate).exists():
        return _(
            "Holders have reported back under this mandate, so it stays on the record. Correct it "
            "or write a new one instead."
        )
    return ""


def why_meeting_stays(meeting: Meeting) -> str:
    """Why the meeting cannot be removed, or "" when it can."""
    count = ReportBack.objects.filter(meeting=meeting).count()
    if count:
        return _(
            "Holders have reported back from this meeting (%(count)d report-backs): they are "
            "their account to those who elected them, so the meeting stays. Correct its details "
            "instead."
        ) % {"count": count}
    return ""


def answered_count(pledge: Pledge) -> int:
    """How many representatives signed or declined the pledge."""
    return PledgeAnswer.objects.filter(pledge=pledge, status__in=ANSWERED).count()


def why_pledge_stays(pledge: Pledge) -> str:
    """Why the pledge cannot be removed, or "" when it can."""
    count = answered_count(pledge)
    if count:
        return _(
            "%(count)d representatives have signed or declined this pledge: it stays as they "
            "answered it. Remove their answers first if they were recorded in error."
        ) % {"count": count}
    return ""


def mandates_for_meeting(meeting: Meeting) -> list[Mandate]:
    """The mandates given for the meeting (they go with it)."""
    return list(Mandate.objects.filter(meeting=meeting).order_by("title", "id"))


@dataclass(frozen=True)
class PolicyTies:
    """What a policy's removal takes with it or unlinks."""

    divisions: int
    objectives: list
    pledges: list[Pledge]


def policy_ties(policy: Policy) -> PolicyTies:
    """The policy's division count, its linked objectives and the pledges it measures."""
    links = ObjectivePolicy.objects.filter(policy=policy).select_related("objective")
    return PolicyTies(
        divisions=policy.policy_divisions.count(),
        objectives=[link.objective for link in links.order_by("objective__number")],
        pledges=list(policy.pledges.select_related("campaign").order_by("title", "id")),
    )
