"""What a citizen reads about a published plan, and when it last changed.

Figures and lights come from the board (shishi/oversight/board.py), fed only the reports the
coordinator accepted: a report waiting for review or returned never shows a figure here.
The text is only what a coordinator approved (PublicStatement.approved_text). Nothing about
people — clerks, reviewers, stamped PDFs, versions — is read at all. Where a project came from
(its proposals, its vote) and how the deputies rated it come from the selection's chain, which
reads only published results and proposals that passed the personal-data check, never a contact.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from shishi.oversight.board import ProjectRow, plan_projects, project_rows, reports_with_figures
from shishi.oversight.lights import NAMES, SEVERITY
from shishi.plans.models import Assignment, Period, Plan
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.states import report_state
from shishi.selection.chain import Origin, PlanChain, Rating, plan_chain
from shishi.selection.ratings import SurveyLine

from .models import PublicStatement


@dataclass
class PublicProject:
    row: ProjectRow  # the project, its light and its targets' figures and lights
    lead_units: list[str]
    partner_units: list[str]
    statement: str  # approved text, or ""
    origin: Origin | None = None  # its proposals and vote, for a project that came from a vote
    rating: Rating | None = None  # the deputies' published satisfaction result
    survey: SurveyLine | None = None  # the citizens' online survey, shown apart

    @property
    def project(self):
        return self.row.project


@dataclass
class PublicPage:
    plan: Plan
    period: Period
    periods: list[Period]
    projects: list[PublicProject]
    chain: PlanChain | None = None

    def light_counts(self) -> list[tuple[str, str, int]]:
        """(colour, name, number of projects), worst first, only colours that occur."""
        counts: dict[str, int] = {}
        for item in self.projects:
            counts[item.row.light.colour] = counts.get(item.row.light.colour, 0) + 1
        order = sorted(counts, key=lambda colour: -SEVERITY[colour])
        return [(colour, NAMES[colour], counts[colour]) for colour in order]


def build_page(plan: Plan, quarter: int | None, today: datetime.date) -> PublicPage:
    """The page of `quarter`, else of the latest quarter that has ended (`Plan.latest_ended_period`)."""
    periods = list(plan.periods.all())
    period = plan.period(quarter) or plan.latest_ended_period(today)
    projects = plan_projects(plan.pk)
    reports, figures = reports_with_figures(period)
    units = {a.unit_id for project in projects for a in project.assignments.all()}
    # Lateness is judged on every report (a late lead unit is red), figures on accepted ones only.
    states = {unit_id: report_state(reports.get(unit_id), period, today) for unit_id in units}
    accepted = {unit_id: r for unit_id, r in reports.items() if r.state == QuarterlyReport.State.ACCEPTED}
    rows = project_rows(plan, period, projects, accepted, states, figures)
    statements = dict(
        PublicStatement.objects.filter(period_id=period.pk, project__plan_id=plan.pk)
        .exclude(approved_text="")
        .order_by()
        .values_list("project_id", "approved_text")
    )
    chain = plan_chain(plan)
    items = []
    for project in projects:
        team = project.assignments.all()
        items.append(
            PublicProject(
                row=rows[project.pk],
                lead_units=[a.unit.name for a in team if a.role == Assignment.Role.LEAD],
                partner_units=[a.unit.name for a in team if a.role != Assignment.Role.LEAD],
                statement=statements.get(project.pk, ""),
                origin=chain.origins.get(project.pk),
                rating=chain.ratings.get(project.pk),
                survey=chain.survey.get(project.pk),
            )
        )
    return PublicPage(plan=plan, period=period, periods=periods, projects=items, chain=chain)


def last_modified(plan: Plan, now: datetime.datetime) -> datetime.datetime:
    """When the public page of the plan last changed (see `last_change`), read afresh."""
    return last_change(Plan.objects.filter(pk=plan.pk), now)


def last_change(plans: QuerySet[Plan], now: datetime.datetime) -> datetime.datetime | None:
    """When the public page of the plan (the one in `plans`, or None if there is none) last
    changed: the newest of its creation, its `changed_at` (moved on by every change of what the
    page shows, see shishi/plans/changes.py) and the last quarter end or due date passed — on those days the
    page changes by itself (the default quarter moves on; a report not in by its due date turns
    red). One query of plain values: every visit asks, also when the page comes from the cache."""
    rows = plans.order_by().values_list("created_at", "changed_at", "periods__ends_on", "periods__due_on")
    if not rows:
        return None
    times = []
    today = timezone.localdate(now)
    for created, changed, *days in rows:
        times += [created, changed]
        for day in days:
            turned = day + datetime.timedelta(days=1) if day else None
            if turned and turned <= today:
                times.append(timezone.make_aware(datetime.datetime.combine(turned, datetime.time.min)))
    return min(max(t for t in times if t is not None), now)
