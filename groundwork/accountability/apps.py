from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "groundwork.accountability"
    label = "accountability"
    verbose_name = _("Accountability")

    def ready(self) -> None:
        from groundwork.accountability import reactions  # noqa: F401  (democracy, groups and campaigns hooks)
