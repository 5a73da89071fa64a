"""What a citizen reads about a published plan, and when it last changed.

Figures and lights come from the board (shishi/oversight/board.py), fed only the reports the
coordinator accepted: a report waiting for review or returned never shows a figure here.
The text is only what a coordinator approved (PublicStatement.approved_text). Nothing about
people — clerks, reviewers, stamped PDFs, versions — is read at all.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import DateTimeField, Value
from django.utils import timezone

from shishi.history.models import Event
from shishi.oversight.board import ProjectRow, project_rows, report_state, plan_team, reports_with_figures, with_targets
from shishi.oversight.lights import NAMES, SEVERITY
from shishi.plans.models import Assignment, Period, Plan, Project, Target
from shishi.precompiled import Precompiled
from shishi.reporting.models import QuarterlyReport

from .models import PublicStatement


@dataclass
class PublicProject:
    row: ProjectRow  # the project, its light and its targets' figures and lights
    lead_units: list[str]
    partner_units: list[str]
    statement: str  # approved text, or ""

    @property
    def project(self):
        return self.row.project


@dataclass
class PublicPage:
    plan: Plan
    period: Period
    periods: list[Period]
    projects: list[PublicProject]

    def light_counts(self) -> list[tuple[str, str, int]]:
        """(colour, name, number of projects), worst first, only colours that occur."""
        counts: dict[str, int] = {}
        for item in self.projects:
            counts[item.row.light.colour] = counts.get(item.row.light.colour, 0) + 1
        order = sorted(counts, key=lambda colour: -SEVERITY[colour])
        return [(colour, NAMES[colour], counts[colour]) for colour in order]


def default_period(periods: list[Period], today: datetime.date) -> Period:
    """The latest quarter that has ended (the one reports are about), or the first."""
    ended = [period for period in periods if period.ends_on < today]
    return ended[-1] if ended else periods[0]


def build_page(plan: Plan, quarter: int | None, today: datetime.date) -> PublicPage:
    periods = list(plan.periods.all())
    period = next((p for p in periods if p.quarter == quarter), None) or default_period(periods, today)
    projects = with_targets(plan.pk)
    assignments = plan_team(plan.pk)
    reports, figures = reports_with_figures(period)
    units = {a.unit_id for a in assignments}
    # Lateness is judged on every report (a late lead unit is red), figures on accepted ones only.
    states = {unit_id: report_state(reports.get(unit_id), period, today) for unit_id in units}
    accepted = {unit_id: r for unit_id, r in reports.items() if r.state == QuarterlyReport.State.ACCEPTED}
    rows = project_rows(plan, period, projects, assignments, accepted, states, figures)
    statements = dict(_APPROVED_TEXTS(period.pk, plan.pk))
    items = []
    for project in projects:
        team = [a for a in assignments if a.project_id == project.pk]
        items.append(PublicProject(
            row=rows[project.pk],
            lead_units=[a.unit.name for a in team if a.role == Assignment.Role.LEAD],
            partner_units=[a.unit.name for a in team if a.role != Assignment.Role.LEAD],
            statement=statements.get(project.pk, ""),
        ))
    return PublicPage(plan=plan, period=period, periods=periods, projects=items)


_APPROVED_TEXTS = Precompiled(lambda period_id, plan_id: PublicStatement.objects.filter(
    period_id=period_id, project__plan_id=plan_id).exclude(approved_text="").order_by()
    .values_list("project_id", "approved_text"), arguments=2)


def last_modified(plan: Plan, now: datetime.datetime) -> datetime.datetime:
    """When the public page of the plan last changed: the newest of its history (imports, edits,
    reports submitted and reviewed, publishing), its public text, its reports, and the last
    quarter end or due date passed — on those days the page changes by itself (the default
    quarter moves on; a report not in by its due date turns red)."""
    times = [*_newest_changes(plan.pk), plan.created_at]
    today = timezone.localdate(now)
    for period in plan.periods.all():
        for day in (period.ends_on, period.due_on):
            turned = day + datetime.timedelta(days=1)
            if turned <= today:
                times.append(timezone.make_aware(datetime.datetime.combine(turned, datetime.time.min)))
    return min(max(t for t in times if t is not None), now)


def _newest_changes(plan_id: int) -> list[datetime.datetime | None]:
    """The newest time in each of the six tables, in one query of plain SQL: every visit asks,
    also when the page itself comes from the cache, and the same six subqueries built with the
    ORM took longer than rendering the cached page (a history manager is a new class per use)."""
    with connection.cursor() as cursor:
        cursor.execute(_newest_changes_sql(), [plan_id] * 6)
        row = cursor.fetchone()
    as_datetime = Value(None, output_field=DateTimeField())
    converters = connection.ops.get_db_converters(as_datetime)  # SQLite hands back text
    out = []
    for value in row:
        for converter in converters:
            value = converter(value, as_datetime, connection)
        out.append(value)
    return out


@functools.cache
def _newest_changes_sql() -> str:
    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    project, period = table(Project), table(Period)
    newest = [
        f"SELECT MAX(at) FROM {table(Event)} WHERE plan_id = %s",
        f"SELECT MAX(s.updated_at) FROM {table(PublicStatement)} s JOIN {project} p ON p.id = s.project_id WHERE p.plan_id = %s",
        f"SELECT MAX(r.updated_at) FROM {table(QuarterlyReport)} r JOIN {period} q ON q.id = r.period_id WHERE q.plan_id = %s",
        f"SELECT MAX(history_date) FROM {table(Plan.history.model)} WHERE id = %s",
        f"SELECT MAX(history_date) FROM {table(Project.history.model)} WHERE plan_id = %s",
        f"SELECT MAX(history_date) FROM {table(Target.history.model)} "
        f"WHERE project_id IN (SELECT id FROM {project} WHERE plan_id = %s)",
    ]
    return "SELECT " + ", ".join(f"({sql})" for sql in newest)
