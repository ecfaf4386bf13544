"""Writing the audit log. Every action calls `record` once, inside its transaction; an action that
changes an object records what it was and what it became through `values_of` and `changes`."""

from collections.abc import Iterable
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


def values_of(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `instance` as the audit log keeps them: a related object by its
    primary key, any other value as it is."""
    values = {}
    for field in fields:
        value = getattr(instance, field)
        values[field] = value.pk if isinstance(value, models.Model) else value
    return values


def changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """What changed from one snapshot of an object to the next: (the old values, the new values)
    of each key of `new` whose value differs, in `new`'s order. A key `old` lacks (the object is
    new) was None."""
    changed = [key for key in new if new[key] != old.get(key)]
    return {key: old.get(key) for key in changed}, {key: new[key] for key in changed}
