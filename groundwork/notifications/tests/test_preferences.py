"""Each member chooses, kind by kind, whether a notification is also emailed: at once, in a daily
or weekly digest, or not at all (it is always shown in the app)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.notifications.actions import do_notify, do_set_notification_preferences
from groundwork.notifications.models import (
    Delivery,
    EmailOptOut,
    Notification,
    NotificationKind,
    NotificationPreference,
)

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def notify(user, key: str, kind: str, capture) -> None:
    with capture(execute=True):
        do_notify([user.pk], key=key, kind=kind, text=f"Told: {key}", url="/", email_subject=key)


def choose(user, kind: str, delivery: str) -> None:
    do_set_notification_preferences(user, deliveries={kind: delivery}, acting_user=user)


def test_in_the_app_only_sends_no_email_but_the_notification_is_there(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    choose(bob, NotificationKind.DEMOCRACY, Delivery.APP)
    notify(bob, "ballot-1", NotificationKind.DEMOCRACY, django_capture_on_commit_callbacks)
    run_jobs()
    assert mailoutbox == []
    assert bob.notifications.get(key="ballot-1").digest_due == ""


def test_by_email_at_once_sends_the_email_when_the_job_runs(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    choose(bob, NotificationKind.HELP, Delivery.IMMEDIATE)  # a daily digest by default
    notify(bob, "help-1", NotificationKind.HELP, django_capture_on_commit_callbacks)
    run_jobs()
    assert [(m.to, m.subject) for m in mailoutbox] == [([bob.email], "help-1")]
    assert reverse("notifications:preferences") in mailoutbox[0].body


def test_a_digest_kind_sends_nothing_at_once_and_waits_for_the_digest(
    bob, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    choose(bob, NotificationKind.DEMOCRACY, Delivery.WEEKLY)
    notify(bob, "ballot-1", NotificationKind.DEMOCRACY, django_capture_on_commit_callbacks)
    run_jobs()
    assert mailoutbox == []
    assert bob.notifications.get(key="ballot-1").digest_due == Delivery.WEEKLY


def test_the_defaults_email_at_once_what_needs_acting_on_and_gather_the_rest(
    bob, carol, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    notify(bob, "ballot-1", NotificationKind.DEMOCRACY, django_capture_on_commit_callbacks)
    notify(carol, "join-1", NotificationKind.GROUPS, django_capture_on_commit_callbacks)
    notify(bob, "help-1", NotificationKind.HELP, django_capture_on_commit_callbacks)
    run_jobs()
    assert sorted(m.subject for m in mailoutbox) == ["ballot-1", "join-1"]
    assert bob.notifications.get(key="help-1").digest_due == Delivery.DAILY


def test_the_page_shows_every_kind_with_its_choice_and_saves_them(bob):
    client = client_for(bob)
    page = client.get(URL).content.decode()
    for kind in NotificationKind:
        assert escape(str(kind.label)) in page
    assert page.count('type="radio"') == len(NotificationKind) * len(Delivery)
    assert '<label for="id_democracy_1">' in page  # every radio button has its label
    data = {kind: Delivery.DAILY for kind in NotificationKind.values}
    data[NotificationKind.EVENTS] = Delivery.APP
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Your notification preferences were saved." in response.content.decode()
    saved = dict(bob.notification_preferences.values_list("kind", "delivery"))
    assert saved[NotificationKind.EVENTS] == Delivery.APP
    assert saved[NotificationKind.DEMOCRACY] == Delivery.DAILY
    entry = AuditEntry.objects.get(verb="notification_preferences.changed")
    assert entry.actor == bob
    assert entry.new == {
        NotificationKind.GROUPS: Delivery.DAILY,
        NotificationKind.EVENTS: Delivery.APP,
        NotificationKind.DEMOCRACY: Delivery.DAILY,
        NotificationKind.PROJECTS: Delivery.DAILY,
    }


def test_a_choice_that_is_not_offered_is_refused_and_nothing_is_saved(bob):
    data: dict[str, str] = {kind: Delivery.DAILY for kind in NotificationKind.values}
    data[NotificationKind.EVENTS] = "carrier pigeon"
    response = client_for(bob).post(URL, data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_refused_choice_is_told_in_its_own_fieldset_and_every_choice_made_stays_ticked(bob):
    """The page's fields are written out by core.forms: the error goes inside the group of the
    choice it is about, described by it, and the re-shown form keeps what was chosen."""
    data: dict[str, str] = {kind: Delivery.WEEKLY for kind in NotificationKind.values}
    data[NotificationKind.EVENTS] = "carrier pigeon"
    html = client_for(bob).post(URL, data).content.decode()
    events = html[html.index(f'<fieldset aria-describedby="id_{NotificationKind.EVENTS}_error">') :]
    events = events[: events.index("</fieldset>")]
    assert f'<ul class="errorlist" id="id_{NotificationKind.EVENTS}_error"><li>Select a' in events
    assert " checked>" not in events
    assert html.count("Select a valid choice") == 2  # at the field, and in the summary above
    for kind in NotificationKind.values:
        if kind != NotificationKind.EVENTS:
            ticked = rf'<input type="radio" name="{kind}" value="{Delivery.WEEKLY}"[^>]* checked>'
            assert re.search(ticked, html), kind


def test_the_page_says_when_the_address_was_unsubscribed_from_notification_emails(bob):
    assert "was unsubscribed" not in client_for(bob).get(URL).content.decode()
    EmailOptOut.objects.create(address=bob.email, kind="notification")
    assert "was unsubscribed" in client_for(bob).get(URL).content.decode()


def test_the_notifications_page_and_the_profile_link_to_the_preferences(bob):
    client = client_for(bob)
    for page in ("notifications:index", "members:profile"):
        assert f'href="{URL}"' in client.get(reverse(page)).content.decode()


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_the_page_asks_the_same_few_questions_however_many_notifications(
    bob, rows, django_assert_max_num_queries
):
    Notification.objects.bulk_create(
        Notification(user=bob, key=f"k{n}", text="Hello", kind=NotificationKind.HELP)
        for n in range(rows)
    )
    choose(bob, NotificationKind.EVENTS, Delivery.WEEKLY)
    client = client_for(bob)
    # session, user, the member's preferences, unsubscribed or not, the bell's count, and the
    # member's roles for the navigation
    with django_assert_max_num_queries(6):
        page = client.get(URL).content.decode()
    assert f"{rows} unread" in page
