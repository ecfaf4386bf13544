"""Production's job queue: a job enqueued on Redis is run by a real RQ worker process."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.smtp import body_of, smtp_on_loopback
from tests.test_security import production_environment

ROOT = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)


def redis_is_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A copy of one migrated SQLite database for each test: the worker reads the database
    before sending (the addresses suppressed after bounces), as in production."""
    template = tmp_path_factory.mktemp("jobs") / "migrated.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_environment(DEBUG="true", DATABASE_URL=f"sqlite:///{template}"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    def copy(folder: Path) -> Path:
        return Path(shutil.copy(template, folder / "jobs.sqlite3"))

    return copy


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379 (as in CI)")
def test_an_email_enqueued_on_redis_is_sent_by_an_rq_worker(tmp_path, migrated):
    with smtp_on_loopback() as inbox:
        port = inbox.port
        environment = production_environment(
            DEBUG="true",  # no HTTPS redirect or secure cookies needed for a worker
            TASKS_BACKEND="redis",
            REDIS_URL="redis://127.0.0.1:6379/15",
            DATABASE_URL=f"sqlite:///{migrated(tmp_path)}",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
        )
        enqueue = (
            "import redis; redis.Redis.from_url('redis://127.0.0.1:6379/15').flushdb();"
            "from groundwork.core.tasks import send_email;"
            "send_email.enqueue(to=['member@example.org'], subject='Ballot open', body='Vote now.')"
        )
        for command in (["shell", "-c", enqueue], ["rqworker", "--burst", "default"]):
            result = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stdout + result.stderr
        (message,) = inbox.wait_for(1)
    assert message["Subject"] == "Ballot open"
    assert body_of(message).strip() == "Vote now."


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379 (as in CI)")
def test_a_job_set_for_later_on_redis_runs_only_with_the_scheduler(tmp_path, migrated):
    """Reminders and forgetting unconfirmed signatures use run_after: on Redis they wait in RQ's
    scheduled registry, which only `rqworker --with-scheduler` moves to the queue when due."""
    with smtp_on_loopback() as inbox:
        environment = production_environment(
            DEBUG="true",
            TASKS_BACKEND="redis",
            REDIS_URL="redis://127.0.0.1:6379/14",
            DATABASE_URL=f"sqlite:///{migrated(tmp_path)}",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(inbox.port),
        )
        enqueue = (
            "import redis; redis.Redis.from_url('redis://127.0.0.1:6379/14').flushdb();"
            "from datetime import timedelta; from django.utils import timezone;"
            "from groundwork.core.tasks import send_email;"
            "send_email.using(run_after=timezone.now() + timedelta(seconds=1)).enqueue("
            "to=['member@example.org'], subject='Tomorrow: march', body='See you there.')"
        )

        def manage(*command: str) -> None:
            result = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stdout + result.stderr

        manage("shell", "-c", enqueue)
        time.sleep(1.5)
        manage("rqworker", "--burst", "default")
        assert inbox.messages == [], "a worker without the scheduler never runs a job set for later"
        manage("rqworker", "--burst", "--with-scheduler", "default")
        (message,) = inbox.wait_for(1)
    assert message["Subject"] == "Tomorrow: march"
