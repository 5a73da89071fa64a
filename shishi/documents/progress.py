"""The official progress form (进展情况报表) as the notice's attachment prints it, with the figures.

序号 / 实事名称 / 责任单位 / 本季度具体措施及任务进度情况 / 量化指标及累计完成值 / 完成时限, A4
landscape, under the notice's own title and the lines 单位（盖章）and 填报时间. The figures column
holds one line per target, "新改扩建幼儿园：目标6所，完成4所", so that the stamped PDF shows the
values the unit reported and a form edited in Word or Excel can bring them back
(`written_figures` reads the lines this module writes, and the ones people retype).

Rendering is TableExporter's; this module only says what goes in the table. No database access:
services.py gathers the lines.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .tables import Column, TableExporter

FIGURES_HEADING = "量化指标及累计完成值"
COLUMNS = (
    Column("序号", 7, align="center"),
    Column("实事名称", 16),
    Column("责任单位", 17),
    Column("本季度具体措施及任务进度情况", 39),
    Column(FIGURES_HEADING, 36),  # 新改扩建幼儿园：目标6所，完成4所 on one line
    Column("完成时限", 14, align="center"),
)
BLANK_DATE = "    年    月    日"  # left for a pen, as on the printed attachment
# Where no figure was reported yet, a line to write it on: it shows where the figure goes even
# when the line wraps (spaces wrapped away from 完成 and vanished at the start of the next line),
# and reads back as nothing typed (written_figures; plans/figures.py drops underscores too).
BLANK_FIGURE = "_" * 6


@dataclass(frozen=True)
class Figure:
    """One target of a project and the cumulative figure reported for it (None: not yet)."""

    indicator: str
    goal: str  # Target.goal: "6所", "≥3800个"
    unit: str  # the target's unit of measure, written after the figure
    value: Decimal | None = None

    @property
    def text(self) -> str:
        """
        >>> Figure("新改扩建幼儿园", "6所", "所", Decimal("4.00")).text
        '新改扩建幼儿园：目标6所，完成4所'
        >>> Figure("拓展学位", "≥3800个", "个").text
        '拓展学位：目标≥3800个，完成______个'
        >>> Figure("宫颈癌、乳腺癌筛查率", "≥85%", "%", Decimal("100")).text
        '宫颈癌、乳腺癌筛查率：目标≥85%，完成100%'
        """
        value = BLANK_FIGURE if self.value is None else format(self.value.normalize(), "f")
        goal = f"目标{self.goal}，" if self.goal else ""  # a target since removed from the plan
        return f"{self.indicator}：{goal}完成{value}{self.unit}"


@dataclass
class FormLine:
    seq: int
    title: str
    units: list[str] = field(default_factory=list)  # the lead first
    measures: str = ""
    deadline: str = ""
    figures: list[Figure] = field(default_factory=list)  # in the targets' order


class ProgressForm(TableExporter):
    columns = COLUMNS
    landscape = True
    repeat_header = True  # a unit on many projects fills several pages
    fit_row_heights = True
    docx_cell_size = 11  # six columns on A4 landscape: a target's line fits its cell at 11 pt

    def __init__(
        self,
        title: str,
        lines: Sequence[FormLine],
        unit_name: str = "",
        submitted_on: datetime.date | None = None,
        filename: str = "",
    ):
        """`submitted_on`: the date the printed version was submitted; None for a draft or the
        blank form, whose 填报时间 is left for a pen (the draft is what gets printed, stamped and
        uploaded before it is submitted)."""
        self.title = title
        self.lines = list(lines)
        self.unit_name = unit_name
        self.submitted_on = submitted_on
        self.filename = filename or title

    def above_table(self) -> list[str]:
        date = (
            f"{self.submitted_on.year}年{self.submitted_on.month}月{self.submitted_on.day}日"
            if self.submitted_on
            else BLANK_DATE
        )
        return [f"单位（盖章）：{self.unit_name}", f"填报时间：{date}"]

    def rows(self) -> Iterable[Sequence]:
        for line in self.lines:
            # A browser's \r\n, Word's \x0b: the base cleans every cell (clean_text) on its way out.
            yield (
                line.seq,
                line.title,
                "\n".join(line.units),
                line.measures,
                "\n".join(figure.text for figure in line.figures),
                line.deadline,
            )


@dataclass(frozen=True)
class WrittenFigure:
    """A line of the figures column as read back: the indicator it names ("" when it names
    none) and what follows 完成, as typed (the unit of measure still on it)."""

    indicator: str
    value: str


# 新改扩建幼儿园：目标6所，完成4所 — and what people make of it when they retype it.
_WRITTEN = re.compile(
    r"""
    ^ (?: (?P<indicator> [^：:]+? ) \s* [：:] )?  # 新改扩建幼儿园：  (up to the first colon, if any)
    (?P<goal> .*? )                               # 目标6所，  (the plan's, never read back)
    (?: 累计 | 已 )? 完成 (?: 值 | 数 )?          # 完成 / 已完成 / 累计完成值: the first one after the colon
    \s* [：:]? \s*
    (?P<value> .*? ) [\s。，,；;]* $              # 4所
    """,
    re.VERBOSE,
)


def written_figures(text: str) -> list[WrittenFigure]:
    """The figures written in a cell of the figures column, a line each; lines without 完成
    (a note, a project without targets) are not figures.

    >>> written_figures("新改扩建幼儿园：目标6所，完成4所\\n拓展学位：目标≥3800个，完成　　　个")
    [WrittenFigure(indicator='新改扩建幼儿园', value='4所'), WrittenFigure(indicator='拓展学位', value='个')]
    >>> written_figures("完成率：目标≥85%，完成 90%（已完成复查）")
    [WrittenFigure(indicator='完成率', value='90%（已完成复查）')]
    >>> written_figures("幼儿园完成5所。\\n备注：数据截至3月25日")
    [WrittenFigure(indicator='', value='5所')]
    """
    found = []
    for line in text.split("\n"):
        match = _WRITTEN.match(line.strip())
        if match:
            indicator = (match.group("indicator") or "").strip()
            value = match.group("value").strip(" \t\u00a0\u3000_＿")  # and the room left for a pen
            found.append(WrittenFigure(indicator, value))
    return found


def form_title(year: int, region_name: str, attachment_title: str | None) -> str:
    """The notice's own words for its attachment, or the usual ones built from the year and
    the region's kind (全县, 全区, 全市).

    >>> form_title(2023, "桓台县", None)
    '2023年为全县妇女儿童办实事工作进展情况报表'
    >>> form_title(2024, "淄川区", "")
    '2024年为全区妇女儿童办实事工作进展情况报表'
    >>> form_title(2023, "淄博高新区", "2023年为高新区妇女儿童办实事工作进展情况报表")
    '2023年为高新区妇女儿童办实事工作进展情况报表'
    """
    if attachment_title and attachment_title.strip():
        return attachment_title.strip()
    kind = next(
        (f"全{suffix}" for suffix in ("县", "区", "市", "旗") if region_name.endswith(suffix)), "全县"
    )
    return f"{year}年为{kind}妇女儿童办实事工作进展情况报表"
