"""The one way views fetch a plan: 404 when it does not exist, 403 when the rule says no."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from shishi.directory.access import can_view_plan

from .models import Plan


def plan_or_403(request, pk: int, allowed: Callable = can_view_plan, related: tuple[str, ...] = ("region",)) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related(*related), pk=pk)
    if not allowed(request.user, plan):
        raise PermissionDenied
    return plan
