from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "groundwork.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from groundwork.members import tasks  # noqa: F401  (registers the downloads' retention)
