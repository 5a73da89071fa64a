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
    LATE: "逾期未报",  # past its due date and not submitted (year end: 未报送)
}
# The reports whose figures count: sent, and not sent back.
COUNTED = (QuarterlyReport.State.SUBMITTED, QuarterlyReport.State.ACCEPTED)


@dataclass
class ClerkQuarter:
    """A row of the clerk's home: a quarter of a plan the unit is on, its report and its state."""

    period: Period
    report: QuarterlyReport | None
    state: str
    current: bool  # a quarter to fill in now: begun and not yet due
    begun: bool = True  # a quarter not yet begun is shown, but has nothing to fill in

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


def clerk_quarters(unit_id: int, today: datetime.date) -> list[ClerkQuarter]:
    """The quarters of the plans from last year on that the unit is on, in the order a clerk
    works through them:

    - first the quarters to fill in now (begun, not yet due), the one due first on top: in
      January last year's fourth quarter (due about 10 January) comes before the new year's first;
    - then the other quarters that have begun, newest first (late ones among them);
    - last the quarters not yet begun (next year's plan in December), shown so the clerk sees
      what comes, with nothing to fill in (`begun` False: no draft is made for them).
    """
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
            current=period.is_open(today) and not period.is_overdue(today),
            begun=period.is_open(today),
        )
        for period in periods
    ]

    def order(row: ClerkQuarter) -> tuple:
        if row.current:
            return (0, row.period.due_on.toordinal(), row.period.plan_id)
        if row.begun:
            return (1, -row.period.ends_on.toordinal(), row.period.plan_id)
        return (2, row.period.starts_on.toordinal(), row.period.plan_id)

    rows.sort(key=order)
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
TIMELINESS_NAMES = {ON_TIME: "按时报送", REPORTED_LATE: "逾期报送", NOT_REPORTED: "未报送"}


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
