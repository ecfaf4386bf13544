"""Personal access tokens: a member's key to the API, with scopes and an optional limit to groups."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.groups.models import Group

# The kinds of resource a token's scopes name, each read or write ("events:read").
KINDS = (
    "groups",
    "events",
    "campaigns",
    "democracy",
    "resources",
    "learning",
    "accountability",
    "outcomes",
    "people",
)
ACCESS = ("read", "write")
# The kinds the API can change (`backends.writes(kind)`): RSVPs and signatures. A write scope for
# any other kind would promise what no endpoint does, so it is not offered (a test keeps the two
# lists together).
WRITABLE_KINDS = ("events", "campaigns")
SCOPES = tuple(f"{kind}:read" for kind in KINDS) + tuple(f"{kind}:write" for kind in WRITABLE_KINDS)
# What a token begins with: tells a Groundwork token from others (secret scanners), then the
# lookup prefix shown on the tokens page, then the secret.
TOKEN_MARK = "gw_"
PREFIX_LENGTH = 8


def hash_secret(secret: str) -> str:
    """The SHA-256 of a whole token, as stored.

    A token carries 256 bits from `secrets`, so nobody can guess it from its hash, and a slow
    password hash (which protects low-entropy passwords) would cost every API request ~100 ms
    for no gain.
    """
    return hashlib.sha256(secret.encode()).hexdigest()


class AccessToken(models.Model):
    """A personal access token; the secret is shown once, only its hash is kept."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters after the mark, shown on the tokens page to tell tokens apart.
    prefix = models.CharField(max_length=PREFIX_LENGTH)
    secret_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    # Empty: every group the owner may see; otherwise only these (each organised by the owner).
    groups = models.ManyToManyField(Group, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_MARK}{self.prefix}…)"

    @property
    def is_active(self) -> bool:
        """Neither revoked nor past its expiry."""
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def allows(self, scope: str) -> bool:
        """True if the token carries `scope`; write implies read of the same kind."""
        kind, _colon, access = scope.partition(":")
        return scope in self.scopes or (access == "read" and f"{kind}:write" in self.scopes)

    @property
    def has_write_scope(self) -> bool:
        return any(scope.endswith(":write") for scope in self.scopes)
