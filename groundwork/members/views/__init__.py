"""A member's own pages: their home, profile and privacy settings, consents; their data and
account deletion are in `rights.py`."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.core.access import access
from groundwork.core.fragments import draw_sections
from groundwork.members import actions
from groundwork.members.forms import ProfileForm
from groundwork.members.hooks import LANDING, kept_home, landing_sections
from groundwork.members.models import AuthenticatedHttpRequest, ConsentRecord


@access(signed_in=False)
def landing(request: HttpRequest) -> HttpResponse:
    # The same for every visitor who is not signed in and asked for no place: kept (hooks.LANDING).
    if request.user.is_authenticated or request.GET:
        sections, _changes_at = _landing_sections(request)
    else:
        sections, _changes_at = LANDING.get_or_build(
            lambda: _landing_sections(request), fresh_until=lambda built: built[1]
        )
    return render(request, "members/landing.html", {"sections": mark_safe(sections)})  # noqa: S308


def _landing_sections(request: HttpRequest) -> tuple[str, datetime | None]:
    """The landing sections' HTML (each escaped by its template), and the first moment one of
    them changes by time alone."""
    return draw_sections(section(request) for section in landing_sections)


@access(signed_in=False)
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "policy_version": settings.GROUNDWORK_PRIVACY_POLICY_VERSION,
        "controller": settings.GROUNDWORK_DATA_CONTROLLER or settings.SITE_NAME,
        "controller_contact": settings.GROUNDWORK_DATA_CONTROLLER_CONTACT,
        "rsvp_days": settings.GROUNDWORK_RSVP_RETENTION_DAYS,
        "export_days": settings.GROUNDWORK_DATA_EXPORT_DAYS,
        "invitation_days": settings.GROUNDWORK_INVITATION_DAYS,
    }
    return render(request, "members/privacy.html", context)


@access()
def home(request: HttpRequest) -> HttpResponse:
    # The sections are the member's own, kept for them alone (hooks.kept_home); the page around
    # them (their name, the bell, the sign-out token) is drawn at each request.
    sections = mark_safe(kept_home(request))  # noqa: S308 (each section's template escaped its own)
    return render(request, "members/home.html", {"sections": sections})


@access()
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = actions.profile_of(request.user)
    form = ProfileForm(
        request.POST or None, instance=profile, initial={"display_name": request.user.display_name}
    )
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in actions.PROFILE_FIELDS}
        actions.do_update_profile(
            request.user,
            display_name=form.cleaned_data["display_name"],
            values=values,
            acting_user=request.user,
        )
        messages.success(request, _("Your profile and privacy settings were saved."))
        return redirect("members:profile")
    status = 400 if form.errors else 200
    return render(request, "members/profile_form.html", {"form": form}, status=status)


@access()
def consents(request: AuthenticatedHttpRequest) -> HttpResponse:
    records = ConsentRecord.objects.filter(user=request.user)
    return render(request, "members/consent_list.html", {"consents": records})


@require_POST
@access()
def withdraw_consent(request: AuthenticatedHttpRequest, purpose: str) -> HttpResponse:
    if purpose not in ConsentRecord.Purpose.values:
        raise Http404("No such consent.")
    actions.do_withdraw_consent(request.user, purpose=purpose, acting_user=request.user)
    messages.success(request, _("Your consent was withdrawn."))
    return redirect("members:consents")
