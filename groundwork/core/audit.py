"""Writing the audit log. Every action calls `record` once, inside its transaction."""

from typing import Any

from django.db import models

from groundwork.core.models import AuditEntry
from groundwork.core.text import fit_to_field


def record(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    group_id: int | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry for `verb` done by `actor` to `target`."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=fit_to_field(AuditEntry, "target_label", str(target)),
        group_id=group_id,
        old=old or {},
        new=new or {},
    )
