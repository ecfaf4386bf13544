"""The coordinators' page for importing the register from a published file: upload, dry run,
apply. The job worker does the import; these pages queue it and show how it went."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundwork.accountability import actions, queries
from groundwork.accountability.forms import RegisterImportForm
from groundwork.accountability.models import RegisterImport
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.members.models import AuthenticatedHttpRequest


@access("accountability.import_representatives")
@idempotent
def register_imports(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            started = actions.check_start_register_import(
                form.files_to_import(), acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(started)
    page = Paginator(queries.register_imports(), 20).get_page(request.GET.get("page"))
    status = 400 if form.errors else 200
    context = {"form": form, "page": page}
    return render(request, "accountability/registerimport_list.html", context, status=status)


@access("accountability.import_representatives", fetch=queries.get_register_import)
def register_import(request: HttpRequest, register_import: RegisterImport) -> HttpResponse:
    context = {"register_import": register_import}
    return render(request, "accountability/registerimport_detail.html", context)


@require_POST
@access("accountability.import_representatives", fetch=queries.get_register_import)
def register_import_apply(
    request: AuthenticatedHttpRequest, register_import: RegisterImport
) -> HttpResponse:
    try:
        applied = actions.check_apply_register_import(register_import, acting_user=request.user)
    except ActionError:
        return redirect(register_import)
    return redirect(applied)
