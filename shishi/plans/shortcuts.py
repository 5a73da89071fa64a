"""The one way views fetch a plan: 404 when it does not exist, 403 when the rule says no.
`plan_with_periods` reads a plan for the pages opened most, with its region and quarters."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from shishi.directory.access import can_view_plan

from .models import Plan


def plan_or_403(
    request, pk: int, allowed: Callable = can_view_plan, related: tuple[str, ...] = ("region",)
) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related(*related), pk=pk)
    if not allowed(request.user, plan):
        raise PermissionDenied
    return plan


def plan_with_periods(pk: int) -> Plan | None:
    """The plan with its region and its quarters in order (`plan.periods.all()` asks no more, and
    each quarter knows its plan), in two queries; None when there is no such plan."""
    plans = Plan.objects.filter(pk=pk).select_related("region").prefetch_related("periods").order_by()
    return next(iter(plans), None)
