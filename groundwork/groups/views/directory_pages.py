"""The directory's pages: when nothing was searched, the same for every visitor, kept in the cache
(`queries.GROUP_DIRECTORY`, a part per page number) until a group or a member count changes; a
search's page read by the ids of its groups and how many match, found in one query."""

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


def searched_page(search: str, number: str | None) -> tuple[Page, SafeString]:
    """Page `number` of the groups matching `search` (the page Paginator.get_page chooses for
    `number`), and its cards. The page's ids and how many groups match come from one scan of
    the groups (`queries.directory_page`); a page past the end, or below 1, costs one more."""
    wanted = _page_number(number)
    ids, count = queries.directory_page(search, number=wanted, per_page=PER_PAGE)
    # A page of the numbers 0…count-1 answers what the template asks of it without the rows.
    page = Paginator(range(count), PER_PAGE).get_page(number)
    if page.number != wanted:
        ids, count = queries.directory_page(search, number=page.number, per_page=PER_PAGE)
    groups = list(queries.directory().filter(pk__in=ids)) if ids else []
    page.object_list = groups  # type: ignore[assignment]
    return page, group_cards(groups)


def _page_number(number: str | None) -> int:
    """`number` as a page number, 1 when it is not a whole number (as Paginator reads it)."""
    try:
        return max(int(number), 1)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1
