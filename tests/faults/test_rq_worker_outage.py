"""Fault drill for the RQ option (TASKS_BACKEND=redis): Redis stops for about ten seconds under a
running `rqworker --with-scheduler`, on a throwaway redis-server on a free loopback port, once
while the worker waits for a job and once while it is finishing one (the SMTP server holds its
answer until Redis is gone). The worker must still be running afterwards and send the email
queued after the outage. rq alone quits in the second case (groundwork/core/rq_worker.py).

(Redis runs without persistence here, as in deploy/compose.yaml, so a job still queued when Redis
stops is lost with it: one reason production queues jobs in PostgreSQL, docs/operations.md.)
"""

import asyncio
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.smtp import Inbox, free_port
from tests.test_security import production_environment

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting {seconds:.0f} s for {what}")


class HeldInbox(Inbox):
    """An inbox that takes the first message but holds its answer until `release` is set, so the
    job sending it is still running when the test stops Redis."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        return answer


@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server (Debian's package), as here")
@pytest.mark.parametrize("moment", ["waiting for a job", "finishing a job"])
def test_an_rq_worker_outlives_a_redis_outage_and_runs_the_job_queued_after(tmp_path, moment):
    assert REDIS_SERVER is not None
    port = free_port()
    command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
               "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip
    inbox = HeldInbox(free_port())
    if moment == "waiting for a job":
        inbox.release.set()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    environment = production_environment(
        DEBUG="true",  # no HTTPS redirect or secure cookies needed for a worker
        TASKS_BACKEND="redis",
        REDIS_URL=f"redis://127.0.0.1:{port}/0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(inbox.port),
    )

    def manage(*arguments: str) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr

    def enqueue(name: str) -> None:
        manage("shell", "-c", "from groundwork.core.email import enqueue_email; "
               f"enqueue_email(to=['{name}@example.org'], subject='{name}', body='Hello.')")  # fmt: skip

    manage("migrate", "--noinput", "-v0")
    controller.start()
    redis = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    log = tmp_path / "rqworker.log"
    worker = None
    try:
        wait_for(lambda: answers(port), 30, "redis-server to start")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "rqworker", "--with-scheduler", "default"],
            cwd=ROOT, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        enqueue("before")
        inbox.wait_for(1, timeout=90)
        if moment == "waiting for a job":
            time.sleep(2)  # the job's result is stored and the worker is back waiting
        redis.terminate()
        redis.wait(timeout=30)
        inbox.release.set()  # the job finishes with Redis gone
        time.sleep(10)  # the outage
        assert worker.poll() is None, "the RQ worker exited during the outage"
        redis = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for(lambda: answers(port), 30, "redis-server to start again")
        enqueue("after")
        inbox.wait_for(2, timeout=120)
        assert worker.poll() is None, "the RQ worker exited after the outage"
        assert sorted(str(message["Subject"]) for message in inbox.messages) == ["after", "before"]
        worker.terminate()  # and a stop that is asked for still stops it
        assert worker.wait(timeout=30) == 0, "the RQ worker did not stop when asked"
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- rqworker ---\n{log.read_text()[-3000:]}") from error
    finally:
        if worker is not None:
            worker.kill()
            worker.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=30)
        controller.stop()
