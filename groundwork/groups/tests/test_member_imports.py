"""Importing a members' list into a group: everyone new is invited, nobody enrolled; the lawful
basis is kept; a second import of the same file changes nothing; the command prints one line."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from groundwork.core.models import AuditEntry
from groundwork.groups.actions.member_import_runs import do_run_member_import
from groundwork.groups.actions.member_imports import (
    Summary,
    check_map_member_import,
    check_start_member_import,
    check_upload_member_import,
)
from groundwork.groups.models import (
    ImportedContact,
    Invitation,
    MemberImport,
    MemberImportEmail,
    MemberImportProblem,
    Membership,
)
from tests.testdata import need, root

pytestmark = pytest.mark.django_db

LIST = (
    b"Email,First name,Last name\n"
    b"new@example.org,New,Person\n"  # 2 added
    b"BOB@example.org,Bob,Member\n"  # 3 already a member (bob@example.org)
    b"not-an-address,Bad,Address\n"  # 4 invalid
    b",No,Address\n"  # 5 no email
    b"New@Example.org,New,Again\n"  # 6 duplicate of row 2
    b"other@example.org,Other,Person\n"  # 7 added
)


def upload(group, user, content: bytes = LIST, *, name: str = "list.csv") -> MemberImport:
    return check_upload_member_import(
        group,
        upload=SimpleUploadedFile(name, content, content_type="text/csv"),
        file_name=name,
        lawful_basis=MemberImport.LawfulBasis.CONSENT,
        acting_user=user,
    )


def run(member_import: MemberImport, user, *, dry_run: bool = False) -> Summary:
    assert check_start_member_import(member_import, dry_run=dry_run, acting_user=user)
    finished = do_run_member_import(member_import.pk)
    assert finished is not None
    return Summary.of(finished)


def test_new_people_are_invited_not_enrolled_and_every_bad_row_is_reported(riverside, alice, bob):
    member_import = upload(riverside, alice)
    assert run(member_import, alice).line() == (
        "6 rows: 2 added, 0 updated, 0 unchanged, 4 skipped"
    )
    pending = Invitation.objects.filter(group=riverside, status="pending")
    assert sorted(pending.values_list("email", flat=True)) == [
        "new@example.org",
        "other@example.org",
    ]
    assert not Membership.objects.filter(
        group=riverside, user__email__in=["new@example.org", "other@example.org"]
    ).exists()
    problems = MemberImportProblem.objects.filter(member_import=member_import)
    assert [(p.row_number, p.problem, p.written_email) for p in problems] == [
        (3, "already_member", "BOB@example.org"),
        (4, "invalid_email", "not-an-address"),
        (5, "no_email", ""),
        (6, "duplicate_in_file", "New@Example.org"),
    ]
    # Emails seen are kept only while the run lasts, and the list itself until it is imported.
    assert not MemberImportEmail.objects.exists()
    stored = member_import.file.path
    member_import.refresh_from_db()
    assert member_import.file.name == "" and not Path(stored).exists()


def test_the_lawful_basis_who_imported_and_when_are_kept_with_each_person(riverside, alice):
    member_import = upload(riverside, alice)
    run(member_import, alice)
    contact = ImportedContact.objects.select_related("first_import").get(email="new@example.org")
    assert contact.first_import.lawful_basis == "consent"
    assert contact.first_import.imported_by == alice
    assert contact.first_import.created_at is not None
    verbs = AuditEntry.objects.filter(
        target_type="groups.memberimport", target_id=str(member_import.pk)
    ).values_list("verb", flat=True)
    assert set(verbs) == {
        "group.member_list_uploaded",
        "group.member_list_queued",
        "group.member_list_imported",
    }


def test_importing_the_same_file_again_changes_nothing(riverside, alice, bob):
    run(upload(riverside, alice), alice)
    before = (ImportedContact.objects.count(), Invitation.objects.count())
    assert run(upload(riverside, alice), alice).line() == (
        "6 rows: 0 added, 0 updated, 2 unchanged, 4 skipped"
    )
    assert (ImportedContact.objects.count(), Invitation.objects.count()) == before


def test_a_changed_name_is_an_update_and_sends_no_second_invitation(riverside, alice):
    run(upload(riverside, alice, b"email,name\nann@example.org,Ann\n"), alice)
    summary = run(upload(riverside, alice, b"email,name\nANN@example.org,Ann Lee\n"), alice)
    assert summary.line() == "1 rows: 0 added, 1 updated, 0 unchanged, 0 skipped"
    assert ImportedContact.objects.get(email="ann@example.org").name == "Ann Lee"
    assert Invitation.objects.filter(email="ann@example.org").count() == 1


def test_a_dry_run_counts_as_the_import_would_and_writes_no_one(riverside, alice, bob):
    member_import = upload(riverside, alice)
    assert run(member_import, alice, dry_run=True).line() == (
        "6 rows: 2 added, 0 updated, 0 unchanged, 4 skipped"
    )
    assert not ImportedContact.objects.exists()
    assert not Invitation.objects.exists()
    member_import.refresh_from_db()
    assert member_import.status == "checked"
    assert MemberImportProblem.objects.filter(member_import=member_import).count() == 4
    # The checked list can then be imported for real.
    assert run(member_import, alice).added == 2


def test_a_second_start_of_a_running_or_imported_list_does_nothing(riverside, alice):
    member_import = upload(riverside, alice)
    run(member_import, alice)
    assert not check_start_member_import(member_import, dry_run=False, acting_user=alice)


def test_the_mapping_can_be_changed_and_needs_an_email_column(riverside, alice):
    member_import = upload(riverside, alice, b"Contact,Who\nx@example.org,Xi\n")
    assert member_import.mapping["email"] is None
    from groundwork.core.errors import ActionError

    with pytest.raises(ActionError):
        check_start_member_import(member_import, dry_run=True, acting_user=alice)
    columns = {"email": 0, "first_name": None, "last_name": None, "name": 1}
    check_map_member_import(member_import, columns=columns, acting_user=alice)
    assert run(member_import, alice).added == 1
    assert ImportedContact.objects.get().name == "Xi"


def test_batches_keep_duplicates_across_them(riverside, alice, monkeypatch):
    monkeypatch.setattr("groundwork.groups.actions.member_import_runs.BATCH_SIZE", 2)
    content = b"email\na@example.org\nb@example.org\nc@example.org\nA@example.org\n"
    assert run(upload(riverside, alice, content), alice).line() == (
        "4 rows: 3 added, 0 updated, 0 unchanged, 1 skipped"
    )


def test_a_real_actionkit_export_is_imported_with_its_row_without_email_reported(riverside, alice):
    path = need(root() / "member_import/dsa_actionkit_bostondsa/tests_data_02current.csv")
    member_import = upload(riverside, alice, path.read_bytes(), name=path.name)
    assert member_import.source == "actionkit"
    assert run(member_import, alice).line() == "2 rows: 1 added, 0 updated, 0 unchanged, 1 skipped"
    assert ImportedContact.objects.get().name == "Jane Doe"


def test_the_command_prints_one_summary_line_and_a_rerun_changes_nothing(
    riverside, alice, bob, tmp_path: Path
):
    path = tmp_path / "list.csv"
    path.write_bytes(LIST)
    out = io.StringIO()
    call_command("import_members", str(path), "--group", "riverside", "--dry-run", stdout=out)
    assert out.getvalue() == "6 rows: 2 added, 0 updated, 0 unchanged, 4 skipped\n"
    assert not ImportedContact.objects.exists()
    for expected in ("2 added, 0 updated, 0 unchanged", "0 added, 0 updated, 2 unchanged"):
        out = io.StringIO()
        call_command("import_members", str(path), "--group", "riverside", stdout=out)
        assert out.getvalue() == f"6 rows: {expected}, 4 skipped\n"
    assert ImportedContact.objects.count() == 2


def test_the_command_refuses_an_unknown_group(tmp_path: Path, riverside):
    from django.core.management.base import CommandError

    path = tmp_path / "list.csv"
    path.write_bytes(LIST)
    with pytest.raises(CommandError):
        call_command("import_members", str(path), "--group", "nowhere")


def test_a_file_that_cannot_be_read_to_the_end_fails_with_the_reason_and_is_not_kept(
    riverside, alice
):
    member_import = upload(riverside, alice, b"email\n" + b"a" * 200_000 + b"\n")
    assert check_start_member_import(member_import, dry_run=False, acting_user=alice)
    finished = do_run_member_import(member_import.pk)
    assert finished is not None and finished.status == "failed"
    assert finished.file.name == ""
    entry = AuditEntry.objects.get(verb="group.member_list_failed")
    assert "field larger than field limit" in entry.new["error"]


def test_people_who_did_not_join_are_forgotten_after_their_invitation(riverside, alice, bob):
    from datetime import timedelta

    from django.utils import timezone

    from groundwork.groups.reactions import _forget_imported_people

    member_import = upload(riverside, alice, b"email\nnew@example.org\nbad\n")
    run(member_import, alice)
    bobs = ImportedContact.objects.create(
        group=riverside,
        email="bob@example.org",
        first_import=member_import,
        last_import=member_import,
    )
    later = timezone.now() + timedelta(days=200)
    assert _forget_imported_people(later) == 2  # new@example.org, and the bad row's report
    assert list(ImportedContact.objects.values_list("pk", flat=True)) == [bobs.pk]  # he joined


def test_a_member_sees_which_list_brought_their_address_and_erasure_forgets_it(
    riverside, alice, dan
):
    from groundwork.groups.reactions import forget_erased_member, groups_personal_data

    run(upload(riverside, alice, b"email,name\nDAN@example.org,Dan D\n"), alice)
    (entry,) = groups_personal_data(dan)["group_imported_lists"]
    assert (entry["group"], entry["name"], entry["email"]) == (
        "Riverside",
        "Dan D",
        "dan@example.org",
    )
    assert entry["lawful_basis"].startswith("Consent")
    forget_erased_member(sender=None, user=dan)
    assert not ImportedContact.objects.exists()
