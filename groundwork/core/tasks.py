"""Background jobs of the core app: sending email."""

import email.policy
import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

from groundwork.core.hooks import address_suppressors

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
) -> None:
    """Send one email; on failure, enqueue the next attempt until MAX_EMAIL_ATTEMPTS. Addresses
    that bounced or complained are left out, unless the email is about account security."""
    if not account_security:
        to = without_suppressed(to)
        if not to:
            return
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
        )
