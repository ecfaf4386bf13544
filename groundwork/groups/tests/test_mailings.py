"""Organisers email their members: segments, preview, consent and opt-outs, sending by the job
worker through a real SMTP server, once per person however often the job runs."""

import re
import threading
from datetime import timedelta
from io import StringIO
from smtplib import SMTPConnectError
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import mailers
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import client_for, run_worker_once
from groundwork.core.models import AuditEntry
from groundwork.groups.actions import mailing_delivery, mailing_senders
from groundwork.groups.actions import mailings as mailing_actions
from groundwork.groups.actions.mailing_senders import Marks
from groundwork.groups.actions.mailings import (
    MailingDraft,
    check_save_mailing_draft,
    check_send_mailing,
)
from groundwork.groups.models import Mailing, MailingRecipient, Membership
from groundwork.groups.queries.segments import members_in_segment
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.actions import do_give_consent, do_withdraw_consent
from groundwork.members.models import ConsentRecord
from groundwork.notifications.models import EmailKind, EmailOptOut, EmailSuppression
from tests.smtp import Inbox, body_of, free_port, smtp_on_loopback

pytestmark = pytest.mark.django_db

CONTACT = ConsentRecord.Purpose.ORGANISER_CONTACT


def member(group, email: str, *, consents: bool = True):
    """A member of `group` who has (or has not) agreed to emails from organisers."""
    user = UserFactory(email=email, display_name=email.split("@")[0].title())
    join(group, user)
    if consents:
        do_give_consent(user, purpose=CONTACT, acting_user=user)
    else:
        do_withdraw_consent(user, purpose=CONTACT, acting_user=user)
    return user


def draft(group, organiser, segment: str = "everyone", **values) -> Mailing:
    do_give_consent(organiser, purpose=CONTACT, acting_user=organiser)
    mailing_draft = MailingDraft(
        segment=segment,
        subject=values.get("subject", "Saturday's meeting"),
        body=values.get("body", "We meet at **10am** in the hall.\n\n- bring a friend\n"),
        token=uuid4(),
    )
    return check_save_mailing_draft(group, draft=mailing_draft, acting_user=organiser)


@pytest.fixture
def send(run_jobs, django_capture_on_commit_callbacks):
    """Send the mailing as the organiser, then run the job worker until it is done."""

    def sent(mailing: Mailing, organiser) -> Mailing:
        with django_capture_on_commit_callbacks(execute=True):
            check_send_mailing(mailing, acting_user=organiser)
        run_jobs()
        mailing.refresh_from_db()
        return mailing

    return sent


def emails_in(segment_members) -> set[str]:
    return set(segment_members.values_list("user__email", flat=True))


# --- Segments ----------------------------------------------------------------------------------


def test_everyone_is_the_groups_members_and_nobody_else(riverside, alice, bob, carol):
    assert emails_in(members_in_segment(riverside, "everyone", "")) == {
        "alice@example.org",
        "bob@example.org",
    }


def test_new_members_are_those_who_joined_in_the_last_month(riverside, alice, bob):
    Membership.objects.filter(user=alice).update(joined_at=timezone.now() - timedelta(days=40))
    assert emails_in(members_in_segment(riverside, "new_members", "")) == {"bob@example.org"}


# --- Writing, previewing, sending --------------------------------------------------------------


def test_alice_previews_an_email_with_the_count_and_no_address(riverside, alice, bob):
    member(riverside, "no-thanks@example.org", consents=False)
    client = client_for(alice)
    response = client.post(
        reverse("groups:new_mailing", args=["riverside"]),
        {
            "segment": "everyone",
            "subject": "Saturday",
            "body": "**Bring** a friend",
            "token": uuid4(),
        },
    )
    mailing = Mailing.objects.get()
    assert response["Location"] == mailing.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "It will reach 2 people" in page  # alice and bob
    assert "3 members are in this part of the group" in page
    assert "<strong>Bring</strong>" in page
    assert "@example.org" not in page
    assert mailing.status == Mailing.Status.DRAFT
    assert not MailingRecipient.objects.exists()


def test_the_same_form_submitted_twice_makes_one_draft(riverside, alice):
    token = uuid4()
    client = client_for(alice)
    url = reverse("groups:new_mailing", args=["riverside"])
    data = {"segment": "everyone", "subject": "Saturday", "body": "Hello", "token": token}
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert Mailing.objects.count() == 1


def test_a_draft_can_be_changed_until_it_is_sent(riverside, alice, bob, send):
    mailing = draft(riverside, alice)
    client = client_for(alice)
    url = reverse("groups:edit_mailing", args=["riverside", mailing.pk])
    data = {"segment": "new_members", "subject": "Welcome", "body": "Hello", "token": mailing.token}
    assert client.post(url, data).status_code == 302
    mailing.refresh_from_db()
    assert (mailing.subject, mailing.segment_label) == ("Welcome", "Joined in the last month")
    send(mailing, alice)
    response = client.post(url, data | {"subject": "Changed after"})
    assert response["Location"] == mailing.get_absolute_url()
    mailing.refresh_from_db()
    assert mailing.subject == "Welcome"


def test_sending_queues_a_job_and_sends_nothing_in_the_request(
    riverside, alice, bob, django_capture_on_commit_callbacks
):
    mailing = draft(riverside, alice)
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(alice).post(
                reverse("groups:send_mailing", args=["riverside", mailing.pk])
            )
        assert response["Location"] == mailing.get_absolute_url()
        assert inbox.messages == []
        assert DBTaskResult.objects.count() == 1
        run_worker_once()  # prepares the recipients and enqueues the first batch
    mailing.refresh_from_db()
    assert (mailing.status, mailing.recipient_count) == (Mailing.Status.SENDING, 2)
    entry = AuditEntry.objects.get(verb=mailing_actions.SENT_VERB)
    assert (entry.actor, entry.group_id, entry.new["subject"]) == (
        alice,
        riverside.pk,
        "Saturday's meeting",
    )


def test_each_member_gets_their_own_email_with_one_click_unsubscribe(riverside, alice, bob, send):
    mailing = draft(riverside, alice)
    with smtp_on_loopback() as inbox:
        send(mailing, alice)
        messages = inbox.wait_for(2)
    assert sorted(message["To"] for message in messages) == [
        "alice@example.org",
        "bob@example.org",
    ]
    for message in messages:
        assert message["Subject"] == "Saturday's meeting"
        assert "Riverside" in message["From"]
        assert "alice@example.org" not in message["From"] and message["Reply-To"] is None
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<https?://[^>]+/unsubscribe/[^>]+>", message["List-Unsubscribe"])
        body = body_of(message)
        assert "We meet at **10am** in the hall." in body
        assert urlsplit(message["List-Unsubscribe"][1:-1]).path in body
        other = ({"alice@example.org", "bob@example.org"} - {message["To"]}).pop()
        assert other not in message.as_string()
        (html_part,) = [p for p in message.walk() if p.get_content_type() == "text/html"]
        html = html_part.get_payload(decode=True)
        assert isinstance(html, bytes) and b"<strong>10am</strong>" in html
    mailing.refresh_from_db()
    assert (mailing.status, mailing.sent_count, mailing.skipped_count) == ("sent", 2, 0)


def test_consent_opt_outs_and_suppressed_addresses_are_respected(riverside, alice, bob, send):
    member(riverside, "not-agreed@example.org", consents=False)
    member(riverside, "unsubscribed@example.org")
    EmailOptOut.objects.create(address="unsubscribed@example.org", kind=EmailKind.GROUP_MAIL)
    member(riverside, "other-kind@example.org")
    EmailOptOut.objects.create(address="other-kind@example.org", kind=EmailKind.INVITATION)
    member(riverside, "bounced@example.org")
    EmailSuppression.objects.create(address="bounced@example.org", reason="bounce")
    mailing = draft(riverside, alice)
    with smtp_on_loopback() as inbox:
        send(mailing, alice)
        received = {message["To"] for message in inbox.wait_for(3)}
    assert received == {"alice@example.org", "bob@example.org", "other-kind@example.org"}
    assert (mailing.sent_count, mailing.skipped_count, mailing.recipient_count) == (3, 3, 6)
    page = client_for(alice).get(mailing.get_absolute_url()).content.decode()
    assert "Has not agreed to be emailed by organisers: 1" in page
    assert "Unsubscribed from organisers&#x27; emails: 1" in page
    assert "Their address bounced or complained: 1" in page


def test_unsubscribing_from_one_email_stops_the_next(riverside, alice, bob, send):
    with smtp_on_loopback() as inbox:
        send(draft(riverside, alice), alice)
        (to_bob,) = [m for m in inbox.wait_for(2) if m["To"] == "bob@example.org"]
        link = urlsplit(to_bob["List-Unsubscribe"][1:-1]).path
        Client().post(link, {"List-Unsubscribe": "One-Click"})
        second = send(draft(riverside, alice, subject="Again"), alice)
    assert second.sent_count == 1
    assert MailingRecipient.objects.get(mailing=second, user=bob).reason == "unsubscribed"


# --- Once per person, whatever the worker does -------------------------------------------------


def test_running_the_jobs_twice_sends_one_email_each(riverside, alice, bob, send):
    mailing = draft(riverside, alice)
    with smtp_on_loopback() as inbox:
        send(mailing, alice)
        inbox.wait_for(2)
        # A retried job, a duplicate in the queue, a worker that ran it twice:
        mailing_actions.do_prepare_mailing(mailing.pk)
        mailing_delivery.do_send_mailing_batch(mailing.pk)
        Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENDING)
        mailing_delivery.do_send_mailing_batch(mailing.pk)
        assert len(inbox.messages) == 2
    assert MailingRecipient.objects.filter(mailing=mailing).count() == 2


def test_a_send_cut_short_resumes_with_those_not_yet_sent(
    riverside, alice, bob, run_jobs, django_capture_on_commit_callbacks
):
    carlos = member(riverside, "carlos@example.org")
    mailing = draft(riverside, alice)
    check_send_mailing(mailing, acting_user=alice)
    mailing_actions.do_prepare_mailing(mailing.pk)
    # The worker died after the server took bob's email and before the rest.
    MailingRecipient.objects.filter(mailing=mailing, user=bob).update(status="sent")
    Mailing.objects.filter(pk=mailing.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("resume_mailings", stdout=StringIO())
        run_jobs()
        received = {message["To"] for message in inbox.wait_for(2)}
    assert received == {"alice@example.org", carlos.email}
    mailing.refresh_from_db()
    assert (mailing.status, mailing.sent_count) == ("sent", 3)


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs in the worker that was sending."""


@pytest.mark.parametrize("connections", [1, 3])
def test_a_worker_killed_mid_batch_sends_the_rest_once_and_again_to_a_few_at_most(
    riverside, alice, bob, settings, monkeypatch, run_jobs, connections
):
    settings.GROUNDWORK_MAILING_CONNECTIONS = connections
    monkeypatch.setattr(mailing_delivery, "UNMARKED_AT_MOST", 4)
    monkeypatch.setattr(mailing_delivery, "MARKS_WAIT_SECONDS", 60)
    for number in range(10):
        member(riverside, f"member{number}@example.org")
    mailing = draft(riverside, alice)
    check_send_mailing(mailing, acting_user=alice)
    mailing_actions.do_prepare_mailing(mailing.pk)
    write = Marks.write
    writes = []

    def killed_at_the_second_write(marks, now):
        writes.append(marks.count)
        if len(writes) == 2:  # the server took these emails; the worker died before marking them
            raise WorkerKilled
        return write(marks, now)

    with smtp_on_loopback() as inbox:
        monkeypatch.setattr(Marks, "write", killed_at_the_second_write)
        with pytest.raises(WorkerKilled):
            mailing_delivery.do_send_mailing_batch(mailing.pk)
        monkeypatch.setattr(Marks, "write", write)
        sent_before = len(inbox.messages)
        # The lease puts the job back in the queue; it runs again.
        mailing_delivery.do_send_mailing_batch(mailing.pk)
        run_jobs()
        messages = inbox.wait_for(12)
    received = [message["To"] for message in messages]
    twice = {address for address in received if received.count(address) == 2}
    assert set(received) == set(
        MailingRecipient.objects.filter(mailing=mailing).values_list("user__email", flat=True)
    )
    assert max(received.count(address) for address in received) <= 2
    assert 0 < len(twice) <= 4 and len(received) == 12 + len(twice)
    assert sent_before - writes[0] == len(twice)  # exactly those the server took, not marked
    for address in twice:
        ids = {message["Message-ID"] for message in messages if message["To"] == address}
        assert len(ids) == 1  # the same email: mail stores that drop duplicates show it once
    mailing.refresh_from_db()
    assert (mailing.status, mailing.sent_count) == ("sent", 12)


class OneConnectionAtATime:
    """Django's mailers, as seen by a relay that refuses a second connection from us at once."""

    def __init__(self) -> None:
        self.in_use = threading.Lock()

    @property
    def default(self):
        backend = mailers.default
        opened, closed = backend.open, backend.close

        def open_one():
            if not self.in_use.acquire(blocking=False):
                raise SMTPConnectError(421, b"4.7.0 Too many connections from your host")
            return opened()

        def close_it():
            closed()
            if self.in_use.locked():
                self.in_use.release()

        backend.open, backend.close = open_one, close_it  # type: ignore[method-assign]
        return backend


def test_a_relay_that_takes_fewer_connections_still_gets_the_whole_mailing_at_once(
    riverside, alice, bob, settings, monkeypatch, send
):
    settings.GROUNDWORK_MAILING_CONNECTIONS = 3
    monkeypatch.setattr(mailing_senders, "mailers", OneConnectionAtATime())
    for number in range(6):
        member(riverside, f"member{number}@example.org")
    with smtp_on_loopback() as inbox:
        mailing = send(draft(riverside, alice), alice)
        received = [message["To"] for message in inbox.wait_for(8)]
    assert len(received) == len(set(received)) == 8
    assert (mailing.status, mailing.sent_count) == ("sent", 8)


def test_a_double_click_on_send_queues_it_once(riverside, alice, bob):
    mailing = draft(riverside, alice)
    client = client_for(alice)
    url = reverse("groups:send_mailing", args=["riverside", mailing.pk])
    client.post(url)
    client.post(url)
    assert AuditEntry.objects.filter(verb=mailing_actions.SENT_VERB).count() == 1


def test_a_mail_server_that_is_down_pauses_the_mailing_and_loses_no_one(
    riverside, alice, bob, settings, send
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    mailing = send(draft(riverside, alice), alice)
    assert (mailing.status, mailing.sent_count) == ("sending", 0)
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()


def test_another_job_runs_before_a_large_mailing_finishes(
    riverside, alice, bob, monkeypatch, django_capture_on_commit_callbacks
):
    from unittest import mock

    from groundwork.core.tasks import send_email

    monkeypatch.setattr(mailing_delivery, "BATCH_SIZE", 2)
    for number in range(5):
        member(riverside, f"member{number}@example.org")
    mailing = draft(riverside, alice)
    finished_order = []
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            check_send_mailing(mailing, acting_user=alice)
        for step in range(20):
            with django_capture_on_commit_callbacks(execute=True):
                if step == 2:  # the mailing is under way: an invitation is sent meanwhile
                    send_email.enqueue(to=["guest@example.net"], subject="Invitation", body="Hi")
                with mock.patch(
                    "django_tasks_db.management.commands.db_worker.close_old_connections"
                ):
                    call_command(
                        "db_worker", batch=True, max_tasks=1, startup_delay=False, reload=False
                    )
            mailing.refresh_from_db()
            if any(m["To"] == "guest@example.net" for m in inbox.messages):
                finished_order.append(("invitation", mailing.status))
                break
        inbox.wait_for(1)
    assert finished_order == [("invitation", Mailing.Status.SENDING)]


# --- Limits and access -------------------------------------------------------------------------


def test_a_group_can_send_only_a_few_mailings_a_day(riverside, alice, bob, settings, send):
    settings.GROUNDWORK_MAILING_LIMIT = "2/86400"
    client = client_for(alice)
    for number in range(2):
        send(draft(riverside, alice, subject=f"Email {number}"), alice)
    third = draft(riverside, alice, subject="One too many")
    response = client.post(reverse("groups:send_mailing", args=["riverside", third.pk]))
    assert int(response["Retry-After"]) > 0
    third.refresh_from_db()
    assert third.status == Mailing.Status.DRAFT
    page = client.get(third.get_absolute_url()).content.decode()
    assert "as many as it may" in page


def test_an_organiser_of_another_group_cannot_see_or_send_riversides_email(
    riverside, hillside, alice, bob
):
    from groundwork.groups.tests.factories import make_organiser

    mailing = draft(riverside, alice)
    hillside_organiser = UserFactory(email="hillside-organiser@example.org")
    make_organiser(hillside, hillside_organiser)
    client = client_for(hillside_organiser)
    assert client.get(mailing.get_absolute_url()).status_code == 404
    url = reverse("groups:send_mailing", args=["hillside", mailing.pk])
    assert client.post(url).status_code == 404
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


@pytest.mark.parametrize(
    "body",
    [
        "Rendez-vous au café à 10h — bring £2 for tea.",
        "A very long paragraph, with an accent (café): " + "word " * 300,
    ],
    ids=["accents", "a line longer than the wire allows"],
)
def test_accents_and_long_lines_arrive_as_written(riverside, alice, bob, send, body):
    with smtp_on_loopback() as inbox:
        send(draft(riverside, alice, body=body), alice)
        messages = inbox.wait_for(2)
    for message in messages:
        assert body.strip() in body_of(message).replace("\r\n", "\n")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len({message["Message-ID"] for message in messages}) == 2


class RefusingInbox(Inbox):
    """An SMTP server that refuses one address at RCPT and another's email at DATA, for good."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "no-such-person@example.org":
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.rcpt_tos == ["full-mailbox@example.org"]:
            return "552 5.2.2 Mailbox full"
        return await super().handle_DATA(server, session, envelope)


def test_an_address_the_server_refuses_is_skipped_and_the_rest_are_sent(
    riverside, alice, bob, send, settings
):
    member(riverside, "no-such-person@example.org")
    member(riverside, "full-mailbox@example.org")
    inbox = RefusingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
            }
        }
        mailing = send(draft(riverside, alice), alice)
    finally:
        controller.stop()
    assert {message["To"] for message in inbox.messages} == {
        "alice@example.org",
        "bob@example.org",
    }
    assert (mailing.status, mailing.sent_count, mailing.skipped_count) == ("sent", 2, 2)
    refused = MailingRecipient.objects.filter(mailing=mailing, reason="refused")
    assert refused.count() == 2
