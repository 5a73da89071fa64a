"""The official progress form (进展情况报表) as the notice's attachment prints it.

序号 / 实事名称 / 责任单位 / 本季度具体措施及任务进度情况 / 完成时限, A4 landscape, under the
notice's own title and the lines 单位（盖章）and 填报时间. Rendering is TableExporter's; this
module only says what goes in the table. No database access: services.py gathers the lines.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .tables import Column, TableExporter

COLUMNS = (
    Column("序号", 6, align="center"),
    Column("实事名称", 22),
    Column("责任单位", 20),
    Column("本季度具体措施及任务进度情况", 55),
    Column("完成时限", 17, align="center"),
)
BLANK_DATE = "    年    月    日"  # left for a pen, as on the printed attachment


@dataclass
class FormLine:
    seq: int
    title: str
    units: list[str] = field(default_factory=list)  # the lead first
    measures: str = ""
    deadline: str = ""


class ProgressForm(TableExporter):
    columns = COLUMNS
    landscape = True
    repeat_header = True  # a unit on many projects fills several pages
    fit_row_heights = True

    def __init__(
        self,
        title: str,
        lines: Sequence[FormLine],
        unit_name: str = "",
        filled_on: datetime.date | None = None,
        filename: str = "",
    ):
        self.title = title
        self.lines = list(lines)
        self.unit_name = unit_name
        self.filled_on = filled_on
        self.filename = filename or title

    def above_table(self) -> list[str]:
        date = (
            f"{self.filled_on.year}年{self.filled_on.month}月{self.filled_on.day}日"
            if self.filled_on
            else BLANK_DATE
        )
        return [f"单位（盖章）：{self.unit_name}", f"填报时间：{date}"]

    def rows(self) -> Iterable[Sequence]:
        for line in self.lines:
            # A browser's \r\n, Word's \x0b: the base cleans every cell (clean_text) on its way out.
            yield (line.seq, line.title, "\n".join(line.units), line.measures, line.deadline)


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
