"""Plans side by side: a city's counties in one year, or one region across the years.

Both are the same table turned: a column per plan, a row per theme (how many projects) and a
row per indicator (the goals, lined up by indicators.py). Across years, projects are also
paired with their continuation (continuity.py) to show how goals changed. Everything is read in
two queries whatever the number of plans: the plans, and their projects with their targets (the
targets only when a page shows them). Only someone who reads the region and everything under it
gets a comparison (shishi/comparisons/access.py), so the plans below are read as a whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Subquery, Value
from django.db.models.functions import Concat
from functools import cached_property

from shishi.cli import THEME_NAMES
from shishi.directory.access import can_read_region_and_below
from shishi.directory.models import Person, Region
from shishi.notice.themes import THEMES
from shishi.plans.models import Plan, Project, Target
from shishi.precompiled import Precompiled

from . import continuity
from .indicators import IndicatorKey, indicator_key


class ComparisonError(Exception):
    """A comparison that cannot be made; the message says why, for a person."""


@dataclass
class Column:
    plan: PlanRow | Plan
    label: str


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
                out.append(f"{_plain(value)}{self.unit}（{' + '.join(cell.goals)}）")
            else:
                out.append("；".join(cell.goals))
        return out


@dataclass
class ThemeRow:
    theme: str
    name: str
    projects: list[list[Listed]]  # per column

    @property
    def counts(self) -> list[int]:
        return [len(projects) for projects in self.projects]


@dataclass
class Comparison:
    columns: list[Column]
    themes: list[ThemeRow]
    projects: dict[int, list[Listed]] = field(default_factory=dict)  # plan id → its projects, in order
    years: list[int] = field(default_factory=list)  # of the counties compared: every year with plans, newest first

    @cached_property
    def _targets(self) -> tuple[list[Goal], dict[int, list[Goal]]]:
        """Read when first asked for: the theme page shows none."""
        return read_targets(self.columns, self.projects)

    @property
    def targets(self) -> dict[int, list[Goal]]:
        """Project id → its targets."""
        return self._targets[1]

    @property
    def ordered_targets(self) -> list[Goal]:
        """By project number, then target."""
        return self._targets[0]

    @cached_property
    def indicators(self) -> list[IndicatorRow]:
        """A row per indicator, lined up when first asked for: the across-years page shows none."""
        return indicator_rows(self.columns, self.ordered_targets)

    def shared(self) -> list[IndicatorRow]:
        """Indicators at least two plans have: the ones worth a chart."""
        return [row for row in self.indicators if row.present >= 2]

    def single(self) -> list[IndicatorRow]:
        return [row for row in self.indicators if row.present < 2]

    def theme_chart(self, title: str) -> dict:
        return {
            "kind": "bar", "horizontal": True, "title": title, "unit": "项", "integer": True,
            "categories": [row.name for row in self.themes],
            "series": [{"name": column.label, "data": [row.counts[i] for row in self.themes]}
                       for i, column in enumerate(self.columns)],
        }

    def indicator_chart(self, row: IndicatorRow) -> dict:
        values = [v for v in row.values() if v is not None]
        return {
            "kind": "bar", "horizontal": False, "title": row.key.name, "unit": row.unit,
            "integer": all(v == v.to_integral_value() for v in values),  # no 0.2 of a kindergarten on the axis
            "categories": [column.label for column in self.columns],
            "series": [{"name": row.key.name, "data": [_number(v) for v in row.values()]}],
        }


@dataclass
class GoalChange:
    name: str
    unit: str
    before: str
    after: str
    change: str  # +3所（+50%）, or 新增 / 不再列出, or "" when the figures do not compare


@dataclass
class Continued:
    before: Listed
    after: Listed
    similarity: int
    same_theme: bool
    targets: tuple[list[Goal], list[Goal]] = field(default=([], []), repr=False)  # before's, after's

    @cached_property
    def changes(self) -> list[GoalChange]:
        """Worked out when asked: the page shows one step's changes at a time, not every step's."""
        return goal_changes(*self.targets)

    @property
    def basis(self) -> str:
        """Why the two are taken for one project, as the table says it."""
        return f"{'同一主题，' if self.same_theme else ''}名称相似度{self.similarity}"


@dataclass
class Step:
    """From one year's plan to the next one of the region."""

    before: Column
    after: Column
    continued: list[Continued]
    new: list[Listed]
    dropped: list[Listed]
    number: int = 0  # 1 for the first step of the region, in the order of the years

    @property
    def label(self) -> str:
        return f"{self.before.label}→{self.after.label}"


@dataclass
class YearsComparison(Comparison):
    region: Region | None = None
    steps: list[Step] = field(default_factory=list)


# -- building --------------------------------------------------------------------------------

def counties(person: Person, region: Region, year: int, with_targets: bool = False) -> Comparison:
    """The plans of `year` of every region under `region`, side by side; their targets read with
    the projects when the page will show them. The plans of every year are read in the same
    query: the page links to the other years."""
    _may_read(person, region)
    every = [PlanRow(*row) for row in _PLANS_BELOW(region.pk)]
    plans = [plan for plan in every if plan.year == year]
    if not plans:
        raise ComparisonError(f"{region}下各地没有{year}年的实事计划可以比较。")
    named = Counter(plan.region_id for plan in plans)
    columns = [Column(plan, plan.region_name if named[plan.region_id] == 1 else f"{plan.region_name}·{plan.title}")
               for plan in plans]
    compared = compare(columns, with_targets=with_targets)
    compared.years = sorted({plan.year for plan in every}, reverse=True)
    return compared


def years(person: Person, region: Region) -> YearsComparison:
    """Every plan of the region, year by year, with what continued."""
    _may_read(person, region)
    plans = [PlanRow(*row) for row in _PLANS_OF(region.pk)]
    if not plans:
        raise ComparisonError(f"{region}还没有实事计划。")
    per_year = Counter(plan.year for plan in plans)
    columns = [Column(plan, f"{plan.year}年" if per_year[plan.year] == 1 else f"{plan.year}年·{plan.title}") for plan in plans]
    compared = compare(columns, YearsComparison, with_targets=True)
    compared.region = region
    for number, (before, after) in enumerate(zip(columns, columns[1:]), 1):
        step = _step(before, after, compared.projects.get(before.plan.pk, []),
                     compared.projects.get(after.plan.pk, []), compared.targets)
        step.number = number
        compared.steps.append(step)
    return compared


def _may_read(person: Person, region: Region) -> None:
    """The plans below are read without asking plan by plan: only for someone who reads them all."""
    if not can_read_region_and_below(person, region):
        raise ComparisonError(f"无权比较{region}的实事计划。")


# Plain rows of plans, by region and title (and year), compiled once: every comparison page asks.
_PLANS_BELOW = Precompiled(lambda region_id: Plan.objects.filter(region__path__startswith=Concat(
    Subquery(Region.objects.filter(pk=region_id).values("path")), Value("/"), output_field=CharField()))
    .order_by("region__path", "title").values_list(*PlanRow.FIELDS))
_PLANS_OF = Precompiled(lambda region_id: Plan.objects.filter(region_id=region_id).order_by("year", "created_at")
                        .values_list(*PlanRow.FIELDS))


def compare(columns: list[Column], kind: type[Comparison] = Comparison, with_targets: bool = False) -> Comparison:
    """A column per plan: projects by theme (and goals by indicator when asked); one query for the
    projects, with their targets when `with_targets` (else the targets are read when first
    asked for), whatever the number of plans."""
    index = {column.plan.pk: i for i, column in enumerate(columns)}
    rows = Project.objects.filter(plan_id__in=list(index)).order_by("plan_id", "seq")
    if with_targets:
        projects, goals = _projects_with_targets(rows)
    else:
        projects = [Listed(*row) for row in rows.values_list(*Listed.__slots__)]
    by_theme: dict[str, list[list[Listed]]] = {theme: [[] for _ in columns] for theme in THEMES}
    by_plan = defaultdict(list)
    for project in projects:
        by_theme.setdefault(project.theme, [[] for _ in columns])[index[project.plan_id]].append(project)
        by_plan[project.plan_id].append(project)
    themes = [ThemeRow(theme, THEME_NAMES.get(theme, theme), cells) for theme, cells in by_theme.items()
              if any(cells)]
    compared = kind(columns=columns, themes=themes, projects=dict(by_plan))
    if with_targets:
        compared.__dict__["_targets"] = _in_order(goals)  # as the cached property would keep it
    return compared


def _projects_with_targets(rows) -> tuple[list[Listed], list[Goal]]:
    """The projects joined to their targets: a row per target, or per project without any."""
    split = len(Listed.__slots__)
    projects: dict[int, Listed] = {}
    goals = []
    for row in rows.order_by("plan_id", "seq", "targets__seq").values_list(
            *Listed.__slots__, *(f"targets__{name}" for name in Goal.FIELDS)):
        project = projects.get(row[0])
        if project is None:
            project = projects[row[0]] = Listed(*row[:split])
        if row[split] is not None:
            goals.append(Goal(project, *row[split:]))
    return list(projects.values()), goals


class PlanRow:
    """A plan as the comparisons read it: what names a column and links to it."""

    __slots__ = ("pk", "year", "title", "region_id", "region_name")
    FIELDS = ("pk", "year", "title", "region_id", "region__name")

    def __init__(self, pk, year, title, region_id, region_name):
        self.pk, self.year, self.title, self.region_id, self.region_name = pk, year, title, region_id, region_name


class Listed:
    """A project as the comparisons read it: a plain row, not a model instance (a page reads a hundred or more)."""

    __slots__ = ("pk", "plan_id", "seq", "title", "theme")

    def __init__(self, pk, plan_id, seq, title, theme):
        self.pk, self.plan_id, self.seq, self.title, self.theme = pk, plan_id, seq, title, theme


class Goal:
    """A target as the comparisons read it: a plain row with its project, not a model instance
    (a page reads hundreds; building instances cost more than the rest of the reading)."""

    FIELDS = ("pk", "project_id", "seq", "indicator", "op", "value", "unit_of_measure", "kind", "text")
    __slots__ = ("project", *FIELDS)
    Op = Target.Op
    goal = Target.goal  # ≥3800个, 6所: written as the model writes it

    def __init__(self, project: Listed, pk, project_id, seq, indicator, op, value, unit_of_measure, kind, text):
        self.project, self.pk, self.project_id, self.seq, self.indicator = project, pk, project_id, seq, indicator
        self.op, self.value, self.unit_of_measure, self.kind, self.text = op, value, unit_of_measure, kind, text


def read_targets(columns: list[Column], projects: dict[int, list[Listed]]) -> tuple[list[Goal], dict[int, list[Goal]]]:
    """The targets of the columns' plans, in the order of the projects' and their own numbers, and
    per project; each with its project from `projects`, not a copy per target."""
    project_of = {project.pk: project for plan_projects in projects.values() for project in plan_projects}
    rows = Target.objects.filter(project__plan_id__in=[column.plan.pk for column in columns]).order_by()
    return _in_order([Goal(project_of[row[1]], *row) for row in rows.values_list(*Goal.FIELDS)])


def _in_order(targets: list[Goal]) -> tuple[list[Goal], dict[int, list[Goal]]]:
    targets.sort(key=lambda t: (t.project.seq, t.seq))  # here rather than by a join in the query
    by_project = defaultdict(list)
    for target in targets:
        by_project[target.project_id].append(target)
    return targets, dict(by_project)


def indicator_rows(columns: list[Column], targets: list[Target]) -> list[IndicatorRow]:
    """The targets of the columns' plans lined up by indicator key."""
    index = {column.plan.pk: i for i, column in enumerate(columns)}
    rows: dict[str, IndicatorRow] = {}
    units: dict[str, Counter] = defaultdict(Counter)
    first_theme: dict[str, str] = {}
    for target in targets:
        key = key_of(target)
        first_theme.setdefault(key.key, target.project.theme)
        row = rows.setdefault(key.key, IndicatorRow(key, "", [None] * len(columns)))
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
    # Shared indicators first, then in the order of the themes, so that a reader finds 教育 where they expect it.
    order = {theme: i for i, theme in enumerate(THEMES)}
    return sorted(rows.values(), key=lambda r: (-r.present, order.get(first_theme[r.key.key], 99), r.key.name))


def key_of(target: Target) -> IndicatorKey:
    return indicator_key(target.project.theme, target.indicator, target.unit_of_measure, target.kind, target.text)


def _step(before: Column, after: Column, old: list[Listed], new: list[Listed], targets: dict) -> Step:
    pairs, added, dropped = continuity.match(
        [continuity.Item(p, p.title, p.theme) for p in old], [continuity.Item(p, p.title, p.theme) for p in new])
    continued = [
        Continued(pair.before.ref, pair.after.ref, pair.similarity, pair.before.theme == pair.after.theme,
                  (targets.get(pair.before.ref.pk, []), targets.get(pair.after.ref.pk, [])))
        for pair in pairs
    ]
    return Step(before, after, continued, [item.ref for item in added], [item.ref for item in dropped])


def goal_changes(before: list[Target], after: list[Target]) -> list[GoalChange]:
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


def _keyed(targets: list[Target]) -> dict[str, tuple[IndicatorKey, list[Target]]]:
    out: dict[str, tuple[IndicatorKey, list[Target]]] = {}
    for target in targets:
        key = key_of(target)
        out.setdefault(key.key, (key, []))[1].append(target)
    return out


def _difference(key: IndicatorKey, before: list[Target], after: list[Target], unit: str) -> str:
    if len(before) > 1 or len(after) > 1:
        if not key.summable:
            return ""
        a, b = sum((t.value for t in before), Decimal(0)), sum((t.value for t in after), Decimal(0))
    else:
        a, b = before[0].value, after[0].value
        if before[0].unit_of_measure != after[0].unit_of_measure and key.measure.startswith(("unit:", "standard:")):
            return ""
    if a == b:
        return "持平"
    sign = "+" if b > a else "−"
    words = f"{sign}{_plain(abs(b - a))}{'个百分点' if unit == '%' else unit}"
    if a and unit != "%":
        words += f"（{sign}{_plain((abs(b - a) / a * 100).quantize(Decimal('1')))}%）"
    return words


def _plain(value: Decimal | None) -> str:
    """3800 not 3.8E+3, 3.9 not 3.90."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _number(value: Decimal | None) -> int | float | None:
    """A figure for the chart's JSON."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
