"""The skills directory: members who chose to share their skills, for organisers and coordinators."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from groundwork.core.access import access
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.resources import actions, queries
from groundwork.resources.forms import SkillsSearchForm


@access("resources.view_skills_directory")
def skills(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
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
