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

A fragment may come in parts, one per item (a group's page for each group): `invalidate(part)`
renews that part's version alone, `invalidate()` every part at once. A part whose content changes
with time alone (an event ends) is kept no later than the moment `fresh_until` names. A part may
be kept in variants, one for each kind of reader who may see more or less of it (a group's
visitors and its members): they share the part's version, so one `invalidate(part)` renews them
all, and a variant names a kind of reader, never a person.

In the embedded default the cache is each process's own memory: the actions run in the web
process, which is the one that serves the pages, so there too a change shows at once.
"""

import functools
import hashlib
import operator
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, cast

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.translation import get_language

every_fragment: list["Fragment"] = []


class Fragment:
    """A public fragment named `name`, kept for up to `timeout` seconds between changes."""

    def __init__(self, name: str, *, timeout: int) -> None:
        self.name = name
        self.timeout = timeout
        self.version_key = f"groundwork:fragment:{name}:version"
        every_fragment.append(self)

    def key(self, part: object = None, variant: str = "") -> str:
        suffix = "" if part is None else f":{part}"
        if variant:
            suffix += f":{variant}"
        return f"groundwork:fragment:{self.name}{suffix}:{get_language() or '-'}"

    def part_version_key(self, part: object) -> str:
        return f"groundwork:fragment:{self.name}:{part}:version"

    def get_or_build(
        self,
        build: Callable[[], Any],
        *,
        part: object = None,
        variant: str = "",
        fresh_until: Callable[[Any], datetime | None] | None = None,
    ) -> Any:
        """The stored copy (of `part`, in `variant`) if it is of the current version, else
        `build()` (stored for the next request, until `fresh_until(value)` at the latest). One
        cache round trip when the copy is current."""
        version_keys = [self.version_key]
        if part is not None:
            version_keys.append(self.part_version_key(part))
        key = self.key(part, variant)
        found = cache.get_many([*version_keys, key])
        versions = [found.get(version_key) for version_key in version_keys]
        stored = found.get(key)
        if None not in versions and stored is not None and stored[0] == versions:
            return stored[1]
        for index, version_key in enumerate(version_keys):
            if versions[index] is None:
                # First use, or the cache lost the version: start a new one (never reuse one).
                versions[index] = uuid.uuid4().hex
                if not cache.add(version_key, versions[index], timeout=None):
                    return build()  # another request started one at the same moment
        value = build()
        timeout = self.timeout
        until = fresh_until(value) if fresh_until else None
        if until is not None:
            # Whole seconds, rounded down: the copy goes a little early, never late.
            timeout = min(timeout, int((until - timezone.now()).total_seconds()))
        if timeout > 0:
            cache.set(key, (versions, value), timeout=timeout)
        return value

    def invalidate(self, part: object = None) -> None:
        """Build the fragment (only `part` of it, if given) afresh from the next request after
        the current transaction commits (at once outside a transaction)."""
        transaction.on_commit(functools.partial(self.forget, part), robust=True)

    def forget(self, part: object = None) -> None:
        """Start a new version now (a test starting afresh; `invalidate()` in actions)."""
        version_key = self.version_key if part is None else self.part_version_key(part)
        cache.set(version_key, uuid.uuid4().hex, timeout=None)


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


def draw_sections(
    shown: Iterable[tuple[str, dict[str, Any]] | None],
) -> tuple[str, datetime | None]:
    """The HTML of the sections a page's hooks gave, (template, context) or None each, drawn with
    only `section` in their context (so the result is the same for everyone it is built for), and
    the first moment one of them says it changes by time alone (`changes_at`)."""
    html, changes_at = [], None
    for section in shown:
        if not section:
            continue
        template, context = section
        html.append(render_to_string(template, {"section": context}))
        moment = context.get("changes_at")
        if moment is not None and (changes_at is None or moment < changes_at):
            changes_at = moment
    return "".join(html), changes_at
