"""A report's state as every page shows it: its own, or late, or not started.

One rule for the board, the clerk's quarter page, the forms page, the public page, bulletins and
督办: a report not submitted by the quarter's due date is late (a draft as much as none at all).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.utils import timezone

from shishi.plans.models import Period

from .models import QuarterlyReport

NOT_STARTED, LATE = "not_started", "late"
STATE_NAMES = {
    NOT_STARTED: "未开始",
    "draft": "草稿",
    "submitted": "已报送",
    "returned": "已退回",
    "accepted": "已通过",
    LATE: "逾期",
}
# The reports whose figures count: sent, and not sent back.
COUNTED = (QuarterlyReport.State.SUBMITTED, QuarterlyReport.State.ACCEPTED)


@dataclass
class ClerkQuarter:
    """A row of the clerk's home: a quarter of a plan the unit is on, its report and its state."""

    period: Period
    report: QuarterlyReport | None
    state: str
    current: bool  # the quarter to fill in now: begun and not yet due

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


def clerk_quarters(unit_id: int, today: datetime.date) -> list[ClerkQuarter]:
    """The quarters of this and last year's plans the unit is on, the one to fill in now first
    (on a phone it sat at the bottom), then by year, newest first. A quarter that has not begun
    is left out unless a report for it exists: there is nothing to fill in yet."""
    periods = (
        Period.objects.filter(plan__projects__assignments__unit=unit_id, plan__year__gte=today.year - 1)
        .select_related("plan__region")
        .distinct()
    )
    reports = {r.period_id: r for r in QuarterlyReport.objects.filter(unit=unit_id)}
    rows = [
        ClerkQuarter(
            period,
            reports.get(period.pk),
            report_state(reports.get(period.pk), period, today),
            period.is_open(today) and not period.is_overdue(today),
        )
        for period in periods
        if period.is_open(today) or period.pk in reports
    ]
    rows.sort(key=lambda row: (not row.current, -row.period.plan.year, row.period.quarter))
    return rows


class HasState(Protocol):
    state: str


def report_state(report: HasState | None, period: Period, today: datetime.date) -> str:
    """The state shown for a unit's report of `period` (a QuarterlyReport, or any row with its
    `state`; None when the unit has not started one)."""
    overdue = period.is_overdue(today)
    if report is None:
        return LATE if overdue else NOT_STARTED
    if report.state == QuarterlyReport.State.DRAFT and overdue:
        return LATE
    return report.state


# -- reported on time, late or not at all: the year-end counts ------------------------------------

ON_TIME, REPORTED_LATE, NOT_REPORTED = "on_time", "reported_late", "not_reported"


def timeliness(
    first_submitted_at: datetime.datetime | None, period: Period, today: datetime.date
) -> str | None:
    """How a unit reported `period`: ON_TIME (按时报送), REPORTED_LATE (逾期报送) or NOT_REPORTED
    (未报送); None while its due date has not passed and nothing is submitted yet (nothing to count).

    - On time: first submitted by the due date, that day included, in local (China) time.
    - The first submission counts: a report returned and submitted again after the due date was
      still reported on time (the return is counted apart, as 被退回).
    - Not reported: the due date has passed and nothing was ever submitted, a draft included; the
      board shows such a report as LATE (逾期, past due and not reported yet) until it comes in.
    """
    if first_submitted_at is not None:
        return ON_TIME if timezone.localdate(first_submitted_at) <= period.due_on else REPORTED_LATE
    return NOT_REPORTED if period.is_overdue(today) else None
