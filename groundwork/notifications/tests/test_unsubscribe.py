"""One-click unsubscribe (RFC 8058) on every email people can stop, through a real SMTP server."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import client_for, run_worker_once
from groundwork.core.models import AuditEntry
from groundwork.notifications.actions import do_notify
from groundwork.notifications.email import (
    UnsubscribeLinks,
    make_token,
    read_token,
    unsubscribe_url,
)
from groundwork.notifications.models import EmailKind, EmailOptOut, NotificationKind
from tests.smtp import body_of, smtp_on_loopback

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "nia@example.org",
    "display_name": "Nia Newcomer",
    "password1": "a long enough passphrase",
    "password2": "a long enough passphrase",
    "agree_privacy": "on",
}


def notify_by_email(user, key: str, capture) -> None:
    with capture(execute=True):
        do_notify(
            [user.pk],
            key=key,
            text="A ballot opened",
            url="/",
            kind=NotificationKind.DEMOCRACY,
            email_subject="A ballot opened",
        )


def unsubscribe_path(message) -> str:
    match = re.fullmatch(r"<(https?://[^>]+)>", message["List-Unsubscribe"])
    assert match, message["List-Unsubscribe"]
    return urlsplit(match.group(1)).path


def test_a_notification_email_carries_one_click_unsubscribe_headers(
    bob, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://groundwork.example.org"
    with smtp_on_loopback() as inbox:
        notify_by_email(bob, "ballot-1", django_capture_on_commit_callbacks)
        run_worker_once()
        (message,) = inbox.wait_for(1)
    assert message["To"] == bob.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith(
        "<https://groundwork.example.org/notifications/unsubscribe/"
    )
    assert unsubscribe_path(message) in body_of(message)  # a link for readers without the button


def test_one_click_post_without_sign_in_or_csrf_token_stops_that_kind_for_that_person(
    bob, carol, django_capture_on_commit_callbacks
):
    with smtp_on_loopback() as inbox:
        notify_by_email(bob, "ballot-1", django_capture_on_commit_callbacks)
        run_worker_once()
        (message,) = inbox.wait_for(1)
        mail_client = Client(enforce_csrf_checks=True)  # as a mail client: no cookie, no token
        response = mail_client.post(unsubscribe_path(message), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert "No more" in response.content.decode()
        notify_by_email(bob, "ballot-2", django_capture_on_commit_callbacks)
        notify_by_email(carol, "ballot-2", django_capture_on_commit_callbacks)
        run_worker_once()
        (_, to_carol) = inbox.wait_for(2)
    assert to_carol["To"] == carol.email  # only bob stopped, and only bob is spared
    assert len(inbox.messages) == 2
    assert bob.notifications.filter(key="ballot-2").exists()  # still told in the app
    assert EmailOptOut.objects.filter(address=bob.email, kind=EmailKind.NOTIFICATION).exists()
    assert AuditEntry.objects.filter(verb="email.unsubscribed").count() == 1


def test_opening_the_link_asks_to_confirm_with_a_button_and_changes_nothing(bob, anon):
    url = reverse("notifications:unsubscribe", args=[make_token(bob.email, EmailKind.GROUP)])
    page = anon.get(url).content.decode()
    assert '<form method="post">' in page and "Unsubscribe</button>" in page
    assert bob.email in page
    assert not EmailOptOut.objects.exists()


def test_a_tampered_link_is_not_recognised_and_stops_nothing(bob, anon):
    token = make_token(bob.email, EmailKind.NOTIFICATION)
    url = reverse("notifications:unsubscribe", args=[token[:-2] + "xx"])
    response = anon.post(url)
    assert response.status_code == 404
    assert "Link not recognised" in response.content.decode()
    assert not EmailOptOut.objects.exists()


def test_stopping_notifications_does_not_stop_invitations(
    alice, riverside, django_capture_on_commit_callbacks
):
    EmailOptOut.objects.create(address="newcomer@example.org", kind=EmailKind.NOTIFICATION)
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            client_for(alice).post(
                reverse("groups:invitations", args=["riverside"]), {"email": "newcomer@example.org"}
            )
        run_worker_once()
        (message,) = inbox.wait_for(1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    Client().post(unsubscribe_path(message))
    assert EmailOptOut.objects.filter(
        address="newcomer@example.org", kind=EmailKind.INVITATION
    ).exists()


def test_the_verification_email_names_the_site_and_says_why_it_has_no_unsubscribe_link(
    anon, django_capture_on_commit_callbacks
):
    cache.clear()  # allauth remembers, in the cache, addresses it sent a confirmation to lately
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            anon.post(reverse("account_signup"), SIGN_UP)
        run_worker_once()
        (message,) = inbox.wait_for(1)
    body = body_of(message)
    assert "Hello from Groundwork!" in body
    assert message["List-Unsubscribe"] is None
    assert "about your account's security, so it has no unsubscribe link" in body


@pytest.mark.parametrize(
    "address",
    ["bob@example.org", "Mixed.Case@Example.org", "a-very-long-address-" * 6 + "@example.org"],
    ids=["plain", "mixed case", "long enough to compress"],
)
def test_a_mailings_links_signed_once_are_the_links_signed_one_by_one(address, monkeypatch):
    monkeypatch.setattr("time.time", lambda: 1_796_000_000.5)
    links = UnsubscribeLinks(EmailKind.GROUP_MAIL)
    assert links.token(address) == make_token(address, EmailKind.GROUP_MAIL)
    assert links.url(address) == unsubscribe_url(address, EmailKind.GROUP_MAIL)
    unsubscription = read_token(links.token(address))
    assert unsubscription is not None
    assert (unsubscription.address, unsubscription.kind) == (address.lower(), EmailKind.GROUP_MAIL)
