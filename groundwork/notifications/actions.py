"""Telling members things: in the app, and by email through the job queue."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from groundwork.core.audit import record
from groundwork.members.models import User
from groundwork.notifications.bounces import Report
from groundwork.notifications.email import enqueue_email_to
from groundwork.notifications.models import (
    EmailKind,
    EmailOptOut,
    EmailSuppression,
    Notification,
)


def do_notify(
    user_ids: Iterable[int],
    *,
    key: str,
    text: str,
    url: str = "",
    email_subject: str = "",
    email_body: str = "",
) -> int:
    """Tell each user once per `key` in the app and, if a subject is given, by email.

    Returns how many were newly told. Safe to call again for the same key (a retried job).
    """
    from groundwork.members.models import User

    user_ids = list(user_ids)
    already = set(
        Notification.objects.filter(key=key, user_id__in=user_ids).values_list("user_id", flat=True)
    )
    fresh = [user_id for user_id in user_ids if user_id not in already]
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, key=key, text=text, url=url) for user_id in fresh],
        ignore_conflicts=True,
        batch_size=1000,
    )
    if email_subject:
        link = settings.SITE_URL + url if url else ""
        emails = list(
            User.objects.filter(pk__in=fresh, is_active=True).values_list("email", flat=True)
        )
        for start in range(0, len(emails), 2000):
            enqueue_email_to(
                emails[start : start + 2000],
                kind=EmailKind.NOTIFICATION,
                subject=email_subject,
                body=f"{email_body}\n\n{link}\n",
            )
    return len(fresh)


@transaction.atomic
def do_mark_all_read(user: User, *, acting_user: User) -> int:
    """Mark every unread notification of the member as read."""
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def do_mark_done(user: User, *, key_prefix: str, acting_user: User) -> int:
    """Mark read the member's unread notifications whose key starts with `key_prefix`.

    Called by the action that does what they asked (adopting the platform clears "adopt the
    platform"); no audit entry of its own, the action that did it is audited.
    """
    unread = Notification.objects.filter(user=user, key__startswith=key_prefix, read_at=None)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def do_unsubscribe(address: str, *, kind: EmailKind, acting_user: User | None) -> bool:
    """Stop `kind` of email to the address; True if it was newly stopped (a repeat is harmless)."""
    opt_out, created = EmailOptOut.objects.get_or_create(address=address.lower(), kind=kind)
    if created:
        record(actor=acting_user, verb="email.unsubscribed", target=opt_out, new={"kind": kind})
    return created


SUPPRESSED_VERB = "email.suppressed"


@transaction.atomic
def do_record_bounce_report(report: Report) -> list[str]:
    """Suppress the addresses a bounce or complaint names (once each): they get no more email but
    account security. Returns those newly suppressed."""
    added: list[str] = []
    for address in dict.fromkeys(report.addresses):
        suppression, created = EmailSuppression.objects.get_or_create(
            address=address, defaults={"reason": report.reason, "detail": report.detail}
        )
        if created:
            # The address is not written to the log: a member erased later leaves no trace there.
            record(
                actor=None, verb=SUPPRESSED_VERB, target=suppression, new={"reason": report.reason}
            )
            added.append(address)
    return added
