"""Organisers emailing their members: a draft, a preview, then the job worker sends it.

Sending only queues the mailing (one row updated, one audit entry, one job), so a 5,000-member
group is queued at once. The job `prepare_mailing` writes one MailingRecipient per member of the
segment, in bulk; `send_mailing_batch` then sends a batch over one SMTP connection, marks each
person sent as soon as the server accepts their email, and enqueues the next batch at a lower
priority than other jobs, so a large mailing never holds the worker for long. A retried or
resumed job only sends to recipients still pending: each person gets the email once.
"""

import email.policy
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, make_msgid, parseaddr
from functools import partial
from smtplib import SMTP, SMTPRecipientsRefused
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.mail import mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.markdown import render_markdown
from groundwork.core.rate_limits import parse_rate
from groundwork.core.tasks import PlatformEmail, retry_delay
from groundwork.groups.models import Group, Mailing, MailingRecipient, Membership
from groundwork.groups.segments import choose_segment, members_in_segment, reachable
from groundwork.members.models import User
from groundwork.notifications.email import unsubscribe_url
from groundwork.notifications.models import EmailKind

logger = logging.getLogger(__name__)

DRAFTED_VERB = "group.mailing_drafted"
EDITED_VERB = "group.mailing_edited"
SENT_VERB = "group.mailing_sent"
DRAFT_FIELDS = ["subject", "body", "segment", "segment_parameter", "segment_label"]

# A batch stops at this many emails or after this many seconds, whichever comes first, and the
# next batch waits behind every other job that is ready.
BATCH_SIZE = 200
BATCH_SECONDS = 5.0
MAX_BATCH_ATTEMPTS = 5
# Rendered once per mailing, then replaced by each recipient's own link.
UNSUBSCRIBE_MARK = "UNSUBSCRIBE-LINK-8f3a"
# Marks in the email rendered once per batch (see _Message.template), each replaced per person.
ADDRESS_MARK = "ADDRESS-MARK-5c1e@example.invalid"
LINK_MARK = "https://LINK-MARK-5c1e.invalid/"
MESSAGE_ID_MARK = "<ID-MARK-5c1e@example.invalid>"


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


def _enqueue_next_batch(
    mailing_id: int, *, attempt: int = 1, delay: timedelta | None = None
) -> None:
    from groundwork.groups.tasks import send_mailing_batch

    task = send_mailing_batch
    if delay is not None:
        task = task.using(run_after=timezone.now() + delay)
    transaction.on_commit(lambda: task.enqueue(mailing_id=mailing_id, attempt=attempt))


@dataclass(frozen=True)
class _Pending:
    """A recipient still to be sent to: their address, and why not to send (empty: send)."""

    pk: int
    address: str
    skip_reason: str


def _skip_reason(row: Mapping[str, Any]) -> str:
    reasons = MailingRecipient.Reason
    if not row["is_member"]:
        return reasons.LEFT
    if row["is_suppressed"]:
        return reasons.SUPPRESSED
    if row["has_opted_out"]:
        return reasons.UNSUBSCRIBED
    if not row["has_consent"]:
        return reasons.NO_CONSENT
    return ""


def _pending_batch(mailing: Mailing, size: int) -> list[_Pending]:
    """The next pending recipients, with their address and whether the email may reach them."""
    is_member = Exists(Membership.objects.filter(group_id=mailing.group_id, user=OuterRef("user")))
    rows = (
        MailingRecipient.objects.filter(mailing=mailing, status=MailingRecipient.Status.PENDING)
        .annotate(address=F("user__email"), is_member=is_member, **reachable())
        .order_by("id")
        .values("pk", "address", "is_member", "has_consent", "has_opted_out", "is_suppressed")[
            :size
        ]
    )
    return [_Pending(row["pk"], row["address"], _skip_reason(row)) for row in rows]


def _skip(rows: list[_Pending]) -> None:
    by_reason: dict[str, list[int]] = {}
    for row in rows:
        by_reason.setdefault(row.skip_reason, []).append(row.pk)
    for reason, ids in by_reason.items():
        MailingRecipient.objects.filter(pk__in=ids, status=MailingRecipient.Status.PENDING).update(
            status=MailingRecipient.Status.SKIPPED, reason=reason
        )


class _Message:
    """The parts of a mailing's email that are the same for every recipient, rendered once."""

    def __init__(self, mailing: Mailing) -> None:
        group = mailing.group
        _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        self.sender = formataddr((f"{group.name} ({settings.SITE_NAME})", address))
        self.subject = mailing.subject
        context = {
            "mailing": mailing,
            "group": group,
            "group_url": settings.SITE_URL + reverse("groups:detail", args=[group.slug]),
            "body_html": render_markdown(mailing.body),
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        }
        self.text = render_to_string("groups/email/mailing_message.txt", context)
        self.html = render_to_string("groups/email/mailing_message.html", context)

    def to(self, address: str, connection: BaseEmailBackend) -> PlatformEmail:
        """The email to one address: only that address, its own unsubscribe link and headers."""
        return self._email(address, unsubscribe_url(address, EmailKind.GROUP_MAIL), connection)

    def _email(
        self, address: str, link: str, connection: BaseEmailBackend, message_id: str = ""
    ) -> PlatformEmail:
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        if message_id:
            headers["Message-ID"] = message_id
        message = PlatformEmail(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_MARK, link),
            from_email=self.sender,
            to=[address],
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(self.html.replace(UNSUBSCRIBE_MARK, link), "text/html")
        return message

    def template(self, connection: BaseEmailBackend) -> bytes | None:
        """The whole email as the SMTP server gets it, rendered once with marks where the address,
        the link and the Message-ID go, or None if encoding hid a mark (a line too long for the
        wire, say): building a MIME message costs several times more than sending it."""
        raw = (
            self._email(ADDRESS_MARK, LINK_MARK, connection, MESSAGE_ID_MARK)
            .message(policy=email.policy.SMTP)
            .as_bytes()
        )
        counts = (raw.count(b"ADDRESS-MARK-"), raw.count(b"LINK-MARK-"), raw.count(b"ID-MARK-"))
        # Quoted-printable wraps lines at 76 characters: a longer link put in later would break it.
        encoded = b"quoted-printable" in raw.lower() or b"base64" in raw.lower()
        return raw if counts == (1, 3, 1) and not encoded else None

    @staticmethod
    def fill(template: bytes, address: str) -> bytes:
        """The template for one (ASCII) address: its To, its own unsubscribe link, a new id."""
        link = unsubscribe_url(address, EmailKind.GROUP_MAIL)
        return (
            template.replace(ADDRESS_MARK.encode(), address.encode())
            .replace(LINK_MARK.encode(), link.encode())
            .replace(MESSAGE_ID_MARK.encode(), make_msgid(domain=DNS_NAME).encode())
        )


def do_send_mailing_batch(
    mailing_id: int, *, attempt: int = 1, batch_size: int | None = None
) -> None:
    """Send the mailing to its next pending recipients, then enqueue the next batch, or mark the
    mailing sent. Run by the job worker, outside a transaction: each person is marked sent as soon
    as the mail server accepts their email, so a worker that dies resends to nobody."""
    mailing = Mailing.objects.select_related("group").filter(pk=mailing_id).first()
    if mailing is None or mailing.status != Mailing.Status.SENDING:
        return
    rows = _pending_batch(mailing, batch_size or BATCH_SIZE)
    _skip([row for row in rows if row.skip_reason])
    deliverable = [row for row in rows if not row.skip_reason]
    stopped_by = _deliver(mailing, deliverable) if deliverable else None
    _update_counts(mailing)
    if stopped_by is not None:
        if attempt >= MAX_BATCH_ATTEMPTS:
            logger.error("Mailing %d stopped after %d failed attempts", mailing.pk, attempt)
            return
        logger.warning("Mailing %d paused (attempt %d): %s", mailing.pk, attempt, stopped_by)
        _enqueue_next_batch(mailing.pk, attempt=attempt + 1, delay=retry_delay(attempt))
    elif (
        rows
        and MailingRecipient.objects.filter(
            mailing=mailing, status=MailingRecipient.Status.PENDING
        ).exists()
    ):
        _enqueue_next_batch(mailing.pk)
    else:
        Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENDING).update(
            status=Mailing.Status.SENT, finished_at=timezone.now(), updated_at=timezone.now()
        )


def _deliver(mailing: Mailing, rows: list[_Pending]) -> OSError | None:
    """Send to `rows` over one connection, within BATCH_SECONDS; the error that stopped it, if the
    server could not be reached (the rest stay pending for the next attempt)."""
    message = _Message(mailing)
    started = time.monotonic()
    connection = mailers.default
    try:
        connection.open()
        _commit_without_waiting_for_disk(True)
        smtp = getattr(connection, "connection", None)
        template = message.template(connection) if isinstance(smtp, SMTP) else None
        _name, envelope_sender = parseaddr(message.sender)
        for row in rows:
            status, reason = MailingRecipient.Status.SENT, ""
            try:
                if template is not None and smtp is not None and row.address.isascii():
                    smtp.sendmail(
                        envelope_sender, [row.address], message.fill(template, row.address)
                    )
                else:
                    message.to(row.address, connection).send()
            except SMTPRecipientsRefused:
                status, reason = MailingRecipient.Status.SKIPPED, MailingRecipient.Reason.REFUSED
            MailingRecipient.objects.filter(
                pk=row.pk, status=MailingRecipient.Status.PENDING
            ).update(status=status, reason=reason, sent_at=timezone.now())
            if time.monotonic() - started > BATCH_SECONDS:
                break
    except OSError as error:  # a refused connection, a dropped one, a server that said no
        return error
    finally:
        _commit_without_waiting_for_disk(False)
        connection.close()
    return None


def _commit_without_waiting_for_disk(on: bool) -> None:
    """On PostgreSQL, let each "sent" mark commit without waiting for the disk: a worker that dies
    still loses none (the server has them), and waiting would set the pace instead of the mail
    server. Only the database server's own crash could lose the last fraction of a second of
    marks, and so send those few emails again."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO %s" % ("OFF" if on else "DEFAULT"))


def _update_counts(mailing: Mailing) -> None:
    counts = dict(
        MailingRecipient.objects.filter(mailing=mailing)
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
        .order_by()
    )
    Mailing.objects.filter(pk=mailing.pk).update(
        sent_count=counts.get(MailingRecipient.Status.SENT, 0),
        skipped_count=counts.get(MailingRecipient.Status.SKIPPED, 0),
        updated_at=timezone.now(),
    )


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
