"""Project pages: the directory, a project's page, running it, its rota, requests for help, partners.

Thin views: parse, fetch with the access check (404 alike for missing and not yours), one action.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.groups.rules import is_group_member
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.projects import actions, queries
from groundwork.projects.forms import (
    AidRequestForm,
    AidRequestStatusForm,
    ListingForm,
    PartnershipForm,
    ProjectForm,
    ShiftForm,
)
from groundwork.projects.models import AidRequest, Project, Shift


@access(signed_in=False)
def project_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in Project.Kind.values else ""
    page = Paginator(queries.all_projects(kind), 25).get_page(request.GET.get("page"))
    context = {"page": page, "kind": kind, "kinds": Project.Kind.choices}
    return render(request, "projects/project_list.html", context)


@access("groups.see_group", fetch=get_group, signed_in=False)
def group_projects(request: HttpRequest, group: Group) -> HttpResponse:
    context = {
        "group": group,
        "projects": queries.projects_of(group),
        "can_add": request.user.has_perm("projects.add_project", group),
    }
    return render(request, "projects/group_projects.html", context)


@access("projects.view_project", fetch=queries.project_page, signed_in=False)
def detail(request: HttpRequest, project: queries.ProjectPage) -> HttpResponse:
    shifts = project.upcoming_shifts
    listings = list(project.listings.all())
    volunteers = queries.volunteers_visible_to(request.user, project, shifts)
    for shift in shifts:
        shift.volunteer_list = volunteers.get(shift.pk)  # None: not the viewer's to see
    context = {
        "project": project,
        "shifts": shifts,
        "needs": [item for item in listings if item.kind == "need"],
        "offers": [item for item in listings if item.kind == "offer"],
        "nearby_offers": queries.nearby_offers(project),
        "my_shifts": queries.shifts_signed_up_by(request.user, shifts),
        "is_member": is_group_member(request.user, project.group),
    }
    return render(request, "projects/project_detail.html", context)


def _project_form(request: HttpRequest, group: Group, project: Project | None) -> HttpResponse:
    form = ProjectForm(request.POST or None, instance=project, members=queries.group_members(group))
    if request.method == "POST" and form.is_valid():
        arguments = {
            "values": form.project_values(),
            "objectives": form.cleaned_data["objectives"],
            "coordinators": list(form.cleaned_data["coordinators"]),
            "acting_user": request.user,
        }
        try:
            if project:
                project = actions.check_update_project(project, **arguments)
            else:
                project = actions.check_create_project(group, **arguments)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("%(project)s was saved.") % {"project": project.name})
            return redirect(project)
    context = {"group": group, "project": project, "form": form}
    return render(
        request, "projects/project_form.html", context, status=400 if form.errors else 200
    )


@access("projects.add_project", fetch=get_group)
@idempotent
def create(request: HttpRequest, group: Group) -> HttpResponse:
    return _project_form(request, group, None)


@access("projects.change_project", fetch=queries.get_project)
def edit(request: HttpRequest, project: Project) -> HttpResponse:
    project.refresh_from_db()  # a ModelForm changes its instance while validating
    return _project_form(request, project.group, project)


@require_POST
@access("projects.change_project", fetch=queries.get_project)
def step_done(request: AuthenticatedHttpRequest, project: Project, step_pk: int) -> HttpResponse:
    step = queries.get_step_in(project, step_pk)
    actions.do_set_step_done(step, done=request.POST.get("done") == "yes", acting_user=request.user)
    return redirect(project)


@access("projects.change_project", fetch=queries.get_project)
@idempotent
def listing_create(request: AuthenticatedHttpRequest, project: Project) -> HttpResponse:
    form = ListingForm(request.POST or None, initial={"kind": request.GET.get("kind", "need")})
    if request.method == "POST" and form.is_valid():
        listing = actions.do_add_listing(project, **form.cleaned_data, acting_user=request.user)
        messages.success(
            request, _("“%(title)s” is on the project's page.") % {"title": listing.title}
        )
        return redirect(project)
    context = {"project": project, "form": form}
    return render(
        request, "projects/listing_form.html", context, status=400 if form.errors else 200
    )


@require_POST
@access("projects.change_project", fetch=queries.get_project)
def listing_close(
    request: AuthenticatedHttpRequest, project: Project, listing_pk: int
) -> HttpResponse:
    listing = queries.get_listing_in(project, listing_pk)
    actions.do_close_listing(listing, acting_user=request.user)
    messages.success(request, _("“%(title)s” is closed.") % {"title": listing.title})
    return redirect(project)


@access("projects.change_project", fetch=queries.get_project)
@idempotent
def shift_create(request: AuthenticatedHttpRequest, project: Project) -> HttpResponse:
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shift = actions.do_add_shift(project, **form.cleaned_data, acting_user=request.user)
        messages.success(request, _("“%(title)s” is on the rota.") % {"title": shift.title})
        return redirect(project)
    context = {"project": project, "form": form}
    return render(request, "projects/shift_form.html", context, status=400 if form.errors else 200)


@access("projects.change_project", fetch=queries.get_project)
def shift_edit(request: AuthenticatedHttpRequest, project: Project, shift_pk: int) -> HttpResponse:
    shift = queries.get_shift_in(project, shift_pk)
    initial = {
        "title": shift.title,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "places": shift.places,
    }
    form = ShiftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shift = actions.check_edit_shift(shift, **form.cleaned_data, acting_user=request.user)
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("“%(title)s” was saved.") % {"title": shift.title})
            return redirect(project)
    context = {"project": project, "shift": shift, "form": form}
    return render(request, "projects/shift_form.html", context, status=400 if form.errors else 200)


@require_POST
@access("projects.change_project", fetch=queries.get_project)
def shift_delete(
    request: AuthenticatedHttpRequest, project: Project, shift_pk: int
) -> HttpResponse:
    shift = queries.get_shift_in(project, shift_pk)
    actions.do_delete_shift(shift, acting_user=request.user)
    messages.success(
        request, _("“%(title)s” is cancelled; its volunteers are told.") % {"title": shift.title}
    )
    return redirect(project)


@require_POST
@access("projects.signup_shift", fetch=queries.get_shift_for_member)
def shift_sign_up(request: AuthenticatedHttpRequest, shift: Shift) -> HttpResponse:
    try:
        actions.check_sign_up(shift, acting_user=request.user)
        messages.success(
            request, _("You are on the rota for “%(title)s”. Thank you!") % {"title": shift.title}
        )
    except ActionError as error:
        messages.error(request, error.message)
    return redirect(shift.project)


@require_POST
@access("projects.signup_shift", fetch=queries.get_shift_for_member)
def shift_cancel(request: AuthenticatedHttpRequest, shift: Shift) -> HttpResponse:
    if actions.do_cancel_signup(shift, acting_user=request.user):
        messages.success(
            request, _("You are no longer on the rota for “%(title)s”.") % {"title": shift.title}
        )
    return redirect(shift.project)


@access("projects.add_aidrequest", fetch=queries.get_project, signed_in=False)
@idempotent
def ask(request: HttpRequest, project: Project) -> HttpResponse:
    form = AidRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asker = request.user if request.user.is_authenticated else None
        actions.check_request_aid(project, values=form.cleaned_data, acting_user=asker)
        messages.success(
            request,
            _("Your request is with the coordinators of %(project)s. They will be in touch.")
            % {"project": project.name},
        )
        return redirect(project)
    context = {"project": project, "form": form}
    return render(
        request, "projects/aidrequest_form.html", context, status=400 if form.errors else 200
    )


@access("projects.view_aidrequest", fetch=queries.get_project)
def aid_requests(request: HttpRequest, project: Project) -> HttpResponse:
    page = Paginator(queries.aid_requests_visible_to(request.user, project), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "project": project,
        "page": page,
        "statuses": AidRequest.Status.choices,
    }
    return render(request, "projects/aidrequest_list.html", context)


@require_POST
@access("projects.change_project", fetch=queries.get_project)
def aid_request_status(
    request: AuthenticatedHttpRequest, project: Project, request_pk: int
) -> HttpResponse:
    aid_request = queries.get_aid_request_in(project, request_pk)
    form = AidRequestStatusForm(request.POST)
    try:
        status = form.cleaned_data["status"] if form.is_valid() else ""
        actions.check_set_aid_request_status(aid_request, status=status, acting_user=request.user)
        messages.success(request, _("The request was updated."))
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("projects:aid_requests", pk=project.pk)


@access(signed_in=False)
def partners(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.partners(), 50).get_page(request.GET.get("page"))
    return render(request, "projects/partner_list.html", {"page": page})


@access("projects.add_partnership", fetch=get_group)
@idempotent
def partnership_create(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = PartnershipForm(request.POST or None, projects=queries.projects_of(group))
    if request.method == "POST" and form.is_valid():
        partnership = actions.do_add_partnership(
            group, **form.cleaned_data, acting_user=request.user
        )
        messages.success(
            request,
            _("%(group)s and %(partner)s: saved.")
            % {"group": group.name, "partner": partnership.partner.name},
        )
        return redirect("projects:partners")
    context = {"group": group, "form": form}
    return render(
        request, "projects/partnership_form.html", context, status=400 if form.errors else 200
    )
