from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "groundwork.democracy"
    label = "democracy"
    verbose_name = "Democracy"
