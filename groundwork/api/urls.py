"""The token pages (/account/tokens/), a group's webhook pages (/groups/<slug>/webhooks/) and the
REST API's routes (/api/v1/, mounted in config/urls.py)."""

import inspect
from functools import update_wrapper
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path, register_converter, reverse
from django.views.decorators.csrf import csrf_exempt

from groundwork.api import errors
from groundwork.api.api import api
from groundwork.api.views import tokens, webhooks
from groundwork.core.access import MARK, access

app_name = "api"


class AnythingConverter:
    """Any rest of an address, line breaks included (`path` stops at one)."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AnythingConverter, "anything")

urlpatterns = [
    path("account/tokens/", tokens.token_list, name="tokens"),
    path("account/tokens/new/", tokens.create_token, name="create_token"),
    path("account/tokens/<int:pk>/created/", tokens.token_created, name="token_created"),
    path("account/tokens/<int:pk>/revoke/", tokens.revoke_token, name="revoke_token"),
    path("groups/<slug:slug>/webhooks/", webhooks.webhooks, name="webhooks"),
    path("groups/<slug:slug>/webhooks/new/", webhooks.add_webhook, name="add_webhook"),
    path("groups/<slug:slug>/webhooks/<int:pk>/", webhooks.webhook, name="webhook"),
    path("groups/<slug:slug>/webhooks/<int:pk>/edit/", webhooks.edit_webhook, name="edit_webhook"),
    path(
        "groups/<slug:slug>/webhooks/<int:pk>/disable/",
        webhooks.disable_webhook,
        name="disable_webhook",
    ),
    path(
        "groups/<slug:slug>/webhooks/<int:pk>/enable/",
        webhooks.enable_webhook,
        name="enable_webhook",
    ),
    path("groups/<slug:slug>/webhooks/<int:pk>/test/", webhooks.test_webhook, name="test_webhook"),
]


@csrf_exempt  # no cookie is read under /api/v1/: nothing to forge
@access(signed_in=False)
def index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """/api/v1/: where the docs and the schema are."""
    if request.method not in ("GET", "HEAD"):
        return errors.as_problem(request, HttpResponseNotAllowed(["GET"]))
    return JsonResponse(
        {
            "docs": request.build_absolute_uri(reverse("api_v1:openapi-view")),
            "openapi": request.build_absolute_uri(reverse("api_v1:openapi-json")),
        }
    )


def scopes_of(callback: Any) -> dict[str, str | None]:
    """{method: scope} of the operations behind one of ninja's routes (None: no token needed)."""
    try:
        path_view = inspect.getclosurevars(callback).nonlocals.get("self")
    except TypeError:  # the schema and the docs page: functools.partial, no operations
        return {}
    found: dict[str, str | None] = {}
    for operation in getattr(path_view, "operations", []):
        scope = (
            getattr(operation.auth_callbacks[0], "scope", "") if operation.auth_callbacks else None
        )
        for method in operation.methods:
            found[method] = scope
    return found


def _declared(pattern: URLPattern) -> URLPattern:
    """The route with its access declared for tests/test_access_layer.py (the endpoints' `auth`
    names the scope; each endpoint asks the rules with check_access) and 405 as a problem."""
    view = pattern.callback
    if pattern.name == "api-root":
        return path(str(pattern.pattern), index, name=pattern.name)

    def declared(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = errors.nul_in_query(request)
        if refused is not None:
            return refused
        return errors.as_problem(request, view(request, *args, **kwargs))

    update_wrapper(declared, getattr(view, "func", view))  # the schema's views are partials
    declared.csrf_exempt = True  # type: ignore[attr-defined]  # tokens are not cookies
    scopes = scopes_of(view)
    setattr(declared, MARK, {"rule": None, "fetch": None, "signed_in": False, "api": scopes})
    return path(str(pattern.pattern), declared, name=pattern.name)


def api_v1_urls() -> tuple[list, str, str]:
    """The API's routes, each declared, and a problem (404) for any other address under it."""
    patterns, _app, namespace = api.urls
    declared = [_declared(pattern) for pattern in patterns if isinstance(pattern, URLPattern)]
    missing = csrf_exempt(access(signed_in=False)(errors.not_found_view))
    declared.append(path("<anything:rest>", missing, name="not_found"))
    return declared, namespace, namespace
