from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.notifications import actions, queries


@access()
def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.notifications_of(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@access()
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.do_mark_all_read(request.user, acting_user=request.user)
    return redirect("notifications:index")
