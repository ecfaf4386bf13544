"""Operational endpoints: health, the error pages, and the benchmark's framework ceiling."""

import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _

from groundwork.core import db_routers
from groundwork.core.access import access
from groundwork.core.errors import is_api_request, problem_json
from groundwork.core.middleware import sent_a_write
from groundwork.core.models import AuditEntry

# Seconds a client is asked to wait when a dependency is down: long enough for a database to
# restart or fail over, short enough that a person retrying by hand is not kept waiting.
RETRY_AFTER_SECONDS = 30


def database_is_down(error: BaseException | None) -> bool:
    """Whether the error means the database could not be reached or could not answer.

    OperationalError covers a refused or dropped connection, a server shutting down and a
    timeout; InterfaceError a connection already closed under us. Neither is the page's fault.
    Whether anything was saved depends on what the request had sent before: see
    database_unavailable.
    """
    return isinstance(error, (OperationalError, InterfaceError))


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def _check_cache() -> str:
    try:
        cache.set("groundwork:healthz", "1", timeout=10)
        answered = cache.get("groundwork:healthz") == "1"
    except Exception:  # each cache backend raises its own connection errors
        return "unreachable"
    # The resilient Redis cache answers from the process's memory while Redis is away.
    if getattr(cache, "degraded", False):
        return "unreachable"
    return "ok" if answered else "not answering"


def _check_job_queue() -> str:
    if settings.TASKS_BACKEND != "redis":
        return "ok"  # the database backend keeps its jobs in the database checked above
    import redis

    try:
        redis.Redis.from_url(settings.RQ_QUEUES["default"]["URL"], socket_timeout=2).ping()
    except redis.RedisError:
        return "unreachable"
    return "ok"


# Without these no page works; without the cache the site serves, slower (ResilientRedisCache),
# and taking every app server out of the balancer for it would turn a slow site into none.
CRITICAL = ("database", "job_queue")


def _check_replica() -> tuple[str, dict[str, object]]:
    """The replica's state and lag. A lagging or lost replica degrades the site (reads go to the
    primary, core/db_routers.py) but does not take it down."""
    limit = settings.GROUNDWORK_REPLICA_MAX_LAG_SECONDS
    try:
        lag = db_routers.replica_lag()
    except DatabaseError:
        return "unreachable", {"max_lag_seconds": limit, "reads_from": "primary"}
    if not lag.streaming:
        state = "not streaming"
    else:
        state = "ok" if db_routers.lag_is_acceptable(lag) else "lagging"
    seconds = None if lag.seconds is None else round(lag.seconds, 3)
    return state, {
        "lag_seconds": seconds,
        "lag_bytes": lag.bytes,
        "max_lag_seconds": limit,
        "reads_from": "replica" if state == "ok" else "primary",
    }


@access(signed_in=False)
def health(request: HttpRequest) -> JsonResponse:
    """Each dependency's state; 503 with Retry-After when a critical one is down, so a balancer
    stops sending traffic here, and "degraded" with 200 when only the cache is, or a read replica
    lags or is lost (the primary still serves every read); a person reading it sees which."""
    checks = {
        "database": _check_database(),
        "cache": _check_cache(),
        "job_queue": _check_job_queue(),
    }
    healthy = all(checks[name] == "ok" for name in CRITICAL)
    status = "ok" if all(state == "ok" for state in checks.values()) else "degraded"
    answer: dict[str, object] = {"status": status if healthy else "unavailable", "checks": checks}
    if db_routers.replica_alias():
        checks["replica"], answer["replica"] = _check_replica()
        if healthy and checks["replica"] != "ok":
            answer["status"] = "degraded"
    response = JsonResponse(answer, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The handler for uncaught errors: 503 when the database is down, 500 otherwise.

    Django calls it inside its `except` block, wherever the error was raised (a view, a
    middleware, a context processor), so `sys.exc_info()` names the error. Both pages are
    rendered without a request context: the context processors would query the database.
    """
    if database_is_down(sys.exc_info()[1]):
        return database_unavailable(request)
    if is_api_request(request):
        detail = _("Something went wrong on our side; it has been logged.")
        return problem_json(request, 500, "server-error", _("Server error"), detail)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After, under the REST API's address as a problem (JSON).

    It says that nothing sent was saved only when the request sent the database no write before
    it failed (core.middleware.WritesSentMiddleware); after one, the database may have committed
    it before failing, so the page says it may have been saved and asks to check first.
    """
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    in_doubt = sent_a_write(request)
    if is_api_request(request):
        if in_doubt:
            detail = _(
                "The database stopped while saving what you sent, so it may have been saved: "
                "check before sending it again, in %(seconds)s seconds."
            )
        else:
            detail = _(
                "The database cannot be reached, so nothing you sent was saved. Try again in "
                "%(seconds)s seconds."
            )
        return problem_json(
            request,
            503,
            "unavailable",
            _("Service unavailable"),
            detail % {"seconds": RETRY_AFTER_SECONDS},
            headers=headers,
        )
    context = {"retry_after": RETRY_AFTER_SECONDS, "in_doubt": in_doubt}
    page = loader.get_template("503.html").render(context)
    response = HttpResponse(page, status=503)
    response["Retry-After"] = headers["Retry-After"]
    return response


@access(signed_in=False)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page links: send them to the
    SVG icon, so the request is answered instead of filling the log with 404s. Not permanent: in
    production the icon's address carries its content hash, which changes when the icon does."""
    return redirect(static("img/favicon.svg"))


@access(signed_in=False)
def ceiling(request: HttpRequest) -> HttpResponse:
    """The framework ceiling for benchmarks: a bare view rendering 50 rows, no app logic."""
    rows = AuditEntry.objects.only("id", "verb", "target_label", "acted_at")[:50]
    return render(request, "core/ceiling.html", {"rows": rows})
