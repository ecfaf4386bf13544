"""Groundwork's own system checks: what production needs that Django's checks cannot know."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

# Caches whose counts each process keeps to itself, or cannot increment atomically: a rate limit
# counted in one lets every app server process allow the whole rate.
UNSHARED_CACHES = {
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def rate_limits_need_a_shared_cache(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Production counts rate limits in a cache that every process shares (Redis)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in UNSHARED_CACHES:
        return []
    return [
        checks.Warning(
            f"Rate limits are counted in the default cache, {backend}, which the app server "
            "processes do not share: each process allows the whole rate.",
            hint="Set REDIS_URL (see .env.example).",
            id="core.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def two_factor_secrets_need_their_own_key(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Production seals two-factor secrets with a key of its own, not one derived from
    SECRET_KEY (rotating SECRET_KEY would then lock every organiser out)."""
    if settings.GROUNDWORK_MFA_KEYS:
        return []
    return [
        checks.Warning(
            "Two-factor secrets are sealed with a key derived from SECRET_KEY.",
            hint="Set MFA_ENCRYPTION_KEYS (see .env.example) before SECRET_KEY is ever rotated.",
            id="core.W002",
        )
    ]
