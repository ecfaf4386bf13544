"""The one way a view says who may reach it: the object the page is about, and the rule.

    @access("groups.manage_group", fetch=get_group)
    def edit(request, group): ...

- `fetch` loads the object the page is about. Its parameters are matched by name: `user` is the
  signed-in person (or AnonymousUser), every other parameter is taken from the URL's arguments, and
  the URL arguments it does not name go on to the view. It raises Http404 for a missing object, and
  a `get_<model>_for(user, ...)` fetch raises the same 404 for one the user may not see.
- `rule` names a django-rules permission, asked of (user, object), or of (user, None) when there
  is no fetch. A refusal answers 404, like a missing object, so a private page does not reveal that
  it exists.
- `signed_in` (the default) sends anonymous people to sign in first, before anything is fetched.
- When the rule refuses someone who would pass it with two-factor authentication (an organiser or
  a coordinator who has not set it up yet), they are sent to set it up, with the whole address they
  asked for (query string included) as `next`, encoded. The rule alone decides this: it is asked
  again with two-factor assumed (see `two_factor_assumed`), so no view or decorator restates who
  needs two-factor.

The API and federation use `check_access` directly, with the same rules.
"""

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

_TWO_FACTOR_ASSUMED: ContextVar[bool] = ContextVar("two_factor_assumed", default=False)

# Every view wrapped here carries this attribute: tests/test_access_layer.py checks that every
# route of the project declares its access this way, and how.
MARK = "groundwork_access"


@contextmanager
def two_factor_assumed() -> Iterator[None]:
    """Within the block, `members.rules.has_two_factor` answers yes for a signed-in person."""
    token = _TWO_FACTOR_ASSUMED.set(True)
    try:
        yield
    finally:
        _TWO_FACTOR_ASSUMED.reset(token)


def is_two_factor_assumed() -> bool:
    return _TWO_FACTOR_ASSUMED.get()


class TwoFactorRequired(Exception):
    """The rule would let the person in once they have set up two-factor authentication."""


def check_access(user, rule: str | None, target: Any = None) -> None:
    """Raise Http404 unless `user` passes `rule` on `target`; TwoFactorRequired if two-factor
    authentication is all they lack."""
    if rule is None or user.has_perm(rule, target):
        return
    if user.is_authenticated:
        with two_factor_assumed():
            would_pass = user.has_perm(rule, target)
        if would_pass:
            raise TwoFactorRequired
    raise Http404("No such page.")


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Send the person to set up two-factor authentication, then back to where they were."""
    messages.warning(
        request,
        _(
            "Set up two-factor authentication first: organisers and coordinators need it before "
            "they act as such."
        ),
    )
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('mfa_activate_totp')}?{query}")


def _url_parameters(fetch: Callable[..., Any]) -> tuple[str, ...]:
    names = tuple(inspect.signature(fetch).parameters)
    return tuple(name for name in names if name != "user")


def access(
    rule: str | None = None,
    *,
    fetch: Callable[..., Any] | None = None,
    signed_in: bool = True,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Declare what a view needs: sign-in, the object it is about (`fetch`), and a `rule`."""
    wants_user = fetch is not None and "user" in inspect.signature(fetch).parameters
    taken = _url_parameters(fetch) if fetch is not None else ()

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if signed_in and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = None
            if fetch is not None:
                arguments = {name: kwargs.pop(name) for name in taken}
                if wants_user:
                    arguments["user"] = request.user
                target = fetch(**arguments)
            try:
                check_access(request.user, rule, target)
            except TwoFactorRequired:
                return two_factor_setup(request)
            if fetch is not None:
                return view(request, target, *args, **kwargs)
            return view(request, *args, **kwargs)

        setattr(wrapper, MARK, {"rule": rule, "fetch": fetch, "signed_in": signed_in})
        return wrapper

    return decorate
