"""The skills directory: members who chose to share their skills, for organisers and coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from groundwork.groups.rules import is_coordinator
from groundwork.resources import actions, queries
from groundwork.resources.forms import SkillsSearchForm
from groundwork.resources.rules import organises_a_group


@login_required
def skills(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("resources.view_skills_directory"):
        if organises_a_group(user) or is_coordinator(user):
            messages.warning(request, "Set up two-factor authentication before you search skills.")
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        raise Http404("No such page.")
    form = SkillsSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(queries.skills_directory_for(user, search), 25).get_page(
        request.GET.get("page")
    )
    actions.do_record_skills_search(terms=search, page=page.number, acting_user=user)
    groups = queries.groups_of([profile.user_id for profile in page.object_list])
    people = [(profile, groups.get(profile.user_id, [])) for profile in page.object_list]
    context = {"form": form, "search": search, "page": page, "people": people}
    return render(request, "resources/skills_directory.html", context)
