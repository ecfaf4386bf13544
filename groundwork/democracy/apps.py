from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "groundwork.democracy"
    label = "democracy"
    verbose_name = _("Democracy")

    def ready(self) -> None:
        from groundwork.democracy import reactions  # noqa: F401  (connects to the members' hooks)
