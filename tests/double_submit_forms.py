"""The create forms of groups, democracy, campaigns, events, aims, projects, resources and
learning, for tests/test_double_submit.py: who sends each, where, with what, and what it adds."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

from django.urls import reverse
from django.utils import timezone

from tests.permissions.world import World


def count(model: str) -> Callable[[World], int]:
    def counted(world: World) -> int:
        from django.apps import apps

        return apps.get_model(model).objects.count()

    return counted


def pk(thing: Any) -> int:
    return thing.pk


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def soon(days: int, hours: int = 0) -> str:
    return local(timezone.now() + timedelta(days=days, hours=hours))


@dataclass
class Case:
    """One create form: who sends it, its address, valid data, and the rows it adds to."""

    who: str
    counted: Callable[[World], int]
    kwargs: Callable[[World], dict] = lambda world: {}
    data: Callable[[World], dict] = lambda world: {}
    # The page the form is on, when it is not the form's own address (a form inside a page).
    page: Callable[[World], str] | None = None
    files: Callable[[], dict] = field(default=lambda: {})


RIVERSIDE = lambda world: {"slug": "riverside"}  # noqa: E731
CAMPAIGN = lambda world: {"pk": world.campaigns["campaign"].pk}  # noqa: E731
PROPOSAL = lambda world: {"pk": world.democracy["proposal"].pk}  # noqa: E731
PROPOSAL_PAGE = lambda world: reverse("democracy:proposal", args=[world.democracy["proposal"].pk])  # noqa: E731,E501
KITCHEN = lambda world: {"pk": world.aims_projects["kitchen"].pk}  # noqa: E731
POSITION = lambda world: {"pk": world.register["position"].pk}  # noqa: E731

BALLOT = {
    "title": "Who chairs the AGM?",
    "description": "",
    "method": "majority",
    "options": "",
    "seats": "1",
    "quorum": "0",
    "threshold": "1/2",
    "electorate": "group",
    "closes_at": soon(5),
}
EVENT = {
    "title": "Tenants' meeting",
    "kind": "meeting",
    "starts": soon(10),
    "ends": soon(10, 2),
    "time_zone": "Europe/London",
    "visibility": "public",
    "venue": "The library",
    "capacity": "",
}
CAMPAIGN_DATA = {
    "title": "Warm homes",
    "summary": "Insulate every council flat.",
    "description": "",
    "demands": "Insulation",
    "status": "planning",
}
COURSE = {
    "title": "Door knocking",
    "summary": "How to knock.",
    "description": "",
    "scope": "public",
}
POSITION_DATA = {
    "title": "Minutes secretary",
    "kind": "officer",
    "description": "",
    "seats": "1",
    "term_months": "12",
}

FORMS: dict[str, Case] = {
    "groups:create": Case(
        "admin",
        count("groups.Group"),
        data=lambda w: {
            "name": "Northside",
            "kind": "local",
            "description": "",
            "join_policy": "open",
            "area_name": "Islington",
        },
    ),
    "groups:request_group": Case(
        "dan",
        count("groups.GroupRequest"),
        data=lambda w: {"district": _known_district(), "note": ""},
    ),
    "groups:invitations": Case(
        "alice",
        count("groups.Invitation"),
        RIVERSIDE,
        lambda w: {"email": "friend@example.org"},
    ),
    "groups:new_mailing": Case(
        "alice",
        count("groups.Mailing"),
        RIVERSIDE,
        lambda w: {
            "segment": "everyone",
            "subject": "AGM on Saturday",
            "body": "See you there.",
            # The draft's own token (Mailing.token), which the form carries besides the page's.
            "token": "6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f",
        },
    ),
    "api:add_webhook": Case(
        "alice",
        count("api.WebhookEndpoint"),
        RIVERSIDE,
        # Loopback is allowed in the tests' settings (GROUNDWORK_WEBHOOKS_ALLOW_LOOPBACK).
        lambda w: {"url": "http://127.0.0.1:9/hooks", "events": ["member.joined"]},
    ),
    "groups:member_imports": Case(
        "alice",
        count("groups.MemberImport"),
        RIVERSIDE,
        lambda w: {"basis": "consent", "confirm": "on"},
        files=lambda: {"file": _members_list()},
    ),
    "democracy:group_proposal_create": Case(
        "bob",
        count("democracy.Proposal"),
        RIVERSIDE,
        lambda w: {"title": "A food bank", "body": "On Saturdays."},
    ),
    "democracy:alliance_proposal_create": Case(
        "bob",
        count("democracy.Proposal"),
        data=lambda w: {"title": "A national day", "body": "Of action."},
    ),
    "democracy:proposal_comment": Case(
        "alice",
        count("democracy.Comment"),
        PROPOSAL,
        lambda w: {"body": "I agree."},
        page=PROPOSAL_PAGE,
    ),
    "democracy:proposal_amend": Case(
        "alice",
        count("democracy.Amendment"),
        PROPOSAL,
        lambda w: {"summary": "Fridays too", "new_body": "Fridays and Saturdays."},
        page=PROPOSAL_PAGE,
    ),
    "democracy:proposal_open_vote": Case(
        "alice",
        count("democracy.Ballot"),
        lambda w: {"pk": _proposal_with_no_amendments(w).pk},
        lambda w: {"closes_at": soon(5), "quorum": "0", "threshold": "1/2"},
        page=lambda w: reverse("democracy:proposal", args=[w.democracy["plain"].pk]),
    ),
    "democracy:amendment_put_to_vote": Case(
        "alice",
        count("democracy.Ballot"),
        lambda w: {"pk": w.democracy["proposal"].pk, "amendment_pk": w.democracy["amendment"].pk},
        lambda w: {"amendment-closes_at": soon(5)},
        page=PROPOSAL_PAGE,
    ),
    "democracy:group_ballot_create": Case(
        "alice", count("democracy.Ballot"), RIVERSIDE, lambda w: BALLOT
    ),
    "democracy:alliance_ballot_create": Case(
        "admin", count("democracy.Ballot"), data=lambda w: BALLOT | {"electorate": "alliance"}
    ),
    "campaigns:alliance_create": Case(
        "admin", count("campaigns.Campaign"), data=lambda w: CAMPAIGN_DATA
    ),
    "campaigns:group_create": Case(
        "alice", count("campaigns.Campaign"), RIVERSIDE, lambda w: CAMPAIGN_DATA
    ),
    "campaigns:target_add": Case(
        "alice",
        count("campaigns.Target"),
        CAMPAIGN,
        lambda w: {"kind": "body", "name": "The housing board", "role": "", "email": ""},
    ),
    "campaigns:milestone_add": Case(
        "alice",
        count("campaigns.Milestone"),
        CAMPAIGN,
        lambda w: {"title": "First meeting", "happened_on": date.today().isoformat()},
    ),
    "campaigns:update_add": Case(
        "alice",
        count("campaigns.CampaignUpdate"),
        CAMPAIGN,
        lambda w: {"title": "News", "body": "We met the council."},
    ),
    "campaigns:petition_create": Case(
        "alice",
        count("campaigns.Petition"),
        CAMPAIGN,
        lambda w: {
            "title": "Insulate now",
            "statement": "We ask.",
            "goal": "100",
            "status": "open",
        },
    ),
    "campaigns:sign": Case(
        "anon",
        count("campaigns.Signature"),
        lambda w: {"pk": w.campaigns["petition"].pk},
        lambda w: {"name": "Fay", "email": "fay@example.org", "postcode": "SE1 2QH"},
        page=lambda w: reverse("campaigns:petition", args=[w.campaigns["petition"].pk]),
    ),
    "api:create_token": Case(
        "bob",
        count("api.AccessToken"),
        data=lambda w: {"name": "Sync", "scopes": ["events:read"], "expires_in": "30"},
    ),
    "events:create": Case("alice", count("events.Event"), RIVERSIDE, lambda w: EVENT),
    "events:create_alliance": Case("admin", count("events.Event"), data=lambda w: EVENT),
    "events:add_session": Case(
        "admin",
        count("events.Session"),
        lambda w: {"pk": w.events["conference"].pk},
        lambda w: {
            "title": "Closing",
            "track": "",
            "speakers": "",
            "room": "",
            "starts": local(w.events["conference"].starts_at + timedelta(hours=1)),
            "ends": local(w.events["conference"].starts_at + timedelta(hours=2)),
            "description": "",
        },
    ),
    "aims:adopt_objective": Case(
        "alice",
        count("aims.ObjectiveAdoption"),
        RIVERSIDE,
        lambda w: {"objective": objective_not_adopted(w), "note": ""},
    ),
    "aims:goal_create": Case(
        "alice",
        count("aims.Goal"),
        lambda w: {"slug": "riverside", "pk": w.aims_projects["adoption"].pk},
        lambda w: {"title": "Ten new members", "description": ""},
    ),
    "aims:task_create": Case(
        "alice",
        count("aims.Task"),
        lambda w: {"slug": "riverside", "pk": w.aims_projects["goal"].pk},
        lambda w: {"title": "Print leaflets", "due_on": "", "owner": ""},
    ),
    "projects:create": Case(
        "alice",
        count("projects.Project"),
        RIVERSIDE,
        lambda w: {"name": "Tool library", "kind": "mutual_aid", "summary": "Lend tools."},
    ),
    "projects:partnership_create": Case(
        "alice",
        count("projects.Partnership"),
        RIVERSIDE,
        lambda w: {
            "partner_name": "Unite Southwark",
            "partner_kind": "trade_union",
            "kind": "affiliated",
            "description": "",
        },
    ),
    "projects:listing_create": Case(
        "alice",
        count("projects.Listing"),
        KITCHEN,
        lambda w: {"kind": "need", "title": "Jars", "description": "", "postcode_district": ""},
    ),
    "projects:shift_create": Case(
        "alice",
        count("projects.Shift"),
        KITCHEN,
        lambda w: {"title": "Cooking", "starts_at": soon(3), "ends_at": soon(3, 2), "places": "4"},
    ),
    "projects:ask": Case(
        "anon",
        count("projects.AidRequest"),
        KITCHEN,
        lambda w: {
            "name": "Gus",
            "contact": "07700 900123",
            "need": "A meal",
            "postcode_district": "SE1",
        },
    ),
    "resources:create": Case(
        "alice",
        count("resources.Resource"),
        data=lambda w: {
            "group": pk(w.riverside),
            "title": "Leafleting",
            "kind": "guide",
            "scope": "alliance",
            "summary": "How to leaflet.",
            "body": "Knock first.",
        },
    ),
    "resources:fork": Case(
        "alice",
        count("resources.Resource"),
        lambda w: {"pk": w.library["hillside_guide"].pk},
        lambda w: {"group": pk(w.riverside)},
        page=lambda w: reverse("resources:detail", args=[w.library["hillside_guide"].pk]),
    ),
    "resources:help_create": Case(
        "alice",
        count("resources.HelpRequest"),
        data=lambda w: {"group": pk(w.riverside), "title": "A van?", "body": "For Saturday."},
    ),
    "resources:help_answer": Case(
        "alice",
        count("resources.HelpAnswer"),
        lambda w: {"pk": w.library["question"].pk},
        lambda w: {"body": "We have one."},
        page=lambda w: reverse("resources:help_detail", args=[w.library["question"].pk]),
    ),
    "learning:course_create": Case("admin", count("learning.Course"), data=lambda w: COURSE),
    "learning:group_course_create": Case(
        "alice", count("learning.Course"), RIVERSIDE, lambda w: COURSE | {"scope": "group"}
    ),
    "learning:step_add": Case(
        "admin",
        count("learning.Step"),
        lambda w: {"slug": "alliance-economics"},
        lambda w: {"address": w.events["public"].get_absolute_url(), "title": "", "note": ""},
    ),
    "learning:group_step_add": Case(
        "alice",
        count("learning.Step"),
        lambda w: {"slug": "riverside", "course_slug": "riverside-induction"},
        lambda w: {"address": w.events["public"].get_absolute_url(), "title": "", "note": ""},
    ),
}


def objective_not_adopted(world: World) -> int:
    from groundwork.aims.queries import objectives_not_adopted_by

    return objectives_not_adopted_by(cast(Any, world.riverside))[0].pk


def _proposal_with_no_amendments(world: World):
    from groundwork.democracy.actions import do_create_proposal

    world.democracy["plain"] = do_create_proposal(
        group=cast(Any, world.riverside),
        title="Plain",
        body="No amendments.",
        submit=True,
        acting_user=world.users["bob"],
    )
    return world.democracy["plain"]


def _known_district() -> str:
    from groundwork.groups.models import DistrictCentroid

    centroid, _created = DistrictCentroid.objects.get_or_create(
        district="ZE9", defaults={"latitude": 60, "longitude": -1, "source": "a test"}
    )
    return centroid.district


def _members_list():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("list.csv", b"email,name\nnew@example.org,New\n")
