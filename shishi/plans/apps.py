from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "shishi.plans"
    verbose_name = _("实事计划")

    def ready(self) -> None:
        from . import changes

        changes.watch_plans()
