"""Jobs that always finish: a lease, a heartbeat and reconnection around django-tasks-db's worker.

django-tasks-db 0.13 claims a job by marking it RUNNING and never looks at it again, so a worker
killed mid-job leaves the job RUNNING for ever; and any database error in its loop other than
SQLite's "database is locked" ends the worker. `manage.py run_worker` runs `ResilientWorker`,
which adds what production needs (docs/operations.md, "Jobs"):

- **Reconnection.** A database error in the loop is logged; the worker closes its connections,
  waits (1, 2, 4 ... 30 seconds) and carries on when the database answers again.
- **A job cut short by the database going away goes back in the queue**, not to FAILED.
- **A heartbeat.** A thread writes the worker's `WorkerHeartbeat` every quarter lease, naming
  the job in hand.
- **A lease.** Every worker, at every beat, puts back in the queue each job RUNNING for longer
  than the lease (GROUNDWORK_JOB_LEASE_SECONDS) that no fresh heartbeat names: its worker died.
  A job that has lost its worker MAX_RUNS times is marked FAILED instead, so that a job that kills
  its worker (say, by running out of memory) cannot take down every worker in turn.

A job may therefore run more than once; each job's effects are idempotent (an email is sent once
per delivery key, a ballot closes once under a row lock), so it takes effect once.
"""

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from groundwork.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# The errors that mean "the database is not there", as opposed to a fault in a job.
DATABASE_GONE = (OperationalError, InterfaceError)
# How many times a job may be started before it is given up (FAILED) rather than run again.
MAX_RUNS = 5
# The longest pause between two tries to reach the database again.
LONGEST_WAIT = 30.0
# Heartbeats of workers that stopped are forgotten after this long.
FORGET_WORKERS_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """What a FAILED job records when its workers kept dying under it."""


def lease() -> timedelta:
    """How long a job may go without its worker's heartbeat before it is run again."""
    return timedelta(seconds=settings.GROUNDWORK_JOB_LEASE_SECONDS)


def beat(worker_id: str, *, job_id: Any, started_at: datetime) -> None:
    """Record that the worker is alive now, running `job_id` (None between jobs)."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(job_id=job_id, beat_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"job_id": job_id, "beat_at": now},
            create_defaults={"job_id": job_id, "beat_at": now, "started_at": started_at},
        )


def give_up_or_requeue(job: DBTaskResult, *, why: str) -> str:
    """Put a RUNNING job back in the queue, or mark it FAILED once it has been started MAX_RUNS
    times; returns "requeued" or "failed". Only a job still RUNNING as read is changed."""
    still_running = DBTaskResult.objects.filter(
        pk=job.pk, status=TaskResultStatus.RUNNING, started_at=job.started_at
    )
    if len(job.worker_ids) >= MAX_RUNS:
        still_running.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"Given up after {len(job.worker_ids)} runs; the last: {why}\n",
            return_value=None,
        )
        logger.error("Job %s (%s) given up after %d runs: %s", job.pk, job.task_path,
                     len(job.worker_ids), why)  # fmt: skip
        return "failed"
    still_running.update(status=TaskResultStatus.READY)
    logger.warning("Job %s (%s) back in the queue: %s", job.pk, job.task_path, why)
    return "requeued"


def requeue_abandoned_jobs() -> dict[str, int]:
    """Put back in the queue every RUNNING job whose worker has died: started more than a lease
    ago and named by no heartbeat newer than the lease. Returns how many were requeued and failed.

    Rows are locked with SKIP LOCKED, so workers reaping at the same time never both take a job.
    """
    now = timezone.now()
    cutoff = now - lease()
    alive = WorkerHeartbeat.objects.filter(beat_at__gte=cutoff, job_id__isnull=False)
    outcome = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        abandoned = (
            DBTaskResult.objects.running()
            .filter(Q(started_at__lt=cutoff) | Q(started_at__isnull=True))
            .exclude(id__in=alive.values("job_id"))
            .select_for_update(skip_locked=True)
            .only("id", "task_path", "started_at", "worker_ids")[:100]
        )
        for job in abandoned:
            outcome[give_up_or_requeue(job, why="its worker stopped beating")] += 1
        WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return outcome


class ResilientWorker(Worker):
    """django-tasks-db's worker, with reconnection, a heartbeat and a lease (see the module)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.job_in_hand: Any = None
        self.started_at = timezone.now()
        self.lease_seconds = float(settings.GROUNDWORK_JOB_LEASE_SECONDS)
        self.connected_since: float | None = None
        self.stopping = threading.Event()

    # --- the loop, again and again ----------------------------------------------------------

    def run(self) -> None:
        heart = threading.Thread(target=self.keep_beating, name="heartbeat", daemon=True)
        heart.start()
        wait, last_failure = 1.0, 0.0
        try:
            while self.running:
                try:
                    super().run()
                    return  # --batch or --max-tasks reached
                except DATABASE_GONE as error:
                    if time.monotonic() - last_failure > 2 * LONGEST_WAIT:
                        wait = 1.0  # a new outage, not the same one going on
                    last_failure = time.monotonic()
                    logger.warning(
                        "The database is unreachable (%s); trying again in %.0f s.",
                        str(error).strip().splitlines()[0] if str(error).strip() else error,
                        wait,
                    )
                    close_connections()
                    time.sleep(wait)
                    wait = min(wait * 2, LONGEST_WAIT)
        finally:
            self.stopping.set()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one job, as the library does, but put it back in the queue (not FAILED) when it
        was cut short by the database going away or by the worker being stopped."""
        self.running_task = True
        self.job_in_hand = db_task_result.id
        try:
            self.beat_now()
            try:
                self.call(db_task_result)
            except DATABASE_GONE as error:
                # The job's own transaction was rolled back with the connection. If the database
                # is still away this raises too, and the lease requeues the job later.
                close_connections()
                give_up_or_requeue(db_task_result, why=f"the database went away: {error}")
            except (SystemExit, KeyboardInterrupt):
                # Stopped by a second SIGTERM or Ctrl-C: the job did not finish, so it runs again.
                try:
                    give_up_or_requeue(db_task_result, why="its worker was stopped mid-job")
                except DATABASE_GONE:
                    pass  # the lease will requeue it
                raise
            except BaseException as error:
                db_task_result.set_failed(error)
                self.announce_finished(db_task_result)
            else:
                self.announce_finished(db_task_result)
        finally:
            self.job_in_hand = None
            self.running_task = False
            self._run_tasks += 1

    @staticmethod
    def call(db_task_result: DBTaskResult) -> None:
        task = db_task_result.task
        task_result = db_task_result.task_result
        task_started.send(sender=type(task.get_backend()), task_result=task_result)
        if task.takes_context:
            context: Any = TaskContext(task_result=task_result)
            value = task.call(context, *task_result.args, **task_result.kwargs)
        else:
            value = task.call(*task_result.args, **task_result.kwargs)
        # Inside the error handling, as in the library: a value that cannot be saved fails the job.
        db_task_result.set_successful(value)

    @staticmethod
    def announce_finished(db_task_result: DBTaskResult) -> None:
        try:
            sender = type(db_task_result.task.get_backend())
            task_result = db_task_result.task_result
        except (ImportError, SuspiciousOperation):
            logger.exception("Job %s failed unexpectedly", db_task_result.id)
        else:
            task_finished.send(sender=sender, task_result=task_result)

    # --- the heartbeat ----------------------------------------------------------------------

    def beat_now(self) -> None:
        """Write the heartbeat from this thread; a database that is away is dealt with later."""
        try:
            beat(self.worker_id, job_id=self.job_in_hand, started_at=self.started_at)
        except DATABASE_GONE:
            pass

    def keep_beating(self) -> None:
        """The heartbeat thread: beat every quarter lease, and once this worker has been in touch
        with the database for a whole lease (so that every live worker has beaten since any
        outage), requeue the jobs of workers that died."""
        while True:
            try:
                beat(self.worker_id, job_id=self.job_in_hand, started_at=self.started_at)
                if self.connected_since is None:
                    self.connected_since = time.monotonic()
                if time.monotonic() - self.connected_since >= self.lease_seconds:
                    requeue_abandoned_jobs()
            except DATABASE_GONE as error:
                if self.connected_since is not None:
                    logger.warning("Heartbeat: the database is unreachable (%s).", error)
                self.connected_since = None
                close_connections()
            except Exception:
                logger.exception("Heartbeat failed")
            if self.stopping.wait(self.lease_seconds / 4):
                break
        close_connections()


def close_connections() -> None:
    """Close this thread's database connections, however broken, so the next query reconnects."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - a connection that is gone may fail to close too
            logger.debug("Closing a broken connection failed", exc_info=True)
