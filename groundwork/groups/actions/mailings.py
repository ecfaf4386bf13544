"""Organisers emailing their members: a draft, a preview, then the job worker sends it.

Sending only queues the mailing (one row updated, one audit entry, one job), so a 5,000-member
group is queued at once. The job `prepare_mailing` writes one MailingRecipient per member of the
segment, in bulk, then `mailing_delivery` sends it in batches. A retried or resumed job only
sends to recipients still pending: each person gets the email once, except that a worker killed
mid-batch sends it again to the few (mailing_delivery.UNMARKED_AT_MOST) not yet marked sent.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.rate_limits import parse_rate
from groundwork.groups.actions.mailing_delivery import _enqueue_next_batch
from groundwork.groups.models import Group, Mailing, MailingRecipient
from groundwork.groups.queries.segments import choose_segment, members_in_segment
from groundwork.members.models import User

logger = logging.getLogger(__name__)

DRAFTED_VERB = "group.mailing_drafted"
EDITED_VERB = "group.mailing_edited"
SENT_VERB = "group.mailing_sent"
DRAFT_FIELDS = ["subject", "body", "segment", "segment_parameter", "segment_label"]


@dataclass(frozen=True)
class MailingDraft:
    """What the organiser wrote: the segment's value (see groups.segments), subject and body, and
    the form's one-time token that makes a second submission of the same form harmless."""

    segment: str
    subject: str
    body: str
    token: UUID


@transaction.atomic
def check_save_mailing_draft(
    group: Group, *, draft: MailingDraft, mailing: Mailing | None = None, acting_user: User
) -> Mailing:
    """Write a new draft (or change `mailing`, still a draft) for the group's organisers to
    preview; the same form submitted twice makes one draft."""
    chosen = choose_segment(group, draft.segment)
    if chosen is None:
        raise ActionError(_("Choose who the email goes to."), field="segment")
    values = {
        "subject": draft.subject.strip(),
        "body": draft.body,
        "segment": chosen.key,
        "segment_parameter": chosen.parameter,
        "segment_label": chosen.label[:200],
    }
    if mailing is None:
        mailing, created = Mailing.objects.get_or_create(
            token=draft.token, defaults={"group": group, "author": acting_user, **values}
        )
        if created:
            record(actor=acting_user, verb=DRAFTED_VERB, target=mailing, group_id=group.pk)
        elif mailing.group_id != group.pk:
            raise ActionError(_("This form was already used. Start a new email."))
        return mailing
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status != Mailing.Status.DRAFT:
        raise ActionError(_("This email has already been sent; it cannot be changed."))
    old = values_of(mailing, DRAFT_FIELDS)
    for field, value in values.items():
        setattr(mailing, field, value)
    mailing.save()
    old, new = changes(old, values)
    if new:
        record(
            actor=acting_user, verb=EDITED_VERB, target=mailing, group_id=group.pk, old=old, new=new
        )
    return mailing


def _check_group_limit(group: Group) -> None:
    """At most GROUNDWORK_MAILING_LIMIT ("count/seconds") mailings queued by a group per window;
    counted from the mailings themselves, so the limit holds across servers and restarts."""
    count, seconds = parse_rate(settings.GROUNDWORK_MAILING_LIMIT)
    if count <= 0:
        return
    since = timezone.now() - timedelta(seconds=seconds)
    recent = [
        queued_at
        for queued_at in Mailing.objects.filter(group=group, queued_at__gte=since)
        .order_by("-queued_at")
        .values_list("queued_at", flat=True)[:count]
        if queued_at is not None
    ]
    if len(recent) >= count:
        free_at = recent[-1] + timedelta(seconds=seconds)
        retry_after = int((free_at - timezone.now()).total_seconds())
        raise RateLimited(
            _(
                "Your group has sent %(count)s emails to members in the last %(hours)s hours, "
                "as many as it may. Try again later."
            )
            % {"count": count, "hours": seconds // 3600},
            retry_after=max(retry_after, 1),
        )


@transaction.atomic
def check_send_mailing(mailing: Mailing, *, acting_user: User) -> bool:
    """Queue a draft for the job worker; True if queued now, False if it was already queued (a
    second click). Past the group's limit, RateLimited; a segment no longer there, ActionError."""
    # The group's row serialises sends, so two organisers cannot both pass the limit.
    Group.objects.select_for_update().filter(pk=mailing.group_id).first()
    mailing = Mailing.objects.select_for_update().select_related("group").get(pk=mailing.pk)
    if mailing.status != Mailing.Status.DRAFT:
        return False
    group = mailing.group
    value = f"{mailing.segment}:{mailing.segment_parameter}".rstrip(":")
    if choose_segment(group, value) is None:
        raise ActionError(_("The people this email was for can no longer be chosen. Edit it."))
    _check_group_limit(group)
    mailing.status = Mailing.Status.QUEUED
    mailing.queued_at = timezone.now()
    mailing.save(update_fields=["status", "queued_at", "updated_at"])
    record(
        actor=acting_user,
        verb=SENT_VERB,
        target=mailing,
        group_id=group.pk,
        new={"segment": mailing.segment_label, "subject": mailing.subject},
    )
    from groundwork.groups.tasks import prepare_mailing

    transaction.on_commit(lambda: prepare_mailing.enqueue(mailing_id=mailing.pk))
    return True


def do_prepare_mailing(mailing_id: int) -> None:
    """Write one pending recipient per active member of the segment, then start sending. Run by
    the job worker; a second run finds the mailing no longer queued and does nothing."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().filter(pk=mailing_id).first()
        if mailing is None or mailing.status != Mailing.Status.QUEUED:
            return
        user_ids = (
            members_in_segment(mailing.group, mailing.segment, mailing.segment_parameter)
            .filter(user__is_active=True)
            .values_list("user_id", flat=True)
        )
        MailingRecipient.objects.bulk_create(
            (MailingRecipient(mailing_id=mailing.pk, user_id=user_id) for user_id in user_ids),
            batch_size=1000,
            ignore_conflicts=True,
        )
        mailing.recipient_count = MailingRecipient.objects.filter(mailing=mailing).count()
        mailing.status = Mailing.Status.SENDING
        mailing.save(update_fields=["recipient_count", "status", "updated_at"])
        _enqueue_next_batch(mailing.pk)


def do_resume_stalled_mailings(*, stalled_for: timedelta = timedelta(minutes=15)) -> int:
    """Start again the mailings whose worker died mid-send (no progress for `stalled_for`);
    returns how many. Those still queued get prepared, those sending get their next batch."""
    before = timezone.now() - stalled_for
    stalled = Mailing.objects.filter(
        status__in=[Mailing.Status.QUEUED, Mailing.Status.SENDING], updated_at__lt=before
    )
    from groundwork.groups.tasks import prepare_mailing

    count = 0
    for mailing_id, status in stalled.values_list("id", "status"):
        if status == Mailing.Status.QUEUED:
            transaction.on_commit(partial(prepare_mailing.enqueue, mailing_id=mailing_id))
        else:
            _enqueue_next_batch(mailing_id)
        count += 1
    return count
