from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "groundwork.resources"
    label = "resources"
    verbose_name = _("Resources")

    def ready(self) -> None:
        from groundwork.resources import reactions  # noqa: F401  (connects to the members' hooks)
