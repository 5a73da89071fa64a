"""Reporting's answers to a plan's own rules (shishi/plans/hooks.py): what its rows mean for
withdrawing a plan or taking a unit off a project, and how the forms still being filled follow
a project changed mid-year."""

from __future__ import annotations

from .models import ImplementationPlan, QuarterlyReport, ReportLine, TargetValue

# A unit still fills its form in these states: a target or a unit added mid-year appears there at
# once; a submitted or accepted form stays as it was sent.
OPEN = (QuarterlyReport.State.DRAFT, QuarterlyReport.State.RETURNED)


def withdrawal_blockers(plan, **_) -> list[str]:
    blockers = []
    if QuarterlyReport.objects.filter(period__plan=plan).exists():
        blockers.append("已有责任单位的季度报表（含草稿）")
    if ImplementationPlan.objects.filter(assignment__project__plan=plan).exists():
        blockers.append("已有责任单位的实施方案")
    return blockers


def unit_removal_refusal(assignment, **_) -> str | None:
    if ImplementationPlan.objects.filter(assignment=assignment).exists():
        return f"{assignment.unit.name}已为本项实事填写实施方案，不能移出（可以改为配合单位）。"
    return None


def follow_amended_project(project, targets, units, **_) -> None:
    """Targets added get a figure in every open line of the project; units added get the project
    as a line (with every target) in their open reports of the plan."""
    for line in ReportLine.objects.filter(project=project, report__state__in=OPEN):
        for target in targets:
            TargetValue.objects.get_or_create(line=line, target=target)
    if not units:
        return
    all_targets = list(project.targets.all())
    deadline = project.deadline.isoformat() if project.deadline else ""
    for report in QuarterlyReport.objects.filter(
        unit__in=units, period__plan=project.plan_id, state__in=OPEN
    ):
        line, created = ReportLine.objects.get_or_create(
            report=report, project=project, defaults={"deadline": deadline}
        )
        if created:
            for target in all_targets:
                TargetValue.objects.get_or_create(line=line, target=target)
