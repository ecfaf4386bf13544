from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "groundwork.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from groundwork.events import reactions  # noqa: F401  (connects to the hooks on its left)
