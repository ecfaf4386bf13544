"""Organisers bring a members' list from another tool (upload, mapping, preview, dry run, import
with progress) and download their members' contact details. Only the group's organisers, with
two-factor authentication, reach these pages; everyone else gets 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.idempotency import idempotent
from groundwork.groups import queries
from groundwork.groups.actions.member_exports import check_export_members
from groundwork.groups.actions.member_imports import (
    check_map_member_import,
    check_start_member_import,
    check_upload_member_import,
    preview_rows,
)
from groundwork.groups.forms import MemberImportForm, MemberImportMappingForm
from groundwork.groups.member_import import Source
from groundwork.groups.models import Group, MemberImport
from groundwork.members.models import AuthenticatedHttpRequest

SOURCE_LABELS = {
    Source.ACTION_NETWORK: gettext_lazy("An Action Network report export"),
    Source.NATIONBUILDER: gettext_lazy("A NationBuilder people export"),
    Source.CIVICRM: gettext_lazy("A CiviCRM contact or membership export"),
    Source.ACTIONKIT: gettext_lazy("An ActionKit export"),
    Source.SPREADSHEET: gettext_lazy("A spreadsheet"),
}

# Seconds between the progress page's refreshes while a run is going (no JavaScript needed).
REFRESH_SECONDS = 3


@access("groups.import_members", fetch=queries.get_group)
@idempotent
def member_imports(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = MemberImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            member_import = check_upload_member_import(
                group,
                upload=upload,
                file_name=upload.name,
                lawful_basis=form.cleaned_data["basis"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else "file", error.message)
        else:
            return redirect("groups:member_import", slug=group.slug, pk=member_import.pk)
    imports = queries.member_imports_visible_to(request.user, group)[:20]
    context = {"group": group, "form": form, "imports": imports}
    return render(
        request, "groups/memberimport_list.html", context, status=400 if form.errors else 200
    )


@access("groups.import_members", fetch=queries.get_group)
def member_import(request: HttpRequest, group: Group, pk: int) -> HttpResponse:
    member_import = queries.get_member_import_in(group, pk)
    editable = member_import.status in (MemberImport.Status.UPLOADED, MemberImport.Status.CHECKED)
    initial = {name: member_import.mapping.get(name) for name in ("email", "first_name")}
    initial |= {name: member_import.mapping.get(name) for name in ("last_name", "name")}
    context = {
        "group": group,
        "member_import": member_import,
        "editable": editable,
        "source_label": SOURCE_LABELS.get(member_import.source, member_import.source),
        "mapping_form": MemberImportMappingForm(initial=initial, header=member_import.header),
        "preview": preview_rows(member_import) if editable else [],
        "problems": Paginator(queries.member_import_problems(member_import), 100).get_page(
            request.GET.get("page")
        ),
        "refresh_seconds": REFRESH_SECONDS if member_import.is_running else None,
    }
    return render(request, "groups/memberimport_detail.html", context)


@require_POST
@access("groups.import_members", fetch=queries.get_group)
def map_member_import(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    member_import = queries.get_member_import_in(group, pk)
    form = MemberImportMappingForm(request.POST, header=member_import.header)
    if not form.is_valid():
        messages.error(request, _("Choose the column that holds email addresses."))
        return redirect("groups:member_import", slug=group.slug, pk=pk)
    try:
        check_map_member_import(member_import, columns=form.cleaned_data, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The columns are saved. Check the preview below."))
    return redirect("groups:member_import", slug=group.slug, pk=pk)


@require_POST
@access("groups.import_members", fetch=queries.get_group)
def run_member_import(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    member_import = queries.get_member_import_in(group, pk)
    dry_run = request.POST.get("dry_run") == "1"
    try:
        queued = check_start_member_import(member_import, dry_run=dry_run, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        if not queued:
            messages.info(request, _("This list is already running or was imported."))
    return redirect("groups:member_import", slug=group.slug, pk=pk)


@access("groups.export_members", fetch=queries.get_group)
def export_members(request: AuthenticatedHttpRequest, group: Group) -> HttpResponseBase:
    try:
        lines = check_export_members(group, acting_user=request.user)
    except RateLimited as error:
        refusal = HttpResponse(error.message, status=429, content_type="text/plain")
        refusal["Retry-After"] = str(error.retry_after)
        return refusal
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{group.slug}-members.csv"'
    response["Cache-Control"] = "no-store"
    return response
