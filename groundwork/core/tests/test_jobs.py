"""The worker's lease (core.jobs) and emails sent once (core.tasks.send_email's delivery key).

The real thing, with processes killed and the database stopped, is in tests/faults/.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from groundwork.core import jobs
from groundwork.core.models import EmailDelivery, WorkerHeartbeat
from groundwork.core.tasks import send_email

pytestmark = pytest.mark.django_db


def running_job(*, started: timedelta, workers: int = 1) -> DBTaskResult:
    """A send_email job claimed `started` ago by `workers` workers in turn, the last one "w1"."""
    result = send_email.enqueue(to=["sam@example.org"], subject="Hello", body="Hi.")
    job = DBTaskResult.objects.get(pk=result.id)
    job.status = TaskResultStatus.RUNNING
    job.started_at = timezone.now() - started
    job.worker_ids = [f"w{n}" for n in range(workers, 0, -1)]
    job.save()
    return job


def status_of(job: DBTaskResult) -> str:
    job.refresh_from_db()
    return job.status


def beat(worker_id: str, job: DBTaskResult | None, ago: timedelta = timedelta()) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"job_id": job.pk if job else None, "beat_at": now - ago, "started_at": now},
    )


def test_a_job_whose_worker_stopped_beating_goes_back_in_the_queue_after_the_lease(settings):
    settings.GROUNDWORK_JOB_LEASE_SECONDS = 60
    job = running_job(started=timedelta(minutes=5))
    beat("w1", job, ago=timedelta(minutes=2))
    assert jobs.requeue_abandoned_jobs() == {"requeued": 1, "failed": 0}
    assert status_of(job) == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().get() == job  # the next worker takes it


def test_a_job_whose_worker_still_beats_for_it_is_left_running(settings):
    settings.GROUNDWORK_JOB_LEASE_SECONDS = 60
    long_job = running_job(started=timedelta(hours=2))
    beat("w1", long_job, ago=timedelta(seconds=10))
    assert jobs.requeue_abandoned_jobs() == {"requeued": 0, "failed": 0}
    assert status_of(long_job) == TaskResultStatus.RUNNING


def test_a_worker_alive_but_on_another_job_does_not_keep_the_old_one(settings):
    """Its run of the old job ended without a word (the database went away under it)."""
    settings.GROUNDWORK_JOB_LEASE_SECONDS = 60
    old = running_job(started=timedelta(minutes=5))
    beat("w1", None)
    jobs.requeue_abandoned_jobs()
    assert status_of(old) == TaskResultStatus.READY


def test_a_job_claimed_within_the_lease_is_not_taken_before_its_first_beat(settings):
    settings.GROUNDWORK_JOB_LEASE_SECONDS = 60
    fresh = running_job(started=timedelta(seconds=5))
    jobs.requeue_abandoned_jobs()
    assert status_of(fresh) == TaskResultStatus.RUNNING


def test_a_job_that_has_lost_its_worker_five_times_is_given_up_and_says_why(settings):
    settings.GROUNDWORK_JOB_LEASE_SECONDS = 60
    job = running_job(started=timedelta(minutes=5), workers=jobs.MAX_RUNS)
    assert jobs.requeue_abandoned_jobs() == {"requeued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == "groundwork.core.jobs.WorkerLost"
    assert "its worker stopped beating" in job.traceback


def test_heartbeats_of_workers_gone_a_day_are_forgotten(settings):
    beat("gone", None, ago=timedelta(days=2))
    beat("here", None)
    jobs.requeue_abandoned_jobs()
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["here"]


def worker() -> jobs.ResilientWorker:
    return jobs.ResilientWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="w1", excluded_queue_names=[],
    )  # fmt: skip


def test_a_job_cut_short_by_the_database_going_away_is_requeued_not_failed():
    job = running_job(started=timedelta(seconds=1))
    gone = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch("groundwork.core.tasks.without_suppressed", side_effect=gone),
        mock.patch("groundwork.core.jobs.close_connections"),  # keep the test's transaction
    ):
        worker().run_task(job)
    assert status_of(job) == TaskResultStatus.READY


def test_a_job_that_fails_for_its_own_reasons_is_failed_as_before():
    job = running_job(started=timedelta(seconds=1))
    with mock.patch("groundwork.core.tasks.without_suppressed", side_effect=ValueError("bug")):
        worker().run_task(job)
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == "builtins.ValueError"


def test_a_job_whose_worker_is_stopped_mid_job_goes_back_in_the_queue():
    job = running_job(started=timedelta(seconds=1))
    with (
        mock.patch("groundwork.core.tasks.without_suppressed", side_effect=SystemExit(1)),
        pytest.raises(SystemExit),
    ):
        worker().run_task(job)
    assert status_of(job) == TaskResultStatus.READY


def test_a_job_whose_task_is_gone_fails_and_the_worker_carries_on():
    job = running_job(started=timedelta(seconds=1))
    DBTaskResult.objects.filter(pk=job.pk).update(task_path="groundwork.core.tasks.gone")
    job.refresh_from_db()
    worker().run_task(job)
    assert status_of(job) == TaskResultStatus.FAILED


def test_the_worker_keeps_going_when_the_database_is_away_and_stops_when_told():
    """Two rounds find the database away; the third runs as usual (here: --batch, no jobs)."""
    gone = OperationalError("connection refused")
    rounds = iter([gone, gone, None])

    def loop(self):
        failure = next(rounds)
        if failure:
            raise failure

    with (
        mock.patch("django_tasks_db.management.commands.db_worker.Worker.run", loop),
        mock.patch("groundwork.core.jobs.close_connections"),
        mock.patch("groundwork.core.jobs.time.sleep") as sleep,
        mock.patch.object(jobs.ResilientWorker, "keep_beating"),
    ):
        worker().run()
    assert [call.args[0] for call in sleep.call_args_list] == [1.0, 2.0]


# --- emails sent once -----------------------------------------------------------------------


def send(key: str = "k1") -> None:
    send_email.call(to=["sam@example.org"], subject="Confirm", body="Hi.", delivery_key=key)


def test_an_email_job_run_twice_sends_the_email_once():
    send()
    send()
    assert len(mail.outbox) == 1
    delivery = EmailDelivery.objects.get(key="k1")
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.SENT, 1)


def test_an_email_whose_earlier_run_died_mid_send_goes_again_with_the_same_message_id():
    send()
    EmailDelivery.objects.filter(key="k1").update(status=EmailDelivery.Status.SENDING)
    send()
    first, second = (sent.message() for sent in mail.outbox)
    assert first["Message-ID"] == second["Message-ID"]
    assert first["Message-ID"].startswith("<k1@")
    assert EmailDelivery.objects.get(key="k1").attempts == 2


def test_different_emails_have_different_keys(django_capture_on_commit_callbacks):
    from groundwork.core.email import enqueue_email

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_email(to=["a@example.org"], subject="One", body="1")
        enqueue_email(to=["a@example.org"], subject="One", body="1")
    keys = {job.args_kwargs["kwargs"]["delivery_key"] for job in DBTaskResult.objects.all()}
    assert len(keys) == 2 and "" not in keys


def test_a_failed_send_is_retried_under_the_same_key(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    send()
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["delivery_key"] == "k1"
    assert EmailDelivery.objects.get(key="k1").status == EmailDelivery.Status.SENDING


def test_an_email_job_is_written_in_the_transaction_that_caused_it():
    """Nothing lies between the commit and the enqueue for a killed worker to lose."""
    from django.db import transaction

    from groundwork.core.email import enqueue_email

    with transaction.atomic():
        enqueue_email(to=["a@example.org"], subject="Kept", body="1")
        assert DBTaskResult.objects.count() == 1  # before the commit, in the same transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_email(to=["b@example.org"], subject="Rolled back", body="2")
        raise RuntimeError("the action failed")
    assert [job.args_kwargs["kwargs"]["subject"] for job in DBTaskResult.objects.all()] == ["Kept"]
