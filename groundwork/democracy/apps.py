from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "groundwork.democracy"
    label = "democracy"
    verbose_name = "Democracy"

    def ready(self) -> None:
        from groundwork.democracy import reactions  # noqa: F401  (connects to the members' hooks)
