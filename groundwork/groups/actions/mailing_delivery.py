"""Sending a mailing, batch by batch, from the job worker.

A batch sends over GROUNDWORK_MAILING_CONNECTIONS SMTP connections at once (mailing_senders),
marks the people sent within moments of the server accepting their email, together, and enqueues
the next batch at a lower priority than other jobs, so a large mailing never holds the worker for
long. The email is rendered once per batch and filled in for each person (address, unsubscribe
link signed with a key derived once, Message-ID), so the worker keeps up with the mail server.
"""

import email.policy
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, parseaddr
from queue import SimpleQueue
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from groundwork.core.markdown import render_markdown
from groundwork.core.tasks import PlatformEmail, retry_delay
from groundwork.groups.actions.mailing_senders import Finished, Marks, Results, Sender
from groundwork.groups.models import Mailing, MailingRecipient, Membership
from groundwork.groups.queries.segments import reachable
from groundwork.notifications.email import UnsubscribeLinks
from groundwork.notifications.models import EmailKind

logger = logging.getLogger(__name__)


# A batch stops at this many emails or after this many seconds, whichever comes first, and the
# next batch waits behind every other job that is ready: another job waits a second at most. (A
# batch's own work, its queries, rendering and job, cost as much as sending 50-100 emails.)
BATCH_SIZE = 1000
BATCH_SECONDS = 1.0
MAX_BATCH_ATTEMPTS = 5
# Rendered once per mailing, then replaced by each recipient's own link.
UNSUBSCRIBE_MARK = "UNSUBSCRIBE-LINK-8f3a"
# Marks in the email rendered once per batch (see _Message.template), each replaced per person.
ADDRESS_MARK = "ADDRESS-MARK-5c1e@example.invalid"
LINK_MARK = "https://LINK-MARK-5c1e.invalid/"
MESSAGE_ID_MARK = "<ID-MARK-5c1e@example.invalid>"
ADDRESS_MARK_BYTES, LINK_MARK_BYTES = ADDRESS_MARK.encode(), LINK_MARK.encode()
MESSAGE_ID_MARK_BYTES = MESSAGE_ID_MARK.encode()
# At most this many emails are sent and not yet marked sent at any moment: what a worker killed
# mid-batch sends again when the mailing resumes. Marks are written together, half that many or
# those of the last MARKS_WAIT_SECONDS at a time (one UPDATE per person cost as much as sending).
UNMARKED_AT_MOST = 20
MARKS_WAIT_SECONDS = 0.05


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
        self.envelope_sender = address
        self.subject = mailing.subject
        self.mailing_id = mailing.pk
        self.links = UnsubscribeLinks(EmailKind.GROUP_MAIL)
        self.domain = urlsplit(settings.SITE_URL).hostname or str(DNS_NAME)
        context = {
            "mailing": mailing,
            "group": group,
            "group_url": settings.SITE_URL + reverse("groups:detail", args=[group.slug]),
            "body_html": render_markdown(mailing.body),
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        }
        self.text = render_to_string("groups/email/mailing_message.txt", context)
        self.html = render_to_string("groups/email/mailing_message.html", context)

    def message_id(self, recipient_id: int) -> str:
        """The same for the same person's email however often it is sent: after a worker died,
        mail stores that drop duplicates (Gmail's does) show one email sent twice once."""
        return f"<mailing.{self.mailing_id}.{recipient_id}@{self.domain}>"

    def to(
        self, address: str, recipient_id: int, connection: BaseEmailBackend | None = None
    ) -> PlatformEmail:
        """The email to one address: only that address, its own unsubscribe link and headers."""
        link = self.links.url(address)
        return self._email(address, link, connection, self.message_id(recipient_id))

    def _email(
        self, address: str, link: str, connection: BaseEmailBackend | None, message_id: str
    ) -> PlatformEmail:
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": message_id,
        }
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

    def template(self) -> bytes | None:
        """The whole email as the SMTP server gets it, rendered once with marks where the address,
        the link and the Message-ID go, or None if encoding hid a mark (a line too long for the
        wire, say): building a MIME message costs several times more than sending it."""
        raw = (
            self._email(ADDRESS_MARK, LINK_MARK, None, MESSAGE_ID_MARK)
            .message(policy=email.policy.SMTP)
            .as_bytes()
        )
        counts = (raw.count(b"ADDRESS-MARK-"), raw.count(b"LINK-MARK-"), raw.count(b"ID-MARK-"))
        # Quoted-printable wraps lines at 76 characters: a longer link put in later would break it.
        encoded = b"quoted-printable" in raw.lower() or b"base64" in raw.lower()
        return raw if counts == (1, 3, 1) and not encoded else None

    def fill(self, template: bytes, address: str, recipient_id: int) -> bytes:
        """The template for one (ASCII) address: its To, its own unsubscribe link, its id."""
        return (
            template.replace(ADDRESS_MARK_BYTES, address.encode())
            .replace(LINK_MARK_BYTES, self.links.url(address).encode())
            .replace(MESSAGE_ID_MARK_BYTES, self.message_id(recipient_id).encode())
        )


def do_send_mailing_batch(
    mailing_id: int, *, attempt: int = 1, batch_size: int | None = None
) -> None:
    """Send the mailing to its next pending recipients, then enqueue the next batch, or mark the
    mailing sent. Run by the job worker, outside a transaction: each person is marked sent within
    moments of the mail server accepting their email, so a worker that dies resends to at most
    UNMARKED_AT_MOST people (with the same Message-ID), however large the mailing."""
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
    """Send to `rows` over up to GROUNDWORK_MAILING_CONNECTIONS connections at once, within
    BATCH_SECONDS, writing the outcomes together as they come; if nobody could be sent to, the
    error that stopped it: the server could not be reached or said "later" (the rows not sent
    stay pending for the next attempt)."""
    message = _Message(mailing)
    template = message.template()
    work: SimpleQueue[_Pending] = SimpleQueue()
    for row in rows:
        work.put(row)
    results = Results(every=UNMARKED_AT_MOST // 2)
    unmarked = threading.Semaphore(UNMARKED_AT_MOST)
    stop = threading.Event()
    deadline = time.monotonic() + BATCH_SECONDS
    count = max(1, min(settings.GROUNDWORK_MAILING_CONNECTIONS, len(rows)))
    senders = [
        Sender(message, template, rows=work, results=results, unmarked=unmarked, stop=stop,
               deadline=deadline)
        for _ in range(count)
    ]  # fmt: skip
    errors: list[BaseException] = []
    done = 0
    marks = Marks()
    _commit_without_waiting_for_disk(True)
    try:
        for sender in senders:
            sender.start()
        running = len(senders)
        while running:
            reports = results.take(wait=MARKS_WAIT_SECONDS)
            if not reports and not any(sender.is_alive() for sender in senders):
                # What a sender put before it ended is there now; none left means one ended
                # without saying so, which cannot happen: never wait for ever all the same.
                reports = results.take(wait=0) or [Finished(None)] * running
            for report in reports:
                if isinstance(report, Finished):
                    running -= 1
                    errors += [report.error] if report.error is not None else []
                else:
                    marks.add(report)
            if marks.count:
                written = marks.write(timezone.now())
                unmarked.release(written)
                done += written
    finally:
        stop.set()
        for sender in senders:
            sender.join()
        _commit_without_waiting_for_disk(False)
    for error in errors:
        if not isinstance(error, OSError):  # a fault, not the server: the job fails
            raise error
    if errors and done:
        # Some connections worked (a relay that takes fewer at once than we open, say): the next
        # batch goes on at once, over those it accepts.
        logger.warning("Mailing %d: %d connection(s) failed: %s", mailing.pk, len(errors), errors)
        return None
    return next((error for error in errors if isinstance(error, OSError)), None)


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
