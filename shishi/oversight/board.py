"""The coordinator's board for a plan and a period, built in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from shishi.plans.models import Assignment, Period, Plan, Project, Target
from shishi.reporting.models import QuarterlyReport, ReportLine
from shishi.reporting.states import COUNTED, LATE, report_state

from .lights import DONE, Light, expected_progress, late_unit_words, project_light, target_light


@dataclass
class TargetRow:
    target: Target
    figure: object
    light: Light
    partner_figures: list[tuple[str, object]] = field(default_factory=list)


@dataclass
class ProjectRow:
    project: Project
    light: Light  # the project's light: red too when any of its units is late
    targets: list[TargetRow]
    lead_assessment: str = ""
    figures_light: Light | None = None  # from the lead unit's figures alone, lateness aside

    @property
    def done(self) -> bool:
        """Whether the project's goals are met (the year end's 是否完成), whoever is late reporting."""
        return (self.figures_light or self.light).colour == DONE


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


def plan_projects(plan_id: int, project_id: int | None = None) -> list[Project]:
    """The plan's projects (or the one asked for) in order, each with its targets in order and its
    team (`project.assignments.all()`, in the notice's order, each with its unit): three queries
    however many there are."""
    projects = Project.objects.filter(plan_id=plan_id)
    if project_id is not None:
        projects = projects.filter(pk=project_id)
    return list(
        projects.order_by("seq").prefetch_related(
            Prefetch("targets", Target.objects.order_by("seq")),
            Prefetch("assignments", Assignment.objects.select_related("unit").order_by("order")),
        )
    )


class ReportRow:
    """A report as the board reads it: its state and when it was sent, not the whole model (the
    board reads every unit's, and the rest of each report only slowed it)."""

    __slots__ = ("pk", "unit_id", "state", "submitted_at", "unit")

    def __init__(self, pk, unit_id, state, submitted_at):
        self.pk, self.unit_id, self.state, self.submitted_at, self.unit = (
            pk,
            unit_id,
            state,
            submitted_at,
            None,
        )


def reports_with_figures(period: Period) -> tuple[dict[int, ReportRow], list[tuple]]:
    """The period's reports by unit and their figures as `project_rows` reads them, in one query of
    plain rows: one per figure (or per line without any, or per report without lines)."""
    rows = (
        QuarterlyReport.objects.filter(period_id=period.pk)
        .order_by()
        .values_list(
            "pk",
            "unit_id",
            "state",
            "submitted_at",
            "lines__project_id",
            "lines__assessment",
            "lines__values__target_id",
            "lines__values__value",
        )
    )
    reports: dict[int, ReportRow] = {}
    figures = []
    for pk, unit_id, state, submitted_at, project_id, assessment, target_id, value in rows:
        if unit_id not in reports:  # one report per unit and period
            reports[unit_id] = ReportRow(pk, unit_id, state, submitted_at)
        if project_id is not None:
            figures.append((project_id, pk, assessment, target_id, value))
    return reports, figures


def build_board(plan: Plan, period: Period, today: datetime.date) -> Board:
    projects = plan_projects(plan.pk)
    reports, figures = reports_with_figures(period)
    units = list({a.unit_id: a.unit for project in projects for a in project.assignments.all()}.values())
    for unit in units:  # the review queue names the unit
        if unit.pk in reports:
            reports[unit.pk].unit = unit
    states = {unit.pk: report_state(reports.get(unit.pk), period, today) for unit in units}
    cells = {
        (a.project_id, a.unit_id): states[a.unit_id]
        for project in projects
        for a in project.assignments.all()
    }
    rows = project_rows(plan, period, projects, reports, states, figures)
    return Board(
        plan=plan,
        period=period,
        projects=projects,
        units=units,
        cells=cells,
        states=states,
        reports=reports,
        rows=rows,
        late_units=[u for u in units if states[u.pk] == LATE],
        review_queue=[reports[u.pk] for u in units if states[u.pk] == QuarterlyReport.State.SUBMITTED],
    )


def project_rows(plan, period, projects, reports, states, figures=None) -> dict[int, ProjectRow]:
    """Each project's targets against their goals, with lights (shishi/oversight/lights.py), from
    the lead unit's figures (`projects` as `plan_projects` reads them). A project any of whose
    units is late is red, naming them. `figures` (from `reports_with_figures`) may hold those of
    more reports: only the counted ones among `reports` are read. Without it they are read here."""
    unit_of = {r.pk: r.unit_id for r in reports.values() if r.state in COUNTED}  # report id → unit id
    unreviewed = {r.unit_id for r in reports.values() if r.state == QuarterlyReport.State.SUBMITTED}
    values = defaultdict(dict)  # (project id) → {(unit id, target id): value}
    assessments = {}
    if figures is None:
        # One query of plain tuples, a row per figure (or per line without any), no ordering: a board
        # reads a few hundred figures, and a model instance for each cost more than the rest of the page.
        figures = (
            ReportLine.objects.filter(report_id__in=list(unit_of))
            .order_by()
            .values_list("project_id", "report_id", "assessment", "values__target_id", "values__value")
        )
    for project_id, report_id, assessment, target_id, value in figures:
        unit_id = unit_of.get(report_id)
        if unit_id is None:
            continue
        assessments[(project_id, unit_id)] = assessment
        if target_id is not None:
            values[project_id][(unit_id, target_id)] = value
    rows = {}
    for project in projects:
        team = project.assignments.all()
        lead = project.lead_assignment
        lead_id = lead.unit_id if lead else None
        late = lead is not None and states.get(lead_id) == LATE
        # Every unit on the project owes its report: any one overdue makes the project red.
        late_units = [
            late_unit_words(a.unit.name, a.get_role_display()) for a in team if states.get(a.unit_id) == LATE
        ]
        assessment = assessments.get((project.pk, lead_id), "")
        from_unreviewed = lead_id in unreviewed
        target_rows = []
        for target in project.targets.all():
            figure = values[project.pk].get((lead_id, target.pk))
            light = target_light(
                target.op,
                target.value,
                figure,
                period.quarter,
                yellow=plan.yellow_points,
                red=plan.red_points,
                late=late,
                assessment=assessment,
                unreviewed=from_unreviewed,
            )
            partners = [
                (a.unit.name, values[project.pk].get((a.unit_id, target.pk)))
                for a in team
                if a.unit_id != lead_id
            ]
            target_rows.append(TargetRow(target, figure, light, partners))
        if not target_rows:
            lights = [
                target_light(
                    "=",
                    0,
                    None,
                    period.quarter,
                    late=late,
                    assessment=assessment,
                    numeric=False,
                    unreviewed=from_unreviewed,
                )
            ]
        else:
            lights = [row.light for row in target_rows]
        expected = expected_progress(period.quarter)
        light = project_light(lights, expected, late=late_units)
        figures_light = project_light(lights, expected)
        rows[project.pk] = ProjectRow(project, light, target_rows, assessment, figures_light)
    return rows
