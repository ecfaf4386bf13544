"""Domain errors raised by `check_*` actions with a message a person can read, and the REST
API's error shape (problem details), which core's middleware and error handler use too."""

import json

from django.http import HttpRequest, HttpResponse


class ActionError(Exception):
    """An action was refused; `str(error)` is shown to the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(ActionError):
    """Refused because the same client asked too often; `retry_after` is in seconds (HTTP 429)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# RFC 9457 problem details, the one shape of every error under the REST API's address. The API
# app builds its own errors with these (groundwork/api/errors.py); core uses them for errors that
# happen before a request reaches the API: a body too large (refused by middleware before anything
# reads it) and the database unreachable (Django's error handler), so that a client of the API
# gets JSON it can parse whatever failed, never an HTML page.

CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def problem_type(slug: str) -> str:
    """The problem's `type`: its entry on the API's docs page."""
    return f"/api/v1/docs#problem-{slug}"


def problem_json(
    request: HttpRequest,
    status: int,
    slug: str,
    title: str,
    detail: str = "",
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """A problem-details response: type, title, status, detail, instance (and errors, if any)."""
    body: dict[str, object] = {
        "type": problem_type(slug),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, separators=(",", ":")), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
