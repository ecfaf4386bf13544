"""Reads that may lag go to the streaming replica; everything else goes to the primary.

The rule, in full (docs/operations.md says it for operators):

1. Every write goes to the primary, and so does every read inside a transaction
   (`transaction.atomic`: every action), so an action always reads what it is about to change.
2. Reads go to the replica only within a web request that is GET, HEAD or OPTIONS, that carries
   no `Authorization` header (an API client may not keep cookies, so it cannot be pinned), that
   has not written anything so far, and whose session is not pinned to the primary.
3. A request that wrote (any POST, PUT, PATCH or DELETE, and any request in which the router
   handed out the primary for a write, a session save included) pins its browser to the primary
   for GROUNDWORK_REPLICA_PIN_SECONDS with the cookie `read_primary_until`: a person never reads
   a page older than their own vote, RSVP or signature. The cookie holds only a time; a client
   that drops it sees pages a few seconds old, one that forges it only costs the primary a read.
4. Jobs, management commands and the shell run outside web requests: they read the primary.
5. Sessions are read from the primary (a session written at sign-in must be found at once; with
   Redis they are read from the cache anyway).
6. When the replica lags past GROUNDWORK_REPLICA_MAX_LAG_SECONDS, stops streaming or cannot be
   reached, reads go to the primary until it catches up (checked at most every few seconds per
   process); /healthz then says "degraded".

With no DATABASE_REPLICA_URL (GROUNDWORK_READ_REPLICA empty) the router answers nothing and Django
uses its one database exactly as before.
"""

import contextvars
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = DEFAULT_DB_ALIAS
PIN_COOKIE = "read_primary_until"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Models whose rows are read from the primary even on a GET (rule 5).
PRIMARY_ONLY = {"sessions.Session"}
# Seconds between two checks of the replica's lag in one process, and after a failed check.
FRESHNESS_CHECK_SECONDS = 5
FAILED_CHECK_SECONDS = 30


@dataclass
class RequestReads:
    """What the router knows of the web request being served."""

    may_lag: bool
    wrote: bool = False


_request: contextvars.ContextVar[RequestReads | None] = contextvars.ContextVar(
    "groundwork_request_reads", default=None
)


def replica_alias() -> str:
    """The replica's database alias, or "" when there is none."""
    return settings.GROUNDWORK_READ_REPLICA


class ReplicaRouter:
    """Django's database router for the rules above (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        replica = replica_alias()
        if not replica:
            return None
        reads = _request.get()
        if reads is None or not reads.may_lag or reads.wrote:
            return PRIMARY
        if model._meta.label in PRIMARY_ONLY or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return replica if freshness.replica_is_fresh() else PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        if not replica_alias():
            return None
        reads = _request.get()
        if reads is not None:
            reads.wrote = True
        return PRIMARY

    def allow_relation(self, first: Model, second: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: an object read from either may point
        # to one read from the other.
        aliases = {PRIMARY, replica_alias()}
        return True if {first._state.db, second._state.db} <= aliases else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica is a physical copy: the primary's migrations reach it through replication.
        return False if db == "replica" else None


class ReadReplicaMiddleware:
    """Marks each request as one whose reads may lag or not, and pins the browser of a request
    that wrote to the primary (rules 2 and 3)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_alias():
            return self.get_response(request)
        reads = RequestReads(may_lag=self.reads_may_lag(request))
        token = _request.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if reads.wrote or request.method not in SAFE_METHODS:
            seconds = settings.GROUNDWORK_REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    @staticmethod
    def reads_may_lag(request: HttpRequest) -> bool:
        if request.method not in SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
            return False
        try:
            pinned_until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            pinned_until = 0.0
        return pinned_until <= time.time()


@dataclass
class ReplicaLag:
    """How far the replica is behind: seconds (replayed transactions, on the replica) and bytes
    (of WAL the primary sent or has yet to send, from pg_stat_replication); None when unknown."""

    streaming: bool
    seconds: float | None
    bytes: int | None


# On the replica: 0 s when it has replayed all it received (an idle primary sends nothing, and
# the time since the last replayed transaction would grow for ever), else the age of the last
# transaction it replayed. Reading pg_stat_wal_receiver needs pg_monitor (docs/operations.md).
REPLICA_LAG_SQL = """
SELECT pg_is_in_recovery() AND COALESCE(
           (SELECT status = 'streaming' FROM pg_stat_wal_receiver), false),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""
PRIMARY_LAG_SQL = """
SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::bigint FROM pg_stat_replication
"""


def replica_lag() -> ReplicaLag:
    """The replica's lag now; raises DatabaseError when a server cannot be reached. A replica
    that is not PostgreSQL (a test mirror of the same database) never lags."""
    replica = connections[replica_alias()]
    if replica.vendor != "postgresql":
        return ReplicaLag(streaming=True, seconds=0.0, bytes=0)
    with replica.cursor() as cursor:
        cursor.execute(REPLICA_LAG_SQL)
        streaming, seconds = cursor.fetchone()
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute(PRIMARY_LAG_SQL)
        (behind,) = cursor.fetchone()
    return ReplicaLag(
        streaming=bool(streaming),
        seconds=None if seconds is None else float(seconds),
        bytes=None if behind is None else int(behind),
    )


def lag_is_acceptable(lag: ReplicaLag) -> bool:
    """Whether reads may go to a replica this far behind."""
    limit = settings.GROUNDWORK_REPLICA_MAX_LAG_SECONDS
    return lag.streaming and lag.seconds is not None and lag.seconds <= limit


class Freshness:
    """Whether the replica is fresh enough to read from, checked at most every few seconds per
    process, so that the check costs two small queries a process every FRESHNESS_CHECK_SECONDS."""

    def __init__(self) -> None:
        self.fresh = False
        self.next_check = 0.0

    def replica_is_fresh(self) -> bool:
        now = time.monotonic()
        if now >= self.next_check:
            try:
                self.fresh = lag_is_acceptable(replica_lag())
                self.next_check = now + FRESHNESS_CHECK_SECONDS
            except DatabaseError:
                self.fresh = False
                self.next_check = now + FAILED_CHECK_SECONDS
        return self.fresh

    def forget(self) -> None:
        """Check again at the next read (tests, and after settings change)."""
        self.next_check = 0.0


freshness = Freshness()
