"""The scope a list page is about: a group (by its slug) or the whole alliance (None)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from groundwork.core.errors import ActionError
from groundwork.groups import queries as group_queries


def group_scope_view(permission: str):
    """Fetch the group of `<slug>` for those the rule lets in; 404 for anyone else."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            group = group_queries.get_group(slug)
            if not request.user.has_perm(permission, group):
                raise Http404("No such page.")
            return view(request, group, *args, **kwargs)

        return wrapper

    return decorate


def alliance_scope_view(permission: str):
    """The alliance's page (group None) for those the rule lets in; 404 for anyone else."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perm(permission, None):
                raise Http404("No such page.")
            return view(request, None, *args, **kwargs)

        return wrapper

    return decorate


def add_action_error(form, error: ActionError) -> None:
    """Show a refused action next to its field, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def scope_name(group) -> str:
    return group.name if group is not None else "the alliance"
