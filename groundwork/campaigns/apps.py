from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "groundwork.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns"

    def ready(self) -> None:
        from groundwork.campaigns import reactions  # noqa: F401  (connects to the groups' hooks)
