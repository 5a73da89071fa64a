"""A project changed mid-year: its targets and its responsible units, each change recorded in the
region's history and told to the units it touches."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse

from shishi.directory.models import InAppNotice, Person, Unit
from shishi.history.services import record

from . import hooks
from .models import Assignment, Plan, Project, Target
from .services import PlanError, clip, fit


@dataclass
class TargetChange:
    """A target as the coordinator leaves it: `target` None for a new one; `delete` to remove."""

    target: Target | None
    indicator: str
    op: str
    value: Decimal
    unit_of_measure: str
    text: str
    delete: bool = False


@dataclass
class TeamChange:
    """A unit on the project: `assignment` None for a unit added; `delete` to take it off."""

    assignment: Assignment | None
    unit: Unit
    role: str
    delete: bool = False


def targets_with_figures(project: Project) -> set[int]:
    """The ids of the project's targets for which a unit has reported a figure: edited, never deleted."""
    reported = Target.objects.filter(project=project, reported_values__value__isnull=False)
    return set(reported.values_list("pk", flat=True))


def target_deletion_refusal(target: Target) -> str | None:
    """Why the target cannot be deleted, or None: figures already reported for it stay, so a
    target with reported values can only be edited."""
    if target.reported_values.exclude(value=None).exists():
        return f"指标“{target.indicator}”已有责任单位报送的完成值，不能删除，只能修改。"
    return None


def team_removal_refusal(assignment: Assignment) -> str | None:
    """Why the unit cannot be taken off the project, or None: an app above may hold rows that
    hang on its place on the project (reporting: its implementation plan, 实施方案)."""
    refusals = hooks.reasons(hooks.unit_removal_asked, assignment=assignment)
    return refusals[0] if refusals else None


@transaction.atomic
def amend_project(
    project: Project, person: Person, targets: list[TargetChange], team: list[TeamChange]
) -> list[str]:
    """Change a project's targets and responsible units mid-year. Every change goes into the
    region's history, and the clerks of the units affected get an in-app notice: a unit added or
    removed, and every unit on the project when its targets changed. Figures already reported
    stay (a target with figures is refused deletion, see `target_deletion_refusal`). Returns the
    changes, as the history words them."""
    plan = project.plan
    Plan.lock(pk=plan.pk)
    target_lines: list[str] = []
    added: list[Target] = []
    seq = project.targets.aggregate(last=Max("seq"))["last"] or 0  # read under the plan's lock
    for change in targets:
        target = change.target
        if change.delete:
            if target is None:
                continue
            if refusal := target_deletion_refusal(target):
                raise PlanError(refusal)
            target_lines.append(f"删除指标“{target.indicator} {target.goal}”")
            target.delete()
            continue
        if target is None:
            seq += 1
            target = Target(project=project, seq=seq)
        old = (target.indicator, target.op, target.value, target.unit_of_measure, target.text)
        before = f"{target.indicator} {target.goal}" if target.pk else None
        target.indicator, target.op, target.value = change.indicator, change.op, change.value
        target.unit_of_measure, target.text = change.unit_of_measure, fit(change.text, Target, "text")
        if before is None:
            target.save()
            added.append(target)
            target_lines.append(f"新增指标“{target.indicator} {target.goal}”")
        elif old != (target.indicator, target.op, target.value, target.unit_of_measure, target.text):
            target.save()
            after = f"{target.indicator} {target.goal}"
            if after == before:  # only the wording of the notice changed
                after += f"（原文改为“{target.text}”）"
            target_lines.append(f"指标“{before}”改为“{after}”")

    team_lines: list[str] = []
    joined: list[Unit] = []
    left: list[Unit] = []
    moved: dict[int, str] = {}  # unit id → its new role, for a unit that stays with another role
    kept = [c for c in team if not c.delete]
    order = max((c.assignment.order for c in team if c.assignment), default=-1)
    try:
        with transaction.atomic():  # two rows swapping their units meet the one-unit-once rule
            for change in team:
                assignment = change.assignment
                if change.delete:
                    if assignment is None:
                        continue
                    if refusal := team_removal_refusal(assignment):
                        raise PlanError(refusal)
                    team_lines.append(f"移出责任单位{assignment.unit.name}")
                    left.append(assignment.unit)
                    assignment.delete()
                    continue
                if assignment is None:
                    order += 1
                    unit, role = change.unit, change.role
                    Assignment.objects.create(project=project, unit=unit, role=role, order=order)
                    team_lines.append(f"增加{_role_name(change.role)}{change.unit.name}")
                    joined.append(change.unit)
                    continue
                if assignment.unit_id != change.unit.pk:
                    # A row's unit changed: the old unit leaves (with what hangs on its place, such
                    # as its 实施方案, so it may be refused) and the new one joins on a row of its own.
                    if refusal := team_removal_refusal(assignment):
                        raise PlanError(refusal)
                    team_lines.append(f"责任单位{assignment.unit.name}改为{change.unit.name}")
                    left.append(assignment.unit)
                    joined.append(change.unit)
                    place = assignment.order
                    assignment.delete()
                    unit, role = change.unit, change.role
                    Assignment.objects.create(project=project, unit=unit, role=role, order=place)
                    continue
                if assignment.role != change.role:
                    team_lines.append(f"{change.unit.name}改为{_role_name(change.role)}")
                    moved[change.unit.pk] = change.role
                assignment.role = change.role
                assignment.save()
    except IntegrityError:
        raise PlanError("同一单位在一项实事中只能列一次；如要互换两个单位，请分两次保存。") from None
    if sum(c.role == Assignment.Role.LEAD for c in kept) != 1:
        raise PlanError("每项实事要有且只有一个牵头单位。")

    changes = target_lines + team_lines
    if not changes:
        return []
    where = f"第{project.seq}项“{project.title}”"
    for line in changes:
        record(plan.region, person, "amended", f"{plan.year}年实事计划{where}：{line}", plan=plan)
    # The forms still being filled take the new targets and units (reporting answers for them).
    hooks.project_amended.send(sender=None, project=project, targets=added, units=joined)
    url = reverse("oversight:project", args=[plan.pk, project.pk])
    on_project = set(project.assignments.values_list("unit_id", flat=True))
    told: dict[int, list[str]] = {}
    if target_lines:
        for unit_id in on_project:
            told.setdefault(unit_id, []).append("指标有调整：" + "；".join(target_lines))
    for unit_id, role in moved.items():
        told.setdefault(unit_id, []).insert(0, f"贵单位改为{_role_name(role)}")
    for unit in joined:
        told.setdefault(unit.pk, []).insert(0, "贵单位已列为责任单位，请在本季度报表中填报本项进展")
    for unit in left:
        if unit.pk not in on_project:
            told.setdefault(unit.pk, []).insert(0, "贵单位已不再是本项实事的责任单位，已报送的内容保留")
    heading = f"{plan.year}年实事计划{where}："
    InAppNotice.objects.bulk_create(
        InAppNotice(person=someone, text=clip(heading + "。".join(told[someone.unit_id]), 300), url=url)
        for someone in Person.objects.filter(unit_id__in=told, is_active=True).order_by("pk")
    )
    return changes


def _role_name(role: str) -> str:
    return str(Assignment.Role(role).label)
