from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "shishi.desk"
    verbose_name = _("工作台")

    def ready(self) -> None:
        # Remember each person's previous log-in for "what changed since your last visit".
        from . import visits

        visits.connect()
