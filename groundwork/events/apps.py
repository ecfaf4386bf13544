from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "groundwork.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from groundwork.events import reactions  # noqa: F401  (connects to the hooks on its left)
