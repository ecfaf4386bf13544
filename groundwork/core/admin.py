from django.contrib import admin

from groundwork.core.models import AuditEntry


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
