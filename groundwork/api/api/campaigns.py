"""Campaigns, petitions and signatures, as on the pages; signing through the petition's action."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from groundwork.api.backends import ApiRequest, reads, writes
from groundwork.api.errors import CLIENT_ERRORS, Problem, invalid_field
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.campaigns import actions, queries
from groundwork.campaigns.forms import MemberSignForm
from groundwork.campaigns.models import Campaign, Petition
from groundwork.core.access import check_access
from groundwork.core.errors import ActionError
from groundwork.core.written import page_link
from groundwork.groups.queries import get_group

router = Router(tags=["campaigns"])
petitions = Router(tags=["campaigns"])
ERRORS = dict.fromkeys(CLIENT_ERRORS, Problem)


class CampaignOut(Schema):
    id: int
    title: str
    summary: str
    status: str
    group: str | None = None
    created_at: datetime
    url: str

    @staticmethod
    def resolve_group(campaign: Campaign) -> str | None:
        group = campaign.group
        return group.slug if group is not None else None

    @staticmethod
    def resolve_url(campaign: Campaign) -> str:
        return page_link("campaigns:detail", pk=campaign.pk)


class CampaignDetailOut(CampaignOut):
    description: str
    demands: list[str] = Field(..., alias="demand_list")


class PetitionOut(Schema):
    id: int
    campaign: int = Field(..., alias="campaign_id")
    title: str
    statement: str
    status: str
    is_open: bool
    goal: int | None
    signature_count: int
    target: str | None = None
    created_at: datetime
    url: str

    @staticmethod
    def resolve_target(petition: Petition) -> str | None:
        target = petition.target
        return target.name if target is not None else None

    @staticmethod
    def resolve_url(petition: Petition) -> str:
        return page_link("campaigns:petition", pk=petition.pk)


class SignatureOut(Schema):
    """What the organisers' download of signatures holds, no more."""

    name: str
    email: str
    postcode_district: str
    verified_at: datetime


class SignIn(Schema):
    postcode: str = Field(
        "", max_length=10, description="Needed only when the profile has no postcode district."
    )


class SignedOut(Schema):
    petition: int
    signed: str = Field(..., description="new, or unchanged if already signed")


class CampaignFilters(Schema):
    group: str | None = Field(None, description="Only this group's campaigns (its slug).")


@router.get("", response={200: page_of(CampaignOut), **ERRORS}, auth=reads("campaigns"))
def list_campaigns(
    request: ApiRequest, filters: Query[CampaignFilters], page: Query[CursorParams]
) -> dict:
    """Campaigns the caller may see, newest first."""
    group = get_group(filters.group) if filters.group else None
    return paginate(request, queries.campaigns_visible_to(request.auth, group), page)


@router.get(
    "/{int:campaign_id}", response={200: CampaignDetailOut, **ERRORS}, auth=reads("campaigns")
)
def get_campaign(request: ApiRequest, campaign_id: int) -> Campaign:
    """One campaign; 404 alike for missing and still being planned by another group."""
    campaign = queries.get_campaign_for(request.auth, campaign_id)
    check_access(request.auth, "campaigns.see_campaign", campaign)
    return campaign


@router.get(
    "/{int:campaign_id}/petitions",
    response={200: page_of(PetitionOut), **ERRORS},
    auth=reads("campaigns"),
)
def list_campaign_petitions(
    request: ApiRequest, campaign_id: int, page: Query[CursorParams]
) -> dict:
    """The campaign's petitions, newest first."""
    campaign = queries.get_campaign_for(request.auth, campaign_id)
    check_access(request.auth, "campaigns.see_campaign", campaign)
    return paginate(request, queries.petitions_of(campaign).select_related("campaign"), page)


@petitions.get("/{int:petition_id}", response={200: PetitionOut, **ERRORS}, auth=reads("campaigns"))
def get_petition(request: ApiRequest, petition_id: int) -> Petition:
    """One petition, with its count of verified signatures."""
    petition = queries.get_petition_for(request.auth, petition_id)
    check_access(request.auth, "campaigns.see_petition", petition)
    return petition


@petitions.post(
    "/{int:petition_id}/sign", response={200: SignedOut, **ERRORS}, auth=writes("campaigns")
)
def sign_petition(request: ApiRequest, petition_id: int, body: SignIn) -> dict:
    """Sign as the token's owner, in one step, as a member with a verified email signs on the
    page; an owner whose email is not verified is refused (409) and should sign on the page."""
    petition = queries.get_petition_for(request.auth, petition_id)
    if queries.verified_email_of(request.auth) is None:
        raise ActionError(_("Verify your email address first, or sign on the petition's page."))
    district = queries.profile_district_of(request.auth)
    form = MemberSignForm({"postcode": body.postcode}, district=district)
    if not form.is_valid():
        raise invalid_field(
            "body", "postcode", [str(error) for error in form.errors.get("postcode", [])]
        )
    signed = actions.check_sign_petition_as_member(
        petition, postcode_district=form.postcode_district(), acting_user=request.auth
    )
    return {"petition": petition.pk, "signed": signed.value}


@petitions.get(
    "/{int:petition_id}/signatures",
    response={200: page_of(SignatureOut), **ERRORS},
    auth=reads("people"),
)
def list_signatures(request: ApiRequest, petition_id: int, page: Query[CursorParams]) -> dict:
    """Verified signatures, for the campaign's organisers (with two-factor), as their download
    holds them; each page read is logged, as a download is."""
    petition = queries.get_petition_for(request.auth, petition_id)
    check_access(request.auth, "campaigns.view_signature", petition)
    result = paginate(request, queries.signatures_visible_to(request.auth, petition), page)
    actions.do_record_signature_export(
        petition, count=len(result["items"]), kind="signatures", acting_user=request.auth
    )
    return result
