"""Middleware of the core app: a note of whether a request sent the database a write, a cap on
the size of a request's body, and no NUL in an address."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from groundwork.core.errors import is_api_request, problem_json

# Statements that save nothing (BEGIN opens a transaction: SQLite's is sent as a statement).
# Anything else (INSERT, UPDATE, DELETE, a WITH that may hold one, whatever a future query starts
# with) counts as a write: erring that way only makes the 503 page less sure, never wrongly sure.
_SAVES_NOTHING = ("SELECT", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "SET ", "SHOW", "EXPLAIN")
_WROTE = "groundwork_sent_a_write"


def sent_a_write(request: HttpRequest) -> bool:
    """Whether the request sent the database a statement that may have saved something."""
    return getattr(request, _WROTE, False)


class WritesSentMiddleware:
    """Note on the request whether it sent the default database a statement that may save
    something, for the 503 page (core.views.database_unavailable): when the database fails, a
    request that sent none can promise that nothing was saved, and one that sent any cannot.

    A write's success can be lost on the way back: PostgreSQL may commit a transaction and stop
    before its answer reaches us, and a job enqueued once the transaction commits may find the
    database gone (in CI the fault drill, tests/faults/test_database_outage.py, once found a
    signature saved whose page had said that nothing was). Where the error
    was raised does not say whether a write went before it; the statements sent do. First in
    MIDDLEWARE, so that the queries of every layer are seen.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def watch(execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: Any):
            if not (isinstance(sql, str) and sql.lstrip()[:9].upper().startswith(_SAVES_NOTHING)):
                setattr(request, _WROTE, True)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(watch):
            return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than GROUNDWORK_MAX_REQUEST_BYTES, with 413,
    before anything reads it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: the CSRF check reads
    `request.POST`, which spools every uploaded file to disk first, so an anonymous client could
    make the server write hundreds of megabytes before being refused (220 MB, measured in #16).
    First in MIDDLEWARE, this looks only at the Content-Length header. A body without one
    (chunked) is never read by Django's WSGI handler, so it needs no cap here; the proxy in
    front caps both (client_max_body_size in deploy/nginx.conf).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django's handler treats a malformed length as no body, and so reads none
        limit = settings.GROUNDWORK_MAX_REQUEST_BYTES
        if declared > limit:
            response = self.too_large(request, limit_mb=limit // (1024 * 1024))
            # The client may still be sending the body; closing tells it to stop.
            response["Connection"] = "close"
            return response
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest, *, limit_mb: int) -> HttpResponse:
        if is_api_request(request):
            detail = _("The body is larger than %(limit)s MB; nothing was read or saved.") % {
                "limit": limit_mb
            }
            return problem_json(request, 413, "too-large", _("Request too large"), detail)
        page = loader.get_template("413.html").render({"limit_mb": limit_mb})
        return HttpResponse(page, status=413)


class NulInQueryMiddleware:
    """Answer 400 with a message when the address's query string holds a NUL byte.

    PostgreSQL cannot store or compare text holding NUL, so a search box or a receipt lookup
    given one raised deep in the query and answered 500 (#16). Forms already refuse NUL at the
    field (Django's ProhibitNullCharactersValidator, walked by tests/test_hostile_text.py); the
    query string is read by views directly, so it is checked once here for every page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The REST API refuses NUL itself, in its own error shape (groundwork/api/urls.py).
        if request.path.startswith("/api/"):
            return self.get_response(request)
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            page = loader.get_template("400_nul.html").render({})
            return HttpResponse(page, status=400)
        return self.get_response(request)
