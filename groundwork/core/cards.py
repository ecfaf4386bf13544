"""The cards of a long list (upcoming events, the library), each rendered once and then kept in the
cache under a key that changes whenever anything the card shows could have changed.

Rendering 20-25 cards with the template language was half of such a page's time at national scale
(bench/RESULTS.md). A card is keyed on a digest of its template's source, of the language, of every
loaded column of its object and of the related rows it shows (an event's group, a resource's
group): an edit, a cancellation, an RSVP (the counts are columns), a renamed group or a changed
template makes a new key, so a card is never served stale and nothing has to be invalidated. What
the key cannot see (a label changed in the code, a date format) shows within `CARD_TIMEOUT` of a
deploy.

Django's `{% cache %}` tag would do the same with one cache round trip per card, 20 a page on
Redis; this fetches the page's cards with one `get_many` and stores the missing ones with one
`set_many`. A card holds only what everyone who may see its object sees (no names of people, no
answer of the reader's own): which objects a reader gets cards for is decided by the list's query,
and a key can only be asked for by someone who has the object's every column in hand.
"""

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Model
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from groundwork.core.fragments import digest, row_of

CARD_TIMEOUT = 10 * 60  # seconds


def cached_cards(
    template_name: str,
    objects: Iterable[Model],
    *,
    name: str,
    related: Sequence[str] = (),
    context: dict[str, Any] | None = None,
) -> SafeString:
    """The cards of `objects`, each rendered by `template_name` with the object as `name` (and
    `context`), keyed on the object's columns and those of its `related` rows (the names of
    foreign keys the card shows, already selected)."""
    objects = list(objects)
    if not objects:
        return mark_safe("")
    card = get_template(template_name)
    context = context or {}
    # The Django template backend's wrapper (the only backend in settings.TEMPLATES). The
    # language is in the key: a card rendered in Welsh must never reach an English reader.
    template_digest = digest(
        template_name,
        cast(BackendTemplate, card).template.source,
        get_language(),
        sorted(context.items()),
    )
    keys = [
        "card:"
        + digest(
            template_digest,
            _row(instance),
            *(_row(getattr(instance, field)) for field in related),
        )
        for instance in objects
    ]
    cached = cache.get_many(keys)
    rendered = {}
    for instance, key in zip(objects, keys, strict=True):
        if key not in cached and key not in rendered:
            rendered[key] = card.render({name: instance, **context})
    if rendered:
        cache.set_many(rendered, CARD_TIMEOUT)
    cached |= rendered
    # Each card was escaped by the template that rendered it.
    return mark_safe("".join(cached[key] for key in keys))  # noqa: S308


def _row(instance: Model | None) -> tuple:
    """The model's name and every loaded column of `instance` (nothing for None)."""
    return () if instance is None else (type(instance).__name__, *row_of(instance))
