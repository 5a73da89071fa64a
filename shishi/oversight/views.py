"""The coordinator's board, reminders, a project's ledger page and the plan's history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.bounds import as_quarter
from shishi.directory.access import can_manage_plan, can_supervise, can_view_plan, restricted_to_unit
from shishi.directory.models import Unit
from shishi.history.models import Event
from shishi.plans.models import Assignment, Period, Plan
from shishi.plans.shortcuts import plan_or_403, plan_with_periods
from shishi.reporting.ledger import implementation_plans
from shishi.reporting.models import Reminder, ReportVersion
from shishi.reporting.reminders import ReminderRefused, remind
from shishi.reporting.states import STATE_NAMES, report_state
from shishi.supervision.services import open_notices

from .board import build_board, plan_projects, project_rows, reports_with_figures


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


@login_required
def board(request, pk: int, quarter: int):
    plan, periods = _plan_and_periods(request, pk)
    period = plan.period(quarter)
    if period is None:
        raise Http404
    today = timezone.localdate()
    data = build_board(plan, period, today)
    latest = {}  # late unit id → its newest reminder for this period (later rows overwrite earlier)
    late = [unit.pk for unit in data.late_units]  # the only ones the page shows reminders for
    for reminder in Reminder.objects.filter(period=period, unit_id__in=late).select_related("sent_by").order_by("sent_at"):
        latest[reminder.unit_id] = reminder
    matrix = [
        {
            "project": project,
            "row": data.rows[project.pk],
            # A cell per unit: its report's state and the state's name where the unit is on the project.
            "cells": [(state, STATE_NAMES[state]) if (state := data.cells.get((project.pk, unit.pk))) else None
                      for unit in data.units],
        }
        for project in data.projects
    ]
    return render(request, "oversight/board.html", {
        "plan": plan,
        "period": period,
        "periods": periods,
        "board": data,
        "matrix": matrix,
        "latest_reminders": latest,
        "can_manage": can_manage_plan(request.user, plan),
        "can_supervise": can_supervise(request.user, plan),
        "counts": {name: data.count(state) for state, name in STATE_NAMES.items()},
        "open_supervision": open_notices(plan.pk),
    })


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
    if request.htmx:
        return render(request, "oversight/_reminded.html", {"text": text, "ok": ok})
    (messages.success if ok else messages.error)(request, text)
    return redirect("oversight:board", plan.pk, quarter)


@login_required
def project_page(request, pk: int, project_pk: int):
    """A project's work ledger (台账): targets against goals with lights, each unit's
    implementation plan, and every report line of every quarter."""
    plan, periods = _plan_and_periods(request, pk)
    project = next(iter(plan_projects(plan.pk, project_pk)), None)
    if project is None:
        raise Http404
    today = timezone.localdate()
    team = list(project.assignments.all())
    # The quarter asked for, else the one the board is chasing (as the clerk's pages).
    period = plan.period(as_quarter(request.GET.get("q"))) or plan.current_period(today)
    if period is None:
        raise Http404
    # The quarter's reports with their figures in one query; only the team's are this page's.
    every_report, figures = reports_with_figures(period)
    reports = {a.unit_id: every_report[a.unit_id] for a in team if a.unit_id in every_report}
    states = {a.unit_id: report_state(reports.get(a.unit_id), period, today) for a in team}
    row = project_rows(plan, period, [project], reports, states, figures)[project.pk]
    own_unit = restricted_to_unit(request.user)
    visible = [a for a in team if own_unit is None or a.unit_id == own_unit]
    ledgers = {ledger.assignment_id: ledger for ledger in implementation_plans(project.pk)}
    entries = submitted_lines(plan, project, {a.unit_id: a.unit.name for a in visible}, periods)
    return render(request, "oversight/project.html", {
        "plan": plan, "project": project, "period": period, "periods": periods, "row": row,
        "team": [(a, ledgers.get(a.pk), STATE_NAMES[states[a.unit_id]], states[a.unit_id], a in visible) for a in team],
        "entries": entries,
    })


def submitted_lines(plan, project, units: dict[int, str], periods: list[Period]) -> list[dict]:
    """The project's line from each report's latest submitted version: what was sent, never a
    draft that is being reworked after a return. Plain rows, not a version, a report, a unit and
    a quarter for each: those instances took longer than the rest of the page. `units`: unit id →
    name, of the units whose lines are shown."""
    period_of = {period.pk: period for period in periods}
    entries = []
    # Each report's latest version, of the units on the project: only those versions' contents are read.
    latest = ReportVersion.objects.filter(
        report__period__plan_id=plan.pk,
        report__unit_id__in=Assignment.objects.filter(project_id=project.pk).values("unit_id"),
        number=Subquery(ReportVersion.objects.filter(report_id=OuterRef("report_id")).order_by("-number")
                        .values("number")[:1]),
    ).order_by().values_list("number", "outcome", "content", "report__period_id", "report__unit_id")
    for number, outcome, content, period_id, unit_id in latest:
        line = next((l for l in content["lines"] if l["project_id"] == project.pk), None)
        if line and unit_id in units:
            unit_name = units[unit_id]
            figures = "；".join(f"{v['indicator']}：{v['value'] or '—'}{v['unit']}" for v in line["values"])
            entries.append({"period": period_of[period_id], "unit": unit_name, "version": _("第%(n)s版") % {"n": number},
                            "outcome": outcome, "outcome_name": ReportVersion.Outcome(outcome).label,
                            "measures": line["measures"], "figures": figures})
    return sorted(entries, key=lambda e: (e["period"].quarter, e["unit"]))


@login_required
def history(request, pk: int):
    plan = _plan(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    events = Event.objects.filter(plan_id=plan.pk).select_related("actor")[:500]
    return render(request, "oversight/history.html", {"plan": plan, "events": events})
