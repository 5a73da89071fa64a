"""The coordinator's board, reminders, a project's ledger page and the plan's history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.bounds import as_quarter
from shishi.directory.access import can_manage_plan, can_supervise, can_view_plan, restricted_to_unit
from shishi.directory.models import Unit
from shishi.history.models import Event
from shishi.plans.models import Period, Plan
from shishi.plans.shortcuts import plan_or_403, plan_with_periods
from shishi.reporting.models import Reminder
from shishi.reporting.reminders import ReminderRefused, last_reminded, remind
from shishi.reporting.states import STATE_NAMES

from .board import build_board
from .forms import BoardFilterForm
from .ledger import project_ledger
from .reminders import remind_late_units
from .sections import board_sections


def _plan(request, pk: int) -> Plan:
    return plan_or_403(request, pk)


def _plan_and_periods(request, pk: int) -> tuple[Plan, list[Period]]:
    """The plan and its quarters in order (the pages most opened ask for both), with the same
    404 and 403 as `plan_or_403`."""
    plan = plan_with_periods(pk)
    if plan is None:
        raise Http404
    if not can_view_plan(request.user, plan):
        raise PermissionDenied
    return plan, list(plan.periods.all())


def _board_data(plan: Plan, period: Period):
    today = timezone.localdate()
    return _cached(plan, f"board:{period.pk}:{today}", lambda: build_board(plan, period, today))


def _late_list(plan: Plan, period: Period, data, can_manage: bool, status: str = "", ok: bool = True) -> dict:
    """What the late list (oversight/_late_units.html) shows: each late unit with its newest
    reminder for the period, and what the last action did (`status`)."""
    latest = {}  # late unit id → its newest reminder for this period (later rows overwrite earlier)
    late = [unit.pk for unit in data.late_units]
    for reminder in (
        Reminder.objects.filter(period=period, unit_id__in=late).select_related("sent_by").order_by("sent_at")
    ):
        latest[reminder.unit_id] = reminder
    return {
        "plan": plan,
        "period": period,
        "late_rows": [(unit, latest.get(unit.pk)) for unit in data.late_units],
        "can_manage": can_manage,
        "status": status,
        "ok": ok,
    }


@login_required
def board(request, pk: int, quarter: int):
    plan, periods = _plan_and_periods(request, pk)
    period = plan.period(quarter)
    if period is None:
        raise Http404
    data = _board_data(plan, period)
    can_manage = can_manage_plan(request.user, plan)
    chosen = BoardFilterForm(request.GET or None, data.units)
    unit_id = chosen.unit_id()
    projects = [p for p in data.projects if unit_id is None or (p.pk, unit_id) in data.cells]
    # Only the units on the projects shown: filtered to one unit, the table shows its partners.
    on_shown = {a.unit_id for p in projects for a in p.assignments.all()}
    units = [unit for unit in data.units if unit.pk in on_shown]
    matrix = [
        {
            "project": project,
            "row": data.rows[project.pk],
            # A cell per unit: its report's state and the state's name where the unit is on the project.
            "cells": [
                (state, STATE_NAMES[state], unit.pk == unit_id)
                if (state := data.cells.get((project.pk, unit.pk)))
                else None
                for unit in units
            ],
        }
        for project in projects
    ]
    return render(
        request,
        "oversight/board.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "board": data,
            "units": units,
            "chosen_unit": unit_id,
            "filter_form": chosen,
            "matrix": matrix,
            "late": _late_list(plan, period, data, can_manage),
            "can_manage": can_manage,
            "can_supervise": can_supervise(request.user, plan),
            "counts": {name: data.count(state) for state, name in STATE_NAMES.items()},
            "sections": board_sections(plan, period),
        },
    )


@login_required
@require_POST
def send_reminder(request, pk: int, quarter: int, unit_pk: int):
    plan = _plan(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    period = get_object_or_404(Period, plan=plan, quarter=quarter)
    unit = get_object_or_404(Unit.objects.filter(assignments__project__plan=plan).distinct(), pk=unit_pk)
    try:
        remind(unit, period, request.user)
    except ReminderRefused as exc:
        text, ok = str(exc), False
    else:
        text, ok = _("已提醒%(unit)s。") % {"unit": unit}, True
    if request.htmx:  # the unit's row again, its 上次提醒 now this one
        return render(
            request,
            "oversight/_reminded.html",
            {
                "plan": plan,
                "period": period,
                "unit": unit,
                "last": last_reminded(unit, period),
                "can_manage": True,
                "text": text,
                "ok": ok,
            },
        )
    (messages.success if ok else messages.error)(request, text)
    return redirect("oversight:board", plan.pk, quarter)


@login_required
@require_POST
def remind_all(request, pk: int, quarter: int):
    """提醒全部逾期单位: every unit late for the quarter, except those reminded too recently."""
    plan, _periods = _plan_and_periods(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    period = plan.period(quarter)
    if period is None:
        raise Http404
    done = remind_late_units(_board_data(plan, period).late_units, period, request.user)
    ok = bool(done.sent) or not done.skipped
    if request.htmx:  # the late list again, every row's 上次提醒 up to date, and what was done
        context = _late_list(plan, period, _board_data(plan, period), True, done.summary, ok)
        return render(request, "oversight/_late_units.html", context)
    (messages.success if ok else messages.error)(request, done.summary)
    return redirect("oversight:board", plan.pk, quarter)


@login_required
def project_page(request, pk: int, project_pk: int):
    """A project's work ledger (台账): targets against goals with lights, each unit's
    implementation plan, and every report line of every quarter."""
    plan, periods = _plan_and_periods(request, pk)
    today = timezone.localdate()
    # The quarter asked for, else the one the board is chasing (as the clerk's pages).
    period = plan.period(as_quarter(request.GET.get("q"))) or plan.current_period(today)
    if period is None:
        raise Http404
    ledger = _cached(
        plan,
        f"project:{project_pk}:{period.pk}:{today}",
        lambda: project_ledger(plan, project_pk, period, periods, today),
    )
    if ledger is None:
        raise Http404
    own_unit = restricted_to_unit(request.user)
    visible = {a.unit_id for a in ledger.team if own_unit is None or a.unit_id == own_unit}
    states = ledger.states
    return render(
        request,
        "oversight/project.html",
        {
            "plan": plan,
            "project": ledger.project,
            "period": period,
            "periods": periods,
            "row": ledger.row,
            "team": [
                (
                    a,
                    ledger.ledgers.get(a.pk),
                    STATE_NAMES[states[a.unit_id]],
                    states[a.unit_id],
                    a.unit_id in visible,
                )
                for a in ledger.team
            ],
            "entries": [entry for entry in ledger.entries if entry["unit_id"] in visible],
        },
    )


def _cached(plan: Plan, what: str, make):
    """What `make()` returns for the plan, kept in the cache under the plan's last change
    (`Plan.changed_at`, moved on by every change of what the pages show: shishi/plans/changes.py),
    so that it is made again as soon as anything in it changes. Only for a plan just read."""
    key = f"oversight:{plan.pk}:{what}:{plan.changed_at.isoformat()}"
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = make()
        cache.set(key, found, CACHE_SECONDS)
    return found


_MISSING = object()
CACHE_SECONDS = 24 * 3600  # keyed by the last change, so never stale; this only bounds memory


@login_required
def history(request, pk: int):
    plan = _plan(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    events = Event.objects.filter(plan_id=plan.pk).select_related("actor")[:500]
    return render(request, "oversight/history.html", {"plan": plan, "events": events})
