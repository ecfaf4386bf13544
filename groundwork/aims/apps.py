from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AimsConfig(AppConfig):
    name = "groundwork.aims"
    label = "aims"
    verbose_name = _("Aims")

    def ready(self) -> None:
        from groundwork.aims import reactions  # noqa: F401  (connects to the hooks on its left)
