"""A proposal's discussion, and the cards of a list of proposals: each comment or card rendered once and then kept in the cache under a key that
changes whenever anything the comment shows could have changed.

Rendering a hundred comments (each with its reply form) with the template language was nine
tenths of a long discussion's page (bench/RESULTS.md). A comment is keyed on a digest of its
template's source, the language, the time zone, whether the reader may reply, every column of the
comment and the columns its author's name is made of: an edited or moved comment, a renamed or
erased author or a changed template makes a new key, so a comment is never served stale and
nothing has to be invalidated (a deleted comment is simply not asked for). The pattern is the event
list's cards (`events/templatetags/event_cards.py`).

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
def comment_tree(context: template.Context, comments: list[Comment]) -> SafeString:
    """The comments (each an `<li>`, its replies in an `<ol>` inside it), as
    `queries.discussion_page` arranges them; reply forms if the page's `can_comment` is true."""
    every = list(_walk(comments))
    if not every:
        return mark_safe("")
    can_comment = bool(context.get("can_comment"))
    reply_to = context.get("reply_to")
    comment_template = get_template(COMMENT_TEMPLATE)
    prefix = (
        template_source(COMMENT_TEMPLATE),
        get_language(),
        get_current_timezone_name(),
        can_comment,
    )
    keys = {comment.pk: f"comment:{digest(prefix, _row(comment))}" for comment in every}
    stored = cache.get_many(keys.values())
    made = {}
    for comment in every:
        key = keys[comment.pk]
        if key not in stored and comment.pk != reply_to:
            made[key] = comment_template.render(
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
    csrf_token = escape(context.get("csrf_token") or "")

    def article(comment: Comment) -> str:
        if comment.pk == reply_to:  # the reply sent back with an error, as it was written
            return comment_template.render(
                {
                    "comment": comment,
                    "can_comment": can_comment,
                    "csrf_token": context.get("csrf_token"),
                    "reply_to": reply_to,
                    "reply_form": context.get("reply_form"),
                }
            )
        html = stored[keys[comment.pk]].replace(CSRF_MARK, csrf_token)
        if FORM_TOKEN_MARK not in html:
            return html
        # One new token for each form, as {% form_token %} gives.
        pieces = html.split(FORM_TOKEN_MARK)
        return "".join(
            piece + (token_field() if number < len(pieces) - 1 else "")
            for number, piece in enumerate(pieces)
        )

    # Each stored piece was escaped by the template that rendered it; the rest are numbers.
    return mark_safe("".join(_items(comments, article)))  # noqa: S308


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
