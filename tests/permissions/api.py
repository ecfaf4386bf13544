"""Rows of the permission matrix: the REST API (/api/v1/) and the token pages (/account/tokens/).

API rows are ApiRows (cells.py): each member of the cast calls with their own personal access
token carrying every scope, anon with none. What a token with fewer scopes, a token limited to
some groups, a revoked one or an expired one gets is in groundwork/api/tests/.
"""

from tests.permissions.cells import LOGIN, MEMBER_HOME, PUBLIC, ApiRow, Row, everyone, signed_in

# Who may call what, in columns:   anon  dan  bob  carol alice admin
TOKEN_HOLDERS = signed_in(200, anon=401)
RIVERSIDE_ORGANISER_API = (404, 404, 404, 404, 200, 404)
RIVERSIDE_MEMBERS_API = (404, 404, 200, 404, 200, 404)


def event_pk(which: str):
    return lambda world: {"event_id": world.events[which].pk}


def bobs_token(world):
    return {"pk": world.access_tokens["bob"].pk}


TOKEN_PAGES: dict[str, Row] = {
    "api:tokens": Row(MEMBER_HOME),
    "api:create_token": Row(MEMBER_HOME),
    # Only the owner reaches their token's pages.
    "api:token_created": Row((LOGIN, 404, 200, 404, 404, 404), kwargs=bobs_token),
    "api:revoke_token": Row(
        (LOGIN, 404, "→/account/tokens/", 404, 404, 404), method="post", kwargs=bobs_token
    ),
}

FOUNDATION: dict[str, Row] = {
    "api_v1:api-root": ApiRow(PUBLIC),
    "api_v1:openapi-json": ApiRow(PUBLIC),
    "api_v1:openapi-view": ApiRow(PUBLIC),
    # Any other address under /api/v1/ is a problem (404), for everyone.
    "api_v1:not_found": ApiRow(everyone(404), kwargs=lambda world: {"rest": "no/such/thing"}),
}

EVENTS: dict[str, ApiRow] = {
    "api_v1:list_events": ApiRow(PUBLIC),
    "api_v1:list_my_rsvps": ApiRow(TOKEN_HOLDERS),
    # A members-only event: Riverside's members see it; everyone else gets 404, as on the page.
    "api_v1:get_event": ApiRow(RIVERSIDE_MEMBERS_API, kwargs=event_pk("members")),
    "api_v1:rsvp_to_event": ApiRow(TOKEN_HOLDERS, method="post", kwargs=event_pk("public")),
    "api_v1:cancel_rsvp": ApiRow(
        signed_in(204, anon=401), method="delete", kwargs=event_pk("public")
    ),
}


def riverside(world):
    return {"slug": "riverside"}


def campaign_pk(world):
    return {"campaign_id": world.campaigns["campaign"].pk}


def petition_pk(world):
    return {"petition_id": world.campaigns["petition"].pk}


GROUPS: dict[str, ApiRow] = {
    "api_v1:list_groups": ApiRow(PUBLIC),
    "api_v1:get_group": ApiRow(PUBLIC, kwargs=riverside),
    # The member list, as on the page: Riverside's organisers (two-factor) only.
    "api_v1:list_group_members": ApiRow(RIVERSIDE_ORGANISER_API, kwargs=riverside),
}

CAMPAIGNS: dict[str, ApiRow] = {
    "api_v1:list_campaigns": ApiRow(PUBLIC),
    "api_v1:get_campaign": ApiRow(PUBLIC, kwargs=campaign_pk),
    "api_v1:list_campaign_petitions": ApiRow(PUBLIC, kwargs=campaign_pk),
    "api_v1:get_petition": ApiRow(PUBLIC, kwargs=petition_pk),
    "api_v1:sign_petition": ApiRow(
        TOKEN_HOLDERS, method="post", kwargs=petition_pk, data={"postcode": "SE15 1AA"}
    ),
    # Signers' names and emails: the campaign's organisers (two-factor) only, as the download.
    "api_v1:list_signatures": ApiRow(RIVERSIDE_ORGANISER_API, kwargs=petition_pk),
}

ROWS: dict[str, Row] = TOKEN_PAGES | FOUNDATION | EVENTS | GROUPS | CAMPAIGNS
