"""Help between groups: a group asks, members of other groups answer, the askers keep the best."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.resources import actions, queries
from groundwork.resources.forms import AnswerForm, HelpRequestForm
from groundwork.resources.models import HelpRequest


@access("resources.view_helprequest")
def help_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.help_requests_visible_to(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "resources/helprequest_list.html", {"page": page})


@access("resources.add_helprequest")
@idempotent
def help_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HelpRequestForm(request.POST or None, groups=queries.groups_to_add_to(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            help_request = actions.check_ask_for_help(
                group=form.cleaned_data["group"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your question is out to every group in the alliance."))
            return redirect(help_request)
    status = 400 if form.errors else 200
    return render(request, "resources/helprequest_form.html", {"form": form}, status=status)


def _render_detail(request: HttpRequest, help_request, form: AnswerForm, status: int = 200):
    context = {
        "help_request": help_request,
        "answers": queries.answers_to(help_request),
        "form": form,
    }
    return render(request, "resources/helprequest_detail.html", context, status=status)


@access("resources.view_helprequest", fetch=queries.get_help_request_for)
def help_detail(request: HttpRequest, help_request: HelpRequest) -> HttpResponse:
    return _render_detail(request, help_request, AnswerForm())


@require_POST
@access("resources.answer_helprequest", fetch=queries.get_help_request_for)
@idempotent
def help_answer(request: AuthenticatedHttpRequest, help_request: HelpRequest) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, help_request, form, status=400)
    actions.do_answer_help_request(
        help_request, body=form.cleaned_data["body"], acting_user=request.user
    )
    messages.success(request, _("Thank you: your answer is with the group that asked."))
    return redirect(help_request)


@require_POST
@access("resources.mark_helpanswer", fetch=queries.get_help_request_for)
def help_mark(
    request: AuthenticatedHttpRequest, help_request: HelpRequest, answer_pk: int
) -> HttpResponse:
    answer = queries.get_answer_in(help_request, answer_pk)
    is_good = request.POST.get("good", "1") == "1"
    actions.do_mark_good_answer(answer, is_good=is_good, acting_user=request.user)
    messages.success(
        request,
        _("Marked as a good answer.") if is_good else _("No longer marked as a good answer."),
    )
    return redirect(answer.help_request)


@require_POST
@access("resources.mark_helpanswer", fetch=queries.get_help_request_for)
def help_save(
    request: AuthenticatedHttpRequest, help_request: HelpRequest, answer_pk: int
) -> HttpResponse:
    answer = queries.get_answer_in(help_request, answer_pk)
    resource = actions.check_save_answer_as_resource(answer, acting_user=request.user)
    messages.success(
        request, _("The answer is in your group's library; edit it to share it wider.")
    )
    return redirect(resource)
