from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "groundwork.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self) -> None:
        from groundwork.outcomes import reactions  # noqa: F401  (connects to the hooks on its left)
