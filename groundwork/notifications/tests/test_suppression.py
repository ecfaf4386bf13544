"""Bounces and complaints stop all further email to an address, except account security."""

from io import BytesIO, StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client

from conftest import run_worker_once
from groundwork.core.models import AuditEntry
from groundwork.notifications.actions import do_notify
from groundwork.notifications.bounces import read_report
from groundwork.notifications.models import EmailSuppression
from tests.smtp import smtp_on_loopback

pytestmark = pytest.mark.django_db


def delivery_status(recipient: str, *, action: str, status: str) -> bytes:
    """A delivery status notification (RFC 3464) as a mail server sends it."""
    return (
        "From: MAILER-DAEMON@mx.example.net\r\n"
        "To: bounces@groundwork.localhost\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n"
        "--B\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "I'm sorry to have to inform you that your message could not be delivered.\r\n"
        "--B\r\n"
        "Content-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        f"Diagnostic-Code: smtp; {status[0]}50 mailbox unavailable\r\n"
        "--B\r\n"
        "Content-Type: text/rfc822-headers\r\n\r\n"
        f"To: {recipient}\r\n"
        "Subject: Saturday's meeting\r\n"
        "--B--\r\n"
    ).encode()


def abuse_report(recipient: str) -> bytes:
    """A complaint (ARF, RFC 5965) as a mailbox provider's feedback loop sends it."""
    return (
        "From: fbl@mailbox.example.com\r\n"
        "To: abuse@groundwork.localhost\r\n"
        "Subject: FW: Saturday's meeting\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=feedback-report; boundary="F"\r\n'
        "\r\n"
        "--F\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "This is an email abuse report.\r\n"
        "--F\r\n"
        "Content-Type: message/feedback-report\r\n\r\n"
        "Feedback-Type: abuse\r\n"
        "User-Agent: SomeGenerator/1.0\r\n"
        "Version: 1\r\n"
        "--F\r\n"
        "Content-Type: message/rfc822\r\n\r\n"
        "From: Riverside <noreply@groundwork.localhost>\r\n"
        f"To: {recipient}\r\n"
        "Subject: Saturday's meeting\r\n"
        "\r\n"
        "We meet at 10am.\r\n"
        "--F--\r\n"
    ).encode()


def record_bounce(raw: bytes, monkeypatch) -> str:
    """Pipe `raw` into the command, as the mail server would."""
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=BytesIO(raw)))
    out = StringIO()
    call_command("record_bounce", stdout=out)
    return out.getvalue()


def test_a_permanent_bounce_suppresses_the_address(monkeypatch):
    output = record_bounce(
        delivery_status("Gone@Example.org", action="failed", status="5.1.1"), monkeypatch
    )
    assert "1 address(es) suppressed" in output
    suppression = EmailSuppression.objects.get()
    assert (suppression.address, suppression.reason) == ("gone@example.org", "bounce")
    assert suppression.detail.startswith("5.1.1")
    entry = AuditEntry.objects.get(verb="email.suppressed")
    assert "gone@example.org" not in f"{entry.target_label} {entry.new}"


def test_the_same_bounce_twice_suppresses_once(monkeypatch):
    raw = delivery_status("gone@example.org", action="failed", status="5.1.1")
    record_bounce(raw, monkeypatch)
    assert "1 already were" in record_bounce(raw, monkeypatch)
    assert EmailSuppression.objects.count() == 1


def test_a_full_mailbox_is_tried_again_not_suppressed(monkeypatch):
    output = record_bounce(
        delivery_status("full@example.org", action="delayed", status="4.2.2"), monkeypatch
    )
    assert "nothing to stop" in output
    assert not EmailSuppression.objects.exists()


def test_a_spam_complaint_suppresses_the_address_it_was_sent_to():
    report = read_report(abuse_report("annoyed@example.org"))
    assert report is not None
    assert (report.reason, report.addresses) == ("complaint", ["annoyed@example.org"])


def test_an_ordinary_email_is_no_report():
    assert read_report(b"From: someone@example.org\r\nSubject: Hi\r\n\r\nHello\r\n") is None


def test_a_suppressed_address_gets_notifications_no_more_but_still_a_password_reset(
    bob, django_capture_on_commit_callbacks
):
    EmailSuppression.objects.create(address="bob@example.org", reason="complaint")
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            do_notify(
                [bob.pk], key="ballot", text="A ballot opened", url="/", email_subject="Ballot"
            )
            Client().post("/accounts/password/reset/", {"email": "bob@example.org"})
        run_worker_once()
        (message,) = inbox.wait_for(1)
    assert "Password" in message["Subject"] or "password" in message["Subject"]
