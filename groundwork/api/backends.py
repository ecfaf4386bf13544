"""Who calls the API: a personal access token (Authorization: Bearer …), or nobody.

Each endpoint names the scope it needs, `reads("events")` or `writes("events")`, as its `auth`:

    @router.get("/events", auth=reads("events"), ...)

- No Authorization header: the caller is anonymous; `reads` lets them in to public data only (the
  rules see an AnonymousUser), `writes` answers 401.
- A header with a token that is unknown, revoked or expired: 401, at once (nothing is cached).
- A token without the scope: 403 (errors.InsufficientScope). Write implies read of its kind.
- A token limited to some groups: the owner's roles are narrowed to those groups for the request,
  so every rule and query (the pages' own) sees the owner as a member of those groups only and as
  no coordinator.
Every request is counted against the rate limit (rate_limits.py), by token or by address.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from groundwork.api.errors import InsufficientScope
from groundwork.api.models import AccessToken
from groundwork.api.models.tokens import hash_secret
from groundwork.api.rate_limits import count_request
from groundwork.groups.rules import roles_of


class ApiRequest(HttpRequest):
    """The request an endpoint gets: `auth` is the caller (the token's owner, or AnonymousUser
    for an anonymous read), `api_token` their token (None without one). A type for the checker."""

    auth: Any
    api_token: AccessToken | None


class TokenAuth(HttpBearer):
    """A personal access token carrying `scope`, or (for reading) no token at all."""

    openapi_scheme = "bearer"
    openapi_bearerFormat = "gw_…"

    def __init__(self, scope: str, *, anonymous: bool) -> None:
        super().__init__()
        self.scope = scope
        self.anonymous = anonymous

    def __call__(self, request: HttpRequest) -> Any:
        if "HTTP_AUTHORIZATION" not in request.META:
            count_request(request, token_id=None)
            if not self.anonymous:
                raise AuthenticationError
            request.api_token = None  # type: ignore[attr-defined]
            return AnonymousUser()
        return super().__call__(request) or _refuse()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = active_token(token)
        if found is None:
            raise AuthenticationError
        count_request(request, token_id=found.pk)
        if not found.allows(self.scope):
            raise InsufficientScope(self.scope)
        note_use(found)
        owner = found.owner
        limit_to_groups(owner, found)
        request.api_token = found  # type: ignore[attr-defined]
        request.user = owner
        return owner


def _refuse() -> Any:
    # HttpBearer answers None for a header that is not "Bearer <token>".
    raise AuthenticationError


def reads(kind: str) -> TokenAuth:
    """Reading `kind`: open to anonymous callers (public data), and tokens with kind:read."""
    return TokenAuth(f"{kind}:read", anonymous=True)


def writes(kind: str) -> TokenAuth:
    """Changing `kind`: tokens with kind:write only."""
    return TokenAuth(f"{kind}:write", anonymous=False)


def signed_reads(kind: str) -> TokenAuth:
    """Reading what only a signed-in member has (their own RSVPs): a token with kind:read."""
    return TokenAuth(f"{kind}:read", anonymous=False)


def active_token(secret: str) -> AccessToken | None:
    """The token whose secret this is, with its owner, unless revoked or expired (one query)."""
    # The hash is unique: no order, and the token's state is checked on the row (the same test
    # as the query's would be, for less of the ORM's work on every request).
    found = (
        AccessToken.objects.select_related("owner")
        .annotate(limited_to=Count("groups"))
        .filter(secret_hash=hash_secret(secret))
        .order_by()[:1]
    )
    for token in found:
        if token.is_active and token.owner.is_active:
            return token
    return None


def note_use(token: AccessToken) -> None:
    """Record when the token was last used, at most once a GROUNDWORK_API_LAST_USED_SECONDS.

    The page shows minutes, not requests: one UPDATE a minute per token instead of one per
    request keeps a busy integration from writing on every read.
    """
    now = timezone.now()
    every = timedelta(seconds=settings.GROUNDWORK_API_LAST_USED_SECONDS)
    if token.last_used_at is not None and now - token.last_used_at < every:
        return
    AccessToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - every)
    ).update(last_used_at=now)
    token.last_used_at = now


def limit_to_groups(owner, token: AccessToken) -> None:
    """Narrow the owner's roles to the token's groups, if it is limited to some."""
    if not getattr(token, "limited_to", 0):
        return
    limited = set(token.groups.values_list("pk", flat=True))
    roles = roles_of(owner)
    owner._groundwork_roles = {pk: role for pk, role in roles.items() if pk in limited}
    owner._groundwork_coordinator = False
