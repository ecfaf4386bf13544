"""Every error of the API in one shape: RFC 9457 problem details (application/problem+json).

    {"type": "/api/v1/docs#problem-not-found", "title": "Not found", "status": 404,
     "detail": "No such event.", "instance": "/api/v1/events/7"}

Validation errors (422) add `errors`, one per bad field: {"location", "field", "message"}. A
forbidden object answers 404 like a missing one (the rules are the pages' rules, and so is the
policy); 403 is kept for what the caller's own token or account lacks (a scope, two-factor), which
says nothing about any object. 429 carries Retry-After; 500 says nothing of the failure.
"""

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from groundwork.core.access import TwoFactorRequired
from groundwork.core.errors import CONTENT_TYPE, ActionError, RateLimited, problem_json
from groundwork.core.views import database_is_down, database_unavailable

logger = logging.getLogger(__name__)

# The statuses an endpoint may answer with a problem, for the OpenAPI schema.
CLIENT_ERRORS = frozenset({401, 403, 404, 409, 422, 429})


class FieldError(Schema):
    location: str
    field: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldError] | None = None


class InsufficientScope(Exception):
    """The token lacks the scope the endpoint needs (403)."""

    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


class BadCursor(Exception):
    """The `cursor` parameter is not one this API gave out (422)."""


# A problem-details response, the one shape of every API error (see `Problem`); core's, so that
# its middleware and error handler answer under /api/ in the same shape.
problem_response = problem_json


def _field_errors(exc: ValidationError) -> list[dict[str, str]]:
    found = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        found.append(
            {
                "location": location[0] if location else "",
                "field": ".".join(location[1:]),
                "message": str(error.get("msg", "")),
            }
        )
    return found


def install(api: NinjaAPI) -> None:
    """Answer every exception the endpoints raise with a problem."""

    def handle(exc_class: type[Exception]):
        return api.exception_handler(exc_class)

    @handle(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        detail = _("Some of what was sent is not valid; see errors.")
        return problem_response(
            request, 422, "invalid", _("Invalid request"), detail, errors=_field_errors(exc)
        )

    @handle(BadCursor)
    def bad_cursor(request: HttpRequest, exc: BadCursor) -> HttpResponse:
        error = {"location": "query", "field": "cursor", "message": _("Not a cursor of this list.")}
        return problem_response(request, 422, "invalid", _("Invalid request"), errors=[error])

    @handle(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = _(
            "Send a valid personal access token as 'Authorization: Bearer <token>'; reading "
            "public data needs none."
        )
        headers = {"WWW-Authenticate": 'Bearer realm="api"'}
        return problem_response(
            request, 401, "unauthenticated", _("Not signed in"), detail, headers=headers
        )

    @handle(InsufficientScope)
    def insufficient_scope(request: HttpRequest, exc: InsufficientScope) -> HttpResponse:
        detail = _("This token does not carry the scope %(scope)s.") % {"scope": exc.scope}
        headers = {"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{exc.scope}"'}
        return problem_response(
            request, 403, "insufficient-scope", _("Scope missing"), detail, headers=headers
        )

    @handle(TwoFactorRequired)
    def two_factor(request: HttpRequest, exc: TwoFactorRequired) -> HttpResponse:
        detail = _(
            "Organisers and coordinators act as such only with two-factor authentication: set it "
            "up on the site, then try again."
        )
        return problem_response(
            request, 403, "two-factor-required", _("Two-factor authentication needed"), detail
        )

    @handle(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The same answer for missing and forbidden: the message never names which.
        return problem_response(request, 404, "not-found", _("Not found"))

    @handle(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        headers = {"Retry-After": str(exc.retry_after)}
        return problem_response(
            request, 429, "rate-limited", _("Too many requests"), exc.message, headers=headers
        )

    @handle(ActionError)
    def refused(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return problem_response(request, 409, "refused", _("Refused"), exc.message)

    @handle(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(request, exc.status_code, "error", str(exc))

    @handle(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        if database_is_down(exc):
            return database_unavailable(request)
        logger.exception("API error at %s", request.path, exc_info=exc)
        detail = _("Something went wrong on our side; it has been logged.")
        return problem_response(request, 500, "server-error", _("Server error"), detail)


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any address under /api/v1/ that is no endpoint."""
    return problem_response(request, 404, "not-found", _("Not found"))


def nul_in_query(request: HttpRequest) -> HttpResponse | None:
    """A 422 for a query string holding NUL, which PostgreSQL cannot compare (as the pages'
    core.middleware.NulInQueryMiddleware, in this API's shape); None when there is none."""
    bad = sorted({name for name, values in request.GET.lists() if any("\x00" in v for v in values)})
    if not bad:
        return None
    message = _("Holds a NUL character, which cannot be searched for.")
    found = [{"location": "query", "field": name, "message": message} for name in bad]
    return problem_response(request, 422, "invalid", _("Invalid request"), errors=found)


def invalid_field(location: str, field: str, messages: list[str]) -> ValidationError:
    """A 422 problem for one field, raised from an endpoint that validates with a form."""
    return ValidationError([{"loc": (location, field), "msg": " ".join(messages)}])


def as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Ninja's own 405 (a method the route does not have) as a problem, with its Allow header."""
    if response.status_code != 405 or response.get("Content-Type") == CONTENT_TYPE:
        return response
    headers = {"Allow": response.get("Allow", "")}
    return problem_response(
        request, 405, "method-not-allowed", _("Method not allowed"), headers=headers
    )
