from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "shishi.reporting"
    verbose_name = _("季度填报")

    def ready(self) -> None:
        from shishi.plans.changes import watch
        from shishi.plans.models import Plan

        from .models import ImplementationPlan, QuarterlyReport

        # Reports and implementation plans move their plan's change date on (shishi/plans/changes.py).
        watch(QuarterlyReport, lambda report: Plan.objects.filter(periods=report.period_id))
        watch(ImplementationPlan, lambda item: Plan.objects.filter(projects__assignments=item.assignment_id))
