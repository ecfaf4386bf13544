"""A members' list's run, by the job worker or `manage.py import_members`: the file streamed,
sorted and written a batch at a time, the progress row moved after each batch, and the emails
inviting the people it added (see member_imports for the whole story)."""

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from itertools import batched

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from groundwork.core.audit import record
from groundwork.groups.actions.member_imports import (
    CHECKED_VERB,
    FAILED_VERB,
    IMPORTED_VERB,
    Summary,
    mapping_of,
)
from groundwork.groups.member_import import Row, open_text, read_rows, sort_batch
from groundwork.groups.models import (
    Group,
    ImportedContact,
    Invitation,
    MemberImport,
    MemberImportEmail,
    MemberImportProblem,
    Membership,
)
from groundwork.notifications.email import enqueue_templated_email_to
from groundwork.notifications.models import EmailKind

# Rows written per transaction: the progress row moves once per batch.
BATCH_SIZE = 1000


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
    except (OSError, UnicodeError, ValueError, csv.Error) as error:
        _finish(member_import, failed=str(error)[:200])
    else:
        _finish(member_import)
    member_import.refresh_from_db()
    if member_import.status in (MemberImport.Status.DONE, MemberImport.Status.FAILED):
        _forget_file(member_import)
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


def _forget_file(member_import: MemberImport) -> None:
    """Delete the uploaded list once it is imported (or could not be read): the people it named
    are in the group's records now, or not at all, and no copy of the list is kept."""
    if member_import.file.name:
        member_import.file.storage.delete(member_import.file.name)
        MemberImport.objects.filter(pk=member_import.pk).update(file="")


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
