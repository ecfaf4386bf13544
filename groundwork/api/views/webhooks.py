"""A group's webhooks, for its organisers: the list, adding one (its secret shown once), changing
its events, turning it off and on, its delivery log, and a test event.

Everyone else gets 404. The secret is shown once, on the page the new endpoint's form leads to,
from the session; it is never shown again (add a new endpoint to get a new one).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.api import actions, queries
from groundwork.api.forms import WebhookEndpointForm, WebhookEventsForm
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest

SECRET_KEY_IN_SESSION = "webhook_secret_{pk}"


@access("api.manage_webhooks", fetch=get_group)
def webhooks(request: HttpRequest, group: Group) -> HttpResponse:
    endpoints = list(queries.endpoints_of(group))
    return render(request, "api/webhook_list.html", {"group": group, "endpoints": endpoints})


@access("api.manage_webhooks", fetch=get_group)
@idempotent
def add_webhook(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    form = WebhookEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = actions.check_add_webhook_endpoint(
                group, **form.cleaned_data, acting_user=request.user
            )
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            request.session[SECRET_KEY_IN_SESSION.format(pk=endpoint.pk)] = secret
            return redirect(endpoint)
    status = 400 if form.errors else 200
    return render(request, "api/webhook_form.html", {"group": group, "form": form}, status=status)


@access("api.manage_webhooks", fetch=get_group)
def webhook(request: HttpRequest, group: Group, pk: int) -> HttpResponse:
    endpoint = queries.get_endpoint_in(group, pk)
    context = {
        "group": group,
        "endpoint": endpoint,
        "secret": request.session.pop(SECRET_KEY_IN_SESSION.format(pk=endpoint.pk), None),
        "deliveries": queries.delivery_log(endpoint),
    }
    return render(request, "api/webhook_detail.html", context)


@access("api.manage_webhooks", fetch=get_group)
def edit_webhook(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    endpoint = queries.get_endpoint_in(group, pk)
    initial = {"description": endpoint.description, "events": endpoint.events}
    form = WebhookEventsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_update_webhook_endpoint(endpoint, **form.cleaned_data, acting_user=request.user)
        messages.success(request, _("The endpoint's events are saved."))
        return redirect(endpoint)
    context = {"group": group, "form": form, "endpoint": endpoint}
    return render(request, "api/webhook_form.html", context, status=400 if form.errors else 200)


@require_POST
@access("api.manage_webhooks", fetch=get_group)
def disable_webhook(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    endpoint = queries.get_endpoint_in(group, pk)
    actions.do_disable_webhook_endpoint(endpoint, acting_user=request.user)
    messages.success(request, _("The endpoint is off: nothing more is sent to it."))
    return redirect(endpoint)


@require_POST
@access("api.manage_webhooks", fetch=get_group)
def enable_webhook(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    endpoint = queries.get_endpoint_in(group, pk)
    actions.do_enable_webhook_endpoint(endpoint, acting_user=request.user)
    messages.success(request, _("The endpoint is on again: new events will be sent to it."))
    return redirect(endpoint)


@require_POST
@access("api.manage_webhooks", fetch=get_group)
def test_webhook(request: AuthenticatedHttpRequest, group: Group, pk: int) -> HttpResponse:
    endpoint = queries.get_endpoint_in(group, pk)
    try:
        actions.check_send_test_webhook(endpoint, acting_user=request.user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("A test event is on its way. Reload this page to see how it went.")
        )
    return redirect(endpoint)
