from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from groundwork.core.access import access
from groundwork.members.models import AuthenticatedHttpRequest
from groundwork.notifications import actions, queries
from groundwork.notifications.email import opted_out, read_token
from groundwork.notifications.forms import PreferencesForm
from groundwork.notifications.models import EmailKind


@access()
def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.notifications_of(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@access()
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.do_mark_all_read(request.user, acting_user=request.user)
    return redirect("notifications:index")


@access()
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial=queries.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        actions.do_set_notification_preferences(
            request.user, deliveries=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, _("Your notification preferences were saved."))
        return redirect("notifications:preferences")
    unsubscribed = bool(opted_out([request.user.email], EmailKind.NOTIFICATION))
    context = {"form": form, "unsubscribed": unsubscribed}
    status = 400 if form.errors else 200
    return render(request, "notifications/preferences_form.html", context, status=status)


# RFC 8058: the mail client POSTs with no cookie and no CSRF token; the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@access(signed_in=False)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    asked = read_token(token)
    if asked is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    context = {"asked": asked, "kind_label": asked.kind.label}
    if request.method == "POST":
        user = request.user if request.user.is_authenticated else None
        actions.do_unsubscribe(asked.address, kind=asked.kind, acting_user=user)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context)
