"""Telling members things: in the app, and by email through the job queue."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.email import render_templated_email
from groundwork.members.hooks import member_home_changed
from groundwork.members.models import User
from groundwork.notifications.bounces import Report
from groundwork.notifications.email import enqueue_email_to, opted_out
from groundwork.notifications.models import (
    Delivery,
    Digest,
    DigestEntry,
    EmailKind,
    EmailOptOut,
    EmailSuppression,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from groundwork.notifications.queries import (
    awaiting_digest,
    deliveries_of,
    forget_unread_count,
    preferences_of,
)

DIGESTS = {Delivery.DAILY, Delivery.WEEKLY}


def email_kind_of(kind: str) -> EmailKind:
    """The kind of email (for unsubscribing) that carries notifications of `kind`.

    Join requests and decisions keep the kind they were sent under before notifications had
    kinds, so those who stopped them stay stopped.
    """
    return EmailKind.GROUP if kind == NotificationKind.GROUPS else EmailKind.NOTIFICATION


def preferences_footer() -> str:
    return _("Choose how you hear of each kind of notification: %(url)s") % {
        "url": settings.SITE_URL + reverse("notifications:preferences")
    }


@transaction.atomic
def do_notify(
    user_ids: Iterable[int],
    *,
    key: str,
    text: str,
    url: str = "",
    kind: str = NotificationKind.OTHER,
    email_subject: str = "",
    email_body: str = "",
) -> int:
    """Tell each user once per `key` in the app and, as each chose for `kind`, by email at once
    or in their next digest (the subject defaults to the text).

    Returns how many were newly told. Safe to call again for the same key (a retried job): the
    notifications and their emails' jobs are written in one transaction, so a job killed halfway
    leaves neither, and its next run tells everyone.
    """
    user_ids = list(user_ids)
    already = set(
        Notification.objects.filter(key=key, user_id__in=user_ids).values_list("user_id", flat=True)
    )
    fresh = [user_id for user_id in dict.fromkeys(user_ids) if user_id not in already]
    if not fresh:
        return 0
    deliveries = deliveries_of(fresh, kind)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                key=key,
                text=text,
                url=url,
                kind=kind,
                digest_due=deliveries[user_id] if deliveries[user_id] in DIGESTS else "",
            )
            for user_id in fresh
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    member_home_changed(*fresh)  # their unread notifications
    at_once = [user_id for user_id in fresh if deliveries[user_id] == Delivery.IMMEDIATE]
    if at_once:
        body = email_body or text
        link = settings.SITE_URL + url if url else ""
        if link and link not in body:
            body = f"{body.rstrip()}\n\n{link}"
        body = f"{body.rstrip()}\n\n{preferences_footer()}\n"
        emails = list(
            User.objects.filter(pk__in=at_once, is_active=True).values_list("email", flat=True)
        )
        for start in range(0, len(emails), 2000):
            enqueue_email_to(
                emails[start : start + 2000],
                kind=email_kind_of(kind),
                subject=email_subject or text,
                body=body,
            )
    return len(fresh)


@transaction.atomic
def do_mark_all_read(user: User, *, acting_user: User) -> int:
    """Mark every unread notification of the member as read."""
    forget_unread_count(user)
    member_home_changed(user.pk)  # their unread notifications
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def do_mark_done(user: User, *, key_prefix: str, acting_user: User) -> int:
    """Mark read the member's unread notifications whose key starts with `key_prefix`.

    Called by the action that does what they asked (adopting the platform clears "adopt the
    platform"); no audit entry of its own, the action that did it is audited.
    """
    forget_unread_count(user)
    member_home_changed(user.pk)  # their unread notifications
    unread = Notification.objects.filter(user=user, key__startswith=key_prefix, read_at=None)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def do_mark_key_done(*, key: str) -> int:
    """Mark read, for everyone told, the unread notifications of `key`: what several people were
    asked to do (decide a join request) is done once one of them did it."""
    unread = Notification.objects.filter(key=key, read_at=None)
    member_home_changed(*unread.values_list("user_id", flat=True))  # their unread notifications
    return unread.update(read_at=timezone.now())


@transaction.atomic
def do_unsubscribe(address: str, *, kind: EmailKind, acting_user: User | None) -> bool:
    """Stop `kind` of email to the address; True if it was newly stopped (a repeat is harmless)."""
    opt_out, created = EmailOptOut.objects.get_or_create(address=address.lower(), kind=kind)
    if created:
        record(actor=acting_user, verb="email.unsubscribed", target=opt_out, new={"kind": kind})
    return created


@transaction.atomic
def do_set_notification_preferences(
    user: User, *, deliveries: dict[str, str], acting_user: User
) -> dict[str, str]:
    """Save how the member hears of each kind; returns what changed (kind: new delivery).

    Every kind is stored as chosen, so a later change of the defaults does not overrule a choice.
    Notifications already waiting for a digest keep waiting for it.
    """
    old = preferences_of(user)
    new = {kind: deliveries.get(kind, old[kind]) for kind in NotificationKind.values}
    for kind, delivery in new.items():
        if delivery not in Delivery.values:
            raise ValueError(f"No such delivery: {delivery!r}")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
    changed = {kind: new[kind] for kind in new if new[kind] != old[kind]}
    record(
        actor=acting_user,
        verb="notification_preferences.changed",
        target=user,
        old={kind: old[kind] for kind in changed},
        new=changed,
    )
    return changed


def digest_covers(period: str, today: date) -> date:
    """The day a daily digest of `today` covers, or the Monday of a weekly digest's week."""
    if period == Digest.Period.WEEKLY:
        return date.fromordinal(today.toordinal() - today.weekday())
    return today


@transaction.atomic
def do_send_digest(user_id: int, *, period: str, covers: date) -> int:
    """Gather the member's notifications waiting for their `period` digest into one email.

    At most one digest per member, period and day (or week) covered, so a repeated or retried
    job sends nothing twice; each notification taken is recorded in DigestEntry, and only those
    still unread are listed. Returns how many the email listed (0: no email).
    """
    try:
        with transaction.atomic():
            digest = Digest.objects.create(user_id=user_id, period=period, covers=covers)
    except IntegrityError:
        return 0  # this day's (or week's) digest was made already
    pending = list(awaiting_digest(user_id, period).select_for_update())
    user = User.objects.get(pk=user_id)
    stopped = {
        kind for kind in (EmailKind.NOTIFICATION, EmailKind.GROUP) if opted_out([user.email], kind)
    }
    listed = [
        notification
        for notification in pending
        if notification.read_at is None
        and user.is_active
        and EmailKind.NOTIFICATION not in stopped
        and email_kind_of(notification.kind) not in stopped
    ]
    listed_ids = {notification.pk for notification in listed}
    DigestEntry.objects.bulk_create(
        [DigestEntry(digest=digest, notification=n, listed=n.pk in listed_ids) for n in pending]
    )
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(digest_due="")
    if listed:
        subject, body = render_templated_email(
            "notifications/email/digest",
            {
                "user": user,
                "period": period,
                "notifications": listed,
                "site_name": settings.SITE_NAME,
                "site_url": settings.SITE_URL,
                "all_url": settings.SITE_URL + reverse("notifications:index"),
                "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
            },
        )
        enqueue_email_to([user.email], kind=EmailKind.NOTIFICATION, subject=subject, body=body)
        digest.sent_count = len(listed)
        digest.save(update_fields=["sent_count"])
    return len(listed)


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
