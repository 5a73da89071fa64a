"""A report's state as every page shows it: its own, or late, or not started.

One rule for the board, the clerk's quarter page, the forms page, the public page, bulletins and
督办: a report not submitted by the quarter's due date is late (a draft as much as none at all).
"""

from __future__ import annotations

import datetime
from typing import Protocol

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
