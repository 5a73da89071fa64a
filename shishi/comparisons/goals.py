"""Goals lined up: the targets of several plans in a row per indicator (indicators.py gives the
key), and two projects' targets side by side with the change where the figures compare.

Pure Python, no Django: it reads any target-like row with a project (`reading.Goal`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from shishi.notice.themes import THEMES

from .indicators import IndicatorKey, indicator_key


@dataclass
class Cell:
    """One plan's goals for one indicator."""

    goals: list[str] = field(default_factory=list)  # as written: ≥3800个
    values: list[Decimal] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)

    def value(self, summable: bool) -> Decimal | None:
        """The figure a chart shows: the sum for counts (新建2所 + 改扩建3所), the first goal otherwise."""
        if not self.values:
            return None
        return sum(self.values, Decimal(0)) if summable else self.values[0]


@dataclass
class IndicatorRow:
    key: IndicatorKey
    unit: str
    cells: list[Cell | None]
    _values: list[Decimal | None] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def present(self) -> int:
        return sum(1 for cell in self.cells if cell)

    @property
    def title(self) -> str:
        """The indicator with its unit, as a chart's heading names it."""
        return f"{self.key.name}（{self.unit}）" if self.unit else self.key.name

    def values(self) -> list[Decimal | None]:
        """Worked out once, when the row is complete: the table, the chart and its axis each ask."""
        if self._values is None:
            self._values = [cell.value(self.key.summable) if cell else None for cell in self.cells]
        return self._values

    def shown(self) -> list[str]:
        """Each column's cell as the table shows it: the goals, or the total when several add up."""
        out = []
        for cell, value in zip(self.cells, self.values()):
            if cell is None:
                out.append("")
            elif len(cell.goals) > 1 and self.key.summable:
                out.append(f"{plain(value)}{self.unit}（{' + '.join(cell.goals)}）")
            else:
                out.append("；".join(cell.goals))
        return out


@dataclass
class GoalChange:
    name: str
    unit: str
    before: str
    after: str
    change: str  # +3所（+50%）, or 新增 / 不再列出, or "" when the figures do not compare


def indicator_rows(plan_ids: list[int], targets: list) -> list[IndicatorRow]:
    """The targets of the plans (a column each, in the order of `plan_ids`) lined up by indicator key."""
    index = {plan_id: i for i, plan_id in enumerate(plan_ids)}
    rows: dict[str, IndicatorRow] = {}
    units: dict[str, Counter] = defaultdict(Counter)
    first_theme: dict[str, str] = {}
    for target in targets:
        key = key_of(target)
        first_theme.setdefault(key.key, target.project.theme)
        row = rows.setdefault(key.key, IndicatorRow(key, "", [None] * len(plan_ids)))
        i = index[target.project.plan_id]
        cell = row.cells[i] = row.cells[i] or Cell()
        cell.goals.append(target.goal)
        cell.values.append(target.value)
        label = f"{target.project.seq}. {target.project.title}"
        if label not in cell.projects:
            cell.projects.append(label)
        units[key.key][target.unit_of_measure] += 1
    for key, row in rows.items():
        row.unit = units[key].most_common(1)[0][0]
    # Shared indicators first, then in the order of the themes, so that a reader finds 教育 where
    # they expect it.
    order = {theme: i for i, theme in enumerate(THEMES)}
    return sorted(
        rows.values(), key=lambda r: (-r.present, order.get(first_theme[r.key.key], 99), r.key.name)
    )


def key_of(target) -> IndicatorKey:
    return indicator_key(
        target.project.theme, target.indicator, target.unit_of_measure, target.kind, target.text
    )


def goal_changes(before: list, after: list) -> list[GoalChange]:
    """Two projects' targets lined up by indicator key, with the change where figures compare."""
    old, new = _keyed(before), _keyed(after)
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        ref = (a or b)[0]
        unit = (a or b)[1][0].unit_of_measure
        before_text = "；".join(t.goal for t in a[1]) if a else ""
        after_text = "；".join(t.goal for t in b[1]) if b else ""
        if a and not b:
            change = "不再列出"
        elif b and not a:
            change = "新增"
        else:
            change = _difference(ref, a[1], b[1], unit)
        changes.append(GoalChange(ref.name, unit, before_text, after_text, change))
    return changes


def _keyed(targets: list) -> dict[str, tuple[IndicatorKey, list]]:
    out: dict[str, tuple[IndicatorKey, list]] = {}
    for target in targets:
        key = key_of(target)
        out.setdefault(key.key, (key, []))[1].append(target)
    return out


def _difference(key: IndicatorKey, before: list, after: list, unit: str) -> str:
    if len(before) > 1 or len(after) > 1:
        if not key.summable:
            return ""
        a, b = sum((t.value for t in before), Decimal(0)), sum((t.value for t in after), Decimal(0))
    else:
        a, b = before[0].value, after[0].value
        other_unit = before[0].unit_of_measure != after[0].unit_of_measure
        if other_unit and key.measure.startswith(("unit:", "standard:")):
            return ""
    if a == b:
        return "持平"
    sign = "+" if b > a else "−"
    words = f"{sign}{plain(abs(b - a))}{'个百分点' if unit == '%' else unit}"
    if a and unit != "%":
        words += f"（{sign}{plain((abs(b - a) / a * 100).quantize(Decimal('1')))}%）"
    return words


def plain(value: Decimal | None) -> str:
    """3800 not 3.8E+3, 3.9 not 3.90.

    >>> plain(Decimal("3.8E+3")), plain(Decimal("3.90")), plain(None)
    ('3800', '3.9', '')
    """
    if value is None:
        return ""
    return f"{value.normalize():f}"


def number(value: Decimal | None) -> int | float | None:
    """A figure for a chart's JSON.

    >>> number(Decimal("6.00")), number(Decimal("0.5")), number(None)
    (6, 0.5, None)
    """
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
