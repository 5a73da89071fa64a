from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "shishi.public"
    verbose_name = _("公开")

    def ready(self) -> None:
        from shishi.plans.changes import watch
        from shishi.plans.models import Plan
        from shishi.selection.models import (
            Candidate,
            Proposal,
            SatisfactionSession,
            SurveyResponse,
            VoteSession,
        )

        from .models import PublicStatement

        # What the public page shows moves the plan's change date on (shishi/plans/changes.py):
        # the public text, and the chain from the selection (proposals, candidates, a vote's or a
        # satisfaction vote's result published or withdrawn or recounted, the citizens' survey).
        watch(PublicStatement, lambda statement: Plan.objects.filter(projects=statement.project_id))

        def of_year(row) -> Plan:
            return Plan.objects.filter(region_id=row.region_id, year=row.year)

        watch(VoteSession, of_year)
        watch(Candidate, of_year)
        watch(Proposal, of_year)
        watch(SatisfactionSession, lambda session: Plan.objects.filter(pk=session.plan_id))
        watch(SurveyResponse, lambda response: Plan.objects.filter(satisfaction_sessions=response.session_id))
