"""Letters to targets: the member writes, the organisers write the template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import LetterForm, LetterTemplateForm
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.views.campaigns import _form_page, organiser_view
from groundwork.core.errors import ActionError


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.get_campaign_for(request.user, pk)
    if not request.user.has_perm("campaigns.send_letter", campaign):
        raise Http404("No such page.")
    template = campaign.letter_template
    profile = getattr(request.user, "profile", None)
    initial = {
        "postcode_district": getattr(profile, "postcode_district", ""),
        "subject": template.subject,
        "body": template.body,
    }
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = actions.check_send_letter(
                campaign, acting_user=request.user, **form.cleaned_data
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"Your letter is on its way to {outcome.target}. Thank you!")
            return redirect(campaign)
    return _form_page(request, "campaigns/letter_form.html", {"campaign": campaign}, form)


@organiser_view
def letter_template(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    template = getattr(campaign, "letter_template", None)
    form = LetterTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        actions.do_save_letter_template(
            campaign, values=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, "The letter was saved.")
        return redirect("campaigns:manage", pk=campaign.pk)
    return _form_page(request, "campaigns/lettertemplate_form.html", {"campaign": campaign}, form)
