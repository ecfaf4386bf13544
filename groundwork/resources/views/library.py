"""The library: search and browse, a resource's page, adding, editing, forking, downloading."""

from typing import cast

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.groups.rules import coordinates_alliance
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.resources import actions, queries
from groundwork.resources.forms import ForkForm, LibrarySearchForm, ResourceForm
from groundwork.resources.models import Resource

PAGE_SIZE = 20


@access(signed_in=False)
def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET)
    search = form.cleaned_data if form.is_valid() else {"q": "", "kind": "", "tag": "", "group": ""}
    group = queries.group_by_slug(search["group"]) if search["group"] else None
    # Searching and browsing alike: the ids are kept, and the count is theirs; browsing the
    # whole library stops at the limit (nobody reads the 51st page), and the page then offers a
    # narrower search.
    page, more = queries.library_page(
        request.user,
        asked=request.GET.get("page"),
        per_page=PAGE_SIZE,
        text=search["q"],
        kind=search["kind"],
        tag=search["tag"],
        group=group,
    )
    query = request.GET.copy()
    query.pop("page", None)
    kinds = cast(forms.ChoiceField, form.fields["kind"]).choices
    return render(
        request,
        "resources/resource_list.html",
        {
            "form": form,
            "search": search,
            "group": group,
            "page": page,
            "query": query.urlencode(),
            "search_limit": queries.SEARCH_LIMIT,
            "more_than_the_limit": more,
            "kinds": kinds,
            "selected_kind": form["kind"].value() or "",
        },
    )


@access("resources.view_resource", fetch=queries.get_resource_for, signed_in=False)
def detail(request: HttpRequest, resource: Resource) -> HttpResponse:
    return render(request, "resources/resource_detail.html", _detail_context(request, resource))


def _detail_context(request: HttpRequest, resource: Resource, fork_form=None) -> dict:
    may_fork = request.user.has_perm("resources.fork_resource", resource)
    if may_fork and fork_form is None:
        fork_form = ForkForm(groups=queries.groups_to_fork_into(request.user, resource))
    original = resource.forked_from
    return {
        "resource": resource,
        "fork_form": fork_form if may_fork else None,
        "original_visible": original is not None
        and request.user.has_perm("resources.view_resource", original),
    }


@access("resources.add_resource")
@idempotent
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        groups=queries.groups_to_add_to(request.user),
        may_use_alliance=coordinates_alliance(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource = actions.check_add_resource(
                group=form.cleaned_data["group"],
                data=form.resource_input(),
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("“%(title)s” is in the library.") % {"title": resource.title}
            )
            return redirect(resource)
    status = 400 if form.errors else 200
    return render(request, "resources/resource_form.html", {"form": form}, status=status)


@access("resources.change_resource", fetch=queries.get_resource_for)
def edit(request: AuthenticatedHttpRequest, resource: Resource) -> HttpResponse:
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_resource(
                resource, data=form.resource_input(), acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(resource)
    status = 400 if form.errors else 200
    context = {"form": form, "resource": resource}
    return render(request, "resources/resource_form.html", context, status=status)


@require_POST
@access("resources.delete_resource", fetch=queries.get_resource_for)
def delete(request: AuthenticatedHttpRequest, resource: Resource) -> HttpResponse:
    actions.do_delete_resource(resource, acting_user=request.user)
    messages.success(
        request, _("“%(title)s” was removed from the library.") % {"title": resource.title}
    )
    return redirect("resources:library")


@require_POST
@access("resources.fork_resource", fetch=queries.get_resource_for)
@idempotent
def fork(request: AuthenticatedHttpRequest, resource: Resource) -> HttpResponse:
    form = ForkForm(request.POST, groups=queries.groups_to_fork_into(request.user, resource))
    if form.is_valid():
        try:
            copy = actions.check_fork_resource(
                resource, group=form.cleaned_data["group"], acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            group = form.cleaned_data["group"]
            messages.success(
                request, _("%(group)s now has its own version to adapt.") % {"group": group.name}
            )
            return redirect(copy)
    context = _detail_context(request, resource, fork_form=form)
    return render(request, "resources/resource_detail.html", context, status=400)


@access("resources.download_resource", fetch=queries.get_resource_for, signed_in=False)
def download(request: HttpRequest, resource: Resource) -> FileResponse:
    """The attachment, to those who may see the resource: never a public media address."""
    if not resource.attachment:
        raise Http404("No such file.")
    try:
        handle = resource.attachment.open("rb")
    except FileNotFoundError:
        raise Http404("No such file.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.attachment_name or "attachment",
        content_type=resource.attachment_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store" if resource.scope != "public" else "public"
    return response
