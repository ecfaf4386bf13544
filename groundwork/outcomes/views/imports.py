"""The coordinators' page for importing files of statistics: upload, preview, dry run, apply.
The job worker does the import; these pages queue it and show how far it has got."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.outcomes import actions, queries
from groundwork.outcomes.forms import IndicatorImportForm
from groundwork.outcomes.models import IndicatorImport


@access("outcomes.import_indicators")
@idempotent
def indicator_imports(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            started = actions.check_start_indicator_import(form.upload(), acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(started)
    page = Paginator(queries.indicator_imports(), 20).get_page(request.GET.get("page"))
    status = 400 if form.errors else 200
    context = {"form": form, "page": page}
    return render(request, "outcomes/import_list.html", context, status=status)


@access("outcomes.import_indicators", fetch=queries.get_indicator_import)
def indicator_import(request: HttpRequest, indicator_import: IndicatorImport) -> HttpResponse:
    context = {"indicator_import": indicator_import, "preview": indicator_import.preview}
    return render(request, "outcomes/import_detail.html", context)


@require_POST
@access("outcomes.import_indicators", fetch=queries.get_indicator_import)
def indicator_import_apply(
    request: AuthenticatedHttpRequest, indicator_import: IndicatorImport
) -> HttpResponse:
    try:
        applied = actions.check_apply_indicator_import(indicator_import, acting_user=request.user)
    except ActionError:
        return redirect(indicator_import)
    return redirect(applied)
