"""Plans side by side: a city's counties in one year, or one region across the years.

Both are the same table turned: a column per plan, a row per theme (how many projects) and a
row per indicator (the goals, lined up by goals.py and indicators.py). Across years, projects
are also paired with their continuation (continuity.py) to show how goals changed. Everything is
read in two queries whatever the number of plans (reading.py), and what is derived from it (the
indicators, the steps, the charts) only when a page asks, that is when its cached fragment must
be made anew (`Comparison.fingerprint`). Only someone who reads the region
and everything under it gets a comparison (shishi/directory/access.py), so the plans below are
read as a whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from shishi.directory.access import can_read_region_and_below
from shishi.directory.models import Person, Region
from shishi.notice.themes import THEME_NAMES, THEMES

from . import continuity
from .goals import Cell, GoalChange, IndicatorRow, goal_changes, indicator_rows, number
from .reading import (
    Goal,
    Listed,
    PlanRow,
    fingerprint,
    in_order,
    plans_below,
    plans_of,
    read_projects,
    read_targets,
)


class ComparisonError(Exception):
    """A comparison that cannot be made; the message says why, for a person."""


@dataclass
class Column:
    plan: PlanRow
    label: str


@dataclass
class ThemeRow:
    theme: str
    name: str
    projects: list[list[Listed]]  # per column

    @property
    def counts(self) -> list[int]:
        return [len(projects) for projects in self.projects]


@dataclass
class Chart:
    """An indicator's chart, and the table beneath it: per column its label, its cell (None when
    the plan does not list the indicator) and the cell as the table shows it."""

    id: str
    row: IndicatorRow
    data: dict
    lines: list[tuple[str, Cell | None, str]]


@dataclass
class Comparison:
    columns: list[Column]
    themes: list[ThemeRow]
    projects: dict[int, list[Listed]] = field(default_factory=dict)  # plan id → its projects, in order
    # Of the counties compared: every year with plans, newest first.
    years: list[int] = field(default_factory=list)
    fingerprint: str = ""  # of everything read: what the page's cached fragment is keyed by
    goals: list[Goal] | None = field(default=None, repr=False)  # read with the projects, else None

    @property
    def plan_ids(self) -> list[int]:
        return [column.plan.pk for column in self.columns]

    @cached_property
    def _targets(self) -> tuple[list[Goal], dict[int, list[Goal]]]:
        """Read when first asked for, unless read with the projects: the theme page shows none."""
        return in_order(self.goals if self.goals is not None else read_targets(self.plan_ids, self.projects))

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
        return indicator_rows(self.plan_ids, self.ordered_targets)

    def shared(self) -> list[IndicatorRow]:
        """Indicators at least two plans have: the ones worth a chart."""
        return [row for row in self.indicators if row.present >= 2]

    def single(self) -> list[IndicatorRow]:
        return [row for row in self.indicators if row.present < 2]

    @cached_property
    def charts(self) -> list[Chart]:
        """A chart per shared indicator (chart-1, chart-2…), each with its table."""
        labels = [column.label for column in self.columns]
        return [
            Chart(f"chart-{i}", row, self.indicator_chart(row), list(zip(labels, row.cells, row.shown())))
            for i, row in enumerate(self.shared(), 1)
        ]

    def theme_chart(self, title: str) -> dict:
        return {
            "kind": "bar",
            "horizontal": True,
            "title": title,
            "unit": "项",
            "integer": True,
            "categories": [row.name for row in self.themes],
            "series": [
                {"name": column.label, "data": [row.counts[i] for row in self.themes]}
                for i, column in enumerate(self.columns)
            ],
        }

    def indicator_chart(self, row: IndicatorRow) -> dict:
        values = [v for v in row.values() if v is not None]
        return {
            "kind": "bar",
            "horizontal": False,
            "title": row.key.name,
            "unit": row.unit,
            # No 0.2 of a kindergarten on the axis.
            "integer": all(v == v.to_integral_value() for v in values),
            "categories": [column.label for column in self.columns],
            "series": [{"name": row.key.name, "data": [number(v) for v in row.values()]}],
        }


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

    @cached_property
    def steps(self) -> list[Step]:
        """From each year's plan to the next, with what continued: worked out when first asked for."""
        return [
            _step(
                number,
                before,
                after,
                self.projects.get(before.plan.pk, []),
                self.projects.get(after.plan.pk, []),
                self.targets,
            )
            for number, (before, after) in enumerate(zip(self.columns, self.columns[1:]), 1)
        ]

    @property
    def latest_step(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    @property
    def earlier_steps(self) -> list[Step]:
        """The steps before the latest, newest first."""
        return self.steps[-2::-1]


# -- building --------------------------------------------------------------------------------


def counties(person: Person, region: Region, year: int, with_targets: bool = False) -> Comparison:
    """The plans of `year` of every region under `region`, side by side; their targets read with
    the projects when the page will show them. The plans of every year are read in the same
    query: the page links to the other years."""
    _may_read(person, region)
    rows = list(plans_below(region))
    every = [PlanRow(*row) for row in rows]
    plans = [plan for plan in every if plan.year == year]
    if not plans:
        raise ComparisonError(f"{region}下各地没有{year}年的实事计划可以比较。")
    named = Counter(plan.region_id for plan in plans)
    columns = [
        Column(plan, plan.region_name if named[plan.region_id] == 1 else f"{plan.region_name}·{plan.title}")
        for plan in plans
    ]
    compared, read = compare(columns, with_targets=with_targets)
    compared.years = sorted({plan.year for plan in every}, reverse=True)
    compared.fingerprint = fingerprint(region.pk, str(region), year, rows, read)
    return compared


def years(person: Person, region: Region) -> YearsComparison:
    """Every plan of the region, year by year, with what continued."""
    _may_read(person, region)
    rows = list(plans_of(region))
    plans = [PlanRow(*row) for row in rows]
    if not plans:
        raise ComparisonError(f"{region}还没有实事计划。")
    per_year = Counter(plan.year for plan in plans)
    columns = [
        Column(plan, f"{plan.year}年" if per_year[plan.year] == 1 else f"{plan.year}年·{plan.title}")
        for plan in plans
    ]
    compared, read = compare(columns, YearsComparison, with_targets=True)
    compared.region = region
    compared.fingerprint = fingerprint(region.pk, str(region), rows, read)
    return compared


def _may_read(person: Person, region: Region) -> None:
    """The plans below are read without asking plan by plan: only for someone who reads them all."""
    if not can_read_region_and_below(person, region):
        raise ComparisonError(f"无权比较{region}的实事计划。")


def compare(
    columns: list[Column], kind: type[Comparison] = Comparison, with_targets: bool = False
) -> tuple[Comparison, list]:
    """A column per plan: projects by theme (and goals by indicator when asked); one query for the
    projects, with their targets when `with_targets` (else the targets are read when first
    asked for), whatever the number of plans. With the rows read, for the fingerprint."""
    index = {column.plan.pk: i for i, column in enumerate(columns)}
    projects, goals, rows = read_projects(list(index), with_targets)
    by_theme: dict[str, list[list[Listed]]] = {theme: [[] for _ in columns] for theme in THEMES}
    by_plan = defaultdict(list)
    for project in projects:
        by_theme.setdefault(project.theme, [[] for _ in columns])[index[project.plan_id]].append(project)
        by_plan[project.plan_id].append(project)
    themes = [
        ThemeRow(theme, THEME_NAMES.get(theme, theme), cells)
        for theme, cells in by_theme.items()
        if any(cells)
    ]
    return kind(columns=columns, themes=themes, projects=dict(by_plan), goals=goals), rows


def _step(
    number: int, before: Column, after: Column, old: list[Listed], new: list[Listed], targets: dict
) -> Step:
    pairs, added, dropped = continuity.match(
        [continuity.Item(p, p.title, p.theme) for p in old],
        [continuity.Item(p, p.title, p.theme) for p in new],
    )
    continued = [
        Continued(
            pair.before.ref,
            pair.after.ref,
            pair.similarity,
            pair.before.theme == pair.after.theme,
            (targets.get(pair.before.ref.pk, []), targets.get(pair.after.ref.pk, [])),
        )
        for pair in pairs
    ]
    return Step(
        before, after, continued, [item.ref for item in added], [item.ref for item in dropped], number
    )
