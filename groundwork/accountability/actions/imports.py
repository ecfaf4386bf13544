"""Imports of the register started from the coordinators' page: checked and queued in the
request, run by the job worker (`tasks.run_register_import`), in one transaction, once."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.accountability.actions.register import do_import_representatives
from groundwork.accountability.importing import FormatError, Register
from groundwork.accountability.importing.formats import COUNCIL_CSV, parse_register
from groundwork.accountability.models import RegisterImport
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify


@dataclass(frozen=True)
class ImportFiles:
    """What a coordinator uploaded, decoded, and what they asked for."""

    format: str
    file_name: str
    text: str
    as_of: date
    dry_run: bool
    council: str = ""
    lookup_name: str = ""
    lookup_text: str = ""


@transaction.atomic
def check_start_register_import(files: ImportFiles, *, acting_user: User) -> RegisterImport:
    """Queue the import of an uploaded file, after reading it once so that a file of the wrong
    format, or a council's list without its council and lookup, is refused with the reason."""
    if files.format == COUNCIL_CSV and not files.council:
        raise ActionError(_("A council's list needs the council's GSS code."), field="council")
    if files.format == COUNCIL_CSV and not files.lookup_text:
        raise ActionError(
            _("A council's list needs the ward lookup of its year, to find the wards' codes."),
            field="lookup",
        )
    try:
        register = _parse(files)
    except FormatError as error:
        raise ActionError(str(error), field="file") from error
    return _queue(files, rows=register.rows, acting_user=acting_user)


@transaction.atomic
def check_apply_register_import(preview: RegisterImport, *, acting_user: User) -> RegisterImport:
    """Queue for real the import that a finished dry run previewed, with the same files."""
    if not preview.dry_run or preview.status != RegisterImport.Status.DONE:
        raise ActionError(_("Only a finished dry run can be applied."))
    files = ImportFiles(
        format=preview.format,
        file_name=preview.file_name,
        text=preview.text,
        as_of=preview.as_of,
        dry_run=False,
        council=preview.council,
        lookup_name=preview.lookup_name,
        lookup_text=preview.lookup_text,
    )
    return _queue(files, rows=preview.rows, acting_user=acting_user, previewed_by=preview)


def do_run_register_import(register_import: RegisterImport) -> str:
    """The job's work: apply the file (or, for a dry run, apply it and roll back) and keep the
    report. The import is one transaction, so a worker that dies leaves nothing half done, and
    the job run again does it whole; once finished, running it again does nothing."""
    with transaction.atomic():
        register_import = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
        if register_import.finished:
            return "nothing to do"
        register_import.status = RegisterImport.Status.RUNNING
        register_import.save(update_fields=["status", "updated_at"])
    with transaction.atomic():
        # Locked again for the import itself: a second worker waits here, then finds it done.
        register_import = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
        if register_import.finished:
            return "nothing to do"
        try:
            register = _parse(register_import)
        except FormatError as error:
            _finish(register_import, error=str(error))
            return "failed"
        with transaction.atomic():
            report = do_import_representatives(
                register, as_of=register_import.as_of, acting_user=register_import.created_by
            )
            if register_import.dry_run:
                transaction.set_rollback(True)
        register_import.summary = report.summary()
        register_import.skipped = [{"line": s.line, "reason": s.reason} for s in report.skipped]
        _finish(register_import)
    return "done"


def _queue(
    files: ImportFiles,
    *,
    rows: int,
    acting_user: User,
    previewed_by: RegisterImport | None = None,
) -> RegisterImport:
    """Keep the files and what was asked, audit it, and hand the import to the job worker."""
    register_import = RegisterImport.objects.create(
        format=files.format,
        file_name=files.file_name,
        text=files.text,
        council=files.council,
        lookup_name=files.lookup_name,
        lookup_text=files.lookup_text,
        as_of=files.as_of,
        dry_run=files.dry_run,
        rows=rows,
        created_by=acting_user,
    )
    new = {"format": files.format, "file": files.file_name, "dry_run": files.dry_run}
    if previewed_by is not None:
        new["previewed_by"] = previewed_by.pk
    record(actor=acting_user, verb="register.import_queued", target=register_import, new=new)
    _enqueue(register_import)
    return register_import


def _parse(files: ImportFiles | RegisterImport) -> Register:
    return parse_register(files.format, files.text, council=files.council, lookup=files.lookup_text)


def _finish(register_import: RegisterImport, *, error: str = "") -> None:
    register_import.status = RegisterImport.Status.FAILED if error else RegisterImport.Status.DONE
    register_import.error = error[:500]
    register_import.finished_at = timezone.now()
    register_import.save()
    record(
        actor=None,
        verb="register.import_finished",
        target=register_import,
        new={"summary": register_import.summary, "error": register_import.error},
    )
    if register_import.created_by_id:
        user_id = register_import.created_by_id
        text = (
            _("The import of %(file)s could not be read: %(error)s")
            if error
            else _("The import of %(file)s is done: %(summary)s")
        ) % {"file": register_import.file_name, "error": error, "summary": register_import.summary}
        transaction.on_commit(
            lambda: do_notify(
                [user_id],
                key=f"register-import-{register_import.pk}",
                text=text,
                url=register_import.get_absolute_url(),
            )
        )


def _enqueue(register_import: RegisterImport) -> None:
    from groundwork.accountability import tasks

    transaction.on_commit(lambda: tasks.run_register_import.enqueue(register_import.pk))
