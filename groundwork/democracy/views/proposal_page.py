"""A proposal's page, kept rendered for each kind of reader under a key of everything it shows.

With the discussion kept whole (templatetags/discussion.py), the rest of the page was most of a
long discussion's time: its seven permissions, two dozen phrases, ten addresses, the amendment
and comment forms and the proposal's text as markdown (bench/RESULTS.md). It is the same for
everyone who may do the same things with the proposal, so it is rendered once and kept under a
key of what it shows: the template's source, the language, the time zone, what the reader may do,
every column of the proposal read, of its group, the columns its proposer's name is made of, each
amendment (with its proposer's and its ballot's) and each vote on it, and the place of the page in
the discussion. Any change to any of these makes a new key, so the page is never served stale and
nothing has to be invalidated (the pattern of the discussion's comments).

What differs per reader is left out and put in per request: the CSRF field, each form's one-time
token (core.idempotency) and the discussion (kept on its own). Not kept: a page sent back with a
form's errors (it shows what the person wrote), and the page of those who may open the vote
(its forms propose a closing time a week from now, which moves with the clock).
"""

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from groundwork.core.fragments import digest, row_of, template_source
from groundwork.democracy.models import Proposal
from groundwork.democracy.templatetags.discussion import (
    CSRF_MARK,
    FORM_TOKEN_MARK,
    discussion,
    with_reader_tokens,
)

CONTENT_TEMPLATE = "democracy/_proposal.html"
# The templates the content includes whose output depends on no more than the key holds.
INCLUDED_TEMPLATES = ("democracy/_nav.html", "democracy/_discussion_pages.html")
TIMEOUT = 10 * 60  # seconds
# Where the discussion goes (a member's text is escaped, so it cannot contain this).
DISCUSSION_MARK = "<!--discussion-->"
# What the reader may do, as the content's template asks (its {% has_perm %} tags).
PERMISSIONS = (
    "democracy.edit_proposal",
    "democracy.withdraw_proposal",
    "democracy.support_proposal",
    "democracy.comment_proposal",
    "democracy.amend_proposal",
    "democracy.decide_amendment",
    "democracy.open_vote",
)


def content(request: HttpRequest, context: dict, *, keep: bool) -> SafeString:
    """The page's content for this reader: kept, or rendered (and kept if `keep`, the page
    being as everyone who may do what the reader may sees it)."""
    proposal: Proposal = context["proposal"]
    allowed = tuple(request.user.has_perm(name, proposal) for name in PERMISSIONS)
    can_open_vote = allowed[PERMISSIONS.index("democracy.open_vote")]
    key = (
        f"proposal-page:{digest(_shown(context, allowed))}" if keep and not can_open_vote else None
    )
    stored = cache.get(key) if key else None
    if stored is None:
        marks = {
            "csrf_token": mark_safe(CSRF_MARK),
            "form_token": mark_safe(FORM_TOKEN_MARK),
            "discussion_html": mark_safe(DISCUSSION_MARK),
            "user": request.user,
        }
        stored = render_to_string(CONTENT_TEMPLATE, context | marks)
        if key:
            cache.set(key, stored, TIMEOUT)
    csrf_token = get_token(request) if CSRF_MARK in stored else ""
    html = with_reader_tokens(stored, escape(csrf_token))
    if DISCUSSION_MARK in html:
        can_comment = allowed[PERMISSIONS.index("democracy.comment_proposal")]
        shown = discussion(
            Context(
                {
                    "can_comment": can_comment,
                    "csrf_token": csrf_token,
                    "reply_to": context.get("reply_to"),
                    "reply_form": context.get("reply_form"),
                }
            ),
            context["discussion"],
        )
        html = html.replace(DISCUSSION_MARK, shown, 1)
    # Escaped by the template that rendered it; the rest are tokens and the discussion's HTML.
    return mark_safe(html)  # noqa: S308


def _shown(context: dict, allowed: tuple) -> tuple:
    """Everything the content shows, for its key."""
    proposal: Proposal = context["proposal"]
    page = context["discussion"]
    return (
        template_source(CONTENT_TEMPLATE),
        *(template_source(name) for name in INCLUDED_TEMPLATES),
        get_language(),
        get_current_timezone_name(),
        allowed,
        row_of(proposal),
        row_of(proposal.group),
        _name_of(proposal.proposer),
        [
            (row_of(amendment), _name_of(amendment.proposer), _ballot_of(amendment))
            for amendment in context["amendments"]
        ],
        [row_of(ballot) for ballot in context["ballots"]],
        bool(page.rows),
        page.number,
        page.pages,
    )


def _name_of(person) -> tuple:
    return (person.pk, person.display_name, person.email, person.erased_at) if person else ()


def _ballot_of(amendment) -> int | None:
    ballot = getattr(amendment, "ballot", None)
    return ballot.pk if ballot else None
