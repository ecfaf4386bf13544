"""Finding one's representatives from a postcode: public, no account needed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from groundwork.accountability import queries
from groundwork.accountability.forms import FindRepresentativesForm
from groundwork.core.access import access


@access(signed_in=False)
def find(request: HttpRequest) -> HttpResponse:
    """From a postcode (typed, or the district in the member's profile) to the ward,
    constituency and local authority, and who serves them today."""
    asked = "postcode" in request.GET
    initial = {}
    if not asked and request.user.is_authenticated:
        profile = getattr(request.user, "profile", None)
        initial["postcode"] = getattr(profile, "postcode_district", "")
    form = FindRepresentativesForm(request.GET if asked else None, initial=initial)
    found, unknown = None, ""
    if asked and form.is_valid():
        found = queries.whereabouts_of(form.whole_postcode, form.district, on=timezone.localdate())
        unknown = "" if found else form.cleaned_data["postcode"]
    context = {"form": form, "found": found, "unknown": unknown}
    return render(request, "accountability/postcode_find.html", context)
