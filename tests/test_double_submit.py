"""Every create form saves once: sent twice with its token, it makes one object (issue #14).

The table (FORMS in tests/double_submit_forms.py, and below) has a row for every create form of
the project: who sends it, the page the form is on, valid data, and what to count. Each row's form is read from its page (its token must be in
it), sent twice, and the count must rise by one; the second answer sends the person to what the
first saved. `test_every_create_form_is_in_the_table` fails on a create route that is not here, so
a new create form cannot ship without the protection (like the permission matrix's walk).

The world is the permission matrix's (tests/permissions/world.py), built once for the module.
"""

import re
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse

from groundwork.core.idempotency import FIELD, MARK
from groundwork.outcomes.tests.import_fakes import fake_parsers  # noqa: F401 - a fixture
from tests.double_submit_forms import (
    CAMPAIGN,
    FORMS,
    POSITION,
    POSITION_DATA,
    RIVERSIDE,
    Case,
    count,
    objective_not_adopted,
    pk,
    soon,
)
from tests.permissions.matrix import routes
from tests.permissions.world import World, build_world

CASES: dict[str, Case] = FORMS | {
    "accountability:statement_create": Case(
        "alice",
        count("accountability.Statement"),
        lambda w: {"pk": w.register["person"].pk},
        lambda w: {
            "on_behalf_of": pk(w.riverside),
            "kind": "statement",
            "date": date.today().isoformat(),
            "summary": "Spoke for insulation.",
            "source_url": "https://example.org/minutes",
            "objective": objective_not_adopted(w),
            "stance": "for",
        },
    ),
    "accountability:policy_create": Case(
        "alice",
        count("accountability.Policy"),
        data=lambda w: {
            "on_behalf_of": pk(w.riverside),
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

NOT_CREATE_FORMS: dict[str, str] = {}


def _current_term(position) -> int:
    from groundwork.accountability.queries import current_terms_of

    return current_terms_of(position)[0].pk


def _target_data(world: World) -> dict:
    from groundwork.aims.models import Objective

    target = world.targets["target"]
    other = Objective.objects.exclude(pk=target.objective_id).order_by("pk")[0]
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
        # An action may end in a fragment that brings the page back to the form (#comment-form).
        if (posts_to and posts_to.group(1).split("#")[0] == action) or (own_page and not posts_to):
            found = re.search(rf'name="{FIELD}" value="([^"]+)"', body)
            assert found, f"the form posting to {action} has no {FIELD}"
            return found.group(1)
    raise AssertionError(f"no form posting to {action} on the page")


# --- the tests -------------------------------------------------------------------------------


@pytest.fixture
def uploads(settings, tmp_path, request):
    """Uploads kept in a temporary directory; the indicator parsers stood in for."""
    settings.MEDIA_ROOT = tmp_path
    request.getfixturevalue("fake_parsers")


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
    assert second.status_code == 302 and second["Location"] == first["Location"]
    followed = client.get(second["Location"])
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
