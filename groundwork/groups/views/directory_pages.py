"""The directory's pages when nothing was searched, the same for every visitor, kept in the cache
(`queries.GROUP_DIRECTORY`, a part per page number) until a group or a member count changes."""

from django.core.paginator import Page, Paginator
from django.utils.safestring import SafeString, mark_safe

from groundwork.groups import queries
from groundwork.groups.templatetags.group_cards import group_cards

PER_PAGE = 25


def unsearched_page(number: str | None) -> tuple[Page, SafeString]:
    """Page `number` of every group by name, and its cards: from the cache when nothing changed
    since it was built, else three queries."""
    wanted = number or "1"
    if not (wanted.isdigit() and len(wanted) <= 4):
        # Nonsense is shown as Paginator shows it, and never fills the cache with keys.
        return _page_and_cards(number)
    count, shown, cards = queries.GROUP_DIRECTORY.get_or_build(
        lambda: _built(wanted), part=int(wanted)
    )
    # A page of the numbers 0…count-1 answers what the template asks of it (its number, the
    # pages before and after, whether it has rows) without the rows themselves.
    page = Paginator(range(count), PER_PAGE).get_page(shown)
    return page, mark_safe(cards)  # noqa: S308 (escaped by group_cards)


def _page_and_cards(number: str | None) -> tuple[Page, SafeString]:
    page = Paginator(queries.directory(), PER_PAGE).get_page(number)
    return page, group_cards(page.object_list)


def _built(number: str) -> tuple[int, int, str]:
    page, cards = _page_and_cards(number)
    return page.paginator.count, page.number, str(cards)
