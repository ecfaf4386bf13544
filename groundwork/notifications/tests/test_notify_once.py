"""Telling members is one transaction with their emails' jobs: a job killed halfway through
telling them leaves nothing, so its next run tells everyone (issue #16)."""

from unittest import mock

import pytest
from django_tasks_db.models import DBTaskResult

from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def test_telling_members_killed_halfway_leaves_nothing_so_the_next_run_tells_everyone(bob):
    def tell() -> int:
        return do_notify([bob.pk], key="ballot-1-opened", text="Voting is open")

    at_once = mock.patch(
        "groundwork.notifications.actions.deliveries_of",
        return_value={bob.pk: Delivery.IMMEDIATE},
    )
    killed = mock.patch(
        "groundwork.notifications.actions.enqueue_email_to", side_effect=RuntimeError("killed")
    )
    with at_once, killed, pytest.raises(RuntimeError):
        tell()  # the notification is written, then the worker dies before the email's job
    assert not Notification.objects.exists()
    with at_once:
        assert tell() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="send_email").count() == 1
