"""A plan's `changed_at`: moved on by every save or delete of a row the plan's pages show.

The public page, the board and a project's page are cached under it, so whatever writes one of
these rows — a service, the admin, a management command — moves it on, and a door added later
cannot forget to. Each app names its own rows when it is ready (`watch`): this one the plan, its
projects, targets, quarters and team, the names of units and regions and the history shown with
them; reporting its reports and implementation plans; public its public text.

A write through `QuerySet.update()` sends no signal: the services use it only to claim a report's
or an implementation plan's revision, and then save the row.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save

from shishi.directory.models import Region, Unit
from shishi.history.models import Event

from .models import Assignment, Period, Plan, Project, Target


def watch(model: type[Model], plans_of: Callable[[Model], QuerySet[Plan]]) -> None:
    """Move on the `changed_at` of the plans `plans_of(row)` whenever a row of `model` is saved
    or deleted."""

    def moved(sender, instance, raw: bool = False, **kwargs) -> None:
        if not raw:  # loaddata writes rows as they were
            Plan.touch(plans_of(instance))

    uid = f"shishi.plans.changes:{model._meta.label}"
    post_save.connect(moved, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(moved, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def watch_plans() -> None:
    watch(Plan, lambda plan: Plan.objects.filter(pk=plan.pk))
    watch(Project, lambda project: Plan.objects.filter(pk=project.plan_id))
    watch(Period, lambda period: Plan.objects.filter(pk=period.plan_id))
    watch(Target, lambda target: Plan.objects.filter(projects=target.project_id))
    watch(Assignment, lambda assignment: Plan.objects.filter(projects=assignment.project_id))
    watch(Unit, lambda unit: Plan.objects.filter(projects__assignments__unit=unit.pk))  # its name is shown
    watch(Region, lambda region: Plan.objects.filter(region=region.pk))
    watch(Event, lambda event: Plan.objects.filter(pk=event.plan_id))  # imports, reviews, publishing…
