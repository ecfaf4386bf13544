from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "groundwork.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns"
