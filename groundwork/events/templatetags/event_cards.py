"""The event list's cards, each rendered once and then kept in the cache (see core.cards): an edit,
a cancellation, an RSVP (the counts are columns) or a renamed group makes a new key, so a card is
never served stale. The cards hold what every visitor who may see the event sees: no names, only
counts."""

from django import template
from django.utils.safestring import SafeString

from groundwork.core.cards import cached_cards

register = template.Library()

CARD_TEMPLATE = "events/_event_card.html"


@register.simple_tag
def event_cards(events, level: int = 2) -> SafeString:
    """The cards of `events` (each an `<li>`), with the event titles as headings of `level`."""
    return cached_cards(
        CARD_TEMPLATE, events, name="event", related=("group",), context={"level": level}
    )
