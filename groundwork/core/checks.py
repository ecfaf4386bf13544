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
