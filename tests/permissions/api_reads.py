"""Rows of the permission matrix: the API's read-only endpoints for democracy, the library,
courses, representatives, outcomes, and the OSDI endpoints (/api/v1/osdi/).

Each cell is for the member's own token with every scope (anon: none), as in api.py. The cells
are the pages' own: a route refused on its page answers 404 here.
"""

from django.utils import timezone

from groundwork.campaigns.models import Signature
from tests.permissions.cells import PUBLIC, ApiRow
from tests.permissions.outcomes import lambeth, poverty

# Who may call what, in columns:   anon  dan  bob  carol alice admin
RIVERSIDE_MEMBERS_API = (404, 404, 200, 404, 200, 404)
RIVERSIDE_ORGANISER_API = (404, 404, 404, 404, 200, 404)
IN_THE_ALLIANCE_API = (404, 404, 200, 200, 200, 200)


def verified_signature(world) -> dict:
    """A verified signature of Riverside's petition (the world's own is not verified yet)."""
    petition = world.campaigns["petition"]
    signature, _ = Signature.objects.get_or_create(
        petition=petition,
        email="verified@example.net",
        defaults={"name": "Vera", "postcode_district": "SE15", "verified_at": timezone.now()},
    )
    return {"petition_id": petition.pk, "signature_id": signature.pk}


def bobs_rsvp(world) -> dict:
    event = world.events["public"]
    return {"event_id": event.pk, "attendance_id": event.rsvps.get(user=world.users["bob"]).pk}


DEMOCRACY: dict[str, ApiRow] = {
    # The alliance's proposals and ballots: members of any group, and coordinators.
    "api_v1:list_proposals": ApiRow(IN_THE_ALLIANCE_API),
    "api_v1:get_proposal": ApiRow(
        RIVERSIDE_MEMBERS_API, kwargs=lambda w: {"proposal_id": w.democracy["proposal"].pk}
    ),
    "api_v1:list_ballots": ApiRow(RIVERSIDE_MEMBERS_API, data={"group": "riverside"}),
    "api_v1:get_ballot": ApiRow(
        RIVERSIDE_MEMBERS_API, kwargs=lambda w: {"ballot_id": w.democracy["open"].pk}
    ),
    # After the close, for those who see the ballot; before it, for nobody (test_democracy_api).
    "api_v1:get_ballot_result": ApiRow(
        RIVERSIDE_MEMBERS_API, kwargs=lambda w: {"ballot_id": w.democracy["closed"].pk}
    ),
}

LIBRARY: dict[str, ApiRow] = {
    "api_v1:list_resources": ApiRow(PUBLIC),
    # Riverside's guide is for its members.
    "api_v1:get_resource": ApiRow(
        RIVERSIDE_MEMBERS_API, kwargs=lambda w: {"resource_id": w.library["guide"].pk}
    ),
    "api_v1:list_courses": ApiRow(PUBLIC),
    "api_v1:get_course": ApiRow(
        RIVERSIDE_MEMBERS_API, kwargs=lambda w: {"slug": "riverside-induction"}
    ),
}

REGISTER: dict[str, ApiRow] = {
    "api_v1:list_representatives": ApiRow(PUBLIC),
    "api_v1:get_representative": ApiRow(
        PUBLIC, kwargs=lambda w: {"person_id": w.register["person"].pk}
    ),
    "api_v1:get_pledge": ApiRow(PUBLIC, kwargs=lambda w: {"pledge_id": w.register["pledge"].pk}),
    "api_v1:list_outcome_areas": ApiRow(PUBLIC),
    "api_v1:get_outcome_area": ApiRow(PUBLIC, kwargs=lambeth),
    "api_v1:list_area_observations": ApiRow(PUBLIC, kwargs=lambeth),
    "api_v1:list_indicators": ApiRow(PUBLIC),
    "api_v1:get_indicator": ApiRow(PUBLIC, kwargs=poverty),
}

OSDI: dict[str, ApiRow] = {
    "api_v1:osdi_entry_point": ApiRow(PUBLIC),
    # Everyone gets the collection; it holds the members of the groups the caller organises.
    "api_v1:osdi_list_people": ApiRow(PUBLIC),
    "api_v1:osdi_get_person": ApiRow(
        RIVERSIDE_ORGANISER_API, kwargs=lambda w: {"person_id": w.users["bob"].pk}
    ),
    "api_v1:osdi_list_events": ApiRow(PUBLIC),
    "api_v1:osdi_get_event": ApiRow(
        RIVERSIDE_MEMBERS_API, kwargs=lambda w: {"event_id": w.events["members"].pk}
    ),
    "api_v1:osdi_list_attendances": ApiRow(
        RIVERSIDE_ORGANISER_API, kwargs=lambda w: {"event_id": w.events["public"].pk}
    ),
    "api_v1:osdi_get_attendance": ApiRow(RIVERSIDE_ORGANISER_API, kwargs=bobs_rsvp),
    "api_v1:osdi_list_petitions": ApiRow(PUBLIC),
    "api_v1:osdi_get_petition": ApiRow(
        PUBLIC, kwargs=lambda w: {"petition_id": w.campaigns["petition"].pk}
    ),
    "api_v1:osdi_list_signatures": ApiRow(
        RIVERSIDE_ORGANISER_API, kwargs=lambda w: {"petition_id": w.campaigns["petition"].pk}
    ),
    "api_v1:osdi_get_signature": ApiRow(RIVERSIDE_ORGANISER_API, kwargs=verified_signature),
}

ROWS: dict[str, ApiRow] = DEMOCRACY | LIBRARY | REGISTER | OSDI
