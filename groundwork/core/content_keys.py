"""Cache keys made of what a rendered part shows, so that a change to any of it makes a new key and
nothing has to be invalidated (the pattern of `events/templatetags/event_cards.py`)."""

import functools
import hashlib
import operator
from collections.abc import Callable
from typing import cast

from django.db.models import Model
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template


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
