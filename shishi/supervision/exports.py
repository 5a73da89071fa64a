"""The year-end summary as tables (through the one exporter base)."""

from shishi.documents.tables import Column, TableExporter
from shishi.oversight.lights import NAMES

# What each count means, under the units' table on the page and above it in the spreadsheet:
# each word one thing, 逾期 as on the board (past the due date).
UNITS_LEGEND = (
    "按时报送：在报送截止日当天或之前报送；逾期报送：截止日之后才报送；"
    "未报送：截止日已过仍未报送（即看板上的“逾期未报”）。"
    "以每季度第一次报送为准，退回后重报不改变按时与否；截止日未到且尚未报送的季度不计。"
)


class YearEndProjects(TableExporter):
    columns = (
        Column("序号", 6),
        Column("实事名称", 30),
        Column("是否完成", 10),
        Column("亮灯", 10),
        Column("指标完成情况（目标 / 完成值 / 比例）", 60),
    )

    def __init__(self, plan, projects):
        self.title = f"{plan.year}年{plan.region}为妇女儿童办实事年终完成情况（实事）"
        self.filename = f"year-end-projects-{plan.region.code}-{plan.year}"
        self.projects = projects

    def rows(self):
        for item in self.projects:
            figures = "\n".join(
                f"{row.target.indicator}：{row.target.goal} / "
                f"{'—' if row.figure is None else f'{row.figure.normalize():f}'} / "
                f"{'—' if row.light.progress is None else f'{row.light.progress.normalize():f}%'}"
                for row in item.targets
            )
            yield (
                item.project.seq,
                item.project.title,
                "是" if item.done else "否",
                NAMES[item.light.colour],
                figures,
            )


class YearEndUnits(TableExporter):
    columns = (
        Column("责任单位", 30),
        Column("按时报送（季度）", 12),
        Column("逾期报送（季度）", 12),
        Column("未报送（季度）", 12),
        Column("被退回（次）", 12),
        Column("收到督办（件）", 12),
    )

    def __init__(self, plan, units):
        self.title = f"{plan.year}年{plan.region}为妇女儿童办实事年终完成情况（责任单位）"
        self.filename = f"year-end-units-{plan.region.code}-{plan.year}"
        self.units = units

    def above_table(self):
        return [UNITS_LEGEND]

    def rows(self):
        for item in self.units:
            yield (
                item.unit.name,
                item.on_time,
                item.reported_late,
                item.not_reported,
                item.returned,
                item.supervised,
            )
