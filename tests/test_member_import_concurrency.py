"""Two imports of the same members' list into a group at the same instant invite each person
once, and count each person once as added. On PostgreSQL only (row locks and separate
connections), as tests/test_concurrency.py: each thread has its own connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction

from groundwork.groups.actions.member_import_runs import do_run_member_import
from groundwork.groups.actions.member_imports import (
    check_start_member_import,
    check_upload_member_import,
)
from groundwork.groups.models import ImportedContact, Invitation, MemberImport

THREADS = 2
PEOPLE = 2500  # three batches each, so the two runs interleave batch by batch
TIMEOUT_SECONDS = 120

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: run make test-postgres"
    ),
    pytest.mark.django_db(transaction=True),
]


def members_list() -> bytes:
    rows = "".join(f"person{number}@example.org,Person {number}\n" for number in range(PEOPLE))
    return ("email,name\n" + rows).encode()


def test_two_imports_of_the_same_file_at_once_invite_each_person_once(riverside, alice):
    imports = []
    for _ in range(THREADS):
        member_import = check_upload_member_import(
            riverside,
            upload=SimpleUploadedFile("list.csv", members_list()),
            file_name="list.csv",
            lawful_basis="consent",
            acting_user=alice,
        )
        check_start_member_import(member_import, dry_run=False, acting_user=alice, in_worker=False)
        imports.append(member_import)
    barrier = threading.Barrier(THREADS, timeout=TIMEOUT_SECONDS)

    def run(member_import: MemberImport) -> MemberImport | None:
        try:
            barrier.wait()
            return do_run_member_import(member_import.pk)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        finished = [
            future.result(timeout=TIMEOUT_SECONDS)
            for future in [pool.submit(run, member_import) for member_import in imports]
        ]
    assert [run.status for run in finished if run] == ["done"] * THREADS
    assert ImportedContact.objects.filter(group=riverside).count() == PEOPLE
    assert Invitation.objects.filter(group=riverside, status="pending").count() == PEOPLE
    assert sum(run.added_count for run in finished if run) == PEOPLE
    assert sum(run.unchanged_count for run in finished if run) == PEOPLE
    assert all(run.skipped_count == 0 for run in finished if run)


def test_the_database_refuses_a_second_imported_contact_for_the_same_email(riverside, alice):
    member_import = check_upload_member_import(
        riverside,
        upload=SimpleUploadedFile("list.csv", b"email\na@example.org\n"),
        file_name="list.csv",
        lawful_basis="consent",
        acting_user=alice,
    )
    fields = {"group": riverside, "first_import": member_import, "last_import": member_import}
    ImportedContact.objects.create(email="a@example.org", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportedContact.objects.create(email="a@example.org", **fields)
