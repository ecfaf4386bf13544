"""Personal access tokens: created (shown once, stored hashed) and revoked by their owner."""

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.api.models import AccessToken
from groundwork.api.models.tokens import PREFIX_LENGTH, SCOPES, TOKEN_MARK, hash_secret
from groundwork.api.queries import groups_a_token_may_be_limited_to
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group
from groundwork.members.models import User


def new_secret() -> str:
    """A new token: the mark, then 256 random bits (43 URL-safe characters)."""
    return TOKEN_MARK + secrets.token_urlsafe(32)


@transaction.atomic
def check_create_token(
    owner: User,
    *,
    name: str,
    scopes: Iterable[str],
    groups: Iterable[Group] = (),
    expires_at: datetime | None = None,
    acting_user: User,
) -> tuple[AccessToken, str]:
    """Create a token for `owner`; return it with its secret, which is never stored or shown again.

    Refused: no scope or an unknown one; a write scope for an organiser or coordinator without
    two-factor (api.create_write_token); a group the owner does not organise; an expiry past.
    """
    scopes = sorted(set(scopes))
    if not scopes or not set(scopes) <= set(SCOPES):
        raise ActionError(_("Choose at least one scope."), field="scopes")
    if any(scope.endswith(":write") for scope in scopes) and not acting_user.has_perm(
        "api.create_write_token"
    ):
        raise ActionError(
            _(
                "Organisers and coordinators need two-factor authentication for a token that "
                "writes: set it up first, or choose read scopes only."
            ),
            field="scopes",
        )
    groups = list(groups)
    allowed = set(groups_a_token_may_be_limited_to(owner).values_list("pk", flat=True))
    if any(group.pk not in allowed for group in groups):
        raise ActionError(_("A token can be limited only to groups you organise."), field="groups")
    if expires_at is not None and expires_at <= timezone.now():
        raise ActionError(_("Choose an expiry in the future."), field="expires_at")
    secret = new_secret()
    token = AccessToken.objects.create(
        owner=owner,
        name=name.strip(),
        prefix=secret[len(TOKEN_MARK) : len(TOKEN_MARK) + PREFIX_LENGTH],
        secret_hash=hash_secret(secret),
        scopes=scopes,
        expires_at=expires_at,
    )
    token.groups.set(groups)
    record(
        actor=acting_user,
        verb="access_token.created",
        target=token,
        new={
            "name": token.name,
            "prefix": token.prefix,
            "scopes": scopes,
            "groups": sorted(group.pk for group in groups),
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return token, secret


@transaction.atomic
def do_revoke_token(token: AccessToken, *, acting_user: User) -> AccessToken:
    """Revoke the token: the next request that sends it is refused (401). Revoking twice is
    harmless and records nothing more."""
    token = AccessToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        actor=acting_user,
        verb="access_token.revoked",
        target=token,
        old={"revoked_at": None},
        new={"revoked_at": token.revoked_at.isoformat()},
    )
    return token
