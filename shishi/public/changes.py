"""What moves a plan's `changed_at` on: every save or delete of a row its public page shows.

The public page is cached under the plan's last change (shishi/public/views.py), so whatever
writes one of these rows — a service, the admin, a management command — moves it on, and a door
added later cannot forget to. A write through `QuerySet.update()` sends no signal: the services
use it only to claim a report's revision before saving a draft, which no public page shows.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save

from shishi.directory.models import Region, Unit
from shishi.history.models import Event
from shishi.plans.models import Assignment, Period, Plan, Project, Target
from shishi.reporting.models import QuarterlyReport

from .models import PublicStatement

# Each watched model, and the plans a row of it is shown on.
WATCHED: dict[type[Model], Callable[[Model], QuerySet[Plan]]] = {
    Plan: lambda plan: Plan.objects.filter(pk=plan.pk),
    Project: lambda project: Plan.objects.filter(pk=project.plan_id),
    Period: lambda period: Plan.objects.filter(pk=period.plan_id),
    Target: lambda target: Plan.objects.filter(projects=target.project_id),
    Assignment: lambda assignment: Plan.objects.filter(projects=assignment.project_id),
    QuarterlyReport: lambda report: Plan.objects.filter(periods=report.period_id),
    PublicStatement: lambda statement: Plan.objects.filter(projects=statement.project_id),
    Event: lambda event: Plan.objects.filter(pk=event.plan_id),  # imports, reviews, publishing…
    Unit: lambda unit: Plan.objects.filter(projects__assignments__unit=unit.pk),  # its name is shown
    Region: lambda region: Plan.objects.filter(region=region.pk),
}


def connect() -> None:
    """Called once, when the app is ready."""
    for model, plans_of in WATCHED.items():
        def moved(sender, instance, raw: bool = False, plans_of=plans_of, **kwargs) -> None:
            if not raw:  # loaddata writes rows as they were
                Plan.touch(plans_of(instance))

        uid = f"shishi.public.changes:{model._meta.label}"
        post_save.connect(moved, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(moved, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
