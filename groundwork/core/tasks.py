"""Background jobs of the core app: sending email."""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# Django's task API does not retry by itself, so a failed send enqueues its own next attempt.
MAX_EMAIL_ATTEMPTS = 5


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before attempt `attempt + 1`: 1, 4, 16, 64 minutes."""
    return timedelta(minutes=4 ** (attempt - 1))


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    reply_to: list[str] | None = None,
    attempt: int = 1,
) -> None:
    """Send one email; on failure, enqueue the next attempt until MAX_EMAIL_ATTEMPTS."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to or None)
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
            attempt=attempt + 1,
        )
