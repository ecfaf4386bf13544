"""Tokens and clients for the API's tests, with the verbs the tests speak in."""

from django.test import Client

from groundwork.api.actions import check_create_token
from groundwork.api.models.tokens import SCOPES

ALL_READ = [scope for scope in SCOPES if scope.endswith(":read")]
EVERYTHING = list(SCOPES)


def token_for(user, scopes=None, *, groups=(), expires_at=None) -> str:
    """A new token of `user` (every scope unless told), its secret."""
    _token, secret = check_create_token(
        user,
        name="Test token",
        scopes=EVERYTHING if scopes is None else scopes,
        groups=groups,
        expires_at=expires_at,
        acting_user=user,
    )
    return secret


def api_client(secret: str | None = None) -> Client:
    """A client that sends `secret` as its bearer token (none: anonymous)."""
    if secret is None:
        return Client()
    return Client(headers={"Authorization": f"Bearer {secret}"})


def world_tokens(cast: dict) -> tuple[dict, dict]:
    """For the permission matrix: ({who: token}, {who: secret}), every scope, each member's own."""
    from groundwork.api.models import AccessToken

    secrets = {who: token_for(user) for who, user in cast.items()}
    tokens = {who: AccessToken.objects.get(owner=user) for who, user in cast.items()}
    return tokens, secrets
