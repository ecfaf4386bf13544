"""The daily and weekly digests: one email per member gathering what they were told, sent once."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from groundwork.members.hooks import renew_versions
from groundwork.notifications.actions import (
    do_mark_all_read,
    do_notify,
    do_send_digest,
    do_set_notification_preferences,
)
from groundwork.notifications.models import (
    Delivery,
    Digest,
    DigestEntry,
    EmailKind,
    EmailOptOut,
    NotificationKind,
)
from tests.smtp import body_of, smtp_on_loopback

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)


def tell(user, key: str, capture, kind: str = NotificationKind.HELP) -> None:
    with capture(execute=True):
        do_notify([user.pk], key=key, kind=kind, text=f"Asked: {key}", url=f"/help/{key}/")


def test_a_days_notifications_reach_the_member_in_one_email_through_an_smtp_server(
    bob, carol, django_capture_on_commit_callbacks, run_jobs, settings
):
    settings.SITE_NAME = "Riverside Alliance"
    settings.SITE_URL = "https://groundwork.example.org"
    with smtp_on_loopback() as inbox:
        for key in ("boots", "banners", "leaflets"):
            tell(bob, key, django_capture_on_commit_callbacks)
        tell(carol, "stewards", django_capture_on_commit_callbacks)
        run_jobs()
        assert inbox.messages == []  # a daily digest kind: nothing at once
        call_command("send_digests", period="daily", stdout=open("/dev/null", "w"))
        run_jobs()
        messages = inbox.wait_for(2)
    (to_bob,) = [message for message in messages if message["To"] == bob.email]
    assert to_bob["Subject"] == "Your day on Riverside Alliance: 3 notifications"
    body = body_of(to_bob).replace("\r\n", "\n")
    for key in ("boots", "banners", "leaflets"):
        assert f"- Asked: {key}\n  https://groundwork.example.org/help/{key}/" in body
    assert "stewards" not in body  # carol's is in carol's own digest
    assert "Riverside Alliance" in body
    assert "https://groundwork.example.org/notifications/preferences/" in body
    assert to_bob["List-Unsubscribe"].startswith(
        "<https://groundwork.example.org/notifications/unsubscribe/"
    )
    assert to_bob["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(DigestEntry.objects.values_list("notification__key", "listed")) == {
        ("boots", True),
        ("banners", True),
        ("leaflets", True),
        ("stewards", True),
    }


def test_running_the_digests_again_the_same_day_sends_nothing_twice(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    tell(bob, "boots", django_capture_on_commit_callbacks)
    call_command("send_digests", period="daily", stdout=open("/dev/null", "w"))
    run_jobs()
    tell(bob, "banners", django_capture_on_commit_callbacks)
    call_command("send_digests", period="daily", stdout=open("/dev/null", "w"))
    run_jobs()
    assert len(mailoutbox) == 1
    assert "boots" in mailoutbox[0].body and "banners" not in mailoutbox[0].body
    assert Digest.objects.get().sent_count == 1
    # What came after today's digest waits for tomorrow's.
    assert bob.notifications.get(key="banners").digest_due == Delivery.DAILY


def test_a_retried_digest_of_the_same_day_sends_nothing_and_the_next_day_takes_the_rest(
    bob, django_capture_on_commit_callbacks
):
    tell(bob, "boots", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as sent:
        assert do_send_digest(bob.pk, period="daily", covers=TODAY) == 1
        tell(bob, "banners", django_capture_on_commit_callbacks)
        assert do_send_digest(bob.pk, period="daily", covers=TODAY) == 0
        assert do_send_digest(bob.pk, period="daily", covers=TODAY + timedelta(days=1)) == 1
    # The emails' jobs are written in the transaction, not on commit (only the member's home page
    # is renewed then).
    assert all(getattr(callback, "func", None) is renew_versions for callback in sent)
    assert DBTaskResult.objects.filter(task_path__endswith="send_email").count() == 2  # one a day
    assert list(DigestEntry.objects.order_by("digest__covers").values_list("digest__covers")) == [
        (TODAY,),
        (TODAY + timedelta(days=1),),
    ]


def test_what_the_member_already_read_in_the_app_is_left_out(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    tell(bob, "boots", django_capture_on_commit_callbacks)
    do_mark_all_read(bob, acting_user=bob)
    tell(bob, "banners", django_capture_on_commit_callbacks)
    call_command("send_digests", period="daily", stdout=open("/dev/null", "w"))
    run_jobs()
    (message,) = mailoutbox
    assert "banners" in message.body and "boots" not in message.body
    assert dict(DigestEntry.objects.values_list("notification__key", "listed")) == {
        "boots": False,
        "banners": True,
    }


def test_nothing_read_means_no_email(bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox):
    tell(bob, "boots", django_capture_on_commit_callbacks)
    do_mark_all_read(bob, acting_user=bob)
    call_command("send_digests", period="daily", stdout=open("/dev/null", "w"))
    run_jobs()
    assert mailoutbox == []
    assert bob.notifications.get().digest_due == ""


def test_an_address_unsubscribed_from_notification_emails_gets_no_digest(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    EmailOptOut.objects.create(address=bob.email, kind=EmailKind.NOTIFICATION)
    tell(bob, "boots", django_capture_on_commit_callbacks)
    call_command("send_digests", period="daily", stdout=open("/dev/null", "w"))
    run_jobs()
    assert mailoutbox == []
    assert Digest.objects.get().sent_count == 0
    assert bob.notifications.get().digest_due == ""  # taken, so it does not pile up


def test_the_weekly_digest_takes_only_the_kinds_chosen_weekly(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    do_set_notification_preferences(
        bob, deliveries={NotificationKind.EVENTS: Delivery.WEEKLY}, acting_user=bob
    )
    tell(bob, "march", django_capture_on_commit_callbacks, kind=NotificationKind.EVENTS)
    tell(bob, "boots", django_capture_on_commit_callbacks)
    call_command("send_digests", period="weekly", stdout=open("/dev/null", "w"))
    run_jobs()
    (message,) = mailoutbox
    assert "march" in message.body and "boots" not in message.body
    assert "Your week on Groundwork: 1 notification" == message.subject
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assert Digest.objects.get().covers == monday
