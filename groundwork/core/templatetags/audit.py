"""The audit log as people read it: `{{ entry|audit_sentence }}` and `{{ entry|audit_changes }}`."""

from typing import Any

from django import template

from groundwork.core.audit.sentences import describe, field_label
from groundwork.core.models import AuditEntry

register = template.Library()


@register.filter
def audit_sentence(entry: AuditEntry) -> str:
    """What happened, in one sentence (see core.audit.sentences)."""
    return describe(entry)


@register.filter
def audit_changes(entry: AuditEntry) -> list[dict[str, Any]]:
    """Each value the entry keeps: the field as people call it, what it was and what it became."""
    if entry.verb == "admin.changed":
        return []
    keys = list(entry.old) + [key for key in entry.new if key not in entry.old]
    return [
        {
            "field": field_label(entry.target_type, key),
            "old": entry.old.get(key),
            "new": entry.new.get(key),
            "was": key in entry.old,
        }
        for key in keys
    ]
