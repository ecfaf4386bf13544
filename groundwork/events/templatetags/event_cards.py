"""The event list's cards, each rendered once and then kept in the cache under a key that changes
whenever anything the card shows could have changed.

Rendering 25 cards with the template language was half of the event list's time at national scale
(bench/RESULTS.md). A card is keyed on a digest of its template's source and of every loaded column
of the event and of its group: an edit, a cancellation, an RSVP (the counts are columns), a renamed
group or a changed template makes a new key, so a card is never served stale and nothing has to
be invalidated. What the key cannot see (a label changed in the code, the date formatting of
`event_when`) shows within `CARD_TIMEOUT` of a deploy.

Django's `{% cache %}` tag would do the same with one cache round trip per card, 25 a page on
Redis; this fetches the page's cards with one `get_many` and stores the missing ones with one
`set_many`. The cards hold what every visitor who may see the event sees: no names, only counts.
"""

import functools
import hashlib
import operator
from collections.abc import Callable
from typing import cast

from django import template
from django.core.cache import cache
from django.db.models import Model
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

CARD_TEMPLATE = "events/_event_card.html"
CARD_TIMEOUT = 10 * 60  # seconds


@register.simple_tag
def event_cards(events, level: int = 2) -> SafeString:
    """The cards of `events` (each an `<li>`), with the event titles as headings of `level`."""
    events = list(events)
    if not events:
        return mark_safe("")
    card = get_template(CARD_TEMPLATE)
    # The Django template backend's wrapper (the only backend in settings.TEMPLATES). The
    # language is in the key: a card rendered in Welsh must never reach an English reader.
    template_digest = _digest(cast(BackendTemplate, card).template.source, get_language())
    keys = {
        event.pk: f"event-card:{_digest(template_digest, level, _row(event), _row(event.group))}"
        for event in events
    }
    cached = cache.get_many(keys.values())
    rendered = {}
    for event in events:
        key = keys[event.pk]
        if key not in cached:
            rendered[key] = card.render({"event": event, "level": level})
    if rendered:
        cache.set_many(rendered, CARD_TIMEOUT)
    cached |= rendered
    # Each card was escaped by the template that rendered it.
    return mark_safe("".join(cached[keys[event.pk]] for event in events))  # noqa: S308


def _row(instance: Model | None) -> tuple:
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
    """A fast reader of all the model's columns (a page reads 50 rows' worth for its keys)."""
    return operator.attrgetter(*(field.attname for field in model._meta.concrete_fields))


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
