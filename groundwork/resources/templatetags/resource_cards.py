"""The library's cards, each rendered once and then kept in the cache (see core.cards): an edit, a
fork (the count of groups using it is a column), a retag or a renamed group makes a new key, so a
card is never served stale. A card shows only the resource itself, to those the library's query
already lets see it."""

from django import template
from django.utils.safestring import SafeString

from groundwork.core.cards import cached_cards

register = template.Library()

CARD_TEMPLATE = "resources/_resource_card.html"


@register.simple_tag
def resource_cards(resources) -> SafeString:
    """The cards of `resources` (each an `<li>`)."""
    return cached_cards(CARD_TEMPLATE, resources, name="resource", related=("group",))
