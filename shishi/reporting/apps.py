from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "shishi.reporting"
    verbose_name = _("季度填报")

    def ready(self) -> None:
        from shishi.plans import hooks
        from shishi.plans.changes import watch
        from shishi.plans.models import Plan

        from . import amendments
        from .models import ImplementationPlan, QuarterlyReport

        # Reports and implementation plans move their plan's change date on (shishi/plans/changes.py).
        watch(QuarterlyReport, lambda report: Plan.objects.filter(periods=report.period_id))
        watch(ImplementationPlan, lambda item: Plan.objects.filter(projects__assignments=item.assignment_id))
        # What reports and implementation plans mean for a plan's withdrawal and mid-year changes.
        hooks.withdrawal_asked.connect(amendments.withdrawal_blockers, dispatch_uid="reporting")
        hooks.unit_removal_asked.connect(amendments.unit_removal_refusal, dispatch_uid="reporting")
        hooks.project_amended.connect(amendments.follow_amended_project, dispatch_uid="reporting")
