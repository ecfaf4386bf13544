"""The admin site, whose every model page writes the audit log.

Changes made in the Django admin bypass the actions, so nothing would record them in the audit
log. Each ModelAdmin already reports its additions, changes and deletions to Django's LogEntry
through `log_addition`, `log_change` and `log_deletions`; this site gives every ModelAdmin
registered on it (Groundwork's, allauth's, any app's) `AuditedAdminMixin`, which records an audit
entry in the same transaction. It is done once, here, rather than by a mixin each admin.py must
remember, and rather than by a receiver of LogEntry's post_save, which bulk deletions (the
"delete selected" action writes its LogEntries with bulk_create) would bypass.

`GroundworkAdminConfig` replaces "django.contrib.admin" in INSTALLED_APPS to make this the
default site, so `admin.site` and `@admin.register` are this site.
"""

from typing import Any

from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.apps import AdminConfig


class GroundworkAdminSite(AdminSite):
    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        from groundwork.core.admin_audit import audited

        super().register(model_or_iterable, audited(admin_class or ModelAdmin), **options)


class GroundworkAdminConfig(AdminConfig):
    default_site = "groundwork.core.admin_site.GroundworkAdminSite"
