"""A member's data rights across every app (issue #14, item 7): the download holds their data from
each app and nobody else's, only they can fetch it; deleting the account leaves no trace of their
name, email or postcode in any table or in the audit log, while the group's counts, petition
signatures and ballot results stay as they were.

Here rather than in members/tests: the person is built with every app's factories, and the
members app may not import the apps to its right.
"""

import io
import json
import re
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.aims.actions import do_adopt_platform
from groundwork.campaigns import actions as campaign_actions
from groundwork.campaigns.models import Signature
from groundwork.campaigns.tests.factories import (
    add_target,
    offer_letter,
    open_petition,
    sign_and_verify,
    start_campaign,
)
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.democracy.actions import check_support_proposal, do_comment, do_create_proposal
from groundwork.democracy.models import Comment
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.events.models import Rsvp
from groundwork.events.tests.factories import going, move_into_the_past, plan_event
from groundwork.groups.models import Group, Membership
from groundwork.groups.tests.factories import PASSWORD, UserFactory, join
from groundwork.members.actions import do_update_profile, profile_of
from groundwork.members.actions.rights import check_erase_member, do_request_data_export
from groundwork.members.models import PersonalDataExport, User
from groundwork.notifications.actions import do_notify, do_set_notification_preferences
from groundwork.notifications.models import NotificationPreference
from groundwork.projects.tests.factories import add_shift, sign_up, start_project
from groundwork.resources.actions import check_ask_for_help

pytestmark = pytest.mark.django_db

ZEPH_NAME = "Zephyrine Quillfeather"
ZEPH_EMAIL = "zephyrine.q@example.org"
ZEPH_DISTRICT = "ZE2"
OTHER_NAME = "Bartholomew Otherperson"
OTHER_EMAIL = "bartholomew.o@example.org"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def live_a_full_life(person: User, riverside: Group, alice: User, *, shared: dict) -> None:
    """`person`, a member of Riverside, does something in every app: answers events, signs,
    writes, votes."""
    profile = profile_of(person)
    values = {field: getattr(profile, field) for field in ("pronouns", "show_pronouns")}
    values |= {
        "postcode_district": ZEPH_DISTRICT if person.email == ZEPH_EMAIL else "SE15",
        "skills": "Welding\nFirst aid",
        "interests": "Housing",
        "share_skills": True,
        "allow_organiser_contact": True,
    }
    do_update_profile(person, display_name=person.display_name, values=values, acting_user=person)
    going(shared["event"], person)
    going(shared["past_event"], person)
    sign_and_verify(
        shared["petition"],
        person.email,
        name=person.display_name,
        district=values["postcode_district"],
    )
    campaign_actions.check_send_letter(
        shared["campaign"],
        postcode_district="SE15",
        subject="Our library",
        body="Please keep it open.",
        confirmation=uuid.uuid4(),
        acting_user=person,
    )
    proposal = do_create_proposal(
        group=riverside,
        title=f"A kitchen on {person.pk}",
        body="Open a community kitchen.",
        submit=True,
        acting_user=person,
    )
    do_comment(shared["alice_proposal"], body="I will cook.", parent=None, acting_user=person)
    check_support_proposal(shared["alice_proposal"], acting_user=person)
    vote_for(shared["secret_ballot"], person, choice="yes")
    vote_for(shared["open_ballot"], person, choice="no")
    do_notify([person.pk], key=f"welcome-{person.pk}", text="Welcome to Riverside")
    do_set_notification_preferences(person, deliveries={"events": "weekly"}, acting_user=person)
    do_notify([alice.pk], key=f"joined-{person.pk}", text=f"{person.name} joined Riverside")
    sign_up(shared["shift"], person)
    do_adopt_platform(person, acting_user=person)
    check_ask_for_help(
        group=riverside, title="Who has a van?", body="For Saturday.", acting_user=person
    )
    shared.setdefault("proposals", []).append(proposal.pk)


@pytest.fixture
def prepare(run_jobs, django_capture_on_commit_callbacks):
    """Ask for a member's download and run the worker, as the page's button and the worker do."""

    def prepare_for(member: User) -> PersonalDataExport:
        with django_capture_on_commit_callbacks(execute=True):
            export = do_request_data_export(member, acting_user=member)
        run_jobs()
        export.refresh_from_db()
        return export

    return prepare_for


@pytest.fixture
def world(riverside, alice, bob, django_capture_on_commit_callbacks):
    """Zephyrine and Bartholomew, two members who did everything; jobs (emails) really queued."""
    with django_capture_on_commit_callbacks(execute=True):
        zeph = UserFactory(email=ZEPH_EMAIL, display_name=ZEPH_NAME)
        other = UserFactory(email=OTHER_EMAIL, display_name=OTHER_NAME)
        join(riverside, zeph)
        join(riverside, other)
        campaign = start_campaign(riverside)
        offer_letter(campaign)
        add_target(campaign, name="Cllr Peckham", postcode_districts="SE15")
        shared: dict[str, Any] = {
            "campaign": campaign,
            "petition": open_petition(campaign),
            "event": plan_event(riverside, alice),
            "past_event": plan_event(riverside, alice, title="Last month's march"),
            "shift": add_shift(start_project(riverside, alice), alice, places=5),
            "alice_proposal": do_create_proposal(
                group=riverside, title="Rent strike", body="Strike.", submit=True, acting_user=alice
            ),
            "secret_ballot": open_ballot(riverside, alice, title="Secret"),
            "open_ballot": open_ballot(riverside, alice, title="Roll call", secret=False),
        }
        for person in (zeph, other):
            live_a_full_life(person, riverside, alice, shared=shared)
        vote_for(shared["secret_ballot"], bob, choice="no")
        vote_for(shared["open_ballot"], bob, choice="yes")
    move_into_the_past(shared["past_event"], days_ago=3)
    for ballot in ("secret_ballot", "open_ballot"):
        shared[ballot] = fast_forward_past_deadline(shared[ballot])
    return zeph, other, shared


# --- The download ------------------------------------------------------------------------------


def download(client, export: PersonalDataExport) -> dict:
    """The zip as {file name: content}, read as the member would."""
    response = client.get(reverse("members:download_export", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_download_holds_the_members_data_from_every_app_and_nobody_elses(world, prepare):
    zeph, other, shared = world
    export = prepare(zeph)
    files = download(client_for(zeph), export)

    def rows(part):
        assert f"{part}.csv" in files
        return json.loads(files[f"{part}.json"])

    assert rows("account") == [rows("account")[0]] and rows("account")[0]["email"] == ZEPH_EMAIL
    assert rows("profile")[0]["postcode_district"] == ZEPH_DISTRICT
    assert "Welding" in rows("profile")[0]["skills"]
    assert {c["purpose"] for c in rows("consents")} >= {"Privacy policy and membership records"}
    assert [m["group"] for m in rows("group_memberships")] == ["Riverside"]
    assert {a["event"] for a in rows("event_answers")} == {
        shared["event"].title,
        "Last month's march",
    }
    assert [s["postcode_district"] for s in rows("petition_signatures")] == [ZEPH_DISTRICT]
    assert [letter["to"] for letter in rows("letters_sent")] == ["Cllr Peckham"]
    assert [p["title"] for p in rows("proposals")] == [f"A kitchen on {zeph.pk}"]
    assert [c["body"] for c in rows("comments")] == ["I will cook."]
    assert [s["proposal"] for s in rows("proposals_supported")] == ["Rent strike"]
    assert "Welcome to Riverside" in [n["text"] for n in rows("notifications")]
    assert [s["shift"] for s in rows("rota_shifts")] == ["Saturday kitchen"]
    assert len(rows("platform_adoptions")) == 1
    assert [h["question"] for h in rows("help_requests")] == ["Who has a van?"]
    ballots = {b["ballot"]: b for b in rows("ballots")}
    # The open ballot says how they voted; the secret one only that they did.
    assert ballots["Roll call"]["vote"] == {"choice": "no"}
    assert ballots["Secret"]["voted"] is True and ballots["Secret"]["vote"] is None
    everything = "\n".join(files.values())
    assert "yes" not in json.dumps(ballots["Secret"])
    for trace in (OTHER_NAME, OTHER_EMAIL, "bob@example.org", "alice@example.org", "SE15 "):
        assert trace not in everything, trace


def test_only_the_owner_can_download_and_others_get_404(world, prepare, bob, anon):
    zeph, other, _shared = world
    export = prepare(zeph)
    url = reverse("members:download_export", args=[export.pk])
    assert client_for(bob).get(url).status_code == 404
    assert client_for(other).get(url).status_code == 404
    assert anon.get(url).status_code == 302
    assert client_for(zeph).get(url).status_code == 200


def test_the_page_says_it_is_being_prepared_then_offers_the_link(
    world, run_jobs, django_capture_on_commit_callbacks
):
    zeph, _other, _shared = world
    client = client_for(zeph)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:request_export"), follow=True)
        assert "Your data is being prepared." in response.content.decode()
        # Asking twice while it is being made makes one.
        client.post(reverse("members:request_export"))
    assert PersonalDataExport.objects.filter(user=zeph).count() == 1
    run_jobs()
    export = PersonalDataExport.objects.get(user=zeph)
    page = client.get(reverse("members:data")).content.decode()
    assert reverse("members:download_export", args=[export.pk]) in page


def test_an_expired_download_is_gone_and_its_job_deletes_the_file(
    world, prepare, django_capture_on_commit_callbacks
):
    from groundwork.members.tasks import delete_personal_data_export

    zeph, _other, _shared = world
    export = prepare(zeph)
    path = export.file.path
    assert export.expires_at > timezone.now() + timedelta(days=6)
    PersonalDataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    url = reverse("members:download_export", args=[export.pk])
    assert client_for(zeph).get(url).status_code == 404
    assert Path(path).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_personal_data_export.call(export.pk) == "deleted"
    assert not Path(path).exists()
    assert not PersonalDataExport.objects.filter(pk=export.pk).exists()


# --- Erasure -----------------------------------------------------------------------------------


def text_columns(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def traces_of(needles: list[str], district: str) -> list[str]:
    """Every (table, column, row) of every model whose text names the person."""
    whole_district = re.compile(rf"(?<![A-Za-z0-9]){re.escape(district)}(?![A-Za-z0-9])")
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        columns = text_columns(model)
        if not columns:
            continue
        for row in model._base_manager.values_list("pk", *columns):
            for column, value in zip(columns, row[1:], strict=True):
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                lowered = text.lower()
                if any(needle in lowered for needle in needles) or whole_district.search(text):
                    found.append(f"{model._meta.label}.{column} #{row[0]}: {text[:80]}")
    return found


ZEPH_TRACES = [ZEPH_EMAIL, "zephyrine", "quillfeather"]


def test_the_world_names_zephyrine_before_she_deletes_her_account(world):
    """The scan below can fail: before the erasure it finds her in many tables."""
    traces = traces_of(ZEPH_TRACES, ZEPH_DISTRICT)
    tables = {trace.split(".")[0] + "." + trace.split(".")[1] for trace in traces}
    assert {"members.User", "core.AuditEntry", "campaigns.Signature"} <= tables
    assert any(trace.startswith("django_tasks_database.DBTaskResult") for trace in traces)
    assert any(trace.startswith("members.Profile.postcode_district") for trace in traces)


def test_after_erasure_no_table_names_her_and_the_groups_records_still_add_up(
    world, riverside, alice
):
    zeph, other, shared = world
    secret, roll_call = shared["secret_ballot"], shared["open_ballot"]
    before = {
        "members": Group.objects.get(pk=riverside.pk).member_count,
        "signatures": Signature.objects.filter(verified_at__isnull=False).count(),
        "secret result": secret.result,
        "roll-call result": roll_call.result,
        "votes cast": (secret.votes_cast, roll_call.votes_cast),
        "comments": Comment.objects.count(),
        "came to the march": Rsvp.objects.filter(event_id=shared["past_event"].pk).count(),
    }

    check_erase_member(zeph, password=PASSWORD, acting_user=zeph)

    assert traces_of(ZEPH_TRACES, ZEPH_DISTRICT) == []
    assert not NotificationPreference.objects.filter(user=zeph).exists()
    secret.refresh_from_db()
    roll_call.refresh_from_db()
    after = {
        "members": Group.objects.get(pk=riverside.pk).member_count,
        "signatures": Signature.objects.filter(verified_at__isnull=False).count(),
        "secret result": secret.result,
        "roll-call result": roll_call.result,
        "votes cast": (secret.votes_cast, roll_call.votes_cast),
        "comments": Comment.objects.count(),
        "came to the march": Rsvp.objects.filter(event_id=shared["past_event"].pk).count(),
    }
    # She left the group, truthfully: one member fewer, and the count still matches the rows.
    assert after["members"] == before["members"] - 1
    assert Membership.objects.filter(group=riverside).count() == after.pop("members")
    before.pop("members")
    assert after == before
    # The other member, who did all the same things, is untouched.
    assert traces_of([OTHER_EMAIL, "bartholomew"], "SE15")
    assert Membership.objects.filter(user=other).exists()


def test_the_erased_account_cannot_sign_in_and_shows_as_a_former_member(world, client):
    zeph, _other, shared = world
    check_erase_member(zeph, password=PASSWORD, acting_user=zeph)
    zeph.refresh_from_db()
    assert zeph.name == "a former member" and not zeph.is_active
    assert not client.login(email=ZEPH_EMAIL, password=PASSWORD)
    proposal_page = client_for(shared["alice_proposal"].proposer).get(
        reverse("democracy:proposal", args=[shared["alice_proposal"].pk])
    )
    assert "a former member" in proposal_page.content.decode()
    # The erasure is audited, naming nobody.
    entry = AuditEntry.objects.get(verb="member.erased")
    assert entry.actor is None and entry.target_label == "a former member"


def test_erasure_needs_the_right_password_and_the_person_themselves(world, bob):
    zeph, _other, _shared = world
    with pytest.raises(ActionError):
        check_erase_member(zeph, password="not it", acting_user=zeph)
    with pytest.raises(ActionError):
        check_erase_member(zeph, password=PASSWORD, acting_user=bob)
    zeph.refresh_from_db()
    assert zeph.erased_at is None and zeph.email == ZEPH_EMAIL


# --- Query budget ------------------------------------------------------------------------------

# Session, user, the bell's unread count, the navigation's roles, and the newest download.
DATA_PAGE_QUERIES = 5


@pytest.mark.parametrize("downloads", [1, 10, 100])
def test_the_data_page_has_a_fixed_number_of_queries(bob, downloads, django_assert_max_num_queries):
    PersonalDataExport.objects.bulk_create(
        PersonalDataExport(user=bob, status=PersonalDataExport.Status.FAILED)
        for _ in range(downloads)
    )
    client = client_for(bob)
    with django_assert_max_num_queries(DATA_PAGE_QUERIES):
        response = client.get(reverse("members:data"))
    assert "Prepare a new copy" in response.content.decode()


def test_a_download_that_fails_to_build_says_so_and_can_be_asked_again(
    bob, monkeypatch, run_jobs, django_capture_on_commit_callbacks
):
    from groundwork.members.actions import rights

    def broken(user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rights, "collect_personal_data", broken)
    client = client_for(bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:request_export"))
    run_jobs()
    page = client.get(reverse("members:data")).content.decode()
    assert "could not be prepared" in page
    assert "Prepare a new copy" in page
