"""Create forms save once: a double click, a form sent again, or two requests at once make one object.

Each create form carries a random one-time token (`{% form_token %}` in the template, one line),
and its view is wrapped in `@idempotent` (one line, under `@access`):

    @access("events.add_event", fetch=get_group)
    @idempotent
    def create_group_event(request, group): ...

Where the rule of `@access` depends on what the action changes (opening a proposal's vote), the
decorator goes above `@access`, so that the second submission is answered before the rule refuses.

A POST with a token claims it in the database, in the same transaction as the view's work. The
unique constraint on the token makes the claim atomic: a second submission of the same form finds
it claimed (on PostgreSQL a concurrent one waits until the first commits, then finds it) and is
sent to what the first one saved, with a message, instead of creating again. The view counts as
having saved something when it answers with a redirect and has queued no error message; any other
answer (the form again with its errors, a refusal) gives the token back, so the corrected form can
be sent. If the view fails, the claim is rolled back with its work.

A POST without a token (a script, a page rendered before this existed) is served as before: the
token protects people from their browser and their network, it is not a permission. Forms sent by
someone signed out are keyed by the token alone (it is random, 128 bits, and each page gets its
own, as the CSRF token already forbids a shared cache of pages with forms).

No library was used: django-idempotency-key, the one maintained package for Django, reads an
`Idempotency-Key` header (which an HTML form cannot send without JavaScript) and replays a cached
response, which would show the first submission's page, messages included, rather than what it saved.
"""

import re
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from groundwork.core.models import SubmissionToken

FIELD = "form_token"
# Long enough for a form sent again after a browser restores its tabs over a weekend.
RETENTION = timedelta(days=7)
# Every view wrapped here carries this attribute: tests/test_double_submit.py checks that every
# create form of the project is.
MARK = "groundwork_idempotent"
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(16)


def token_field() -> SafeString:
    """The hidden field that carries a new token; each rendering of a form gets its own."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


def posted_token(request: HttpRequest) -> str | None:
    """The form's token, if the request is a POST that carries a well-formed one."""
    if request.method != "POST":
        return None
    token = request.POST.get(FIELD, "")
    return token if _TOKEN_SHAPE.fullmatch(token) else None


def idempotent(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Let each submission of a create form save at most once (see the module's docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        token = posted_token(request)
        if token is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            claim = _claim(request, token)
            if claim is None:
                return _already_saved(request, token)
            errors_before = _queued_errors(request)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and _queued_errors(request) == errors_before:
                claim.result_url = response["Location"]
                claim.save(update_fields=["result_url"])
                transaction.on_commit(forget_expired_tokens)
            else:
                claim.delete()
            return response

    setattr(wrapper, MARK, True)
    return wrapper


def _claim(request: HttpRequest, token: str) -> SubmissionToken | None:
    """The new claim on `token`, or None if a submission has claimed it already."""
    user = request.user if request.user.is_authenticated else None
    try:
        with transaction.atomic():
            return SubmissionToken.objects.create(token=token, user=user, path=request.path)
    except IntegrityError:
        return None


def _already_saved(request: HttpRequest, token: str) -> HttpResponseBase:
    """Send the person to what the first submission of the form saved."""
    earlier = SubmissionToken.objects.filter(token=token).first()
    user_id = request.user.pk if request.user.is_authenticated else None
    if earlier is None or earlier.user_id != user_id or not earlier.result_url:
        # A token copied from someone else's page does not show what that person saved.
        messages.info(request, _("This form had already been sent, so nothing new was saved."))
        back = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
        return redirect(back if safe else "/")
    messages.info(
        request,
        _(
            "This form had already been sent, so nothing new was saved: here is what it saved. "
            "To add another, open the form again."
        ),
    )
    return redirect(earlier.result_url)


def _queued_errors(request: HttpRequest) -> int:
    # A view that refuses with messages.error and a redirect has saved nothing.
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return sum(1 for message in queued if message.level >= messages.ERROR)


def forget_expired_tokens() -> int:
    """Delete the tokens older than RETENTION; the number deleted."""
    cutoff = timezone.now() - RETENTION
    deleted, _by_model = SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
    return deleted
