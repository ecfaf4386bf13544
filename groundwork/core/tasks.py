"""Background jobs of the core app: sending email."""

import email.policy
import logging
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from groundwork.core.hooks import RetentionRule, add_retention_rule, address_suppressors
from groundwork.core.models import EmailDelivery

logger = logging.getLogger(__name__)


class PlatformEmail(EmailMultiAlternatives):
    """An email whose headers fold at RFC 5322's hard limit (998), not at 78 characters.

    A `List-Unsubscribe` link has no space to fold at; at 78 Python would encode it as RFC 2047
    words, which mail clients do not read as a link, and the unsubscribe button would not show.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


# Django's task API does not retry by itself, so a failed send enqueues its own next attempt.
MAX_EMAIL_ATTEMPTS = 5


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before attempt `attempt + 1`: 1, 4, 16, 64 minutes."""
    return timedelta(minutes=4 ** (attempt - 1))


def without_suppressed(addresses: list[str]) -> list[str]:
    """The addresses that no registered suppressor stops (see core.hooks)."""
    stopped: set[str] = set()
    for suppressor in address_suppressors:
        stopped |= suppressor(addresses)
    return [address for address in addresses if address.lower() not in stopped]


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    attempt: int = 1,
    account_security: bool = False,
    delivery_key: str = "",
) -> None:
    """Send one email; on failure, enqueue the next attempt until MAX_EMAIL_ATTEMPTS. Addresses
    that bounced or complained are left out, unless the email is about account security.

    With a `delivery_key` (core.email.enqueue_email gives every email one) the email is sent once
    however often the job runs: see `claim_delivery`."""
    if not account_security:
        to = without_suppressed(to)
        if not to:
            return
    headers = dict(headers or {})
    if delivery_key:
        if not claim_delivery(delivery_key):
            return  # sent by an earlier run of this job
        headers["Message-ID"] = message_id_for(delivery_key)
    message = PlatformEmail(
        subject=subject, body=body, to=to, reply_to=reply_to or None, headers=headers or None
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        message.send()
    except OSError as error:  # SMTP errors and refused connections are both OSErrors
        if attempt >= MAX_EMAIL_ATTEMPTS:
            logger.error("Email %r failed after %d attempts: %s", subject, attempt, error)
            raise
        logger.warning("Email %r failed (attempt %d), retrying: %s", subject, attempt, error)
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            to=to,
            subject=subject,
            body=body,
            html_body=html_body,
            reply_to=reply_to,
            headers=headers,
            attempt=attempt + 1,
            account_security=account_security,
            delivery_key=delivery_key,
        )
    else:
        if delivery_key:
            record_sent(delivery_key)


def record_sent(key: str, *, patience: float = 300) -> None:
    """Mark the email of `key` sent. The mail server has it already: if the database is away,
    keep trying (for up to `patience` seconds) rather than let a later run send it again."""
    from django.db import InterfaceError, OperationalError, connection

    wait, deadline = 0.5, time.monotonic() + patience
    while True:
        try:
            EmailDelivery.objects.filter(key=key).update(
                status=EmailDelivery.Status.SENT, sent_at=timezone.now()
            )
            return
        except (OperationalError, InterfaceError):
            if time.monotonic() > deadline or connection.in_atomic_block:
                raise
            connection.close()
            time.sleep(wait)
            wait = min(wait * 2, 10)


def claim_delivery(key: str) -> bool:
    """Claim the email of `key` for sending, in a transaction of its own that is committed before
    the mail server is spoken to; False if it was sent already.

    A claim found SENDING belongs to an earlier run that died between claiming and recording the
    mail server's answer: the email goes again, with the same Message-ID, because an email lost
    is worse than one that the receiving system may show twice (the window is the moment between
    the server's "250 OK" and our UPDATE).
    """
    with transaction.atomic():
        delivery, created = EmailDelivery.objects.select_for_update().get_or_create(
            key=key, defaults={"claimed_at": timezone.now()}
        )
        if created:
            return True
        if delivery.status == EmailDelivery.Status.SENT:
            return False
        delivery.attempts += 1
        delivery.claimed_at = timezone.now()
        delivery.save(update_fields=["attempts", "claimed_at"])
        return True


def message_id_for(key: str) -> str:
    """The same Message-ID for every attempt at one email."""
    domain = urlsplit(settings.SITE_URL).hostname or "groundwork.invalid"
    return f"<{key}@{domain}>"


# --- Retention ------------------------------------------------------------------------------


@task()
def apply_retention() -> dict[str, int]:
    """Run every retention rule (core.hooks.retention_rules) once; returns what each changed.

    Each rule runs in its own transaction, so one that fails leaves the others done and is tried
    again by the next day's run; the job then fails, so the failure is seen.
    """
    from groundwork.core.hooks import retention_rules

    now = timezone.now()
    changed: dict[str, int] = {}
    failed: list[str] = []
    for rule in retention_rules:
        try:
            with transaction.atomic():
                changed[rule.kind] = rule.purge(now)
        except Exception:
            logger.exception("Retention rule %r failed", rule.kind)
            failed.append(rule.kind)
    logger.info("Retention applied: %s", changed)
    if failed:
        raise RuntimeError(f"Retention rules failed: {', '.join(failed)}")
    return changed


def _forget_finished_jobs(now: datetime) -> int:
    """Finished jobs hold their arguments: an email's address and body, a person's id. The
    claims that made each email go once (no personal data) go with them."""
    cutoff = now - timedelta(days=settings.GROUNDWORK_FINISHED_JOB_DAYS)
    EmailDelivery.objects.filter(claimed_at__lt=cutoff).delete()
    if settings.TASKS_BACKEND != "database":
        return 0  # RQ keeps finished jobs for 500 seconds by default, in Redis only
    from django_tasks_db.models import DBTaskResult

    finished = DBTaskResult.objects.filter(finished_at__lt=cutoff)
    return finished.delete()[0]


def _forget_expired_sessions(now: datetime) -> int:
    """What `manage.py clearsessions` does, for the database-backed sessions."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now).delete()[0]


def _forget_form_tokens(now: datetime) -> int:
    from groundwork.core.idempotency import forget_expired_tokens

    return forget_expired_tokens()


add_retention_rule(
    RetentionRule(
        "Finished jobs (an email's address and text, a person's id)",
        "GROUNDWORK_FINISHED_JOB_DAYS (30) days after the job finished",
        _forget_finished_jobs,
    )
)
add_retention_rule(
    RetentionRule(
        "Sessions (who is signed in on which browser)",
        "until they expire",
        _forget_expired_sessions,
    )
)
add_retention_rule(
    RetentionRule("One-time form tokens", "7 days after the form was sent", _forget_form_tokens)
)
