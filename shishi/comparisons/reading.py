"""What a comparison reads: plans, their projects and their targets, as plain rows.

A comparison page lists a hundred projects or more and hundreds of targets; building a model
instance for each cost more than the rest of the reading, so they are read with `values_list`
into the small classes below. Two queries whatever the number of plans: the plans, and their
projects joined to their targets (the targets only when a page shows them, else on their own
when first asked for).

The rows read are also what a page's cached fragment is keyed by (`fingerprint`): a page is
rendered once for what it shows, and anew as soon as any of it changes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.db.models import QuerySet

from shishi.directory.models import Region
from shishi.plans.models import Plan, Project, Target


class PlanRow:
    """A plan as the comparisons read it: what names a column and links to it."""

    __slots__ = ("pk", "year", "title", "region_id", "region_name")
    FIELDS = ("pk", "year", "title", "region_id", "region__name")

    def __init__(self, pk, year, title, region_id, region_name):
        self.pk, self.year, self.title = pk, year, title
        self.region_id, self.region_name = region_id, region_name


class Listed:
    """A project as the comparisons read it: a plain row, not a model instance."""

    __slots__ = ("pk", "plan_id", "seq", "title", "theme", "category")

    def __init__(self, pk, plan_id, seq, title, theme, category):
        self.pk, self.plan_id, self.seq, self.title, self.theme = pk, plan_id, seq, title, theme
        self.category = category  # the notice's 类别, "" when it has none

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"


class Goal:
    """A target as the comparisons read it: a plain row with its project, not a model instance."""

    FIELDS = ("pk", "project_id", "seq", "indicator", "op", "value", "unit_of_measure", "kind", "text")
    __slots__ = ("project", *FIELDS)
    Op = Target.Op
    goal = Target.goal  # ≥3800个, 6所: written as the model writes it

    def __init__(
        self, project: Listed, pk, project_id, seq, indicator, op, value, unit_of_measure, kind, text
    ):
        self.project, self.pk, self.project_id, self.seq = project, pk, project_id, seq
        self.indicator, self.op, self.value = indicator, op, value
        self.unit_of_measure, self.kind, self.text = unit_of_measure, kind, text


def plans_below(region: Region) -> QuerySet:
    """The plans of every year of the regions under `region`, by region and title."""
    return (
        Plan.objects.filter(region__path__startswith=f"{region.path}/")
        .order_by("region__path", "title")
        .values_list(*PlanRow.FIELDS)
    )


def plans_of(region: Region) -> QuerySet:
    """The region's own plans, year by year."""
    return Plan.objects.filter(region=region).order_by("year", "created_at").values_list(*PlanRow.FIELDS)


def read_projects(plan_ids: list[int], with_targets: bool) -> tuple[list[Listed], list[Goal] | None, list]:
    """The plans' projects by plan and number, in one query; with their targets joined when
    `with_targets` (a row per target, or per project without any), else no targets (None); and
    the rows as read, for the fingerprint."""
    query = Project.objects.filter(plan_id__in=plan_ids)
    if not with_targets:
        rows = list(query.order_by("plan_id", "seq").values_list(*Listed.__slots__))
        return [Listed(*row) for row in rows], None, rows
    rows = list(
        query.order_by("plan_id", "seq", "targets__seq").values_list(
            *Listed.__slots__, *(f"targets__{name}" for name in Goal.FIELDS)
        )
    )
    split = len(Listed.__slots__)
    projects: dict[int, Listed] = {}
    goals = []
    for row in rows:
        project = projects.get(row[0])
        if project is None:
            project = projects[row[0]] = Listed(*row[:split])
        if row[split] is not None:
            goals.append(Goal(project, *row[split:]))
    return list(projects.values()), goals, rows


def read_targets(plan_ids: list[int], projects: dict[int, list[Listed]]) -> list[Goal]:
    """The targets of the plans, each with its project from `projects` (not a copy per target)."""
    project_of = {project.pk: project for plan_projects in projects.values() for project in plan_projects}
    rows = Target.objects.filter(project__plan_id__in=plan_ids).order_by()
    return [Goal(project_of[row[1]], *row) for row in rows.values_list(*Goal.FIELDS)]


def fingerprint(*parts) -> str:
    """A digest of what a page is made from (plain rows of numbers, text and decimals, whose
    `repr` is stable): the key of the page's cached fragment, so that any change to what it
    shows, a title, a goal, a plan added, makes a new key and the fragment is never stale.

    >>> fingerprint(1, [(2, "实施")]) == fingerprint(1, [(2, "实施")]) != fingerprint(1, [(2, "实施 ")])
    True
    """
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def in_order(targets: list[Goal]) -> tuple[list[Goal], dict[int, list[Goal]]]:
    """The targets by the projects' and their own numbers, and per project."""
    targets.sort(key=lambda t: (t.project.seq, t.seq))  # here rather than by a join in the query
    by_project = defaultdict(list)
    for target in targets:
        by_project[target.project_id].append(target)
    return targets, dict(by_project)
