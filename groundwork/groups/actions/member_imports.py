"""Members' lists brought from other tools: upload, check the column mapping, a dry run, the
import (by the job worker or `manage.py import_members`), and the export of members' contacts.

Nobody is enrolled by an import: each good row becomes an invitation the person accepts or not,
and an `ImportedContact` that records which import brought them (who, when, on what lawful
basis). A person is imported once per group: the database holds to it, and a group's imports take
its row lock batch by batch, so two at once count each person once. A run streams the file and
writes a batch at a time; the emails seen earlier in the file are kept in the database, not in
memory, so memory does not grow with the file.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import batched
from typing import IO

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
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
    sort_batch,
)
from groundwork.groups.models import (
    Group,
    ImportedContact,
    Invitation,
    MemberImport,
    MemberImportEmail,
    MemberImportProblem,
    Membership,
)
from groundwork.members.models import User
from groundwork.notifications.email import enqueue_templated_email_to
from groundwork.notifications.models import EmailKind

UPLOADED_VERB = "group.member_list_uploaded"
MAPPED_VERB = "group.member_list_mapped"
QUEUED_VERB = "group.member_list_queued"
CHECKED_VERB = "group.member_list_checked"
IMPORTED_VERB = "group.member_list_imported"
FAILED_VERB = "group.member_list_failed"

# Rows written per transaction: the progress row moves once per batch.
BATCH_SIZE = 1000
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
    text = open_text(upload)  # type: ignore[arg-type]
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


def do_run_member_import(
    member_import_id: int, *, progress: Callable[[MemberImport], None] | None = None
) -> MemberImport | None:
    """Run a queued import (or dry run) from its file, batch by batch; a run interrupted part of
    the way starts again from the top, and finds those it already added unchanged."""
    with transaction.atomic():
        member_import = MemberImport.objects.select_for_update().filter(pk=member_import_id).first()
        if member_import is None or not member_import.is_running:
            return member_import
        _start(member_import)
    mapping = mapping_of(member_import)
    try:
        with member_import.file.open("rb") as binary:
            text = open_text(binary)
            for rows in _batches(read_rows(text, mapping)):
                _import_batch(member_import, rows, read_bytes=binary.tell())
                member_import.refresh_from_db()
                if progress is not None:
                    progress(member_import)
    except (OSError, UnicodeError, ValueError) as error:
        _finish(member_import, failed=str(error)[:200])
    else:
        _finish(member_import)
    member_import.refresh_from_db()
    return member_import


def _batches(rows: Iterable[Row]) -> Iterator[tuple[Row, ...]]:
    return batched(rows, BATCH_SIZE)


def _start(member_import: MemberImport) -> None:
    MemberImportProblem.objects.filter(member_import=member_import).delete()
    MemberImportEmail.objects.filter(member_import=member_import).delete()
    counts = ("row_count", "added_count", "updated_count", "unchanged_count", "skipped_count")
    for name in counts:
        setattr(member_import, name, 0)
    member_import.read_bytes = 0
    member_import.status = MemberImport.Status.RUNNING
    member_import.save()


def _import_batch(member_import: MemberImport, rows: tuple[Row, ...], *, read_bytes: int) -> None:
    """Sort one batch and, unless it is a dry run, add and update its people; count it."""
    group_id = member_import.group_id
    emails = {row.email for row in rows if row.email}
    with transaction.atomic():
        # The group's row serialises its imports: two at once never both add the same person.
        Group.objects.select_for_update().filter(pk=group_id).values_list("pk").first()
        seen = set(
            MemberImportEmail.objects.filter(
                member_import=member_import, email__in=emails
            ).values_list("email", flat=True)
        )
        members = set(
            Membership.objects.filter(group_id=group_id)
            .annotate(address=Lower("user__email"))
            .filter(address__in=emails)
            .values_list("address", flat=True)
        )
        batch = sort_batch(rows, seen=seen, members=members)
        MemberImportEmail.objects.bulk_create(
            [MemberImportEmail(member_import=member_import, email=email) for email in batch.seen],
            ignore_conflicts=True,
        )
        MemberImportProblem.objects.bulk_create(
            MemberImportProblem(
                member_import=member_import,
                row_number=aside.number,
                written_email=aside.written_email,
                problem=aside.problem.value,
            )
            for aside in batch.set_aside
        )
        added, updated, unchanged = _write_people(member_import, batch.good)
        MemberImport.objects.filter(pk=member_import.pk).update(
            row_count=F("row_count") + len(rows),
            added_count=F("added_count") + added,
            updated_count=F("updated_count") + updated,
            unchanged_count=F("unchanged_count") + unchanged,
            skipped_count=F("skipped_count") + len(batch.set_aside),
            read_bytes=read_bytes,
            updated_at=timezone.now(),
        )


def _write_people(member_import: MemberImport, good: list[Row]) -> tuple[int, int, int]:
    """Add the new people (each with an invitation), update the names that changed; the counts
    (added, updated, unchanged). A dry run counts and writes nothing."""
    contacts = {
        contact.email: contact
        for contact in ImportedContact.objects.filter(
            group_id=member_import.group_id, email__in=[row.email for row in good]
        )
    }
    new = [row for row in good if row.email not in contacts]
    renamed = [
        contacts[row.email]
        for row in good
        if row.email in contacts and row.name and row.name != contacts[row.email].name
    ]
    names = {row.email: row.name for row in good}
    if not member_import.dry_run:
        _add_people(member_import, new)
        now = timezone.now()
        for contact in renamed:
            contact.name = names[contact.email]
            contact.last_import = member_import
            contact.updated_at = now
        ImportedContact.objects.bulk_update(renamed, ["name", "last_import", "updated_at"])
    return len(new), len(renamed), len(good) - len(new) - len(renamed)


def _add_people(member_import: MemberImport, new: list[Row]) -> None:
    if not new:
        return
    group_id = member_import.group_id
    ImportedContact.objects.bulk_create(
        [
            ImportedContact(
                group_id=group_id,
                email=row.email,
                name=row.name,
                first_import=member_import,
                last_import=member_import,
            )
            for row in new
        ],
        ignore_conflicts=True,
    )
    expires_at = timezone.now() + timedelta(days=settings.GROUNDWORK_INVITATION_DAYS)
    # Someone an organiser already invited by hand keeps that invitation (one pending per email).
    Invitation.objects.bulk_create(
        [
            Invitation(
                group_id=group_id,
                email=row.email,
                invited_by_id=member_import.imported_by_id,
                expires_at=expires_at,
            )
            for row in new
        ],
        ignore_conflicts=True,
    )
    from groundwork.groups.tasks import send_import_invitations

    emails = [row.email for row in new]
    transaction.on_commit(
        lambda: send_import_invitations.enqueue(member_import_id=member_import.pk, emails=emails)
    )


def _finish(member_import: MemberImport, *, failed: str = "") -> None:
    with transaction.atomic():
        MemberImportEmail.objects.filter(member_import=member_import).delete()
        member_import = MemberImport.objects.select_for_update().get(pk=member_import.pk)
        if failed:
            member_import.status = MemberImport.Status.FAILED
            verb = FAILED_VERB
        elif member_import.dry_run:
            member_import.status = MemberImport.Status.CHECKED
            verb = CHECKED_VERB
        else:
            member_import.status = MemberImport.Status.DONE
            verb = IMPORTED_VERB
        member_import.finished_at = timezone.now()
        member_import.save(update_fields=["status", "finished_at", "updated_at"])
        summary = Summary.of(member_import)
        new: dict[str, object] = {
            "rows": summary.rows,
            "added": summary.added,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "skipped": summary.skipped,
        }
        if failed:
            new["error"] = failed
        record(
            actor=member_import.imported_by,
            verb=verb,
            target=member_import,
            group_id=member_import.group_id,
            new=new,
        )


def preview_rows(member_import: MemberImport) -> list[Row]:
    """The first rows of the file as the mapping reads them, for the organiser to check."""
    rows: list[Row] = []
    with member_import.file.open("rb") as binary:
        text: IO[str] = open_text(binary)
        for row in read_rows(text, mapping_of(member_import)):
            rows.append(row)
            if len(rows) >= PREVIEW_ROWS:
                break
    return rows


def do_email_import_invitations(member_import_id: int, *, emails: list[str]) -> int:
    """Email the pending invitations of these people, saying which import brought them; the
    count sent. Run by the job worker after each batch of an import."""
    member_import = (
        MemberImport.objects.select_related("group", "imported_by")
        .filter(pk=member_import_id)
        .first()
    )
    if member_import is None:
        return 0
    group = member_import.group
    invitations = Invitation.objects.filter(
        group=group, email__in=emails, status=Invitation.Status.PENDING
    )
    sent = 0
    for invitation in invitations:
        context = {
            "group": group,
            "inviter": member_import.imported_by,
            "expires_at": invitation.expires_at,
            "url": settings.SITE_URL + reverse("groups:invitation", args=[invitation.token]),
        }
        sent += enqueue_templated_email_to(
            [invitation.email],
            kind=EmailKind.INVITATION,
            template="groups/email/imported_invitation",
            context=context,
        )
    return sent
