"""Where an uploaded notice comes from, and what about it the coordinator must look at twice.

The reader (shishi/notice/header.py) knows the issuing region, the issuer, the year and the
document number. Before a plan is made, the preview sets them beside the region the notice is
being imported for, the plan year typed in the preview, today's year and the plans already
there: 高青县's notice uploaded by 桓台县's coordinator, a notice of a year long past (every
quarter overdue at once), a second plan for a year that has one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .models import NoticeFile, Period, Plan


@dataclass
class Origin:
    """The notice's header as read, and the warnings it raises for this import."""

    region: str  # the issuing region as the notice names it, "" when none was read
    issuer: str
    year: int | None
    doc_number: str
    ours: str  # the region the plan would belong to
    plan_year: int
    other_region: bool  # issued by another region: confirming needs an explicit acknowledgement
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, nothing wrong
    existing: list[Plan] = field(default_factory=list)

    @property
    def region_warning(self) -> str:
        return f"这份通知由{self.region}印发，与您所在的{self.ours}不同。"


def same_region(named: str, region_name: str) -> bool:
    """Whether the region a notice names is this region: 桓台县 is 桓台县, and a fuller or shorter
    name of it (淄博市桓台县, 高新区 for 淄博高新区) is too.

    >>> same_region("桓台县", "桓台县"), same_region("淄博市桓台县", "桓台县")
    (True, True)
    >>> same_region("高青县", "桓台县")
    False
    """
    if not named or not region_name:
        return False
    return named == region_name or named.endswith(region_name) or region_name.endswith(named)


def overdue_quarters(year: int, due_days: int, today: datetime.date) -> int:
    """How many of the year's quarters are past their due date today."""
    return sum(today > Period.bounds(year, quarter, due_days)[2] for quarter in range(1, 5))


def notice_origin(notice_file: NoticeFile, draft: dict, today: datetime.date) -> Origin:
    """The origin of the notice and the warnings for importing it as `draft` (the corrected
    draft: its year is the plan year) for the notice file's region, today."""
    parsed = notice_file.parsed
    ours = notice_file.region
    plan_year = int(draft.get("year") or today.year)
    origin = Origin(
        region=parsed.get("region") or "",
        issuer=parsed.get("issuer") or "",
        year=parsed.get("year"),
        doc_number=parsed.get("doc_number") or "",
        ours=ours.name,
        plan_year=plan_year,
        other_region=False,
    )
    if origin.region and not same_region(origin.region, ours.name):
        origin.other_region = True
        origin.warnings.append(origin.region_warning)
    if origin.year and origin.year != plan_year:
        origin.warnings.append(f"通知是{origin.year}年的，而计划年度填的是{plan_year}年，请核对。")
    if plan_year != today.year:
        overdue = overdue_quarters(plan_year, int(draft.get("due_days") or 0), today)
        if overdue == 4:
            origin.warnings.append(
                f"计划年度是{plan_year}年，今年是{today.year}年：按这个年度建立计划，"
                "四个季度的报送截止日期都已过去，各单位一开始就全部逾期。"
            )
        elif overdue:
            origin.warnings.append(
                f"计划年度是{plan_year}年，今年是{today.year}年：已有{overdue}个季度的报送截止日期过去。"
            )
        elif plan_year == today.year + 1:  # next year's notice, issued in December: as it should be
            origin.notes.append(f"这是明年（{plan_year}年）的计划，第一季度从{plan_year}年1月1日开始填报。")
        else:
            origin.warnings.append(f"计划年度是{plan_year}年，今年是{today.year}年，请核对。")
    origin.existing = list(
        Plan.objects.filter(region=ours, year=plan_year).exclude(notice_file=notice_file).order_by("pk")
    )
    for plan in origin.existing:
        archived = "（已归档）" if plan.archived else ""
        origin.warnings.append(f"{ours.name}已有{plan_year}年的实事计划《{plan.title}》{archived}。")
    return origin
