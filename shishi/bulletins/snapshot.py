"""What a bulletin says, gathered once as plain JSON data: the document is rendered from this
alone, so an issued bulletin can be made again, word for word, after the reports have moved on.

Figures and lights come from the board (`build_board`): a bulletin never recomputes a light.
Decimals are kept as strings, so that the JSON round trip changes nothing.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import cn2an

from shishi.oversight.board import build_board
from shishi.oversight.lights import (
    DONE,
    GREEN,
    GREY,
    RED,
    UNREVIEWED,
    YELLOW,
    Light,
    expected_progress,
    rule_text,
)
from shishi.plans.models import Assignment, Period, Plan
from shishi.reporting.models import QuarterlyReport, ReportLine, ReportVersion
from shishi.reporting.states import COUNTED, LATE, NOT_STARTED

# Bumped when the snapshot's shape changes, so old bulletins still render: 2 added the masthead,
# the 版记's copy list, the correction and each project's figures and light in the table.
FORMAT = 2
ASSESSMENTS = dict(ReportLine.Assessment.choices)
State = QuarterlyReport.State


def quarter_name(quarter: int) -> str:
    """`第一季度`: quarters are written in Chinese numerals in official text."""
    return f"第{cn2an.an2cn(quarter)}季度"


def default_title(plan: Plan, period: Period) -> str:
    return f"关于{plan.year}年为妇女儿童办实事{quarter_name(period.quarter)}进展情况的通报"


def issuer(plan: Plan) -> str:
    return f"{plan.region.name}妇女儿童工作委员会办公室"


def default_copies_to(plan: Plan) -> str:
    """Who the 版记 says the bulletin goes to besides the leaders it reports to."""
    return f"{plan.region.name}妇女儿童工作委员会各成员单位"


def gather(
    plan: Plan,
    period: Period,
    today: datetime.date,
    *,
    number: int | None,
    title: str = "",
    issued_at: datetime.datetime | None = None,
    copies_to: str | None = None,
    correction: int = 0,
    reason: str = "",
) -> dict:
    """Everything the bulletin of `period` shows, as of `today`; `number` is None for a preview.
    `correction` counts the corrected re-issues of the quarter's number (0: the first issue),
    `reason` says why; `copies_to` is the 版记's 抄送 (None: the standard list)."""
    board = build_board(plan, period, today)
    projects = [
        _project(board.rows[project.pk], project.lead_unit.name if project.lead_unit else "")
        for project in board.projects
    ]
    headline = {colour: 0 for colour in (DONE, GREEN, YELLOW, RED, GREY)}
    for project in projects:
        headline[project["light"]["colour"]] += 1
    states = {
        state: board.count(state)
        for state in (NOT_STARTED, State.DRAFT, State.SUBMITTED, State.RETURNED, State.ACCEPTED, LATE)
    }
    snapshot = {
        "format": FORMAT,
        "number": number,
        "title": title or default_title(plan, period),
        "date": today.isoformat(),
        "issued_at": issued_at.isoformat() if issued_at else None,
        "issuer": issuer(plan),
        "mark": f"{plan.region.name}为妇女儿童办实事调度通报",
        "copies_to": default_copies_to(plan) if copies_to is None else copies_to,
        "correction": correction,
        "reason": reason,
        "plan": {
            "id": plan.pk,
            "year": plan.year,
            "title": plan.title,
            "region": plan.region.name,
            "doc_number": plan.doc_number,
        },
        "period": {
            "id": period.pk,
            "quarter": period.quarter,
            "name": quarter_name(period.quarter),
            "starts_on": period.starts_on.isoformat(),
            "ends_on": period.ends_on.isoformat(),
            "due_on": period.due_on.isoformat(),
        },
        "expected": _text(expected_progress(period.quarter)),
        # the rule in the snapshot: an issued bulletin keeps the rule it was judged by
        "rules": {
            "yellow": plan.yellow_points,
            "red": plan.red_points,
            "text": rule_text(plan.yellow_points, plan.red_points),
        },
        "headline": {"projects": len(projects), **headline},
        "units": {"total": len(board.units), **states},
        "late_units": [unit.name for unit in board.late_units],
        "projects": projects,
        "table": merged_lines(plan, period, {p["seq"]: p for p in projects}),
    }
    # Through JSON and back: the document is rendered from exactly what the database will keep.
    return json.loads(json.dumps(snapshot, ensure_ascii=False))


def _project(row, lead: str) -> dict:
    targets = [
        {
            "indicator": target_row.target.indicator,
            "goal": target_row.target.goal,
            "op": target_row.target.op,
            "kind": target_row.target.kind,
            "unit": target_row.target.unit_of_measure,
            "figure": _text(target_row.figure),
            "light": _light(target_row.light),
        }
        for target_row in row.targets
    ]
    return {
        "seq": row.project.seq,
        "title": row.project.title,
        "lead": lead,
        "assessment": str(ASSESSMENTS.get(row.lead_assessment, "")),
        "light": _light(row.light),
        "targets": targets,
        "progress": _text(chart_progress(row.light, [t.light for t in row.targets])),
    }


def chart_progress(light: Light, target_lights: list[Light]) -> Decimal | None:
    """The height of a project's bar: the progress its light was judged on (the worst target's),
    or, for a project whose every target is done, the least of their progress. None when no
    figure was reported (the light then follows the unit's self-assessment)."""
    if light.progress is not None:
        return light.progress
    known = [t.progress for t in target_lights if t.progress is not None]
    return min(known) if known else None


NOTHING_SENT = "本季度责任单位均未报送"


def merged_lines(plan: Plan, period: Period, projects: dict[int, dict]) -> list[list]:
    """Every unit's lines for the period as one table (序号, 实事名称, 目标与完成情况, 亮灯, 责任单位,
    具体措施及进度, 完成时限): by project, units in the order the notice lists them; `projects`
    (the snapshot's, by 序号) gives each project's figures and light. Every project has a row,
    one with no report says so (NOTHING_SENT). Only what was submitted counts: the latest
    submitted version of each report that is submitted or accepted, never a draft."""
    latest: dict[int, dict] = {}  # unit id → content of its latest version
    versions = (
        ReportVersion.objects.filter(report__period=period, report__state__in=COUNTED)
        .select_related("report")
        .order_by("report_id", "number")
    )
    for version in versions:
        latest[version.report.unit_id] = version.content  # later numbers overwrite earlier ones
    rows = []
    assignments = (
        Assignment.objects.filter(project__plan=plan)
        .select_related("project", "unit")
        .order_by("project__seq", "order")
    )
    by_project: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_project.setdefault(assignment.project_id, []).append(assignment)
    for team in by_project.values():
        project, summary = team[0].project, projects.get(team[0].project.seq)
        head = [
            project.seq,
            project.title,
            figures_text(summary) if summary else "",
            light_text(summary["light"]) if summary else "",
        ]
        sent = []
        for assignment in team:
            content = latest.get(assignment.unit_id)
            line = content and next((l for l in content["lines"] if l["project_id"] == project.pk), None)
            if line:
                sent.append([*head, assignment.unit.name, line["measures"], line["deadline"]])
        # A project none of whose units has reported still has its row: the summary lists every
        # project, with its goals and its light (red or 未报), under its lead unit.
        rows.extend(sent or [[*head, team[0].unit.name, NOTHING_SENT, ""]])
    return rows


def figures_text(project: dict) -> str:
    """The 目标与完成情况 cell: a line per target, `新改扩建幼儿园：目标6所，完成3所（50%）`."""
    if not project["targets"]:
        return "无数值指标"
    return "\n".join(target_figure(target) for target in project["targets"])


def target_figure(target: dict) -> str:
    said = f"{target['indicator']}：目标{target['goal']}"
    figure, progress = target["figure"], target["light"]["progress"]
    if figure is None:
        return f"{said}，暂无完成数"
    reached = f"完成{figure}{target['unit']}"
    if target["op"] == "<=":
        return f"{said}，{reached}（{'在目标以内' if progress == '100' else '超出目标'}）"
    return f"{said}，{reached}（{progress}%）"


def light_text(light: dict) -> str:
    """The 亮灯 cell: the light's name, and below it the reason oversight gives and whether it
    was judged on figures not yet reviewed."""
    lines = [light["name"], light["reason"], f"（{UNREVIEWED}）" if light.get("unreviewed") else ""]
    return "\n".join(line for line in lines if line)


def _light(light: Light) -> dict:
    return {
        "colour": light.colour,
        "name": light.name,
        "reason": light.reason,
        "progress": _text(light.progress),
        "unreviewed": light.unreviewed,
    }


def _text(value) -> str | None:
    """A Decimal as people write it (`3`, `3.9`, `50`), or None."""
    if value is None:
        return None
    return f"{Decimal(value).normalize():f}"
