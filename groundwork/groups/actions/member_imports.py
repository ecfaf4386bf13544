"""Members' lists brought from other tools: upload, check the column mapping, a dry run, the
import (by the job worker or `manage.py import_members`), and the export of members' contacts.

Nobody is enrolled by an import: each good row becomes an invitation the person accepts or not,
and an `ImportedContact` that records which import brought them (who, when, on what lawful
basis). A person is imported once per group: the database holds to it, and a group's imports take
its row lock batch by batch, so two at once count each person once. A run streams the file and
writes a batch at a time; the emails seen earlier in the file are kept in the database, not in
memory, so memory does not grow with the file.
"""

from dataclasses import dataclass

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.member_import import (
    FIELDS,
    Mapping,
    Row,
    detect_mapping,
    open_text,
    read_header,
    read_rows,
)
from groundwork.groups.models import (
    Group,
    MemberImport,
)
from groundwork.members.models import User

UPLOADED_VERB = "group.member_list_uploaded"
MAPPED_VERB = "group.member_list_mapped"
QUEUED_VERB = "group.member_list_queued"
CHECKED_VERB = "group.member_list_checked"
IMPORTED_VERB = "group.member_list_imported"
FAILED_VERB = "group.member_list_failed"


# How many rows the page previews.
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class Summary:
    """What a run did, counted as the command's last line says it."""

    rows: int
    added: int
    updated: int
    unchanged: int
    skipped: int

    def line(self) -> str:
        return (
            f"{self.rows} rows: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped} skipped"
        )

    @classmethod
    def of(cls, member_import: MemberImport) -> "Summary":
        return cls(
            rows=member_import.row_count,
            added=member_import.added_count,
            updated=member_import.updated_count,
            unchanged=member_import.unchanged_count,
            skipped=member_import.skipped_count,
        )


def mapping_of(member_import: MemberImport) -> Mapping:
    columns = {name: member_import.mapping.get(name) for name in FIELDS}
    return Mapping(source=member_import.source, columns=columns)


@transaction.atomic
def check_upload_member_import(
    group: Group, *, upload: File, file_name: str, lawful_basis: str, acting_user: User | None
) -> MemberImport:
    """Keep an uploaded list, with the source and column mapping its header tells; a file
    without a header, or whose columns hold no email, is refused with the reason."""
    if lawful_basis not in MemberImport.LawfulBasis.values:
        raise ActionError(_("Choose the lawful basis for contacting these people."), field="basis")
    upload.seek(0)
    text = open_text(upload)
    header = read_header([text.readline()])
    text.detach()
    upload.seek(0)
    if not any(header):
        raise ActionError(_("This file has no header row, or is not a CSV file."), field="file")
    mapping = detect_mapping(header)
    member_import = MemberImport(
        group=group,
        imported_by=acting_user,
        file_name=file_name[:200],
        source=mapping.source,
        mapping=mapping.columns,
        header=header,
        lawful_basis=lawful_basis,
        file_bytes=upload.size or 0,
    )
    member_import.file.save(file_name, upload, save=False)
    member_import.save()
    record(
        actor=acting_user,
        verb=UPLOADED_VERB,
        target=member_import,
        group_id=group.pk,
        new={"source": mapping.source, "lawful_basis": lawful_basis},
    )
    return member_import


@transaction.atomic
def check_map_member_import(
    member_import: MemberImport, *, columns: dict[str, int | None], acting_user: User
) -> MemberImport:
    """Change which column holds each field; the email's column is required."""
    member_import = MemberImport.objects.select_for_update().get(pk=member_import.pk)
    if member_import.status not in (MemberImport.Status.UPLOADED, MemberImport.Status.CHECKED):
        raise ActionError(_("This list is being imported or was imported; it cannot change."))
    width = len(member_import.header)
    if columns.get("email") is None:
        raise ActionError(_("Choose the column that holds email addresses."), field="email")
    chosen = {name: columns.get(name) for name in FIELDS}
    if any(index is not None and not 0 <= index < width for index in chosen.values()):
        raise ActionError(_("Choose columns of the file."))
    old = member_import.mapping
    if chosen == old:
        return member_import
    member_import.mapping = chosen
    member_import.status = MemberImport.Status.UPLOADED
    member_import.save(update_fields=["mapping", "status", "updated_at"])
    record(
        actor=acting_user,
        verb=MAPPED_VERB,
        target=member_import,
        group_id=member_import.group_id,
        old=old,
        new=chosen,
    )
    return member_import


@transaction.atomic
def check_start_member_import(
    member_import: MemberImport, *, dry_run: bool, acting_user: User | None, in_worker: bool = True
) -> bool:
    """Queue a dry run or the import; True if queued now, False if it already was (a second
    click) or the list was imported. `in_worker=False` leaves the run to the caller (the
    management command runs it in its own process)."""
    member_import = MemberImport.objects.select_for_update().get(pk=member_import.pk)
    if member_import.status not in (MemberImport.Status.UPLOADED, MemberImport.Status.CHECKED):
        return False
    if member_import.mapping.get("email") is None:
        raise ActionError(_("Choose the column that holds email addresses."))
    member_import.status = MemberImport.Status.QUEUED
    member_import.dry_run = dry_run
    member_import.save(update_fields=["status", "dry_run", "updated_at"])
    record(
        actor=acting_user,
        verb=QUEUED_VERB,
        target=member_import,
        group_id=member_import.group_id,
        new={"dry_run": dry_run},
    )
    if in_worker:
        from groundwork.groups.tasks import run_member_import

        transaction.on_commit(lambda: run_member_import.enqueue(member_import_id=member_import.pk))
    return True


def preview_rows(member_import: MemberImport) -> list[Row]:
    """The first rows of the file as the mapping reads them, for the organiser to check."""
    rows: list[Row] = []
    with member_import.file.open("rb") as binary:
        text = open_text(binary)
        for row in read_rows(text, mapping_of(member_import)):
            rows.append(row)
            if len(rows) >= PREVIEW_ROWS:
                break
    return rows
