"""What a project's ledger page (台账) shows: its targets against their goals with lights, each
unit's state and implementation plan, and every unit's submitted lines of every quarter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from shishi.plans.models import Assignment, Period, Plan, Project
from shishi.reporting.ledger import implementation_plans
from shishi.reporting.models import ImplementationPlan, ReportVersion
from shishi.reporting.states import report_state

from .board import ProjectRow, plan_projects, project_rows, reports_with_figures


@dataclass
class ProjectLedger:
    """What a project's page shows to everyone who may read it (each reader sees only the units
    `restricted_to_unit` lets them)."""

    project: Project
    team: list[Assignment]
    states: dict  # unit id → state of its report for the quarter
    row: ProjectRow
    ledgers: dict[int, ImplementationPlan]  # by assignment id
    entries: list[dict]  # every unit's submitted lines


def project_ledger(
    plan: Plan, project_pk: int, period: Period, periods: list[Period], today: datetime.date
) -> ProjectLedger | None:
    """The ledger of the plan's project `project_pk` in `period` (None if the plan has no such project)."""
    project = next(iter(plan_projects(plan.pk, project_pk)), None)
    if project is None:
        return None
    team = list(project.assignments.all())
    # The quarter's reports with their figures in one query; only the team's are this page's.
    every_report, figures = reports_with_figures(period)
    reports = {a.unit_id: every_report[a.unit_id] for a in team if a.unit_id in every_report}
    states = {a.unit_id: report_state(reports.get(a.unit_id), period, today) for a in team}
    row = project_rows(plan, period, [project], reports, states, figures)[project.pk]
    ledgers = {ledger.assignment_id: ledger for ledger in implementation_plans(project.pk)}
    entries = submitted_lines(plan, project, {a.unit_id: a.unit.name for a in team}, periods)
    return ProjectLedger(project, team, states, row, ledgers, entries)


def submitted_lines(plan, project, units: dict[int, str], periods: list[Period]) -> list[dict]:
    """The project's line from each report's latest submitted version: what was sent, never a
    draft that is being reworked after a return. Plain rows, not a version, a report, a unit and
    a quarter for each: those instances took longer than the rest of the page. `units`: unit id →
    name, of the units whose lines are shown."""
    period_of = {period.pk: period for period in periods}
    entries = []
    # Each report's latest version, of the units on the project: only those versions' contents are read.
    latest = (
        ReportVersion.objects.filter(
            report__period__plan_id=plan.pk,
            report__unit_id__in=Assignment.objects.filter(project_id=project.pk).values("unit_id"),
            number=Subquery(
                ReportVersion.objects.filter(report_id=OuterRef("report_id"))
                .order_by("-number")
                .values("number")[:1]
            ),
        )
        .order_by()
        .values_list("number", "outcome", "content", "report__period_id", "report__unit_id")
    )
    for number, outcome, content, period_id, unit_id in latest:
        line = next((l for l in content["lines"] if l["project_id"] == project.pk), None)
        if line and unit_id in units:
            unit_name = units[unit_id]
            figures = "；".join(f"{v['indicator']}：{v['value'] or '—'}{v['unit']}" for v in line["values"])
            entries.append(
                {
                    "period": period_of[period_id],
                    "unit": unit_name,
                    "unit_id": unit_id,
                    "version": _("第%(n)s版") % {"n": number},
                    "outcome": outcome,
                    "outcome_name": ReportVersion.Outcome(outcome).label,
                    "measures": line["measures"],
                    "figures": figures,
                }
            )
    return sorted(entries, key=lambda e: (e["period"].quarter, e["unit"]))
