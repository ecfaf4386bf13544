"""Campaign lists, the public campaign page, and the organisers' pages of a campaign."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import CampaignForm, MilestoneForm, TargetForm, UpdateForm
from groundwork.campaigns.hooks import CAMPAIGN_PAGES, campaign_sections
from groundwork.campaigns.models import Campaign
from groundwork.core.access import access
from groundwork.core.idempotency import idempotent
from groundwork.groups.models import Group
from groundwork.groups.queries import get_group
from groundwork.members.models import AuthenticatedHttpRequest


def _form_page(request, template: str, context: dict, form) -> HttpResponse:
    return render(request, template, context | {"form": form}, status=400 if form.errors else 200)


@access(signed_in=False)
def campaign_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.campaigns_visible_to(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "campaigns/campaign_list.html", {"group": None, "page": page})


@access("groups.see_group", fetch=get_group, signed_in=False)
def group_campaigns(request: HttpRequest, group: Group) -> HttpResponse:
    page = Paginator(queries.campaigns_visible_to(request.user, group), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "campaigns/campaign_list.html", {"group": group, "page": page})


def _create(request: AuthenticatedHttpRequest, group: Group | None) -> HttpResponse:
    form = CampaignForm(request.POST or None, initial={"status": Campaign.Status.PLANNING})
    if request.method == "POST" and form.is_valid():
        campaign = actions.do_create_campaign(
            group=group,
            values=form.campaign_values(),
            objectives=form.cleaned_data["objectives"],
            acting_user=request.user,
        )
        messages.success(request, _("The campaign is started. Add its targets next."))
        return redirect("campaigns:manage", pk=campaign.pk)
    return _form_page(
        request, "campaigns/campaign_form.html", {"group": group, "campaign": None}, form
    )


@access("campaigns.start_campaign", fetch=get_group)
@idempotent
def group_campaign_create(request: AuthenticatedHttpRequest, group: Group) -> HttpResponse:
    return _create(request, group)


@access("campaigns.start_campaign")
@idempotent
def alliance_campaign_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _create(request, None)


@access("campaigns.see_campaign", fetch=queries.get_campaign_for, signed_in=False)
def detail(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    sections = [section(request, campaign) for section in campaign_sections]
    context = {
        "campaign": campaign,
        "parts": page_parts(request, campaign),
        "sections": [section for section in sections if section],
    }
    return render(request, "campaigns/campaign_detail.html", context)


def page_parts(request: HttpRequest, campaign: Campaign) -> dict[str, SafeString]:
    """The campaign's own page above and below the other apps' sections, as `request.user` sees
    it. For a visitor who is not signed in it is the same for every such visitor, so it is kept
    (`hooks.CAMPAIGN_PAGES`) until a campaigns action changes it; signed-in readers, who may
    organise or have written letters, get theirs drawn afresh."""
    if request.user.is_authenticated:
        return _draw_parts(request, campaign)
    stored = CAMPAIGN_PAGES.get_or_build(
        lambda: {name: str(html) for name, html in _draw_parts(request, campaign).items()},
        part=campaign.pk,
    )
    return {name: mark_safe(html) for name, html in stored.items()}  # noqa: S308 (escaped by its templates)


def _draw_parts(request: HttpRequest, campaign: Campaign) -> dict[str, SafeString]:
    context = {
        "campaign": campaign,
        "targets": queries.targets_of(campaign),
        "objectives": queries.objectives_of(campaign),
        "milestones": queries.milestones_of(campaign),
        "updates": queries.updates_of(campaign),
        "petitions": queries.petitions_of(campaign),
        "letters": queries.letters_sent_by_target(request.user, campaign),
    }
    return {
        part: render_to_string(f"campaigns/_campaign_{part}.html", context, request=request)
        for part in ("top", "bottom")
    }


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
def campaign_edit(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        actions.do_update_campaign(
            campaign,
            values=form.campaign_values(),
            objectives=form.cleaned_data["objectives"],
            acting_user=request.user,
        )
        messages.success(request, _("The campaign was saved."))
        return redirect(campaign)
    context = {"group": campaign.group, "campaign": campaign}
    return _form_page(request, "campaigns/campaign_form.html", context, form)


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
def manage(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    context = {
        "campaign": campaign,
        "targets": queries.targets_of(campaign),
        "petitions": queries.petitions_of(campaign),
        "letters": queries.letters_sent_by_target(request.user, campaign),
    }
    return render(request, "campaigns/campaign_manage.html", context)


def _target_page(request: AuthenticatedHttpRequest, campaign: Campaign, target) -> HttpResponse:
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        actions.do_save_target(
            campaign, target=target, values=form.target_values(), acting_user=request.user
        )
        messages.success(request, _("The target was saved."))
        return redirect("campaigns:manage", pk=campaign.pk)
    context = {"campaign": campaign, "target": target}
    return _form_page(request, "campaigns/target_form.html", context, form)


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
@idempotent
def target_add(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    return _target_page(request, campaign, None)


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
def target_edit(
    request: AuthenticatedHttpRequest, campaign: Campaign, target_pk: int
) -> HttpResponse:
    return _target_page(request, campaign, queries.get_target_in(campaign, target_pk))


@require_POST
@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
def target_remove(
    request: AuthenticatedHttpRequest, campaign: Campaign, target_pk: int
) -> HttpResponse:
    target = queries.get_target_in(campaign, target_pk)
    actions.do_remove_target(target, acting_user=request.user)
    messages.success(request, _("%(name)s is no longer a target.") % {"name": target.name})
    return redirect("campaigns:manage", pk=campaign.pk)


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
@idempotent
def milestone_add(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        milestone = actions.do_add_milestone(
            campaign, values=form.cleaned_data, acting_user=request.user
        )
        messages.success(
            request, _("A win, recorded!") if milestone.is_win else _("Milestone recorded.")
        )
        return redirect(campaign)
    return _form_page(request, "campaigns/milestone_form.html", {"campaign": campaign}, form)


@access("campaigns.organise_campaign", fetch=queries.get_campaign_for)
@idempotent
def update_add(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    form = UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_post_update(campaign, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Your update is published."))
        return redirect(campaign)
    return _form_page(request, "campaigns/update_form.html", {"campaign": campaign}, form)
