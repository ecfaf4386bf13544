"""Rate limits for actions, counted by django-ratelimit in the default cache (Redis in production).

Actions count attempts themselves, so the page, the API and any other caller meet the same limit.
django-ratelimit is used without its app: its checks refuse the embedded local-memory cache and
warn about Django's own RedisCache; `groundwork.core.checks` says at deploy time what matters.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from groundwork.core.errors import RateLimited


def client_address(request: HttpRequest) -> str:
    """The client's address: the reverse proxy's header if GROUNDWORK_CLIENT_IP_HEADER names one."""
    header = settings.GROUNDWORK_CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def parse_rate(rate: str) -> tuple[int, int]:
    """Read "count/seconds" as (count, seconds); a count of 0 means no limit."""
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds)


def count_attempt(scope: str, *, client_key: str, rate: str, refusal: str) -> None:
    """Count one attempt by `client_key` at `scope`; past `rate`, raise RateLimited(refusal).

    Windows are fixed (`seconds` long), so a client may make up to twice the count across the
    end of one window and the start of the next.
    """
    count, seconds = parse_rate(rate)
    if count <= 0:
        return
    usage = get_usage(
        None,
        group=scope,
        key=lambda _group, _request: client_key,
        rate=(count, seconds),
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        raise RateLimited(refusal, retry_after=max(usage["time_left"], 1))
