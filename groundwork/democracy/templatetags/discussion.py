"""A proposal's discussion, and the cards of a list of proposals: each comment or card rendered once and then kept in the cache under a key that
changes whenever anything the comment shows could have changed.

Rendering a hundred comments (each with its reply form) with the template language was nine
tenths of a long discussion's page (bench/RESULTS.md). A comment is keyed on a digest of its
template's source, the language, the time zone, whether the reader may reply, every column of the
comment and the columns its author's name is made of: an edited or moved comment, a renamed or
erased author or a changed template makes a new key, so a comment is never served stale and
nothing has to be invalidated (a deleted comment is simply not asked for). The pattern is the event
list's cards (`events/templatetags/event_cards.py`).

A page of the discussion is kept whole too, under a key of the same columns of each of its
comments as `queries.discussion_page` reads them without building a row (the text as a digest the
database makes): a page read again costs that one query and one cache read, and builds no comment.

What differs per reader is left out of the stored copy and put in per request: the CSRF token of
each reply form and its one-time form token (each form gets its own, see core.idempotency). The
stored copy carries HTML comments in their places; text a member wrote is escaped before it is
stored, so it can never contain them. A reply sent back with an error is rendered afresh, with
what the person wrote. The stored copy holds what everyone who may see the proposal sees.
"""

from collections.abc import Iterator

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from groundwork.core.fragments import digest, row_of, template_source
from groundwork.core.idempotency import token_field
from groundwork.democracy.models import Comment, Proposal
from groundwork.democracy.queries import DiscussionPage

register = template.Library()

COMMENT_TEMPLATE = "democracy/_comment.html"
COMMENT_TIMEOUT = 10 * 60  # seconds
# Markers a member's text cannot contain once escaped (no bare "<" survives escaping).
CSRF_MARK = "<!--csrf-token-->"
FORM_TOKEN_MARK = "<!--form-token-->"
COMMENT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "proposal_id",
    "parent_id",
    "author_id",
    "body",
)
AUTHOR_COLUMNS = ("display_name", "email", "erased_at")


@register.simple_tag(takes_context=True)
def discussion(context: template.Context, page: DiscussionPage) -> SafeString:
    """A page of the discussion (`queries.discussion_page`), each thread an `<li>`: kept whole
    under a key of what it shows of each comment, so a page read again costs one cache read and
    builds no comment; a reply sent back with an error is rendered afresh (`comment_tree`)."""
    if context.get("reply_to"):
        return comment_tree(context, page.threads)
    can_comment = bool(context.get("can_comment"))
    key = f"discussion:{digest(_prefix(can_comment), page.rows)}"
    stored = cache.get(key)
    if stored is None:
        pieces = _stored_comments(page.threads, can_comment)
        stored = "".join(_items(page.threads, lambda comment: pieces[comment.pk]))
        cache.set(key, stored, COMMENT_TIMEOUT)
    # Escaped by the template that rendered each comment; the rest are numbers and markers.
    return mark_safe(with_reader_tokens(stored, escape(context.get("csrf_token") or "")))  # noqa: S308


@register.simple_tag(takes_context=True)
def comment_tree(context: template.Context, comments: list[Comment]) -> SafeString:
    """The comments (each an `<li>`, its replies in an `<ol>` inside it), as
    `queries.discussion_page` arranges them; reply forms if the page's `can_comment` is true;
    the comment `reply_to` with the reply sent back with an error."""
    every = list(_walk(comments))
    if not every:
        return mark_safe("")
    can_comment = bool(context.get("can_comment"))
    reply_to = context.get("reply_to")
    pieces = _stored_comments([c for c in every if c.pk != reply_to], can_comment, walk=False)
    csrf_token = escape(context.get("csrf_token") or "")

    def article(comment: Comment) -> str:
        if comment.pk == reply_to:  # the reply sent back with an error, as it was written
            return get_template(COMMENT_TEMPLATE).render(
                {
                    "comment": comment,
                    "can_comment": can_comment,
                    "csrf_token": context.get("csrf_token"),
                    "reply_to": reply_to,
                    "reply_form": context.get("reply_form"),
                }
            )
        return with_reader_tokens(pieces[comment.pk], csrf_token)

    # Each stored piece was escaped by the template that rendered it; the rest are numbers.
    return mark_safe("".join(_items(comments, article)))  # noqa: S308


def _prefix(can_comment: bool) -> tuple:
    return (
        template_source(COMMENT_TEMPLATE),
        get_language(),
        get_current_timezone_name(),
        can_comment,
    )


def _stored_comments(comments: list[Comment], can_comment: bool, walk: bool = True) -> dict:
    """Each comment (and with `walk` its replies) rendered as everyone who may see it sees it,
    with markers for the reader's tokens: from the cache, or rendered and kept."""
    every = list(_walk(comments)) if walk else comments
    comment_template = get_template(COMMENT_TEMPLATE)
    prefix = _prefix(can_comment)
    keys = {comment.pk: f"comment:{digest(prefix, _row(comment))}" for comment in every}
    stored = cache.get_many(keys.values())
    made = {}
    for comment in every:
        if keys[comment.pk] not in stored:
            made[keys[comment.pk]] = comment_template.render(
                {
                    "comment": comment,
                    "can_comment": can_comment,
                    "csrf_token": mark_safe(CSRF_MARK),
                    "reply_token": mark_safe(FORM_TOKEN_MARK),
                }
            )
    if made:
        cache.set_many(made, COMMENT_TIMEOUT)
    stored |= made
    return {comment.pk: stored[keys[comment.pk]] for comment in every}


def with_reader_tokens(html: str, csrf_token: str) -> str:
    """The stored HTML with the reader's CSRF token, and one new token for each form (as
    {% form_token %} gives)."""
    html = html.replace(CSRF_MARK, csrf_token)
    if FORM_TOKEN_MARK not in html:
        return html
    pieces = html.split(FORM_TOKEN_MARK)
    return "".join(
        piece + (token_field() if number < len(pieces) - 1 else "")
        for number, piece in enumerate(pieces)
    )


def _walk(comments: list[Comment]) -> Iterator[Comment]:
    for comment in comments:
        yield comment
        yield from _walk(comment.children)


def _items(comments: list[Comment], article) -> Iterator[str]:
    for comment in comments:
        yield f'<li class="comment" id="comment-{int(comment.pk)}">'
        yield article(comment)
        if comment.children:
            yield '<ol class="comments replies">'
            yield from _items(comment.children, article)
            yield "</ol>"
        yield "</li>"


def _row(comment: Comment) -> tuple:
    """The comment's columns and its author's name's (a former member's: none)."""
    return (
        tuple(getattr(comment, column) for column in COMMENT_COLUMNS),
        _name_columns(comment.author),
    )


def _name_columns(person) -> tuple | None:
    """What a member's shown name is made of (`User.name`); None for a former member's row."""
    return tuple(getattr(person, column) for column in AUTHOR_COLUMNS) if person else None


CARD_TEMPLATE = "democracy/_proposal_card.html"


@register.simple_tag
def proposal_cards(proposals: list[Proposal]) -> SafeString:
    """The cards of a page of proposals (each an `<li>`), kept like the comments: under a key of
    the proposal's columns that the list loads and its proposer's name."""
    proposals = list(proposals)
    if not proposals:
        return mark_safe("")
    card = get_template(CARD_TEMPLATE)
    prefix = (template_source(CARD_TEMPLATE), get_language(), get_current_timezone_name())
    keys = {
        proposal.pk: "proposal-card:"
        + digest(prefix, row_of(proposal), _name_columns(proposal.proposer))
        for proposal in proposals
    }
    stored = cache.get_many(keys.values())
    made = {}
    for proposal in proposals:
        if keys[proposal.pk] not in stored:
            made[keys[proposal.pk]] = card.render({"proposal": proposal})
    if made:
        cache.set_many(made, COMMENT_TIMEOUT)
    stored |= made
    # Each card was escaped by the template that rendered it.
    return mark_safe("".join(stored[keys[proposal.pk]] for proposal in proposals))  # noqa: S308
