"""The RQ worker for `TASKS_BACKEND=redis`: rq's own worker, made to wait out a Redis outage.

rq 3.0 retries a lost connection only while the worker waits for a job. Lost at any other point
(finishing a job, the heartbeat after it, the suspension check, registering its own death), its
loop logs "found an unhandled exception, quitting" and the process exits: CI saw that when Redis
stopped a moment after a job was sent. This worker runs rq's loop again instead, once Redis
answers, as a supervisor would restart it, but without a start-up that fails while Redis is still
away. A stop that someone asked for (a signal, `--burst`, `--max-jobs`, `--max-idle-time`) still
stops it. Chosen in settings as `RQ["WORKER_CLASS"]`; `manage.py rqworker` then uses it.
"""

import inspect
import time
from typing import Any

import redis
from rq.exceptions import StopRequested
from rq.worker import Worker as RQWorker

CONNECTION_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
LONGEST_PAUSE_SECONDS = 30.0


class Worker(RQWorker):
    """An RQ worker whose loop starts again after Redis comes back, until it is asked to stop."""

    def work(self, *args: Any, **kwargs: Any) -> bool:
        """Run rq's loop, and run it again when it quits on its own (an outage), not on request."""
        options = inspect.signature(super().work).bind(*args, **kwargs)
        options.apply_defaults()
        asked_to_end = any(
            options.arguments[name] for name in ("burst", "max_jobs", "max_idle_time")
        )
        worked = False
        pause = 1.0
        while True:
            started = time.monotonic()
            try:
                worked = super().work(*args, **kwargs) or worked
            except CONNECTION_ERRORS as error:
                # Raised from rq's teardown (registering the worker's death) while Redis is away.
                self.log.warning("Worker %s: Redis went away while stopping: %s", self.name, error)
                self._let_go_of_channel()
            if asked_to_end or self._shutdown_requested_date or self._stop_requested:
                return worked
            if time.monotonic() - started > LONGEST_PAUSE_SECONDS:
                pause = 1.0  # a new outage, not the same one again
            try:
                self._wait_for_redis(pause)
            except StopRequested:  # rq's SIGTERM handler raises it when the worker is idle
                return worked
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS)

    def _wait_for_redis(self, pause: float) -> None:
        """Sleep, then wait until Redis answers and mark this worker's last run as ended there."""
        self.log.warning(
            "Worker %s: loop ended unasked; starting again in %.0f s", self.name, pause
        )
        time.sleep(pause)
        while True:
            try:
                self.connection.ping()
                # rq refuses to register a worker whose name still looks alive in Redis.
                self.register_death()
                return
            except CONNECTION_ERRORS:
                time.sleep(min(pause, LONGEST_PAUSE_SECONDS))

    def _let_go_of_channel(self) -> None:
        """Stop the command channel's thread, which rq's failed teardown left running."""
        if self.pubsub_thread:
            self.pubsub_thread.stop()
            self.pubsub_thread.join(timeout=1)
            self.pubsub_thread = None
