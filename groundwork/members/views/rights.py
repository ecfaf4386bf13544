"""A member's data rights: their data page, the download, and deleting their account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.members import queries
from groundwork.members.actions.rights import (
    check_erase_member,
    do_request_data_export,
    export_days,
)
from groundwork.members.forms import EraseAccountForm
from groundwork.members.models import AuthenticatedHttpRequest, PersonalDataExport


@access()
def your_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    export = queries.data_exports_of(request.user).first()
    return render(
        request,
        "members/data_page.html",
        {"export": export, "export_days": export_days(), "Status": PersonalDataExport.Status},
    )


@require_POST
@access()
def request_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    do_request_data_export(request.user, acting_user=request.user)
    messages.success(request, _("Your data is being prepared. It usually takes a minute or two."))
    return redirect("members:data")


@access(fetch=queries.get_data_export_for)
def download_export(request: AuthenticatedHttpRequest, export: PersonalDataExport) -> FileResponse:
    """The member's own zip; never a public media address."""
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404("No such download.") from None
    name = f"my-data-{export.ready_at:%Y-%m-%d}.zip" if export.ready_at else "my-data.zip"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type="application/zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_post_parameters("password")
@access()
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EraseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_erase_member(
                request.user, password=form.cleaned_data["password"], acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted. Thank you for your part."))
            return redirect("members:landing")
    status = 400 if form.errors else 200
    return render(request, "members/account_delete.html", {"form": form}, status=status)
