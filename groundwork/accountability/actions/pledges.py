"""Writing a campaign's pledges and recording representatives' answers. Each checks the acting
person organises the campaign, writes one audit entry, and changes nothing when refused; pressing
the button twice leaves one pledge and one answer."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from groundwork.accountability.models import Person, Pledge, PledgeAnswer, Policy
from groundwork.campaigns.models import Campaign
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.members.models import User

ANSWER_FIELDS = ("status", "answered_on", "evidence_url", "evidence_note")


def check_create_pledge(
    campaign: Campaign,
    *,
    title: str,
    text: str,
    policy: Policy | None,
    acting_user: User,
) -> Pledge:
    """Write a pledge the campaign asks representatives to sign; the same pledge sent twice is
    the one already written."""
    if not acting_user.has_perm("accountability.create_pledge", campaign):
        raise ActionError(_("Only the campaign's organisers may write its pledges."), field="title")
    title, text = title.strip(), text.strip()
    existing = Pledge.objects.filter(campaign=campaign, title=title).first()
    if existing is not None:
        if existing.text == text and existing.policy_id == (policy.pk if policy else None):
            return existing
        raise ActionError(_("The campaign already has a pledge with this title."), field="title")
    try:
        with transaction.atomic():
            pledge = Pledge.objects.create(
                campaign=campaign, title=title, text=text, policy=policy, created_by=acting_user
            )
            record(
                actor=acting_user,
                verb="pledge.created",
                target=pledge,
                group_id=campaign.group_id,
                new={"title": title, "policy": policy.pk if policy else None},
            )
    except IntegrityError:
        # The same form sent at the same moment: the other request wrote it.
        return Pledge.objects.get(campaign=campaign, title=title)
    return pledge


def check_answer(*, status: str, answered_on: date, evidence_url: str, evidence_note: str) -> None:
    """Refuse an answer whose date is to come, or a signature or refusal with no evidence."""
    if status not in PledgeAnswer.Status.values:
        raise ActionError(_("Choose signed, declined or no answer."), field="status")
    if answered_on > date.today():
        raise ActionError(_("The date cannot be in the future."), field="answered_on")
    if status != PledgeAnswer.Status.NO_ANSWER and not (evidence_url or evidence_note):
        raise ActionError(
            _("Give a link or a note showing they signed or declined."), field="evidence_url"
        )


def check_record_pledge_answer(
    pledge: Pledge,
    *,
    person: Person,
    status: str,
    answered_on: date,
    evidence_url: str = "",
    evidence_note: str = "",
    acting_user: User,
) -> PledgeAnswer:
    """Record or change the person's answer to the pledge; a change is audited with its old and
    new values, and the same answer sent again changes nothing."""
    if not acting_user.has_perm("accountability.answer_pledge", pledge):
        raise ActionError(_("Only the campaign's organisers may record answers."), field="status")
    evidence_url, evidence_note = evidence_url.strip(), evidence_note.strip()
    check_answer(
        status=status,
        answered_on=answered_on,
        evidence_url=evidence_url,
        evidence_note=evidence_note,
    )
    new = {
        "status": status,
        "answered_on": answered_on,
        "evidence_url": evidence_url,
        "evidence_note": evidence_note,
    }
    with transaction.atomic():
        # Locking the pledge makes its removal wait for this answer (and then refuse a signed
        # one), or this answer find the pledge removed, rather than fail on the missing row.
        if Pledge.objects.select_for_update().filter(pk=pledge.pk).first() is None:
            raise ActionError(_("This pledge has been removed meanwhile."), field="status")
        answer, created = PledgeAnswer.objects.select_for_update().get_or_create(
            pledge=pledge, person=person, defaults=new | {"recorded_by": acting_user}
        )
        old = {name: getattr(answer, name) for name in ANSWER_FIELDS}
        if not created and old == new:
            return answer
        if not created:
            for name, value in new.items():
                setattr(answer, name, value)
            answer.recorded_by = acting_user
            answer.save()
        record(
            actor=acting_user,
            verb="pledge.answered",
            target=answer,
            group_id=pledge.campaign.group_id,
            old=None if created else _as_json(old),
            new=_as_json(new) | {"person": person.pk, "pledge": pledge.pk},
        )
    return answer


def _as_json(values: dict) -> dict:
    return {
        name: str(value) if isinstance(value, date) else value for name, value in values.items()
    }
