"""Letters to targets: the member writes, the organisers write the template."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import LetterConfirmationForm, LetterForm, LetterTemplateForm
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.views.campaigns import _form_page
from groundwork.core.access import access
from groundwork.core.errors import ActionError
from groundwork.members.models import AuthenticatedHttpRequest


@access("campaigns.send_letter", fetch=queries.get_campaign_for)
def letter(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    """Write the letter, see exactly the email it becomes, then send it (or change it)."""
    if request.method == "POST" and "edit" in request.POST:
        typed = {name: request.POST.get(name, "") for name in LetterForm.base_fields}
        return _form_page(
            request, "campaigns/letter_form.html", {"campaign": campaign}, LetterForm(initial=typed)
        )
    form = LetterForm(request.POST or None, initial=_letter_initial(request.user, campaign))
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
    return _form_page(request, "campaigns/letter_form.html", {"campaign": campaign}, form)


def _tell_sent(request: HttpRequest, outcome: actions.LetterOutcome) -> None:
    # Whole sentences with and without the target, for languages that inflect.
    target = {"target": outcome.target}
    if outcome.already_sent and outcome.target:
        text = _("You already sent this letter to %(target)s; it was not sent again.") % target
        messages.info(request, text)
    elif outcome.already_sent:
        messages.info(request, _("You already sent this letter; it was not sent again."))
    elif outcome.target:
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
