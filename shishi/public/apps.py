from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "shishi.public"
    verbose_name = _("公开")

    def ready(self) -> None:
        from shishi.plans.changes import watch
        from shishi.plans.models import Plan

        from .models import PublicStatement

        # The public text moves the plan's change date on (shishi/plans/changes.py).
        watch(PublicStatement, lambda statement: Plan.objects.filter(projects=statement.project_id))
