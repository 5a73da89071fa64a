"""Bulk update of cumulative figures from a CSV, for the coordinator of a plan.

The file: a header row, then one row per figure. Columns are found by their heading, in any
order, and other columns are ignored, so the 累计完成值 export (exports/tables.py FigureTable) is
the template:

    单位        the unit's name or one of its aliases; it must be on the target's project
    季度        1–4, 第1季度, 一季度, Q1
    指标编号    the target's id, as exported; or, without it, 实事序号 + 指标 (the indicator's name)
    累计完成值  the cumulative figure: 0 or more; an empty cell leaves the figure as it is

Rows are numbered as a spreadsheet shows them: with the header on the first row, the first figure is 行2.

The rules:
- all or nothing: every row is checked first and every problem is listed with its row number;
  nothing is written unless every row is right, and the writes share one transaction;
- a unit without a report for the quarter gets one (services.start_report); the
  figures go into it through services.save_draft, which bumps the revision, so a
  clerk with the form open is told that the draft changed instead of overwriting it;
- a submitted or accepted report is locked: its rows are refused (what a unit submitted is
  never changed behind its back). To correct it, return the report first; a returned report is
  the unit's draft again and can be updated;
- each updated report gets an Event in the plan's history.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from shishi.directory.access import can_manage_plan
from shishi.directory.models import Person, Unit, UnitAlias
from shishi.formulas import csv_unguarded
from shishi.history.services import record
from shishi.notice import bounds
from shishi.plans.figures import FigureError, parse_figure
from shishi.plans.models import Assignment, Period, Plan, Target

from .models import QuarterlyReport
from .services import LineEntry, ReportError, save_draft, start_report

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELLS = bounds.MAX_CELLS  # the template has 8 columns: 5,000 rows of it are 40,000 cells
MAX_ERRORS = 100  # beyond this a person stops reading; the count says how many more there were
CHINESE_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}

# A quarter as people write it: 1, 第1季度, 一季度, 第一季度, Q1, 1季度.
QUARTER = re.compile(
    r"""^\s*
        (?:第|[Qq])?          # 第 or Q before the number
        ([1-4一二三四])        # the quarter
        (?:季度|季)?          # 季度 after it
        \s*$""",
    re.VERBOSE,
)


class BulkUpdateError(Exception):
    """The file was refused; `errors` lists every problem, each with its row number."""

    def __init__(self, errors: list[str]):
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(f"……另有{len(errors) - MAX_ERRORS}处问题未列出。")
        super().__init__("；".join(shown))
        self.errors = shown


@dataclass(frozen=True)
class Row:
    number: int
    unit: Unit
    period: Period
    target: Target
    value: Decimal


@dataclass
class BulkResult:
    figures: int  # rows applied
    reports: int  # reports written to
    created: int  # reports that had to be started


def update_figures(plan: Plan, person: Person, data: bytes) -> BulkResult:
    if not can_manage_plan(person, plan):
        raise BulkUpdateError(["只有本计划的协调员可以批量更新完成值。"])
    rows = read_rows(plan, decode(data))
    return apply_rows(plan, person, rows)


def decode(data: bytes) -> str:
    if not data:
        raise BulkUpdateError(["上传的文件是空的。"])
    if len(data) > MAX_BYTES:
        raise BulkUpdateError([f"文件不能超过{MAX_BYTES // (1024 * 1024)}MB。"])
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise BulkUpdateError(["这是Excel文件，请在Excel中“另存为”CSV格式后再上传。"])
    # Our own export is UTF-8 with a BOM; Excel on a Chinese Windows saves "CSV (逗号分隔)" as GB18030.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BulkUpdateError(["无法读取文件的文字编码，请保存为UTF-8或GBK编码的CSV文件。"])


def _heading(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


class _Directory:
    """What the rows may name, looked up once for the whole file."""

    def __init__(self, plan: Plan):
        team = list(Assignment.objects.filter(project__plan=plan).select_related("unit"))
        self.units = {a.unit.name: a.unit for a in team}
        units_by_id = {a.unit_id: a.unit for a in team}
        for alias in UnitAlias.objects.filter(unit_id__in=units_by_id):
            self.units.setdefault(alias.name, units_by_id[alias.unit_id])
        self.on_project = {(a.project_id, a.unit_id) for a in team}
        self.periods = {p.quarter: p for p in plan.periods.all()}
        targets = list(Target.objects.filter(project__plan=plan).select_related("project"))
        self.targets = {t.pk: t for t in targets}
        self.by_name = defaultdict(list)
        for target in targets:
            self.by_name[(target.project.seq, target.indicator)].append(target)
        self.reports = {
            (r.unit_id, r.period_id): r for r in QuarterlyReport.objects.filter(period__plan=plan)
        }


def read_rows(plan: Plan, text: str) -> list[Row]:
    """Check every row; raise with all problems found, or return the rows to write."""
    table = _table(text)
    # Blank rows above the header still count: row numbers must match what the spreadsheet shows.
    top = next((index for index, row in enumerate(table) if any(cell.strip() for cell in row)), None)
    if top is None:
        raise BulkUpdateError(["文件中没有内容。"])
    header = {_heading(cell): index for index, cell in reversed(list(enumerate(table[top])))}
    missing = [name for name in ("单位", "季度", "累计完成值") if name not in header]
    if "指标编号" not in header and not ("实事序号" in header and "指标" in header):
        missing.append("指标编号（或“实事序号”和“指标”）")
    if missing:
        raise BulkUpdateError(
            [
                f"行{top + 1}：表头缺少{'、'.join(f'“{m}”' for m in missing)}列。"
                "请使用导出的“累计完成值”表作为模板。"
            ]
        )
    if len(table) - top - 1 > MAX_ROWS:
        raise BulkUpdateError([f"一次最多更新{MAX_ROWS}行，请分批上传。"])

    known = _Directory(plan)
    errors: list[str] = []
    rows: list[Row] = []
    first_seen: dict[tuple[int, int, int], int] = {}

    def cell(values: list[str], name: str) -> str:
        index = header.get(name)
        # Our export puts an apostrophe before text a spreadsheet would run ('=…); Excel keeps it.
        return csv_unguarded(values[index].strip()) if index is not None and index < len(values) else ""

    for number, values in enumerate(table[top + 1 :], start=top + 2):
        if not any(v.strip() for v in values):
            continue
        raw_value = cell(values, "累计完成值").replace(",", "").replace("，", "")
        if raw_value == "":
            continue  # an empty figure leaves the figure as it is
        problems = []
        unit = known.units.get(cell(values, "单位"))
        if unit is None:
            name = cell(values, "单位")
            problems.append(f"找不到单位“{name}”（须为本计划的责任单位）" if name else "没有填写单位")
        period = _period(known, cell(values, "季度"), problems)
        target = _target(known, values, cell, problems)
        value = _figure(raw_value, problems)
        if unit and target and (target.project_id, unit.pk) not in known.on_project:
            problems.append(f"{unit.name}不是实事{target.project.seq}“{target.project.title}”的责任单位")
        if unit and period and not problems:
            report = known.reports.get((unit.pk, period.pk))
            if report and not report.editable:
                problems.append(
                    f"{unit.name}{period}报表{report.get_state_display()}，已锁定，不能修改；"
                    "如需更正，请先退回该报表"
                )
        if not problems:
            key = (unit.pk, period.pk, target.pk)
            if key in first_seen:
                problems.append(f"与行{first_seen[key]}重复（同一单位、季度和指标只能有一行）")
            else:
                first_seen[key] = number
        if problems:
            errors.append(f"行{number}：" + "；".join(problems) + "。")
        else:
            rows.append(Row(number, unit, period, target, value))
    if errors:
        raise BulkUpdateError(errors)
    if not rows:
        raise BulkUpdateError(["文件中没有填写任何累计完成值。"])
    return rows


def _table(text: str) -> list[list[str]]:
    """The CSV's rows, read one at a time and refused as soon as there are too many rows or cells."""
    table: list[list[str]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text)):
            table.append(row)
            cells += len(row)
            # A few rows of headroom for blank rows above the header: the exact count is checked
            # once the header is found.
            if len(table) > MAX_ROWS + 100:
                raise BulkUpdateError([f"一次最多更新{MAX_ROWS}行，请分批上传。"])
            if cells > MAX_CELLS:
                raise BulkUpdateError(
                    [f"表格超过{MAX_CELLS // 10_000}万个单元格，请只保留模板中的列，或分批上传。"]
                )
    except csv.Error:  # e.g. a cell larger than the csv module allows (128 KB)
        raise BulkUpdateError(["文件不是有效的CSV表格，请在Excel中另存为CSV后再上传。"]) from None
    return table


def _period(known: _Directory, text: str, problems: list[str]) -> Period | None:
    match = QUARTER.match(text)
    if not match:
        problems.append(f"季度应为1—4，而不是“{text}”" if text else "没有填写季度")
        return None
    quarter = CHINESE_QUARTERS.get(match.group(1)) or int(match.group(1))
    period = known.periods.get(quarter)
    if period is None:
        problems.append(f"本计划没有第{quarter}季度")
    return period


def _target(known: _Directory, values, cell, problems: list[str]) -> Target | None:
    ident = cell(values, "指标编号")
    if ident:
        target = known.targets.get(int(ident)) if _digits(ident) else None
        if target is None:
            problems.append(f"本计划没有编号为“{ident}”的指标")
        return target
    seq, indicator = cell(values, "实事序号"), cell(values, "指标")
    if not seq or not indicator:
        problems.append("没有填写指标编号（或实事序号和指标）")
        return None
    found = known.by_name.get((int(seq), indicator), []) if _digits(seq) else []
    if not found:
        problems.append(f"实事{seq}中没有指标“{indicator}”")
        return None
    if len(found) > 1:
        problems.append(f"实事{seq}中有{len(found)}个指标都叫“{indicator}”，请填写指标编号")
        return None
    return found[0]


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) < 19


def _figure(raw: str, problems: list[str]) -> Decimal | None:
    """The same rule as every other door (shishi.plans.figures): 0 or more, to two decimals."""
    try:
        return parse_figure(raw, "累计完成值")
    except FigureError as exc:
        problems.append(str(exc).rstrip("。"))
        return None


def apply_rows(plan: Plan, person: Person, rows: list[Row]) -> BulkResult:
    """Write the checked rows, all in one transaction: any refusal undoes every write."""
    groups: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row.unit.pk, row.period.pk)].append(row)
    created = 0
    with transaction.atomic():
        Plan.lock(pk=plan.pk)  # first, as every report write does (Plan.lock)
        for group in groups.values():
            unit, period = group[0].unit, group[0].period
            existed = QuarterlyReport.objects.filter(unit=unit, period=period).exists()
            report = start_report(unit, period)
            created += not existed
            # Locked for the rest of the transaction: a clerk's submit waits for us, then sees our revision.
            report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
            if not report.editable:  # submitted since the rows were checked
                raise BulkUpdateError(
                    [
                        f"行{group[0].number}：{unit.name}{period}报表刚刚{report.get_state_display()}，"
                        "已锁定，没有写入任何数据。"
                    ]
                )
            lines = {line.project_id: line for line in report.lines.prefetch_related("values")}
            entries: dict[int, LineEntry] = {}
            for row in group:
                line = lines.get(row.target.project_id)
                if line is None or row.target.pk not in {v.target_id for v in line.values.all()}:
                    raise BulkUpdateError(
                        [
                            f"行{row.number}：{unit.name}{period}报表中没有这个指标（报表建立后才新增的实事或指标），"
                            "没有写入任何数据。"
                        ]
                    )
                entry = entries.setdefault(
                    line.project_id, LineEntry(line.measures, line.deadline, line.assessment, {})
                )
                entry.values[row.target.pk] = row.value
            try:
                save_draft(report, person, report.revision, entries)
            except ReportError as exc:
                raise BulkUpdateError(
                    [f"行{group[0].number}：{unit.name}{period}报表：{exc}没有写入任何数据。"]
                ) from exc
            record(
                plan.region,
                person,
                "bulk_updated",
                f"批量更新{unit.name}{period}报表的累计完成值（{len(group)}项）",
                plan=plan,
                report=report,
            )
    return BulkResult(figures=len(rows), reports=len(groups), created=created)
