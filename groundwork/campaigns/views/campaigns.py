"""Campaign lists, the public campaign page, and the organisers' pages of a campaign."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import CampaignForm, MilestoneForm, TargetForm, UpdateForm
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.rules import holds_organising_role
from groundwork.groups import queries as group_queries


def two_factor_first(request: HttpRequest, group_id: int | None) -> HttpResponse:
    """An organiser without two-factor is sent to set it up; anyone else gets a 404."""
    if not holds_organising_role(request.user, group_id):
        raise Http404("No such page.")
    messages.warning(request, "Set up two-factor authentication before you act as an organiser.")
    return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")


def organiser_view(view):
    """Fetch the campaign of `<pk>` for its organisers; 404 for anyone else."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        campaign = queries.get_campaign_for(request.user, pk)
        if not request.user.has_perm("campaigns.organise_campaign", campaign):
            return two_factor_first(request, campaign.group_id)
        return view(request, campaign, *args, **kwargs)

    return wrapper


def _form_page(request, template: str, context: dict, form) -> HttpResponse:
    return render(request, template, context | {"form": form}, status=400 if form.errors else 200)


def campaign_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.campaigns_visible_to(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "campaigns/campaign_list.html", {"group": None, "page": page})


def group_campaigns(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_queries.get_group(slug)
    page = Paginator(queries.campaigns_visible_to(request.user, group), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "campaigns/campaign_list.html", {"group": group, "page": page})


def _create(request: HttpRequest, group) -> HttpResponse:
    if not request.user.has_perm("campaigns.start_campaign", group):
        return two_factor_first(request, group.pk if group else None)
    form = CampaignForm(request.POST or None, initial={"status": Campaign.Status.PLANNING})
    if request.method == "POST" and form.is_valid():
        campaign = actions.do_create_campaign(
            group=group,
            values=form.campaign_values(),
            objectives=form.cleaned_data["objectives"],
            acting_user=request.user,
        )
        messages.success(request, "The campaign is started. Add its targets next.")
        return redirect("campaigns:manage", pk=campaign.pk)
    return _form_page(
        request, "campaigns/campaign_form.html", {"group": group, "campaign": None}, form
    )


@login_required
def group_campaign_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _create(request, group_queries.get_group(slug))


@login_required
def alliance_campaign_create(request: HttpRequest) -> HttpResponse:
    return _create(request, None)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.get_campaign_for(request.user, pk)
    context = {
        "campaign": campaign,
        "targets": queries.targets_of(campaign),
        "objectives": queries.objectives_of(campaign),
        "milestones": queries.milestones_of(campaign),
        "updates": queries.updates_of(campaign),
        "petitions": queries.petitions_of(campaign),
        "letters": queries.letters_sent_by_target(request.user, campaign),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@organiser_view
def campaign_edit(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        actions.do_update_campaign(
            campaign,
            values=form.campaign_values(),
            objectives=form.cleaned_data["objectives"],
            acting_user=request.user,
        )
        messages.success(request, "The campaign was saved.")
        return redirect(campaign)
    context = {"group": campaign.group, "campaign": campaign}
    return _form_page(request, "campaigns/campaign_form.html", context, form)


@organiser_view
def manage(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    context = {
        "campaign": campaign,
        "targets": queries.targets_of(campaign),
        "petitions": queries.petitions_of(campaign),
        "letters": queries.letters_sent_by_target(request.user, campaign),
    }
    return render(request, "campaigns/campaign_manage.html", context)


def _target_page(request: HttpRequest, campaign: Campaign, target) -> HttpResponse:
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        actions.do_save_target(
            campaign, target=target, values=form.target_values(), acting_user=request.user
        )
        messages.success(request, "The target was saved.")
        return redirect("campaigns:manage", pk=campaign.pk)
    context = {"campaign": campaign, "target": target}
    return _form_page(request, "campaigns/target_form.html", context, form)


@organiser_view
def target_add(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    return _target_page(request, campaign, None)


@organiser_view
def target_edit(request: HttpRequest, campaign: Campaign, target_pk: int) -> HttpResponse:
    return _target_page(request, campaign, queries.get_target_in(campaign, target_pk))


@require_POST
@organiser_view
def target_remove(request: HttpRequest, campaign: Campaign, target_pk: int) -> HttpResponse:
    target = queries.get_target_in(campaign, target_pk)
    actions.do_remove_target(target, acting_user=request.user)
    messages.success(request, f"{target.name} is no longer a target.")
    return redirect("campaigns:manage", pk=campaign.pk)


@organiser_view
def milestone_add(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        milestone = actions.do_add_milestone(
            campaign, values=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, "A win, recorded!" if milestone.is_win else "Milestone recorded.")
        return redirect(campaign)
    return _form_page(request, "campaigns/milestone_form.html", {"campaign": campaign}, form)


@organiser_view
def update_add(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    form = UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_post_update(campaign, acting_user=request.user, **form.cleaned_data)
        messages.success(request, "Your update is published.")
        return redirect(campaign)
    return _form_page(request, "campaigns/update_form.html", {"campaign": campaign}, form)
