"""Tables of plans, projects, targets, report lines and figures, as CSV or XLSX.

Each table is a `TableExporter` (documents/tables.py renders every format); this module only
says which rows a person may have. A table covers a list of plans: one plan for a download
link, every plan the person sees for a background export (jobs.py). `on_step` is called after
each plan (and, for report tables, each quarter) so that a background job can show progress.

Report content follows `can_read_report`: a unit's own clerk gets the live draft; everyone
else gets the last submitted version, never a draft (reporting/rules.py visible_content).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.db.models import Prefetch

from shishi.directory.models import Person
from shishi.documents.tables import Column, TableExporter
from shishi.notice.themes import THEME_NAMES
from shishi.plans.models import Assignment, Period, Plan
from shishi.reporting.models import QuarterlyReport, ReportLine, ReportVersion
from shishi.reporting.rules import readable_reports, visible_content

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

STATE_NAMES = dict(QuarterlyReport.State.choices)
ASSESSMENT_NAMES = dict(ReportLine.Assessment.choices)
OUTCOME_NAMES = dict(ReportVersion.Outcome.choices)


def name_of(names: dict, value: str, default: str = "") -> str:
    """A choice's label as a plain str: the labels are lazy, and openpyxl writes only real strings."""
    return str(names.get(value, default))


def plain(value: Decimal | str | None) -> int | Decimal | None:
    """A figure as a spreadsheet shows it: 100 (not 1E+2 nor 100.00), 85.5.

    >>> plain("1E+2"), plain(Decimal("85.50")), plain(None)
    (100, Decimal('85.5'), None)
    """
    if value is None or value == "":
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else number.normalize()


class ExportError(Exception):
    """An export that cannot be made; the message says why, for a person."""


class PlanScopedTable(TableExporter):
    """A table over a list of plans, for one person: subclasses give `plan_rows()` (or `rows()`
    and `steps()` when they step by quarter)."""

    kind = ""
    label = ""

    def __init__(
        self,
        person: Person,
        plans: Iterable[Plan],
        *,
        scope: str = "",
        quarter: int | None = None,
        on_step: Callable[[], None] | None = None,
    ):
        self.person = person
        self.plans = list(plans)
        self.quarter = quarter
        self.scope = scope or (
            f"{self.plans[0].region.name}{self.plans[0].year}年" if len(self.plans) == 1 else ""
        )
        self.on_step = on_step or (lambda: None)

    @property
    def title(self) -> str:  # also the XLSX sheet name and the file name
        quarter = f"第{self.quarter}季度" if self.quarter else ""
        return f"{self.scope}{quarter}{self.label}"

    @property
    def filename(self) -> str:
        return self.title

    def steps(self) -> int:
        return len(self.plans)

    def rows(self) -> Iterable[Sequence]:
        for plan in self.plans:
            yield from self.plan_rows(plan)
            self.on_step()

    def plan_rows(self, plan: Plan) -> Iterable[Sequence]:
        raise NotImplementedError

    def periods(self, plan: Plan) -> list[Period]:
        periods = plan.periods.all()
        return list(periods.filter(quarter=self.quarter) if self.quarter else periods)


class PlanTable(PlanScopedTable):
    kind, label = "plans", "实事计划"
    columns = (
        Column("计划编号", 9),
        Column("行政区", 10),
        Column("年度", 7),
        Column("标题", 40),
        Column("发文机关", 18),
        Column("文号", 16),
        Column("成文日期", 12),
        Column("实事数", 8),
        Column("指标数", 8),
        Column("已公开", 8),
    )

    def plan_rows(self, plan):
        projects = list(plan.projects.prefetch_related("targets"))
        yield (
            plan.pk,
            plan.region.name,
            plan.year,
            plan.title,
            plan.issuer,
            plan.doc_number,
            plan.issued_on.isoformat() if plan.issued_on else "",
            len(projects),
            sum(len(p.targets.all()) for p in projects),
            "是" if plan.published else "否",
        )


class ProjectTable(PlanScopedTable):
    kind, label = "projects", "实事项目"
    columns = (
        Column("行政区", 10),
        Column("年度", 7),
        Column("实事编号", 9),
        Column("序号", 6),
        Column("实事名称", 36),
        Column("主题", 10),
        Column("类别", 14),
        Column("投资（万元）", 12),
        Column("完成时限", 12),
        Column("牵头单位", 18),
        Column("配合单位", 30),
        Column("指标数", 8),
    )

    def plan_rows(self, plan):
        projects = plan.projects.prefetch_related(
            "targets", Prefetch("assignments", Assignment.objects.select_related("unit").order_by("order"))
        )
        for project in projects:
            team = list(project.assignments.all())
            yield (
                plan.region.name,
                plan.year,
                project.pk,
                project.seq,
                project.title,
                THEME_NAMES.get(project.theme, project.theme),
                project.category,
                plain(project.investment),
                project.deadline.isoformat() if project.deadline else "",
                "、".join(a.unit.name for a in team if a.role == Assignment.Role.LEAD),
                "、".join(a.unit.name for a in team if a.role == Assignment.Role.PARTNER),
                len(project.targets.all()),
            )


class TargetTable(PlanScopedTable):
    kind, label = "targets", "量化指标"
    columns = (
        Column("行政区", 10),
        Column("年度", 7),
        Column("实事序号", 8),
        Column("实事名称", 30),
        Column("指标编号", 9),
        Column("指标", 24),
        Column("目标", 14),
        Column("关系", 6),
        Column("目标值", 10),
        Column("计量单位", 8),
        Column("通知原文", 40),
    )

    def plan_rows(self, plan):
        for project in plan.projects.prefetch_related("targets"):
            for target in project.targets.all():
                yield (
                    plan.region.name,
                    plan.year,
                    project.seq,
                    project.title,
                    target.pk,
                    target.indicator,
                    target.goal,
                    target.get_op_display(),
                    plain(target.value),
                    target.unit_of_measure,
                    target.text,
                )


class ReportTable(PlanScopedTable):
    """One row per report line: what the unit wrote for a project in a quarter, with its figures."""

    kind, label = "reports", "进展情况"
    columns = (
        Column("行政区", 10),
        Column("年度", 7),
        Column("季度", 6),
        Column("单位", 18),
        Column("报表状态", 8),
        Column("内容来源", 14),
        Column("实事序号", 8),
        Column("实事名称", 28),
        Column("本季度具体措施及任务进度情况", 50),
        Column("完成时限", 12),
        Column("自评", 10),
        Column("累计完成值", 30),
    )

    def steps(self) -> int:
        return sum(len(self.periods(plan)) for plan in self.plans)

    def rows(self):
        readable = readable_reports(self.person)
        for plan in self.plans:
            for period in self.periods(plan):
                reports = (
                    readable.filter(period=period)
                    .select_related("unit", "period__plan")
                    .prefetch_related("versions")
                    .order_by("unit__name")
                )
                for report in reports:
                    yield from self.report_rows(plan, period, report)
                self.on_step()

    def report_rows(self, plan, period, report):
        seen = visible_content(self.person, report)
        if seen is None:
            return
        source = (
            "本单位草稿"
            if seen.is_draft
            else f"第{seen.version.number}版（{name_of(OUTCOME_NAMES, seen.version.outcome)}）"
        )
        for line in seen.content["lines"]:
            figures = "\n".join(
                f"{v['indicator']}：{plain(v['value'])}{v['unit']}"
                if v["value"] is not None
                else f"{v['indicator']}：未填"
                for v in line["values"]
            )
            yield (
                plan.region.name,
                plan.year,
                period.quarter,
                report.unit.name,
                name_of(STATE_NAMES, report.state),
                source,
                line["seq"],
                line["title"],
                line["measures"],
                line["deadline"],
                name_of(ASSESSMENT_NAMES, line["assessment"]),
                figures,
            )


class FigureTable(PlanScopedTable):
    """One row per unit, quarter and target: the cumulative figure, as far as the person may read
    it. The columns are the ones reporting/bulk.py reads, so this table is also the bulk-update template."""

    kind, label = "figures", "累计完成值"
    columns = (
        Column("单位", 18),
        Column("季度", 6),
        Column("实事序号", 8),
        Column("实事名称", 28),
        Column("指标", 22),
        Column("指标编号", 9),
        Column("目标", 12),
        Column("累计完成值", 12),
        Column("报表状态", 10),
        Column("行政区", 10),
        Column("年度", 7),
    )

    def steps(self) -> int:
        return sum(len(self.periods(plan)) for plan in self.plans)

    def rows(self):
        readable = readable_reports(self.person)
        own_unit = self.person.unit_id if self.person.role == Person.Role.REPORTER else None
        for plan in self.plans:
            team = (
                Assignment.objects.filter(project__plan=plan)
                .select_related("unit", "project")
                .prefetch_related("project__targets")
            )
            if own_unit is not None:
                team = team.filter(unit_id=own_unit)
            team = sorted(team, key=lambda a: (a.unit.name, a.project.seq))
            for period in self.periods(plan):
                reports = {r.unit_id: r for r in readable.filter(period=period).prefetch_related("versions")}
                states = (
                    {r.unit_id: r.state for r in QuarterlyReport.objects.filter(period=period)}
                    if own_unit is None
                    else {}
                )
                figures = {}  # (unit id, target id) → figure the person may read
                for unit_id, report in reports.items():
                    seen = visible_content(self.person, report)
                    for line in seen.content["lines"] if seen else ():
                        for value in line["values"]:
                            figures[(unit_id, value["target_id"])] = plain(value["value"])
                for assignment in team:
                    report = reports.get(assignment.unit_id)
                    state = report.state if report else states.get(assignment.unit_id)
                    for target in assignment.project.targets.all():
                        yield (
                            assignment.unit.name,
                            period.quarter,
                            assignment.project.seq,
                            assignment.project.title,
                            target.indicator,
                            target.pk,
                            target.goal,
                            figures.get((assignment.unit_id, target.pk)),
                            name_of(STATE_NAMES, state, "未开始"),
                            plan.region.name,
                            plan.year,
                        )
                self.on_step()


TABLES: dict[str, type[PlanScopedTable]] = {
    t.kind: t for t in (PlanTable, ProjectTable, TargetTable, ReportTable, FigureTable)
}


def table_for(
    person: Person,
    kind: str,
    plan: Plan | None = None,
    *,
    quarter: int | None = None,
    on_step: Callable[[], None] | None = None,
) -> PlanScopedTable:
    """The table of `kind` for one plan, or for every plan the person sees."""
    if kind not in TABLES:
        raise ExportError("没有这种导出表格。")
    visible = Plan.objects.visible_to(person).select_related("region")
    if plan is not None:
        plans = list(visible.filter(pk=plan.pk))
        if not plans:
            raise ExportError("您无权查看这份计划。")
        scope = ""
    else:
        plans = list(visible.order_by("-year", "region__path", "pk"))
        scope = "全部可见计划·"
    if not plans:
        raise ExportError("您目前没有可以导出的实事计划。")
    return TABLES[kind](person, plans, scope=scope, quarter=quarter, on_step=on_step)


def render(table: TableExporter, fmt: str) -> bytes:
    if fmt == "csv":
        return table.to_csv()
    if fmt == "xlsx":
        return table.to_xlsx()
    raise ExportError("只能导出CSV或XLSX格式。")
