"""Fault drills for the job worker (`manage.py run_worker`), on a throwaway PostgreSQL cluster.

- A worker is killed (SIGKILL) while the mail server holds its email: another worker runs the job
  again once the lease has passed, and the email arrives exactly once.
- A worker is killed halfway through closing a ballot (its INSERT of the decision waits on a lock
  the test holds): another worker closes the ballot, once.
- The database stops for about ten seconds under a running worker: the worker is still running
  afterwards and sends the emails queued before and after the outage, each once.

Everything is on loopback; every wait has a deadline; nothing asserts how long anything took.
"""

import asyncio
import email
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from tests.faults.postgres import Cluster, throwaway_cluster
from tests.smtp import free_port
from tests.test_security import production_environment

ROOT = Path(__file__).resolve().parents[2]
LEASE = 4  # seconds: short, so that the drills are short


def wait_for(predicate: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting {seconds:.0f} s for {what}")


class HoldingInbox:
    """An SMTP server's handler that can hold the next message unanswered (so its sender is
    caught mid-job) and counts only the messages it accepted with "250"."""

    def __init__(self) -> None:
        self.port = free_port()
        self.accepted: list[Message] = []
        self.hold_next = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        if self.hold_next.is_set():
            self.hold_next.clear()
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Not accepted: the sender was gone"
        self.accepted.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@dataclass
class Drill:
    cluster: Cluster
    environment: dict[str, str]
    folder: Path
    workers: list[subprocess.Popen] = field(default_factory=list)

    def manage(self, *arguments: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.environment,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start_worker(self, name: str) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--worker-id", name],
            cwd=ROOT, env=self.environment, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name} ---\n{path.read_text()[-3000:]}"
            for path in sorted(self.folder.glob("*.log"))
        )

    def query(self, sql: str, *parameters: object) -> list[tuple]:
        with psycopg.connect(self.cluster.url.replace("postgres://", "postgresql://")) as db:
            return db.execute(sql, parameters).fetchall()

    def jobs(self, task: str) -> list[tuple]:
        """(status, worker ids) of each job of `task`, oldest first."""
        return self.query(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE %s ORDER BY enqueued_at",
            f"%.{task}",
        )


@pytest.fixture
def inbox() -> Iterator[HoldingInbox]:
    handler = HoldingInbox()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        handler.release.set()
        controller.stop()


@pytest.fixture
def drill(tmp_path, inbox) -> Iterator[Drill]:
    with throwaway_cluster() as cluster:
        environment = production_environment(
            DATABASE_URL=cluster.url,
            DATABASE_CONNECT_TIMEOUT="2",
            GROUNDWORK_JOB_LEASE_SECONDS=str(LEASE),
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(inbox.port),
        )
        drill = Drill(cluster, environment, tmp_path)
        drill.manage("migrate", "--noinput", "-v0")
        try:
            yield drill
        finally:
            for worker in drill.workers:
                if worker.poll() is None:
                    worker.kill()
                worker.wait(timeout=30)
            print(drill.logs())  # pytest shows it when the drill fails


ENQUEUE_EMAILS = """
from django.db import transaction
from groundwork.core.email import enqueue_email
with transaction.atomic():
    for name in {names!r}:
        enqueue_email(to=[name + "@example.org"], subject="Confirm: " + name, body="Hello.")
"""


def enqueue_emails(drill: Drill, *names: str) -> None:
    drill.manage("shell", "-c", ENQUEUE_EMAILS.format(names=list(names)))


def subjects(inbox: HoldingInbox) -> list[str]:
    return sorted(str(message["Subject"]) for message in inbox.accepted)


def test_a_worker_killed_while_sending_an_email_is_replaced_and_the_email_arrives_once(
    drill, inbox
):
    enqueue_emails(drill, "sam")
    inbox.hold_next.set()
    first = drill.start_worker("first")
    wait_for(inbox.holding.is_set, 60, "the first worker to start sending")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    inbox.release.set()
    assert drill.jobs("send_email") == [("RUNNING", ["first"])]  # left behind, as before

    drill.start_worker("second")
    wait_for(lambda: drill.jobs("send_email")[0][0] == "SUCCESSFUL", 90, "the job to finish")
    assert drill.jobs("send_email") == [("SUCCESSFUL", ["first", "second"])]
    assert subjects(inbox) == ["Confirm: sam"]  # once: the held copy was never accepted
    assert drill.query("SELECT status, attempts FROM core_emaildelivery") == [("sent", 2)]


SEED_BALLOT = """
from datetime import timedelta
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from groundwork.democracy.models import Ballot
from groundwork.democracy.tasks import close_ballot_at_deadline
from groundwork.democracy.tests.factories import open_ballot, vote_for
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join, make_organiser
group = GroupFactory(name="Riverside", slug="riverside")
alice, bob = UserFactory(), UserFactory()
make_organiser(group, alice)
join(group, bob)
ballot = open_ballot(group, alice, secret=False, title="Occupy the town hall steps?")
vote_for(ballot, alice, choice="yes")
vote_for(ballot, bob, choice="no")
DBTaskResult.objects.all().delete()  # only the closing job, to keep the drill to the point
Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
close_ballot_at_deadline.enqueue(ballot.pk)
print(ballot.pk)
"""


def test_a_worker_killed_halfway_through_closing_a_ballot_is_replaced_and_it_closes_once(drill):
    ballot = int(drill.manage("shell", "-c", SEED_BALLOT).split()[-1])
    url = drill.cluster.url.replace("postgres://", "postgresql://")
    with psycopg.connect(url) as holder:
        # The closing job will count the votes and update the ballot, then wait to write the
        # decision: the worker is killed there, its transaction half done.
        holder.execute("LOCK TABLE democracy_decision IN EXCLUSIVE MODE")
        first = drill.start_worker("first")
        waiting = (
            "SELECT count(*) FROM pg_locks WHERE NOT granted "
            "AND relation = 'democracy_decision'::regclass"
        )
        wait_for(lambda: drill.query(waiting)[0][0] > 0, 60, "the closing job to reach the lock")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        holder.rollback()
    status = "SELECT status FROM democracy_ballot WHERE id = %s"
    wait_for(lambda: drill.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                                 "'Lock'")[0][0] == 0, 30, "the killed worker's transaction to end")  # fmt: skip
    assert drill.query(status, ballot) == [("open",)]  # nothing of the killed run was kept
    assert drill.jobs("close_ballot_at_deadline") == [("RUNNING", ["first"])]

    drill.start_worker("second")
    wait_for(
        lambda: drill.jobs("close_ballot_at_deadline")[0][0] == "SUCCESSFUL", 90, "the ballot job"
    )
    assert drill.jobs("close_ballot_at_deadline") == [("SUCCESSFUL", ["first", "second"])]
    assert drill.query(status, ballot) == [("closed",)]
    assert drill.query("SELECT count(*) FROM democracy_decision WHERE ballot_id = %s", ballot) == [
        (1,)
    ]
    closed = "SELECT count(*) FROM core_auditentry WHERE verb = 'ballot.closed'"
    assert drill.query(closed) == [(1,)]


def test_a_worker_outlives_a_database_outage_and_runs_the_jobs_queued_before_and_after(
    drill, inbox
):
    worker = drill.start_worker("steady")
    enqueue_emails(drill, "before")
    wait_for(lambda: subjects(inbox) == ["Confirm: before"], 60, "the first email")
    # Due a few seconds from now: queued before the outage, run after it.
    drill.manage("shell", "-c", DUE_SOON)
    drill.cluster.stop("immediate")
    time.sleep(10)  # the outage; the worker's loop and heartbeat meet it meanwhile
    assert worker.poll() is None, "the worker exited during the outage"
    drill.cluster.start()
    enqueue_emails(drill, "after")
    expected = ["Confirm: after", "Confirm: before", "Confirm: during"]
    wait_for(lambda: len(inbox.accepted) >= 3, 120, "the emails queued before and after")
    wait_for(
        lambda: {status for status, _ in drill.jobs("send_email")} == {"SUCCESSFUL"}, 60, "jobs"
    )
    assert subjects(inbox) == expected  # each once
    assert worker.poll() is None, "the worker exited after the outage"
    assert [ids for _, ids in drill.jobs("send_email")] == [["steady"]] * 3


DUE_SOON = """
from datetime import timedelta
from django.utils import timezone
from groundwork.core.tasks import send_email
send_email.using(run_after=timezone.now() + timedelta(seconds=3)).enqueue(
    to=["during@example.org"], subject="Confirm: during", body="Hello.", delivery_key="during"
)
"""
