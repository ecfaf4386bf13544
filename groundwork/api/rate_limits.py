"""The API's rate limit: requests per token, or per address for callers without one.

Counted with the project's limiter (groundwork/core/rate_limits.py: django-ratelimit over the
default cache, Redis in production), in fixed windows; past the limit the API answers 429 with
Retry-After (groundwork/api/errors.py).
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from groundwork.core.rate_limits import client_address, count_attempt


def count_request(request: HttpRequest, *, token_id: int | None) -> None:
    """Count one API request by its token (or address); raise RateLimited past the limit."""
    key = f"token:{token_id}" if token_id is not None else f"address:{client_address(request)}"
    count_attempt(
        "api.request",
        client_key=key,
        rate=settings.GROUNDWORK_API_RATE_LIMIT,
        refusal=_("Too many requests: wait a little, then try again."),
    )
