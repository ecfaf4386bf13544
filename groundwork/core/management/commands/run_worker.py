"""`manage.py run_worker`: the job worker that production and `make run` use.

django-tasks-db's `db_worker`, with the same options, run by `core.jobs.ResilientWorker`: it
survives the database going away, beats a heartbeat, and runs again the jobs of workers that died
once their lease (GROUNDWORK_JOB_LEASE_SECONDS) has passed. Run it under a supervisor (systemd,
compose's `restart:`) all the same: anything else that stops it is then a restart, not an outage.
"""

import os
import socket
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker

from groundwork.core.jobs import ResilientWorker


def default_worker_id() -> str:
    """Unique across the pool, and telling an operator where the worker runs."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"


class Command(db_worker.Command):
    help = "Run a job worker that survives database outages and reclaims jobs of dead workers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=default_worker_id(), reload=False)

    def handle(self, *, verbosity: int, **options: Any) -> None:
        self.configure_logging(verbosity)
        if options["reload"]:
            raise CommandError("run_worker does not reload on code changes; restart it instead.")
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
