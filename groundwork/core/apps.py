from typing import Any

from django.apps import AppConfig
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin import apps as admin_apps  # a module: Django picks core's config below
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "groundwork.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from groundwork.core import (
            checks,  # noqa: F401  (registers the deploy checks)
            tasks,  # noqa: F401  (registers core's retention rules)
        )


class GroundworkAdminSite(AdminSite):
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

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        from groundwork.core.admin import audited

        super().register(model_or_iterable, audited(admin_class or ModelAdmin), **options)


class GroundworkAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with GroundworkAdminSite as `admin.site` (in INSTALLED_APPS)."""

    default = False
    default_site = "groundwork.core.apps.GroundworkAdminSite"
