"""Every kind of personal data past its period is deleted or anonymised by the daily job, and
docs/retention.md lists exactly the kinds the job enforces (issue #16)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from groundwork.core.hooks import retention_rules
from groundwork.core.tasks import apply_retention
from groundwork.events.models import Rsvp
from groundwork.events.tests.factories import going, move_into_the_past, plan_event
from groundwork.groups.models import GroupRequest, Invitation
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import Notification

DOC = Path(__file__).resolve().parent.parent / "docs" / "retention.md"


def test_the_table_in_docs_names_every_rule_the_job_runs():
    section = DOC.read_text().split("## Kept while")[0]
    documented = {
        (cells[0], cells[1])
        for cells in (
            [cell.strip() for cell in line.strip("|").split("|")]
            for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| kind")
        )
    }
    registered = {(rule.kind, rule.period) for rule in retention_rules}
    assert documented == registered


def ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.mark.django_db
def test_the_job_deletes_what_is_past_its_period_and_keeps_the_rest(riverside, bob, dan, alice):
    # Notifications: one sent 400 days ago, one today.
    do_notify([bob.pk], key="old", text="Old news")
    do_notify([bob.pk], key="new", text="New news")
    Notification.objects.filter(key="old").update(created_at=ago(400))
    # Requests for a group: answered 100 days ago, still waiting from 10 days ago.
    answered = GroupRequest.objects.create(district="SE22", email="a@example.org")
    GroupRequest.objects.filter(pk=answered.pk).update(answered_at=ago(100))
    waiting = GroupRequest.objects.create(district="SE23", email="w@example.org")
    # Invitations: expired 40 days ago, and one still open.
    Invitation.objects.create(group=riverside, email="gone@example.org", expires_at=ago(40))
    Invitation.objects.create(group=riverside, email="open@example.org", expires_at=ago(-5))
    # Sessions: one expired yesterday, one live.
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=ago(1))
    Session.objects.create(session_key="y" * 32, session_data="", expire_date=ago(-1))
    # An event over 100 days ago whose answers still name people (its own job was lost).
    event = plan_event(riverside, alice)
    going(event, bob)
    move_into_the_past(event, days_ago=100)

    changed = apply_retention.call()

    assert list(Notification.objects.values_list("key", flat=True)) == ["new"]
    assert list(GroupRequest.objects.all()) == [waiting]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["open@example.org"]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["y" * 32]
    assert Rsvp.objects.get(event=event).user is None
    assert changed["Notifications in the app"] == 1
    # Running it again changes nothing more.
    assert not any(apply_retention.call().values())


@pytest.mark.django_db
def test_the_command_enqueues_the_job_or_runs_it_now(capsys, settings):
    call_command("apply_retention", "--now")
    printed = capsys.readouterr().out
    for rule in retention_rules:
        assert re.search(rf"\s0  {re.escape(rule.kind)}", printed), rule.kind
