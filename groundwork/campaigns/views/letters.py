"""Letters to targets: the member writes, the organisers write the template."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import (
    LetterConfirmationForm,
    LetterForm,
    LetterPostcodeForm,
    LetterTemplateForm,
)
from groundwork.campaigns.hooks import LetterRecipient
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.views.campaigns import _form_page
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.core.postcodes import normalised_postcode, postcode_district
from groundwork.members.models import AuthenticatedHttpRequest


@access("campaigns.send_letter", fetch=queries.get_campaign_for)
def letter(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    """Write the letter, see exactly the email it becomes, then send it (or change it); to a
    campaign's target found from the writer's postcode, the postcode comes first."""
    own_targets = queries.targets_found_from_postcode(campaign)
    if own_targets and request.method != "POST":
        return _postcode_first(request, campaign)
    recipients = _recipients_posted(request, campaign) if own_targets else None
    page: dict = {"campaign": campaign}
    if recipients:
        page["postcode"] = request.POST.get("postcode_district", "")
    elif not own_targets:
        page |= _going_to(request, campaign)
    if request.method == "POST" and "edit" in request.POST:
        typed = {name: request.POST.get(name, "") for name in LetterForm.base_fields}
        form = LetterForm(initial=typed, recipients=recipients)
        return _form_page(request, "campaigns/letter_form.html", page, form)
    form = LetterForm(
        request.POST or None,
        initial=_letter_initial(request.user, campaign),
        recipients=recipients,
    )
    if request.method == "POST" and form.is_valid():
        confirmed = LetterConfirmationForm(request.POST)
        try:
            if "send" in request.POST and confirmed.is_valid():
                outcome = actions.check_send_letter(
                    campaign,
                    confirmation=confirmed.cleaned_data["confirmation"],
                    acting_user=request.user,
                    **form.cleaned_data,
                )
                _tell_sent(request, outcome)
                return redirect(campaign)
            # A first look, or a send without a preview's token: show the preview to confirm.
            draft = actions.check_draft_letter(
                campaign, acting_user=request.user, **form.cleaned_data
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            context = {"campaign": campaign, "form": form, "draft": draft}
            context["confirmation"] = LetterConfirmationForm()
            return render(request, "campaigns/letter_preview.html", context)
    return _form_page(request, "campaigns/letter_form.html", page, form)


def _going_to(request: AuthenticatedHttpRequest, campaign: Campaign) -> dict:
    """Whom the letter goes to, shown before the member writes: the target for the district they
    gave (or that their profile holds), else every target with the area it answers for."""
    typed = request.POST.get("postcode_district") or _letter_initial(request.user, campaign).get(
        "postcode_district", ""
    )
    district = postcode_district(typed) or ""
    if district:
        target = actions.target_for_district(campaign, district)
        return {"going_to": [target] if target else [], "for_district": district}
    return {"going_to": queries.letter_targets_of(campaign), "for_district": ""}


def _postcode_first(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    """Ask the postcode (or take the district in the member's profile), then show the letter
    with the writer's own representative chosen, or the choice where the district spans several
    areas; an unknown postcode is told beside the field, as typed."""
    profile_district = getattr(getattr(request.user, "profile", None), "postcode_district", "")
    if "postcode" in request.GET:
        form = LetterPostcodeForm(request.GET)
    elif profile_district and "change" not in request.GET:
        form = LetterPostcodeForm({"postcode": profile_district})
    else:
        form = LetterPostcodeForm(initial={"postcode": profile_district})
    if form.is_bound and form.is_valid():
        typed = form.cleaned_data["postcode"]
        found = actions.recipients_for_writer(
            campaign, postcode=form.whole_postcode, district=form.district
        )
        if not found.known:
            form.add_error("postcode", _postcode_unknown(typed))
        elif not found.recipients:
            form.add_error("postcode", _nobody_reachable(typed, found.unreachable))
        else:
            initial = _letter_initial(request.user, campaign) | {"postcode_district": typed}
            if found.recipients and (len(found.recipients) == 1 or not found.several_areas):
                initial["recipient"] = found.recipients[0].key
            letter_form = LetterForm(initial=initial, recipients=found.recipients)
            context = {"campaign": campaign, "found": found, "postcode": typed}
            return _form_page(request, "campaigns/letter_form.html", context, letter_form)
    context = {"campaign": campaign, "postcode_form": form}
    return render(
        request,
        "campaigns/letter_postcode.html",
        context,
        status=400 if form.errors and "postcode" in request.GET else 200,
    )


def _recipients_posted(request: HttpRequest, campaign: Campaign) -> list[LetterRecipient]:
    """The choices of recipient for the postcode the letter form carries (none if it is bad)."""
    typed = request.POST.get("postcode_district", "")
    district = postcode_district(typed)
    if not district:
        return []
    postcode = normalised_postcode(typed) or ""
    return actions.recipients_for_writer(campaign, postcode=postcode, district=district).recipients


def _postcode_unknown(typed: str) -> str:
    return _(
        "We do not know the postcode %(postcode)s. Check it, or give only its first half, "
        "such as SE15."
    ) % {"postcode": typed}


def _nobody_reachable(typed: str, unreachable: list[str]) -> str:
    if unreachable:
        return _(
            "None of the representatives for %(postcode)s that this campaign writes to "
            "publishes an email address (%(names)s), so a letter cannot reach them from here."
        ) % {"postcode": typed, "names": ", ".join(unreachable)}
    return _("We know of no representative for %(postcode)s that this campaign writes to.") % {
        "postcode": typed
    }


def _tell_sent(request: HttpRequest, outcome: actions.LetterOutcome) -> None:
    # Whole sentences with and without the target, for languages that inflect.
    target = {"target": outcome.addressee}
    if outcome.already_sent and outcome.addressee:
        text = _("You already sent this letter to %(target)s; it was not sent again.") % target
        messages.info(request, text)
    elif outcome.already_sent:
        messages.info(request, _("You already sent this letter; it was not sent again."))
    elif outcome.addressee:
        messages.success(request, _("Your letter is on its way to %(target)s. Thank you!") % target)
    else:
        messages.success(request, _("Your letter is on its way. Thank you!"))


def _letter_initial(user, campaign: Campaign) -> dict:
    profile = getattr(user, "profile", None)
    template = campaign.letter_template
    return {
        "postcode_district": getattr(profile, "postcode_district", ""),
        "subject": template.subject,
        "body": template.body,
    }


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
def letter_template(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    template = getattr(campaign, "letter_template", None)
    form = LetterTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        actions.do_save_letter_template(
            campaign, values=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, _("The letter was saved."))
        return redirect("campaigns:manage", pk=campaign.pk)
    return _form_page(request, "campaigns/lettertemplate_form.html", {"campaign": campaign}, form)
