"""Email leaves through the job queue and a real SMTP server, and a failed send is retried."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import client_for, run_worker_once
from tests.smtp import body_of, smtp_on_loopback

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    run_worker_once()


def test_an_invitation_reaches_an_smtp_server_only_when_the_worker_runs(
    alice, riverside, django_capture_on_commit_callbacks
):
    with smtp_on_loopback() as inbox:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(alice).post(
                reverse("groups:invitations", args=["riverside"]), {"email": "newcomer@example.org"}
            )
        assert response.status_code == 302
        assert inbox.messages == []  # the request only enqueued the job
        run_worker()
        (message,) = inbox.wait_for(1)
    assert message["To"] == "newcomer@example.org"
    assert message["Subject"] == "You are invited to join Riverside"
    assert "/invitations/" in body_of(message)


def test_an_email_that_fails_is_retried_later_and_not_lost(
    alice, riverside, django_capture_on_commit_callbacks, settings
):
    # Nothing listens on port 9 of loopback: the first attempt fails to connect.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(
            reverse("groups:invitations", args=["riverside"]), {"email": "newcomer@example.org"}
        )
    run_worker()
    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in results] == ["SUCCESSFUL", "READY"]
    retry = results[1]
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert results[0].finished_at is not None
    assert retry.run_after > results[0].finished_at
