"""The organisers' pages for importing a members' list and downloading members' contacts."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.groups.actions.member_imports import check_upload_member_import
from groundwork.groups.models import (
    ImportedContact,
    MemberImport,
    MemberImportProblem,
    Membership,
)
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.actions import do_update_profile, profile_of
from tests.test_query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db

LIST = b"email,name\nnew@example.org,New Person\nnot-an-address,Bad\n"


def upload_page(client, content: bytes = LIST, **extra):
    data = {"basis": "consent", "confirm": "on", **extra}
    data["file"] = SimpleUploadedFile("list.csv", content, content_type="text/csv")
    return client.post(reverse("groups:member_imports", args=["riverside"]), data)


def test_alice_uploads_previews_checks_and_imports_a_list(
    riverside, alice, run_jobs, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    response = upload_page(client)
    member_import = MemberImport.objects.get()
    detail = reverse("groups:member_import", args=["riverside", member_import.pk])
    assert response.status_code == 302 and response["Location"] == detail
    page = client.get(detail).content.decode()
    assert "A spreadsheet" in page and "new@example.org" in page and "New Person" in page

    run = reverse("groups:run_member_import", args=["riverside", member_import.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(run, {"dry_run": "1"}).status_code == 302
    page = client.get(detail).content.decode()
    assert 'http-equiv="refresh"' in page  # queued: the page refreshes itself until done
    run_jobs()
    page = client.get(detail).content.decode()
    assert "dry run: nothing was changed" in page
    assert "Not a valid email address" in page and "not-an-address" in page
    assert not ImportedContact.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(run, {"dry_run": "0"})
    run_jobs()
    page = client.get(detail).content.decode()
    assert "What the import did" in page and 'http-equiv="refresh"' not in page
    assert list(ImportedContact.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert not Membership.objects.filter(user__email="new@example.org").exists()


def test_an_upload_without_the_lawful_basis_confirmed_is_refused_and_keeps_the_choice(
    riverside, alice
):
    response = upload_page(client_for(alice), confirm="")
    del response  # the form is sent without the box ticked
    response = client_for(alice).post(
        reverse("groups:member_imports", args=["riverside"]),
        {"basis": "legitimate_interest", "file": SimpleUploadedFile("l.csv", LIST)},
    )
    assert response.status_code == 400
    chosen = re.search(r'<input[^>]*value="legitimate_interest"[^>]*>', response.content.decode())
    assert chosen is not None and "checked" in chosen.group(0)
    assert not MemberImport.objects.exists()


def test_a_file_without_a_header_is_refused_at_the_field(riverside, alice):
    response = upload_page(client_for(alice), b"")
    assert response.status_code == 400
    assert not MemberImport.objects.exists()


def test_the_mapping_page_changes_the_email_column(riverside, alice):
    member_import = check_upload_member_import(
        riverside,
        upload=SimpleUploadedFile("l.csv", b"Contact,Who\nx@example.org,Xi\n"),
        file_name="l.csv",
        lawful_basis="consent",
        acting_user=alice,
    )
    url = reverse("groups:map_member_import", args=["riverside", member_import.pk])
    client_for(alice).post(url, {"email": "0", "name": "1"})
    member_import.refresh_from_db()
    assert member_import.mapping["email"] == 0 and member_import.mapping["name"] == 1


def test_the_list_page_asks_a_fixed_number_of_queries_however_many_rows_were_set_aside(
    riverside, alice
):
    member_import = check_upload_member_import(
        riverside,
        upload=SimpleUploadedFile("l.csv", LIST),
        file_name="l.csv",
        lawful_basis="consent",
        acting_user=alice,
    )

    def grow(n: int) -> str:
        have = MemberImportProblem.objects.count()
        MemberImportProblem.objects.bulk_create(
            MemberImportProblem(
                member_import=member_import,
                row_number=row,
                written_email=f"bad{row}",
                problem="invalid_email",
            )
            for row in range(have + 1, n + 1)
        )
        return f"bad{n}"

    url = reverse("groups:member_import", args=["riverside", member_import.pk])
    assert_fixed_queries(client_for(alice), url, grow)


def export(client):
    response = client.get(reverse("groups:export_members", args=["riverside"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_export_holds_only_members_who_agreed_and_only_the_columns_needed(
    riverside, alice, bob
):
    eve = UserFactory(email="eve@example.org", display_name="=HYPERLINK(1)")
    join(riverside, eve)
    values = {
        field: getattr(profile_of(bob), field)
        for field in ("pronouns", "postcode_district", "skills", "interests")
    } | {"share_skills": False, "show_pronouns": True, "allow_organiser_contact": False}
    do_update_profile(bob, display_name="Bob", values=values, acting_user=bob)
    rows = export(client_for(alice))
    assert rows[0] == ["Name", "Email", "Joined", "Role"]
    assert sorted(row[1] for row in rows[1:]) == ["alice@example.org", "eve@example.org"]
    eves = next(row for row in rows if row[1] == "eve@example.org")
    assert eves[0] == "'=HYPERLINK(1)"  # a spreadsheet reads it as text, never a formula
    assert eves[3] == "Member"
    entry = AuditEntry.objects.get(verb="group.members_exported")
    assert entry.actor == alice and entry.new["people"] == 2 and entry.group_id == riverside.pk


def test_the_export_is_limited_per_group_and_says_when_to_come_back(riverside, alice, monkeypatch):
    monkeypatch.setattr("groundwork.groups.actions.member_exports.EXPORT_RATE", "1/86400")
    from django.core.cache import cache

    cache.clear()
    client = client_for(alice)
    export(client)
    response = client.get(reverse("groups:export_members", args=["riverside"]))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert AuditEntry.objects.filter(verb="group.members_exported").count() == 1
