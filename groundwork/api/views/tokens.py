"""Personal access tokens: the list, creating one (its secret shown once), revoking one."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.api import actions, queries
from groundwork.api.forms import TokenForm
from groundwork.api.models import AccessToken
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.idempotency import idempotent
from groundwork.members.models import AuthenticatedHttpRequest

# The secret waits in the session only between the form and the page that shows it, and no longer
# than this: the create form answers with a redirect (so a second click creates nothing), and the
# page after it shows the secret once and forgets it.
SECRET_WAITS = timedelta(minutes=10)


def _session_key(pk: int) -> str:
    return f"api_token_secret_{pk}"


@access("api.create_token")
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    tokens = queries.tokens_of(request.user)
    return render(request, "api/token_list.html", {"tokens": tokens})


@access("api.create_token")
@idempotent
def create_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = actions.check_create_token(
                request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                groups=form.cleaned_data.get("groups") or [],
                expires_at=form.expires_at(),
                acting_user=request.user,
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            request.session[_session_key(token.pk)] = [secret, timezone.now().isoformat()]
            return redirect("api:token_created", pk=token.pk)
    may_write = request.user.has_perm("api.create_write_token")
    return render(request, "api/token_form.html", {"form": form, "may_write": may_write})


@access("api.revoke_token", fetch=queries.get_token_for)
def token_created(request: AuthenticatedHttpRequest, token: AccessToken) -> HttpResponse:
    secret = None
    waiting = request.session.pop(_session_key(token.pk), None)
    if waiting and timezone.now() - datetime.fromisoformat(waiting[1]) < SECRET_WAITS:
        secret = waiting[0]
    return render(request, "api/token_created.html", {"token": token, "secret": secret})


@require_POST
@access("api.revoke_token", fetch=queries.get_token_for)
def revoke_token(request: AuthenticatedHttpRequest, token: AccessToken) -> HttpResponse:
    actions.do_revoke_token(token, acting_user=request.user)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("api:tokens")
