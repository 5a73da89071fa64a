"""The comparison tables as CSV and XLSX, through the one exporter base (shishi/documents/tables.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shishi.documents.tables import Column, TableExporter

from .services import Comparison, YearsComparison


class ThemeTable(TableExporter):
    """实事主题 × 地区（或年度）: how many projects, and which."""

    def __init__(self, comparison: Comparison, title: str, filename: str):
        self.comparison, self.title, self.filename = comparison, title, filename
        self.columns = [Column("主题", 12)] + [Column(c.label, 30) for c in comparison.columns]

    def rows(self) -> Iterable[Sequence]:
        for row in self.comparison.themes:
            yield [row.name] + [
                f"{len(projects)}项" + ("：" + "；".join(p.title for p in projects) if projects else "")
                for projects in row.projects
            ]


class IndicatorTable(TableExporter):
    """指标 × 地区（或年度）: the goals, lined up by indicator."""

    def __init__(self, comparison: Comparison, title: str, filename: str):
        self.comparison, self.title, self.filename = comparison, title, filename
        self.columns = [Column("指标", 24), Column("单位", 8)]
        self.columns += [Column(c.label, 18) for c in comparison.columns]

    def rows(self) -> Iterable[Sequence]:
        for row in self.comparison.indicators:
            yield [row.key.name, row.unit] + row.shown()


class ContinuityTable(TableExporter):
    """One region across years: which projects continued, and how their goals changed."""

    def __init__(self, comparison: YearsComparison, title: str, filename: str):
        self.comparison, self.title, self.filename = comparison, title, filename
        self.columns = [
            Column("年度", 14),
            Column("前一年实事", 30),
            Column("后一年实事", 30),
            Column("延续依据", 14),
            Column("指标", 20),
            Column("前一年目标", 14),
            Column("后一年目标", 14),
            Column("变化", 16),
        ]

    def rows(self) -> Iterable[Sequence]:
        for step in self.comparison.steps:
            years = f"{step.before.label}→{step.after.label}"
            for item in step.continued:
                head = [years, item.before.title, item.after.title, item.basis]
                if not item.changes:
                    yield head + ["", "", "", ""]
                for change in item.changes:
                    yield head + [change.name, change.before, change.after, change.change]
            for project in step.new:
                yield [years, "", project.title, "新增实事", "", "", "", ""]
            for project in step.dropped:
                yield [years, project.title, "", "未延续", "", "", "", ""]
