"""Correcting and removing a campaign's pledges and the answers recorded to them.

What a representative signed must not change under their name: once anyone has signed or
declined, a pledge's text is fixed and the pledge cannot be removed (remove the answers first, if
they were recorded in error). Its title and the policy that measures it may still be corrected.
Answers are not part of any cached figure (the pages read them, and the votes that broke them,
each time), so removing one moves nothing in the cache."""

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.accountability.actions.editing.common import (
    lock,
    lock_to_change,
    require,
    snapshot,
)
from groundwork.accountability.models import Pledge, PledgeAnswer, Policy
from groundwork.accountability.queries.editing import answered_count, why_pledge_stays
from groundwork.core.audit import changes, record
from groundwork.core.errors import ActionError
from groundwork.members.models import User

PLEDGE_FIELDS = ("title", "text", "policy")
ANSWER_FIELDS = ("person", "status", "answered_on", "evidence_url", "evidence_note")


@transaction.atomic
def check_update_pledge(
    pledge: Pledge, *, title: str, text: str, policy: Policy | None, acting_user: User
) -> Pledge:
    """Correct a pledge's title, text or policy; its text is fixed once anyone has answered."""
    pledge = lock_to_change(Pledge.objects.select_related("campaign"), pledge.pk)
    require(
        acting_user,
        "accountability.correct_pledge",
        pledge,
        _("Only the campaign's organisers may change its pledges."),
    )
    title, text = title.strip(), text.strip()
    if not title:
        raise ActionError(_("Give the pledge a title."), field="title")
    if not text:
        raise ActionError(_("Write what they pledge."), field="text")
    if text != pledge.text and answered_count(pledge):
        raise ActionError(
            _("Representatives have answered this pledge: its text stays as they read it."),
            field="text",
        )
    taken = Pledge.objects.filter(campaign=pledge.campaign, title=title).exclude(pk=pledge.pk)
    if taken.exists():
        raise ActionError(_("The campaign already has a pledge with this title."), field="title")
    old = snapshot(pledge, PLEDGE_FIELDS)
    pledge.title, pledge.text, pledge.policy = title, text, policy
    pledge.save(update_fields=list(PLEDGE_FIELDS))
    before, after = changes(old, snapshot(pledge, PLEDGE_FIELDS))
    record(
        actor=acting_user,
        verb="pledge.updated",
        target=pledge,
        group_id=pledge.campaign.group_id,
        old=before,
        new=after,
    )
    return pledge


@transaction.atomic
def check_delete_pledge(pledge: Pledge, *, acting_user: User) -> None:
    """Remove a pledge nobody has signed or declined, with its "no answer" rows."""
    locked = lock(Pledge.objects.select_related("campaign"), pledge.pk)
    if locked is None:
        return  # removed meanwhile (a second press): nothing more to do
    pledge = locked
    require(
        acting_user,
        "accountability.remove_pledge",
        pledge,
        _("Only the campaign's organisers may remove its pledges."),
    )
    reason = why_pledge_stays(pledge)
    if reason:
        raise ActionError(reason)
    record(
        actor=acting_user,
        verb="pledge.deleted",
        target=pledge,
        group_id=pledge.campaign.group_id,
        old=snapshot(pledge, PLEDGE_FIELDS)
        | {
            "campaign": pledge.campaign_id,
            "unanswered": sorted(pledge.answers.values_list("person_id", flat=True)),
        },
    )
    pledge.delete()


@transaction.atomic
def check_delete_pledge_answer(answer: PledgeAnswer, *, acting_user: User) -> None:
    """Remove an answer recorded in error (the representative shows as not asked); the audit
    entry keeps what it was."""
    locked = lock(PledgeAnswer.objects.select_related("pledge", "pledge__campaign"), answer.pk)
    if locked is None:
        return  # removed meanwhile (a second press): nothing more to do
    answer = locked
    require(
        acting_user,
        "accountability.remove_pledge_answer",
        answer,
        _("Only the campaign's organisers may remove its answers."),
    )
    record(
        actor=acting_user,
        verb="pledge_answer.deleted",
        target=answer,
        group_id=answer.pledge.campaign.group_id,
        old=snapshot(answer, ANSWER_FIELDS) | {"pledge": answer.pledge_id},
    )
    answer.delete()
