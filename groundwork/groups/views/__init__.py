"""Group pages: the directory, a group's public page, joining and leaving, organisers' pages."""

from uuid import uuid4

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.idempotency import idempotent
from groundwork.core.pagination import page_keys
from groundwork.core.postcodes import postcode_district
from groundwork.core.rate_limits import client_address
from groundwork.groups import actions, queries
from groundwork.groups.forms import (
    AnswerGroupRequestsForm,
    ContactForm,
    GroupForm,
    GroupRequestForm,
    InviteForm,
    JoinForm,
    RoleForm,
    SearchForm,
)
from groundwork.groups.models import Group
from groundwork.groups.reactions import groups_map
from groundwork.groups.rules import is_group_organiser
from groundwork.groups.templatetags.group_cards import group_cards
from groundwork.groups.views import directory_pages, group_page
from groundwork.members.models import AuthenticatedHttpRequest

# Finding a group: every search that names a postcode ends with a next step (the groups that
# cover it, the nearest ones, or asking for a group), or says what was wrong with the postcode.

NEAR_KM = 25  # beyond this, no group is "near": the page says so above the nearest ones

# The alliance page names at most this many groups without an organiser (and counts them all).
UNORGANISED_SHOWN = 100


@access(signed_in=False)
def directory(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    if form.is_valid() and not search:
        page, cards = directory_pages.unsearched_page(request.GET.get("page"))
    elif form.is_valid():
        page, cards = directory_pages.searched_page(search, request.GET.get("page"))
    else:
        page = Paginator(queries.directory().none(), directory_pages.PER_PAGE).get_page(None)
        cards = group_cards(page.object_list)
    district = postcode_district(search) if search else None
    near: list[queries.NearGroup] = []
    if district and not page.paginator.count:
        centroid = queries.district_centroid(district)
        if centroid:
            near = queries.nearest_groups(centroid)
        elif not queries.is_known_district(district):
            form.add_error(
                "q", _("We don't know the district %(district)s.") % {"district": district}
            )
            district = None
    context = {
        "form": form,
        "search": search,
        "page": page,
        "cards": cards,
        "district": district,
        "near": near,
        "none_near": not near or near[0].km > NEAR_KM,
        "near_km": NEAR_KM,
        # The whole alliance, when nothing was searched (a search refused as malformed included).
        "map": None if request.GET.get("q") else groups_map()[0],
    }
    return render(request, "groups/group_list.html", context)


@access(signed_in=False)
@idempotent
def request_group(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    initial = {"district": request.GET.get("district", "")}
    form = GroupRequestForm(request.POST or None, initial=initial, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        district = form.cleaned_data["district"]
        if not queries.is_known_district(district):
            form.add_error(
                "district", _("We don't know the district %(district)s.") % {"district": district}
            )
        else:
            _request, created = actions.do_request_group(
                district,
                note=form.cleaned_data["note"],
                email=form.cleaned_data.get("email", ""),
                acting_user=request.user if signed_in else None,  # type: ignore[arg-type]
            )
            if created:
                text = _(
                    "Thank you. The alliance's coordinators can see that you want a group in %(district)s."
                )
            else:
                text = _(
                    "You have already asked for a group in %(district)s; it is still counted once."
                )
            messages.success(request, text % {"district": district})
            return redirect(f"{reverse('groups:directory')}?q={district}")
    status = 400 if form.errors else 200
    return render(request, "groups/grouprequest_form.html", {"form": form}, status=status)


@access("groups.view_group_requests")
def group_requests(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.group_requests_visible_to(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "groups/grouprequest_list.html", {"page": page})


@access("groups.answer_group_requests", fetch=queries.get_waiting_district)
def answer_group_requests(request: AuthenticatedHttpRequest, district: str) -> HttpResponse:
    groups = queries.groups_for_district(district)
    form = AnswerGroupRequestsForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        count = actions.check_answer_group_requests(district, group=group, acting_user=request.user)
        told = _("%(count)s people who asked for %(district)s were told about %(group)s.")
        messages.success(request, told % {"count": count, "district": district, "group": group})
        return redirect("groups:group_requests")
    waiting = list(queries.unanswered_requests_in(district).only("note", "created_at"))
    context = {"district": district, "waiting": waiting, "form": form}
    status = 400 if form.errors else 200
    return render(request, "groups/grouprequest_answer.html", context, status=status)


def _detail_context(
    request: HttpRequest,
    group: Group,
    join_form: JoinForm,
    contact_form: ContactForm | None = None,
) -> dict:
    part = group_page.page_part(request, group)
    signed_in = request.user.is_authenticated
    contact_form = contact_form or ContactForm(initial={"token": uuid4()}, signed_in=signed_in)
    return {
        "contact_form": contact_form,
        "sections": group_page.sections_html(part),
        "group": group,
        "organisers": queries.organiser_names_of(group),
        "districts": part["districts"],
        "open_request": queries.open_request_for(request.user, group),
        "is_organiser": is_group_organiser(request.user, group),
        "join_form": join_form,
    }


@access("groups.see_group", fetch=queries.get_group, signed_in=False)
def detail(request: HttpRequest, group: Group) -> HttpResponse:
    return render(request, "groups/group_detail.html", _detail_context(request, group, JoinForm()))


@require_POST
@access("groups.contact_organisers", fetch=queries.get_group, signed_in=False)
def contact(request: HttpRequest, group: Group) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    form = ContactForm(request.POST, signed_in=user is not None)
    status, retry_after = 400, 0
    if form.is_valid():
        values = form.cleaned_data
        name, email = (user.name, user.email) if user else (values["name"], values["email"])
        message = actions.ContactMessage(name, email, values["message"], str(values["token"]))
        key = f"user:{user.pk}" if user else client_address(request)
        try:
            actions.check_contact_organisers(
                group, contact=message, client_key=key, acting_user=user
            )
        except RateLimited as error:
            form.add_error(None, error.message)
            status, retry_after = 429, error.retry_after
        except ActionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your message was sent to the organisers."))
            return redirect(group)
    context = _detail_context(request, group, JoinForm(), form)
    response = render(request, "groups/group_detail.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@require_POST
@access(fetch=queries.get_group)  # check_join_group says why someone may not join
def join(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = JoinForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, group, form)
        return render(request, "groups/group_detail.html", context, status=400)
    try:
        outcome = actions.check_join_group(
            group, message=form.cleaned_data["message"], acting_user=request.user
        )
    except ActionError as error:
        messages.error(request, error.message)
        return redirect(group)
    if outcome.membership:
        messages.success(request, _("Welcome to %(group)s!") % {"group": group.name})
    else:
        messages.success(
            request,
            _("Your request to join %(group)s was sent to its organisers.") % {"group": group.name},
        )
    return redirect(group)


@access("groups.leave_group", fetch=queries.get_group)
def leave(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    if request.method == "POST":
        try:
            actions.check_leave_group(group, acting_user=request.user)
        except ActionError as error:
            messages.error(request, error.message)
            return redirect(group)
        messages.success(request, _("You have left %(group)s.") % {"group": group.name})
        return redirect("members:home")
    return render(request, "groups/group_leave.html", {"group": group})


@require_POST
@access(fetch=queries.get_group)  # only the person's own request is ever withdrawn
def withdraw_request(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    join_request = queries.open_request_for(request.user, group)
    if join_request:
        actions.do_withdraw_join_request(join_request, acting_user=request.user)
        messages.success(request, _("Your request was withdrawn."))
    return redirect(group)


@access("groups.view_member_list", fetch=queries.get_group)
def members(request: HttpRequest, group: Group) -> HttpResponse:
    page = queries.member_list_page(request.user, group, **page_keys(request.GET))
    return render(request, "groups/membership_list.html", {"group": group, "page": page})


@require_POST
@access("groups.manage_group", fetch=queries.get_group)
def remove_member(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    membership = queries.get_membership_in(group, pk)
    try:
        actions.check_remove_member(membership, acting_user=request.user)
        messages.success(
            request, _("%(name)s is no longer a member.") % {"name": membership.user.name}
        )
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("groups:members", slug=group.slug)


@require_POST
@access("groups.manage_group", fetch=queries.get_group)
def change_role(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    membership = queries.get_membership_in(group, pk)
    form = RoleForm(request.POST)
    try:
        role = form.cleaned_data["role"] if form.is_valid() else ""
        actions.check_change_role(membership, role=role, acting_user=request.user)
        messages.success(
            request,
            # Translators: the role is the role's label in lower case (member, organiser).
            _("%(name)s is now %(role)s.")
            % {"name": membership.user.name, "role": membership.get_role_display().lower()},
        )
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("groups:members", slug=group.slug)


@access("groups.manage_group", fetch=queries.get_group)
def requests(request: HttpRequest, group: Group) -> HttpResponse:
    pending = queries.pending_requests_visible_to(request.user, group)
    return render(request, "groups/joinrequest_list.html", {"group": group, "pending": pending})


@require_POST
@access("groups.manage_group", fetch=queries.get_group)
def decide_request(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    join_request = queries.get_request_in(group, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        actions.check_decide_join_request(join_request, approve=approve, acting_user=request.user)
        if approve:
            text = _("You approved %(name)s's request.")
        else:
            text = _("You declined %(name)s's request.")
        messages.success(request, text % {"name": join_request.user.name})
    except ActionError as error:
        messages.error(request, error.message)
    return redirect("groups:requests", slug=group.slug)


@access("groups.manage_group", fetch=queries.get_group)
@idempotent
def invitations(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.check_invite(
                group, email=form.cleaned_data["email"], acting_user=request.user
            )
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("groups:invitations", slug=group.slug)
        except ActionError as error:
            form.add_error("email", error.message)
    # Paged: an imported members' list leaves thousands of invitations waiting.
    pending = Paginator(queries.pending_invitations_visible_to(request.user, group), 50).get_page(
        request.GET.get("page")
    )
    status = 400 if form.errors else 200
    return render(
        request,
        "groups/invitation_list.html",
        {"group": group, "form": form, "pending": pending},
        status=status,
    )


@require_POST
@access("groups.manage_group", fetch=queries.get_group)
def revoke_invitation(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    invitation = queries.get_invitation_in(group, pk)
    actions.do_revoke_invitation(invitation, acting_user=request.user)
    messages.success(
        request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
    )
    return redirect("groups:invitations", slug=group.slug)


# The token in the link is the key: whoever holds it and is signed in sees the invitation.
@access(fetch=queries.get_invitation_by_token)
def accept_invitation(request: AuthenticatedHttpRequest, invitation) -> HttpResponse:
    if request.method == "POST":
        try:
            actions.check_accept_invitation(invitation, acting_user=request.user)
        except ActionError as error:
            messages.error(request, error.message)
            return redirect("members:home")
        messages.success(request, _("Welcome to %(group)s!") % {"group": invitation.group.name})
        return redirect(invitation.group)
    return render(request, "groups/invitation_accept.html", {"invitation": invitation})


@access("groups.manage_group", fetch=queries.get_group)
def edit(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        actions.do_update_group(
            group,
            values=form.group_values(),
            districts=form.cleaned_data["districts"],
            acting_user=request.user,
        )
        messages.success(request, _("The group's details were saved."))
        return redirect(group)
    status = 400 if form.errors else 200
    return render(request, "groups/group_form.html", {"group": group, "form": form}, status=status)


@access("groups.create_group")
@idempotent
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None, initial={"districts": request.GET.get("district", "")})
    if request.method == "POST" and form.is_valid():
        group = actions.do_create_group(
            values=form.group_values(),
            districts=form.cleaned_data["districts"],
            acting_user=request.user,
        )
        messages.success(request, _("%(group)s was created.") % {"group": group.name})
        return redirect(group)
    status = 400 if form.errors else 200
    return render(request, "groups/group_form.html", {"group": None, "form": form}, status=status)


@access("groups.view_alliance")
def alliance(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.alliance_overview(), 50).get_page(request.GET.get("page"))
    unorganised = queries.groups_without_organisers()
    context = {
        "page": page,
        "unorganised_count": unorganised.count(),
        "unorganised": list(unorganised[:UNORGANISED_SHOWN]),
    }
    return render(request, "groups/alliance.html", context)
