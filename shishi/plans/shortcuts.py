"""The one way views fetch a plan: 404 when it does not exist, 403 when the rule says no.
`plan_with_periods` reads a plan for the pages opened most, with its region and quarters."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from shishi.directory.access import can_view_plan

from shishi.directory.models import Region
from shishi.precompiled import Precompiled, built, columns, prefill

from .models import Period, Plan


def plan_or_403(request, pk: int, allowed: Callable = can_view_plan, related: tuple[str, ...] = ("region",)) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related(*related), pk=pk)
    if not allowed(request.user, plan):
        raise PermissionDenied
    return plan


def plan_with_periods(pk: int) -> Plan | None:
    """The plan with its region and its quarters in order (`plan.periods.all()` asks no more, and
    each quarter knows its plan), in one query; None when there is no such plan."""
    rows = _PLAN_WITH_PERIODS(pk)
    if not rows:
        return None
    region_at, periods_at = len(_PLAN_FIELDS), len(_PLAN_FIELDS) + len(_REGION_FIELDS)
    plan = built(Plan, rows[0][:region_at])
    plan.region = built(Region, rows[0][region_at:periods_at])
    periods = prefill(plan, "periods", [])
    for row in rows:
        if row[periods_at] is not None:  # a plan without quarters is one row of NULLs for them
            period = built(Period, row[periods_at:])
            period.plan = plan
            periods.append(period)
    return plan


_PLAN_FIELDS, _REGION_FIELDS, _PERIOD_FIELDS = columns(Plan), columns(Region), columns(Period)
_PLAN_WITH_PERIODS = Precompiled(lambda plan_id: Plan.objects.filter(pk=plan_id).order_by("periods__quarter").values_list(
    *_PLAN_FIELDS, *(f"region__{name}" for name in _REGION_FIELDS), *(f"periods__{name}" for name in _PERIOD_FIELDS)))
