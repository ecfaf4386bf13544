"""Rows of the permission matrix: campaigns (public once active; run by the group's organisers)."""

from tests.permissions.cells import (
    COORDINATOR,
    LOGIN,
    MEMBER_HOME,
    PUBLIC,
    RIVERSIDE_ORGANISER,
    Row,
    everyone,
    riverside_slug,
)


def campaign_pk(world):
    return {"pk": world.campaigns["campaign"].pk}


def target_pk(world):
    return {"pk": world.campaigns["campaign"].pk, "target_pk": world.campaigns["target"].pk}


def petition_pk(world):
    return {"pk": world.campaigns["petition"].pk}


def to_campaign(rest: str = ""):
    return lambda world: f"→/campaigns/{world.campaigns['campaign'].pk}/{rest}"


def to_petition(rest: str = ""):
    return lambda world: f"→/petitions/{world.campaigns['petition'].pk}/{rest}"


ROWS: dict[str, Row] = {
    "campaigns:list": Row(PUBLIC),
    "campaigns:group_list": Row(PUBLIC, kwargs=riverside_slug),
    "campaigns:group_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "campaigns:alliance_create": Row(COORDINATOR),
    "campaigns:detail": Row(PUBLIC, kwargs=campaign_pk),
    "campaigns:edit": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:manage": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:target_add": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:target_edit": Row(RIVERSIDE_ORGANISER, kwargs=target_pk),
    "campaigns:target_remove": Row(
        (LOGIN, 404, 404, 404, to_campaign("organise/"), 404), method="post", kwargs=target_pk
    ),
    "campaigns:milestone_add": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:update_add": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    # Anyone signed in may write to the target for their area.
    "campaigns:letter": Row(MEMBER_HOME, kwargs=campaign_pk),
    "campaigns:letter_template": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    "campaigns:petition_create": Row(RIVERSIDE_ORGANISER, kwargs=campaign_pk),
    # No account is needed to read or sign a petition.
    "campaigns:petition": Row(PUBLIC, kwargs=petition_pk),
    "campaigns:sign": Row(
        everyone(to_petition("signed/")),
        method="post",
        kwargs=petition_pk,
        data={"name": "Sam", "email": "someone@example.net", "postcode": "SE15 4AB"},
    ),
    "campaigns:signed": Row(PUBLIC, kwargs=petition_pk),
    "campaigns:petition_edit": Row(RIVERSIDE_ORGANISER, kwargs=petition_pk),
    # Signers' names and emails: the campaign's organisers (with two-factor) alone.
    "campaigns:signatures_csv": Row(RIVERSIDE_ORGANISER, kwargs=petition_pk),
    "campaigns:delivery_sheet": Row(RIVERSIDE_ORGANISER, kwargs=petition_pk),
    # The token in the emailed link is the key; GET shows a button, only POST counts.
    "campaigns:verify": Row(
        PUBLIC, kwargs=lambda world: {"token": world.campaigns["signature"].token}
    ),
}
