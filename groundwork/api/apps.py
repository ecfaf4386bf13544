from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "groundwork.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from groundwork.api import reactions  # noqa: F401  (connects the webhooks to the hooks)
