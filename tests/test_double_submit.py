"""Every create form saves once: sent twice with its token, it makes one object (issue #14).

The table below has a row for every create form of the project: who sends it, the page the form
is on, valid data, and what to count. Each row's form is read from its page (its token must be in
it), sent twice, and the count must rise by one; the second answer sends the person to what the
first saved. `test_every_create_form_is_in_the_table` fails on a create route that is not here, so
a new create form cannot ship without the protection (like the permission matrix's walk).

The world is the permission matrix's (tests/permissions/world.py), built once for the module.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone

from groundwork.core.idempotency import FIELD, MARK
from tests.permissions.matrix import routes
from tests.permissions.world import World, build_world


def count(model: str) -> Callable[[World], int]:
    def counted(world: World) -> int:
        from django.apps import apps

        return apps.get_model(model).objects.count()

    return counted


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

CASES: dict[str, Case] = {
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
        lambda w: {"objective": _objective_not_adopted(w), "note": ""},
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
            "group": w.riverside.pk,
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
        lambda w: {"group": w.riverside.pk},
        page=lambda w: reverse("resources:detail", args=[w.library["hillside_guide"].pk]),
    ),
    "resources:help_create": Case(
        "alice",
        count("resources.HelpRequest"),
        data=lambda w: {"group": w.riverside.pk, "title": "A van?", "body": "For Saturday."},
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
    "accountability:statement_create": Case(
        "alice",
        count("accountability.Statement"),
        lambda w: {"pk": w.register["person"].pk},
        lambda w: {
            "on_behalf_of": w.riverside.pk,
            "kind": "statement",
            "date": date.today().isoformat(),
            "summary": "Spoke for insulation.",
            "source_url": "https://example.org/minutes",
            "objective": _objective_not_adopted(w),
            "stance": "for",
        },
    ),
    "accountability:policy_create": Case(
        "alice",
        count("accountability.Policy"),
        data=lambda w: {
            "on_behalf_of": w.riverside.pk,
            "title": "Homes",
            "description": "",
            "body": w.register["body"].pk,
            "divisions": "2024-07-01 1 aye",
        },
    ),
    "accountability:pledge_create": Case(
        "alice",
        count("accountability.Pledge"),
        CAMPAIGN,
        lambda w: {"title": "Insulate", "text": "I will vote for it.", "policy": ""},
    ),
    "accountability:group_position_create": Case(
        "alice",
        count("accountability.Position"),
        RIVERSIDE,
        lambda w: POSITION_DATA | {"electorate": "group"},
    ),
    "accountability:alliance_position_create": Case(
        "admin",
        count("accountability.Position"),
        data=lambda w: POSITION_DATA | {"electorate": "alliance"},
    ),
    "accountability:position_election": Case(
        "alice",
        count("accountability.Election"),
        POSITION,
        lambda w: {
            "kind": "election",
            "method": "irv",
            "candidates": [w.users["bob"].pk, w.users["alice"].pk],
            "closes_at": soon(5),
        },
    ),
    "accountability:position_mandate": Case(
        "alice",
        count("accountability.Mandate"),
        POSITION,
        lambda w: {
            "title": "Vote for the motion",
            "text": "Say yes.",
            "meeting": "",
            "decision": "",
        },
    ),
    "accountability:position_meeting": Case(
        "bob",
        count("accountability.Meeting"),
        POSITION,
        lambda w: {"title": "Regional council", "held_on": date.today().isoformat(), "place": ""},
    ),
    "accountability:meeting_report": Case(
        "bob",
        count("accountability.ReportBack"),
        lambda w: {"pk": w.register["meeting"].pk},
        lambda w: {
            "what_happened": "We met.",
            "how_voted": "For.",
            "followed_mandate": "yes",
            "explanation": "",
        },
    ),
    "accountability:recall_petition_create": Case(
        "alice",
        count("accountability.RecallPetition"),
        lambda w: {"pk": w.register["position"].pk},
        lambda w: {"term": _current_term(w.register["position"]), "reason": "He never reports."},
    ),
    "accountability:recall_by_election": Case(
        "alice",
        count("accountability.Election"),
        lambda w: {"pk": w.recall["carried"].pk},
        lambda w: {"candidates": "bob@example.org\nalice@example.org", "closes_at": soon(5)},
        page=lambda w: reverse("accountability:recall_petition", args=[w.recall["carried"].pk]),
    ),
    "outcomes:target_create": Case(
        "alice",
        count("outcomes.Target"),
        RIVERSIDE,
        lambda w: _target_data(w),
    ),
    "outcomes:imports": Case(
        "admin",
        count("outcomes.IndicatorImport"),
        data=lambda w: {"format": "statxplore"},
        files=lambda: {"file": _upload("cilif.csv")},
    ),
    "accountability:register_imports": Case(
        "admin",
        count("accountability.RegisterImport"),
        data=lambda w: {"format": "popolo", "as_of": "2015-05-08", "dry_run": "on"},
        files=lambda: {"file": _upload("popolo.json")},
    ),
}

# Routes named like a create form (see _create_routes) that are not one, with the reason; none yet.
NOT_CREATE_FORMS: dict[str, str] = {}


def _objective_not_adopted(world: World) -> int:
    from groundwork.aims.queries import objectives_not_adopted_by

    return objectives_not_adopted_by(world.riverside).first().pk


def _proposal_with_no_amendments(world: World):
    from groundwork.democracy.actions import do_create_proposal

    world.democracy["plain"] = do_create_proposal(
        group=world.riverside,
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


def _current_term(position) -> int:
    from groundwork.accountability.queries import current_terms_of

    return current_terms_of(position).first().pk


def _target_data(world: World) -> dict:
    from groundwork.aims.models import Objective

    target = world.targets["target"]
    other = Objective.objects.exclude(pk=target.objective_id).order_by("pk").first()
    return {
        "area": target.area_id,
        "indicator": target.indicator_id,
        "objective": other.pk,
        "change": "down",
        "percent": "10",
        "by_period": "2028/29",
        "note": "",
    }


def _upload(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if name == "cilif.csv":  # read by the stand-in parsers of the outcomes tests
        from groundwork.outcomes.tests.import_fakes import csv_file

        return SimpleUploadedFile(name, csv_file("E09000022,Lambeth,2020,7.1"))
    from groundwork.accountability.tests.test_import_representatives import POPOLO, shared

    path = shared(POPOLO)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")


# --- the world, built once for the module ----------------------------------------------------


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """Built once inside a transaction rolled back at the end; each test is a savepoint in it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    return shared_world


def client_for(world: World, who: str) -> Client:
    client = Client()
    if world.users[who] is not None:
        client.force_login(world.users[who])
    return client


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)


def token_in_form(page: str, action: str, own_page: bool) -> str:
    """The token of the form on `page` that posts to `action` (on its own page: to itself)."""
    for attributes, body in FORM.findall(page):
        if 'method="post"' not in attributes:
            continue
        posts_to = re.search(r'action="([^"]*)"', attributes)
        if (posts_to and posts_to.group(1) == action) or (own_page and not posts_to):
            found = re.search(rf'name="{FIELD}" value="([^"]+)"', body)
            assert found, f"the form posting to {action} has no {FIELD}"
            return found.group(1)
    raise AssertionError(f"no form posting to {action} on the page")


# --- the tests -------------------------------------------------------------------------------


@pytest.fixture
def uploads(settings, tmp_path, monkeypatch):
    """Uploads kept in a temporary directory; the indicator parsers stood in for."""
    from groundwork.outcomes.tests.import_fakes import fake_parsers

    settings.MEDIA_ROOT = tmp_path
    fake_parsers.__wrapped__(monkeypatch)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_create_form_sent_twice_saves_once(world, name, uploads):
    case = CASES[name]
    client = client_for(world, case.who)
    url = reverse(name, kwargs=case.kwargs(world) or None)
    page_url = case.page(world) if case.page else url
    page = client.get(page_url)
    assert page.status_code == 200, f"{name}: the form's page answered {page.status_code}"
    token = token_in_form(page.content.decode(), url, own_page=case.page is None)
    data = case.data(world) | {FIELD: token}
    before = case.counted(world)

    first = client.post(url, data | case.files())
    assert first.status_code == 302, f"{name}: {first.status_code} {_errors(first)}"
    assert case.counted(world) == before + 1
    second = client.post(url, data | case.files())
    assert case.counted(world) == before + 1, f"{name}: the second submission saved again"
    assert second.status_code == 302 and second.url == first.url
    followed = client.get(second.url)
    assert "already been sent" in followed.content.decode()


def _errors(response) -> str:
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return str(form.errors.as_data()) if form is not None else ""


def _create_routes() -> set[str]:
    """Routes named or placed like a create form: …_create, …_add, add_…, or an address …/new/."""
    found = set()
    for key, path in routes().items():
        if key.startswith("admin:"):
            continue  # the admin's add pages: staff tools, outside the member's pages
        name = key.split(":")[-1]
        if re.search(r"(^|_)(create|add|new)($|_)", name) or path.endswith("/new/"):
            found.add(key)
    return found


def _marked_routes() -> set[str]:
    marked = set()
    for key, path in routes().items():
        if key.startswith("admin:") or path == key:
            continue  # the admin's pages, and routes with no name
        try:
            view = resolve(reverse(key, kwargs=_dummy_kwargs(path) or None))
        except NoReverseMatch:  # a converter the dummy arguments do not fit (no create form)
            continue
        if getattr(view.func, MARK, False):
            marked.add(key)
    return marked


def _dummy_kwargs(path: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", path):
        kwargs[name] = 1 if converter == "int" else "x1"
    return kwargs


def test_every_create_form_is_in_the_table():
    missing = _create_routes() - set(CASES) - set(NOT_CREATE_FORMS)
    assert not missing, f"create forms with no row in CASES (and maybe no @idempotent): {missing}"


def test_the_views_of_the_table_and_no_others_are_protected():
    assert _marked_routes() == set(CASES)
