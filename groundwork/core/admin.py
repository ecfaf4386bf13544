"""The admin of core: the audit log (read only), and the auditing every ModelAdmin gets from
GroundworkAdminSite (core.apps). The mixin comes first: the site imports it while registering."""

import json
from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db import models
from django.http import HttpRequest

from groundwork.core.audit import record
from groundwork.core.models import AuditEntry


class AuditedAdminMixin:
    """Records "admin.added", "admin.changed" (with the names of the fields changed) and
    "admin.deleted", by the signed-in staff member, in the log of the object's group if it has
    one, and always in the alliance's."""

    def log_addition(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        _record(request, obj, "admin.added")
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        _record(request, obj, "admin.changed", new={"fields": changed_field_names(message)})
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: Iterable[models.Model]) -> Any:
        for obj in queryset:
            _record(request, obj, "admin.deleted")
        return super().log_deletions(request, queryset)  # type: ignore[misc]


def audited(admin_class: type[ModelAdmin]) -> type[ModelAdmin]:
    """`admin_class` with AuditedAdminMixin in front (itself, if it already has it)."""
    if issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    return type(admin_class.__name__, (AuditedAdminMixin, admin_class), {})


def changed_field_names(message: Any) -> list[str]:
    """The field labels an admin change message names as changed (Django's structured message:
    a list, or its JSON, of {"changed": {"fields": [...]}} and the like)."""
    if isinstance(message, str):
        try:
            message = json.loads(message)
        except ValueError:
            return []
    names: list[str] = []
    for part in message if isinstance(message, list) else []:
        for name in part.get("changed", {}).get("fields", []):
            if name not in names:
                names.append(str(name))
    return names


def _record(request: HttpRequest, obj: models.Model, verb: str, **values: Any) -> None:
    group_id = obj.pk if obj._meta.label_lower == "groups.group" else getattr(obj, "group_id", None)
    record(
        actor=request.user,
        verb=verb,
        target=obj,
        group_id=group_id if isinstance(group_id, int) else None,
        **values,
    )


class ReadOnlyAdminMixin:
    """For models changed only through their actions (which keep the audit log): the admin
    shows them, and nobody adds, changes or deletes them there."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # the log is written by actions only
    list_display = ["acted_at", "actor", "verb", "target_label", "group_id"]
    list_filter = ["verb"]
    search_fields = ["target_label", "verb"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
