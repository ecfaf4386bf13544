"""Petitions: the public page and signing, verification, and the organisers' exports."""

from typing import cast
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import MemberSignForm, PetitionForm, SignForm
from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.campaigns.views.campaigns import _form_page
from groundwork.campaigns.views.delivery_sheet import delivery_sheet_pdf
from groundwork.core.access import access
from groundwork.core.csv import csv_lines
from groundwork.core.errors import ActionError, RateLimited
from groundwork.core.idempotency import idempotent
from groundwork.core.rate_limits import client_address
from groundwork.members.models import AuthenticatedHttpRequest


def _sharing(petition: Petition) -> dict[str, str]:
    """The petition's address to copy, and an email to send it in (no third-party scripts)."""
    url = settings.SITE_URL + petition.get_absolute_url()
    body = _("Will you sign “%(title)s” too? %(url)s") % {"title": petition.title, "url": url}
    email = "mailto:?" + urlencode({"subject": petition.title, "body": body}, quote_via=quote)
    return {"share_url": url, "share_email": email}


def _petition_page(request: HttpRequest, petition, form=None, status: int = 200) -> HttpResponse:
    reader = queries.petition_reader(request.user, petition)
    one_step = reader.verified_email is not None
    if form is None and one_step:
        form = MemberSignForm(district=reader.district)
    elif form is None:
        initial = {}
        if request.user.is_authenticated:
            initial = {"name": request.user.name, "email": request.user.email}
        form = SignForm(initial=initial)
    context = {
        "petition": petition,
        "campaign": petition.campaign,
        "form": form,
        "one_step": one_step,
        "signed_at": reader.signed_at,
        **_sharing(petition),
    }
    return render(request, "campaigns/petition_detail.html", context, status=status)


@access("campaigns.see_petition", fetch=queries.get_petition_for, signed_in=False)
def petition(request: HttpRequest, petition: Petition) -> HttpResponse:
    return _petition_page(request, petition)


@require_POST
@access(fetch=queries.get_petition_for, signed_in=False)  # check_sign_petition says who may sign
@idempotent
def sign(request: HttpRequest, petition: Petition) -> HttpResponse:
    if queries.verified_email_of(request.user):
        return _sign_as_member(cast(AuthenticatedHttpRequest, request), petition)
    form = SignForm(request.POST)
    if not form.is_valid():
        return _petition_page(request, petition, form, status=400)
    try:
        actions.check_sign_petition(
            petition,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            postcode_district=form.cleaned_data["postcode"],
            client_key=client_address(request),
            acting_user=request.user if request.user.is_authenticated else None,
        )
    except RateLimited as error:
        form.add_error(None, error.message)
        response = _petition_page(request, petition, form, status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    except ActionError as error:
        form.add_error(None, error.message)
        return _petition_page(request, petition, form, status=400)
    return redirect("campaigns:signed", pk=petition.pk)


def _sign_as_member(request: AuthenticatedHttpRequest, petition: Petition) -> HttpResponse:
    """One step: the account's name and verified email, counted at once, no email to confirm."""
    form = MemberSignForm(request.POST, district=queries.profile_district_of(request.user))
    if not form.is_valid():
        return _petition_page(request, petition, form, status=400)
    try:
        actions.check_sign_petition_as_member(
            petition, postcode_district=form.postcode_district(), acting_user=request.user
        )
    except ActionError as error:
        form.add_error(None, error.message)
        return _petition_page(request, petition, form, status=400)
    return redirect("campaigns:signed", pk=petition.pk)


@access("campaigns.see_petition", fetch=queries.get_petition_for, signed_in=False)
def signed(request: HttpRequest, petition: Petition) -> HttpResponse:
    context = {
        "petition": petition,
        "signature": queries.my_signature(request.user, petition),
        **_sharing(petition),
    }
    return render(request, "campaigns/petition_signed.html", context)


# The token in the emailed link is the key.
@access(fetch=queries.get_signature_by_token, signed_in=False)
def verify(request: HttpRequest, signature: Signature) -> HttpResponse:
    """GET shows a button (mail scanners follow links); POST counts the signature."""
    petition = signature.petition
    context = {"petition": petition, "expired": actions.signature_expired(signature)}
    if request.method == "POST" and not context["expired"]:
        try:
            actions.check_verify_signature(signature)
        except ActionError as error:
            messages.error(request, error.message)
            return redirect(petition)
        messages.success(request, _("Thank you: your signature is confirmed and counted."))
        return redirect(petition)
    context["verified"] = signature.verified_at is not None
    return render(request, "campaigns/signature_verify.html", context)


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
@idempotent
def petition_create(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    return _petition_form(request, campaign, None)


@access("campaigns.organise_campaign", fetch=queries.get_petition_for)
def petition_edit(request: AuthenticatedHttpRequest, petition: Petition) -> HttpResponse:
    return _petition_form(request, petition.campaign, petition)


def _petition_form(request: AuthenticatedHttpRequest, campaign: Campaign, petition) -> HttpResponse:
    form = PetitionForm(request.POST or None, instance=petition, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        petition = actions.do_save_petition(
            campaign, petition=petition, values=form.petition_values(), acting_user=request.user
        )
        messages.success(request, _("The petition was saved."))
        return redirect(petition)
    context = {"campaign": campaign, "petition": petition}
    return _form_page(request, "campaigns/petition_form.html", context, form)


@access("campaigns.view_signature", fetch=queries.get_petition_for)
def signatures_csv(request: AuthenticatedHttpRequest, petition: Petition) -> StreamingHttpResponse:
    signatures = queries.signatures_visible_to(request.user, petition)
    actions.do_record_signature_export(
        petition, count=petition.signature_count, kind="signatures", acting_user=request.user
    )
    rows = (
        # Only verified signatures are listed, so verified_at is always set.
        (s.name, s.email, s.postcode_district, s.verified_at.isoformat() if s.verified_at else "")
        for s in signatures.iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(
        csv_lines(["name", "email", "postcode_district", "verified_at"], rows),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{slugify(petition.title)[:60] or 'petition'}-signatures.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@access("campaigns.view_signature", fetch=queries.get_petition_for)
def delivery_sheet(request: AuthenticatedHttpRequest, petition: Petition) -> HttpResponse:
    counts = queries.delivery_counts(petition)
    actions.do_record_signature_export(
        petition, count=counts.total, kind="delivery_sheet", acting_user=request.user
    )
    response = HttpResponse(delivery_sheet_pdf(petition, counts), content_type="application/pdf")
    filename = f"{slugify(petition.title)[:60] or 'petition'}-delivery-sheet.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
