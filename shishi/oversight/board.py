"""The coordinator's board for a plan and a period, built in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from shishi.directory.models import Unit
from shishi.precompiled import Precompiled, built, columns, prefill
from shishi.plans.models import Assignment, Period, Plan, Project, Target
from shishi.reporting.models import QuarterlyReport, ReportLine

from .lights import Light, expected_progress, project_light, target_light

NOT_STARTED, LATE = "not_started", "late"
STATE_NAMES = {
    NOT_STARTED: "未开始", "draft": "草稿", "submitted": "已报送", "returned": "已退回", "accepted": "已通过", LATE: "逾期",
}
COUNTED = (QuarterlyReport.State.SUBMITTED, QuarterlyReport.State.ACCEPTED)


def report_state(report: QuarterlyReport | ReportRow | None, period: Period, today: datetime.date) -> str:
    """The state the board shows: the report's own, or late once the due date has passed
    without a submission, or not started."""
    overdue = today > period.due_on
    if report is None:
        return LATE if overdue else NOT_STARTED
    if report.state == QuarterlyReport.State.DRAFT and overdue:
        return LATE
    return report.state


@dataclass
class TargetRow:
    target: Target
    figure: object
    light: Light
    partner_figures: list[tuple[str, object]] = field(default_factory=list)


@dataclass
class ProjectRow:
    project: Project
    light: Light
    targets: list[TargetRow]
    lead_assessment: str = ""


@dataclass
class Board:
    plan: Plan
    period: Period
    projects: list[Project]
    units: list  # columns: every unit on the plan, in order of first appearance
    cells: dict  # (project id, unit id) → state
    states: dict  # unit id → state
    reports: dict  # unit id → report
    rows: dict  # project id → ProjectRow
    late_units: list
    review_queue: list

    def count(self, state: str) -> int:
        return sum(1 for s in self.states.values() if s == state)


def with_targets(plan_id: int, project_id: int | None = None) -> list[Project]:
    """The plan's projects (or the one asked for) in order, with their targets in order
    (`project.targets.all()` asks no more), in one query: the projects joined to their targets,
    one row per target (or per project without any)."""
    rows = _PROJECT_WITH_TARGETS(plan_id, project_id) if project_id else _PROJECTS_WITH_TARGETS(plan_id)
    split = len(_PROJECT_FIELDS)
    out: dict[int, tuple[Project, list[Target]]] = {}
    for row in rows:
        if row[0] not in out:
            project = built(Project, row[:split])
            out[row[0]] = project, prefill(project, "targets", [])
        project, targets = out[row[0]]
        if row[split] is not None:
            target = built(Target, row[split:])
            target.project = project
            targets.append(target)
    return [project for project, _targets in out.values()]


def plan_team(plan_id: int) -> list[Assignment]:
    """The plan's assignments in the order of the projects, each with its unit (one instance per
    unit, shared by its assignments), in one query."""
    split = len(_ASSIGNMENT_FIELDS)
    units: dict[int, Unit] = {}
    out = []
    for row in _TEAM(plan_id):
        assignment = built(Assignment, row[:split])
        unit = units.get(assignment.unit_id)
        if unit is None:
            unit = units[assignment.unit_id] = built(Unit, row[split:])
        assignment.unit = unit
        out.append(assignment)
    return out


_PROJECT_FIELDS, _TARGET_FIELDS = columns(Project), columns(Target)
_ASSIGNMENT_FIELDS, _UNIT_FIELDS = columns(Assignment), columns(Unit)
FIGURE_FIELDS = ("lines__project_id", "lines__assessment", "lines__values__target_id", "lines__values__value")

# The models' default orderings go through the plan to the region (a join per level); within one
# plan seq is enough. These run on every board, project page and public page: compiled once.
_PROJECTS_WITH_TARGETS = Precompiled(lambda plan_id: Project.objects.filter(plan_id=plan_id).order_by(
    "seq", "targets__seq").values_list(*_PROJECT_FIELDS, *(f"targets__{name}" for name in _TARGET_FIELDS)))
_PROJECT_WITH_TARGETS = Precompiled(lambda plan_id, project_id: Project.objects.filter(
    plan_id=plan_id, pk=project_id).order_by("targets__seq").values_list(
    *_PROJECT_FIELDS, *(f"targets__{name}" for name in _TARGET_FIELDS)), arguments=2)
_TEAM = Precompiled(lambda plan_id: Assignment.objects.filter(project__plan_id=plan_id).order_by(
    "project__seq", "order").values_list(*_ASSIGNMENT_FIELDS, *(f"unit__{name}" for name in _UNIT_FIELDS)))
# One row per figure (or per line without any, or per report without lines).
_REPORTS_WITH_FIGURES = Precompiled(lambda period_id: QuarterlyReport.objects.filter(period_id=period_id).order_by()
                                    .values_list("pk", "unit_id", "state", "submitted_at", *FIGURE_FIELDS))


class ReportRow:
    """A report as the board reads it: its state and when it was sent, not the whole model (the
    board reads every unit's, and the rest of each report only slowed it)."""

    __slots__ = ("pk", "unit_id", "state", "submitted_at", "unit")

    def __init__(self, pk, unit_id, state, submitted_at):
        self.pk, self.unit_id, self.state, self.submitted_at, self.unit = pk, unit_id, state, submitted_at, None


def reports_with_figures(period: Period) -> tuple[dict[int, ReportRow], list[tuple]]:
    """The period's reports by unit and their figures as `project_rows` reads them, in one query."""
    reports: dict[int, ReportRow] = {}
    figures = []
    for pk, unit_id, state, submitted_at, project_id, assessment, target_id, value in _REPORTS_WITH_FIGURES(period.pk):
        if unit_id not in reports:  # one report per unit and period
            reports[unit_id] = ReportRow(pk, unit_id, state, submitted_at)
        if project_id is not None:
            figures.append((project_id, pk, assessment, target_id, value))
    return reports, figures


def build_board(plan: Plan, period: Period, today: datetime.date) -> Board:
    projects = with_targets(plan.pk)
    assignments = plan_team(plan.pk)
    reports, figures = reports_with_figures(period)
    units = list({a.unit_id: a.unit for a in assignments}.values())
    for unit in units:  # the review queue names the unit
        if unit.pk in reports:
            reports[unit.pk].unit = unit
    states = {unit.pk: report_state(reports.get(unit.pk), period, today) for unit in units}
    cells = {(a.project_id, a.unit_id): states[a.unit_id] for a in assignments}
    rows = project_rows(plan, period, projects, assignments, reports, states, figures)
    return Board(
        plan=plan, period=period, projects=projects, units=units, cells=cells, states=states, reports=reports,
        rows=rows,
        late_units=[u for u in units if states[u.pk] == LATE],
        review_queue=[reports[u.pk] for u in units if states[u.pk] == QuarterlyReport.State.SUBMITTED],
    )


def project_rows(plan, period, projects, assignments, reports, states, figures=None) -> dict[int, ProjectRow]:
    """Each project's targets against their goals, with lights, from the lead unit's figures.
    `figures` (from `reports_with_figures`) may hold those of more reports: only the counted
    ones among `reports` are read. Without it they are read here."""
    unit_of = {r.pk: r.unit_id for r in reports.values() if r.state in COUNTED}  # report id → unit id
    values = defaultdict(dict)  # (project id) → {(unit id, target id): value}
    assessments = {}
    if figures is None:
        # One query of plain tuples, a row per figure (or per line without any), no ordering: a board
        # reads a few hundred figures, and a model instance for each cost more than the rest of the page.
        figures = (ReportLine.objects.filter(report_id__in=list(unit_of)).order_by()
                   .values_list("project_id", "report_id", "assessment", "values__target_id", "values__value"))
    for project_id, report_id, assessment, target_id, value in figures:
        unit_id = unit_of.get(report_id)
        if unit_id is None:
            continue
        assessments[(project_id, unit_id)] = assessment
        if target_id is not None:
            values[project_id][(unit_id, target_id)] = value
    by_project = defaultdict(list)
    for assignment in assignments:
        by_project[assignment.project_id].append(assignment)
    rows = {}
    for project in projects:
        team = by_project.get(project.pk, [])
        lead = next((a for a in team if a.role == Assignment.Role.LEAD), team[0] if team else None)
        lead_id = lead.unit_id if lead else None
        late = lead is not None and states.get(lead_id) == LATE
        assessment = assessments.get((project.pk, lead_id), "")
        target_rows = []
        for target in project.targets.all():
            figure = values[project.pk].get((lead_id, target.pk))
            light = target_light(target.op, target.value, figure, period.quarter, yellow=plan.yellow_points,
                                 red=plan.red_points, late=late, assessment=assessment)
            partners = [(a.unit.name, values[project.pk].get((a.unit_id, target.pk))) for a in team if a.unit_id != lead_id]
            target_rows.append(TargetRow(target, figure, light, partners))
        if not target_rows:
            lights = [target_light("=", 0, None, period.quarter, late=late, assessment=assessment, numeric=False)]
        else:
            lights = [row.light for row in target_rows]
        rows[project.pk] = ProjectRow(project, project_light(lights, expected_progress(period.quarter)), target_rows, assessment)
    return rows


def current_period(plan: Plan, today: datetime.date) -> Period:
    """The period a coordinator is chasing today: the first whose due date has not long passed."""
    periods = list(plan.periods.all())
    for period in periods:
        if today <= period.due_on:
            return period
    return periods[-1]
