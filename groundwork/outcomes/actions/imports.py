"""Imports started from the coordinators' page: an upload is read once in the request (a file
that is not a statistics file Groundwork reads is refused at the field, with the reason), kept,
previewed, and dry-run by the job worker (`tasks.run_indicator_import`); a finished dry run is
then applied, by the worker too, from the same stored file."""

import hashlib
import importlib
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.outcomes.actions.importing import check_import_indicator
from groundwork.outcomes.actions.resolving import Resolver
from groundwork.outcomes.models import IndicatorImport
from groundwork.outcomes.parsing.records import ParsedFile

PREVIEW_ROWS = 10
HEAD_LINES = 30


@dataclass(frozen=True)
class Upload:
    """A file as a coordinator uploaded it, and the format they chose ("" to detect it)."""

    file_name: str
    data: bytes
    format: str = ""


def parsers() -> ModuleType:
    """The parsers' entry points (`parsing.detect`: decode, detect_format, parse)."""
    return importlib.import_module("groundwork.outcomes.parsing.detect")


def read_file(file_name: str, data: bytes, format: str = "") -> ParsedFile:
    """The file parsed, its format detected when none is given; ActionError (at the field
    "file") for a file that is not one Groundwork reads."""
    detect = parsers()
    try:
        text = detect.decode(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise ActionError(_("This is not a text (CSV) file."), field="file") from error
    head = "\n".join(text.splitlines()[:HEAD_LINES])
    format = format or detect.detect_format(head, file_name) or ""
    if not format:
        raise ActionError(
            _(
                "This file is none of the formats Groundwork reads; choose its format if you know it."
            ),
            field="file",
        )
    try:
        parsed = detect.parse(text, format, file_name)
    except ValueError as error:
        raise ActionError(
            _("The file could not be read as %(format)s: %(error)s")
            % {"format": format, "error": error},
            field="file",
        ) from error
    if not parsed.observations:
        raise ActionError(_("The file holds no figures."), field="file")
    return parsed


def preview_of(parsed: ParsedFile) -> dict[str, Any]:
    """What the page shows before the dry run: the indicators, the first figures as parsed,
    and how many names match no area."""
    resolver = Resolver(parsed.observations)
    geography = {spec.key: spec.geography for spec in parsed.indicators}
    unmatched = {
        o.area_name
        for o in parsed.observations
        if not o.area_code and not o.is_total
        if isinstance(resolver.area(o, geography.get(o.indicator, "district")), str)
    }
    return {
        "indicators": [{"slug": s.slug, "name": s.name, "unit": s.unit} for s in parsed.indicators],
        "rows": [
            {
                "line": o.line,
                "indicator": o.indicator,
                "area": o.area_code or o.area_name,
                "period": o.period,
                "published": o.published or o.suppression,
                "status": o.status,
            }
            for o in parsed.observations[:PREVIEW_ROWS]
        ],
        "observations": len(parsed.observations),
        "unmatched_names": sorted(unmatched)[:20],
        "unmatched_count": len(unmatched),
    }


@transaction.atomic
def check_start_indicator_import(upload: Upload, *, acting_user: User) -> IndicatorImport:
    """Read the upload (refusing a file Groundwork cannot read), keep it and its preview, and
    queue its dry run."""
    parsed = read_file(upload.file_name, upload.data, upload.format)
    digest = hashlib.sha256(upload.data).hexdigest()
    safe_name = re.sub(r"[^\w.-]+", "-", upload.file_name)[-80:] or "upload.csv"
    stored = default_storage.save(
        f"outcomes/imports/{digest[:16]}-{safe_name}", ContentFile(upload.data)
    )
    indicator_import = IndicatorImport.objects.create(
        file_name=upload.file_name[:255],
        sha256=digest,
        format=parsed.format,
        dry_run=True,
        started_by=acting_user,
        stored_file=stored,
        rows_total=len(parsed.observations) + len(parsed.skipped),
        preview=preview_of(parsed),
    )
    record(
        actor=acting_user,
        verb="indicators.import_queued",
        target=indicator_import,
        new={"file": upload.file_name, "format": parsed.format, "dry_run": True},
    )
    _enqueue(indicator_import)
    return indicator_import


@transaction.atomic
def check_apply_indicator_import(dry_run: IndicatorImport, *, acting_user: User) -> IndicatorImport:
    """Queue for real the import that a finished dry run previewed, from the same file, once."""
    dry_run = IndicatorImport.objects.select_for_update().get(pk=dry_run.pk)
    if not dry_run.dry_run or dry_run.status != IndicatorImport.Status.DONE:
        raise ActionError(_("Only a finished dry run can be applied."))
    if not dry_run.stored_file:
        raise ActionError(_("This dry run has been applied already."))
    applied = IndicatorImport.objects.create(
        file_name=dry_run.file_name,
        sha256=dry_run.sha256,
        format=dry_run.format,
        dry_run=False,
        started_by=acting_user,
        stored_file=dry_run.stored_file,
        rows_total=dry_run.rows_total,
        preview=dry_run.preview,
    )
    # The file now belongs to the import that applies it.
    dry_run.stored_file = ""
    dry_run.save(update_fields=["stored_file", "updated_at"])
    record(
        actor=acting_user,
        verb="indicators.import_queued",
        target=applied,
        new={"file": applied.file_name, "dry_run": False, "previewed_by": dry_run.pk},
    )
    _enqueue(applied)
    return applied


def do_run_indicator_import(indicator_import: IndicatorImport) -> str:
    """The job's work: read the stored file and import it (or dry-run it), telling the page how
    far it has got. The writes are one transaction; once finished, running it again does
    nothing."""
    with transaction.atomic():
        indicator_import = IndicatorImport.objects.select_for_update().get(pk=indicator_import.pk)
        if indicator_import.finished:
            return "nothing to do"
        indicator_import.status = IndicatorImport.Status.RUNNING
        indicator_import.save(update_fields=["status", "updated_at"])
    if indicator_import.summary and not indicator_import.dry_run:
        # The writes committed (with the counts) before the worker stopped: only finish.
        _finish(indicator_import)
        return "done"
    try:
        with default_storage.open(indicator_import.stored_file, "rb") as handle:
            data = handle.read()
        parsed = read_file(indicator_import.file_name, data, indicator_import.format)
    except (OSError, ActionError) as error:
        _finish(indicator_import, error=str(getattr(error, "message", error)))
        return "failed"
    pk = indicator_import.pk

    def progress(done: int, total: int) -> None:
        IndicatorImport.objects.filter(pk=pk).update(rows_done=done, rows_total=total)

    try:
        check_import_indicator(
            parsed,
            release=indicator_import,
            acting_user=indicator_import.started_by,
            dry_run=indicator_import.dry_run,
            progress=progress,
        )
    except ActionError as error:
        _finish(indicator_import, error=error.message)
        return "failed"
    _finish(indicator_import)
    return "done"


def _finish(indicator_import: IndicatorImport, *, error: str = "") -> None:
    with transaction.atomic():
        done = IndicatorImport.Status.FAILED if error else IndicatorImport.Status.DONE
        indicator_import.status = done
        indicator_import.error = error[:500]
        indicator_import.finished_at = timezone.now()
        stored = indicator_import.stored_file
        if not indicator_import.dry_run or error:
            indicator_import.stored_file = ""
        indicator_import.save()
        record(
            actor=None,
            verb="indicators.import_finished",
            target=indicator_import,
            new={"summary": indicator_import.summary, "error": indicator_import.error},
        )
        if stored and not indicator_import.stored_file:
            transaction.on_commit(lambda: default_storage.delete(stored))
        _notify(indicator_import, error)


def _notify(indicator_import: IndicatorImport, error: str) -> None:
    if not indicator_import.started_by_id:
        return
    user_id = indicator_import.started_by_id
    text = (
        _("The import of %(file)s could not be read: %(error)s")
        if error
        else _("The import of %(file)s is done: %(summary)s")
    ) % {"file": indicator_import.file_name, "error": error, "summary": indicator_import.summary}
    transaction.on_commit(
        lambda: do_notify(
            [user_id],
            key=f"indicator-import-{indicator_import.pk}",
            text=text,
            url=indicator_import.get_absolute_url(),
        )
    )


def _enqueue(indicator_import: IndicatorImport) -> None:
    from groundwork.outcomes import tasks

    transaction.on_commit(lambda: tasks.run_indicator_import.enqueue(indicator_import.pk))
