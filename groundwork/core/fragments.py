"""Public parts of pages, the same for everyone who sees them, built once and kept in the cache
until an action changes what they show.

A `Fragment` is kept under a version. The actions that change what it shows call `invalidate()`,
which gives it a new version once their transaction commits; a page that then asks for it finds
the stored copy under an old version and builds it again. So a change shows at the next request,
whichever process serves it (in production the cache is Redis, shared by every app server and
worker). A copy built from data read just before a commit is stored under the version read
before it too, so it can never be taken for the new one. The timeout only bounds how long a
change made outside the actions (a hand-edited row) can go unseen.

Only what is the same for every visitor belongs here, never what depends on who is asking. The
copy is kept per language, since the fragment's words are translated.

In the embedded default the cache is each process's own memory: the actions run in the web
process, which is the one that serves the pages, so there too a change shows at once.
"""

import functools
import hashlib
import operator
import uuid
from collections.abc import Callable
from typing import Any, cast

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template
from django.utils.translation import get_language

every_fragment: list["Fragment"] = []


class Fragment:
    """A public fragment named `name`, kept for up to `timeout` seconds between changes."""

    def __init__(self, name: str, *, timeout: int) -> None:
        self.name = name
        self.timeout = timeout
        self.version_key = f"groundwork:fragment:{name}:version"
        every_fragment.append(self)

    def key(self) -> str:
        return f"groundwork:fragment:{self.name}:{get_language() or '-'}"

    def get_or_build(self, build: Callable[[], Any]) -> Any:
        """The stored copy if it is of the current version, else `build()` (stored for the next
        request). One cache round trip when the copy is current."""
        key = self.key()
        found = cache.get_many([self.version_key, key])
        version = found.get(self.version_key)
        stored = found.get(key)
        if version is not None and stored is not None and stored[0] == version:
            return stored[1]
        if version is None:
            # First use, or the cache lost the version: start a new one (never reuse an old one).
            version = uuid.uuid4().hex
            if not cache.add(self.version_key, version, timeout=None):
                return build()  # another request started one at the same moment
        value = build()
        cache.set(key, (version, value), timeout=self.timeout)
        return value

    def invalidate(self) -> None:
        """Build the fragment afresh from the next request after the current transaction commits
        (at once outside a transaction)."""
        transaction.on_commit(self.forget, robust=True)

    def forget(self) -> None:
        """Start a new version now (a test starting afresh; `invalidate()` in actions)."""
        cache.set(self.version_key, uuid.uuid4().hex, timeout=None)


# Parts that are the same for everyone who may see them but depend on rows (a comment, a closed
# ballot's count) are kept under keys made of what they show instead: a change to any of it makes
# a new key, so nothing has to be invalidated (the pattern of events/templatetags/event_cards.py).


def digest(*parts: object) -> str:
    """A short digest of `parts` (their repr), for a cache key."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def row_of(instance: Model | None) -> tuple:
    """Every column of `instance` that was loaded (a deferred one would cost a query)."""
    if instance is None:
        return ()
    deferred = instance.get_deferred_fields()
    if not deferred:
        return _columns_of(type(instance))(instance)
    return tuple(
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in deferred
    )


@functools.cache
def _columns_of(model: type[Model]) -> Callable[[Model], tuple]:
    return operator.attrgetter(*(field.attname for field in model._meta.concrete_fields))


def template_source(name: str) -> str:
    """The source of the template `name` (a changed template must make new keys)."""
    # The Django template backend's wrapper: the only backend in settings.TEMPLATES.
    return cast(BackendTemplate, get_template(name)).template.source
