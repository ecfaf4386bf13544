"""The REST API at /api/v1/ (django-ninja): one module of endpoints per kind of resource.

Each module makes a `router = Router(tags=[...])` and its endpoints; `build_api` mounts them. An
endpoint reads through the app's queries, asks the app's rules with `check_access`, and changes
things through the app's actions, exactly as the page does; its `auth` names the scope it needs
(`backends.reads/writes`), its list answers a cursor page (`pagination.paginate`), and every error
is a problem (`errors.py`). The steps to add a module are in the message of the commit that
starts "api foundation:".
"""

from typing import Any

from django.http import HttpRequest
from django.template.response import TemplateResponse
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from groundwork.api import errors
from groundwork.api.api import (
    accountability,
    campaigns,
    democracy,
    events,
    groups,
    learning,
    osdi,
    outcomes,
    resources,
)

# Mounted in order; apimore's modules (democracy, resources, …) are added to this list.
ROUTERS = [
    ("/groups", groups.router),
    ("/events", events.router),
    ("/campaigns", campaigns.router),
    ("/petitions", campaigns.petitions),
    ("/democracy", democracy.router),
    ("/resources", resources.router),
    ("/learning", learning.router),
    ("/accountability", accountability.router),
    ("/outcomes", outcomes.router),
    ("/osdi", osdi.router),
]

DESCRIPTION = """Groundwork's REST API. Read public data without a token; send a personal access
token (created at /account/tokens/) as `Authorization: Bearer <token>` to read what its owner may
see and to act, within the token's scopes and groups. Lists are paginated by cursor: follow
`next` until it is null. Every error is an RFC 9457 problem (application/problem+json)."""


class OperationsPage(DocsBase):
    """The docs page, drawn on the server from the schema: no script, nothing from elsewhere."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> TemplateResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {"method": method.upper(), "path": path, **operation}
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        context = {
            "title": api.title,
            "description": api.description,
            "operations": operations,
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return TemplateResponse(request, "api/docs.html", context)


class GroundworkAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return as_problem_content(schema)


def as_problem_content(schema: Any) -> Any:
    """Errors are served as application/problem+json: say so in the schema."""
    for methods in schema["paths"].values():
        for operation in methods.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    content[errors.CONTENT_TYPE] = content.pop("application/json")
    return schema


def build_api() -> NinjaAPI:
    api = GroundworkAPI(
        title="Groundwork API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api_v1",
        docs=OperationsPage(),
    )
    errors.install(api)
    for prefix, router in ROUTERS:
        api.add_router(prefix, router)
    return api


api = build_api()
