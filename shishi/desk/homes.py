"""Each role's home, as its to-do list, composed from the apps beneath: lights, late units and
the review queue come from the board (oversight.board), a report's state and whether it came in
on time from reporting.states, 督办 from supervision, bulletins from bulletins, what changed from
history. Nothing here decides a rule of its own, except which plans and which quarter a home is
about (`desk_plans`, `reported_period`).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from shishi.bulletins.models import Bulletin
from shishi.directory.access import can_manage_plan, can_supervise
from shishi.directory.models import Person
from shishi.history.models import Event
from shishi.oversight.board import Board, ProjectRow, build_board
from shishi.oversight.lights import DONE, GREEN, GREY, NAMES, RED, YELLOW
from shishi.plans.models import Period, Plan
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.states import (
    LATE,
    NOT_REPORTED,
    ON_TIME,
    REPORTED_LATE,
    TIMELINESS_NAMES,
    ClerkQuarter,
    clerk_quarters,
    timeliness,
)
from shishi.supervision.models import SupervisionNotice

# Last year's plan stays on the desk this long after its fourth quarter's due date: its late
# units are chased and its last bulletin issued in the first weeks of the new year.
KEEP_LAST_YEAR = datetime.timedelta(days=45)
# Lights as a reader scans them: what needs attention first.
COLOURS = (RED, YELLOW, GREY, GREEN, DONE)
CHANGES_SHOWN = 30
FIRST_VISIT = datetime.timedelta(days=7)  # no earlier log-in known: what changed in the last week


def desk_plans(person: Person, today: datetime.date) -> list[Plan]:
    """The plans a home is about, among those the person reads: per region, this year's plans
    (else its newest, when it has none for this year yet), and last year's while its fourth
    quarter is still being chased. Next year's plan, imported in December, waits its turn."""
    plans = list(
        Plan.objects.visible_to(person)
        .in_use()  # an archived plan is kept, not worked on
        .filter(year__lte=today.year)
        .select_related("region")
        .prefetch_related("periods")
        .order_by("region__path", "-year", "pk")
    )
    newest = {}  # region id → its newest plan year
    for plan in plans:
        newest.setdefault(plan.region_id, plan.year)
    kept = []
    for plan in plans:
        periods = list(plan.periods.all())
        still_chased = (
            plan.year == today.year - 1 and bool(periods) and today <= periods[-1].due_on + KEEP_LAST_YEAR
        )
        if plan.year == newest[plan.region_id] or still_chased:
            kept.append(plan)
    return kept


def reported_period(plan: Plan, today: datetime.date) -> Period | None:
    """The quarter a home reports on: the latest whose reports were due (its lights are complete
    and its late units known), else, before the first due date, the quarter under way."""
    due = [period for period in plan.periods.all() if period.is_overdue(today)]
    return due[-1] if due else plan.current_period(today)


@dataclass
class LightCount:
    colour: str
    count: int

    @property
    def name(self) -> str:
        return NAMES[self.colour]


@dataclass
class PlanDesk:
    """A plan as a home shows it: the quarter reported on, its lights and what is behind or late."""

    plan: Plan
    current: Period | None  # the quarter being chased (the board's, Plan.current_period)
    period: Period | None  # the quarter reported on (reported_period)
    board: Board | None
    due_passed: bool = False  # whether `period`'s reports were due: its late units are known
    lights: list[LightCount] = field(default_factory=list)
    behind: list[ProjectRow] = field(default_factory=list)  # red and yellow projects, red first
    bulletin: Bulletin | None = None  # the latest issued for `period`
    timeliness: list[tuple[str, str, int]] = field(default_factory=list)  # (key, name, units)

    @property
    def late_units(self) -> list:
        return self.board.late_units if self.board else []

    @property
    def red(self) -> list[ProjectRow]:
        return [row for row in self.behind if row.light.colour == RED]


def plan_desk(plan: Plan, today: datetime.date, with_timeliness: bool = False) -> PlanDesk:
    period = reported_period(plan, today)
    desk = PlanDesk(plan, plan.current_period(today), period, None)
    if period is None:
        return desk
    desk.board = build_board(plan, period, today)
    desk.due_passed = period.is_overdue(today)
    rows = list(desk.board.rows.values())
    counts = Counter(row.light.colour for row in rows)
    desk.lights = [LightCount(colour, counts[colour]) for colour in COLOURS]
    desk.behind = sorted(
        (row for row in rows if row.light.colour in (RED, YELLOW)),
        key=lambda row: (row.light.colour != RED, row.project.seq),
    )
    desk.bulletin = Bulletin.objects.filter(plan=plan, period=period).order_by("-number").first()
    if with_timeliness:
        desk.timeliness = unit_timeliness(desk.board, period, today)
    return desk


def unit_timeliness(board: Board, period: Period, today: datetime.date) -> list[tuple[str, str, int]]:
    """How many of the plan's units reported the quarter on time, late, or not at all (by
    reporting.states.timeliness); empty before its due date, when nothing is counted yet."""
    if not period.is_overdue(today):
        return []
    first_in = dict(
        QuarterlyReport.objects.filter(period=period).values_list("unit_id", "first_submitted_at")
    )
    counts = Counter(timeliness(first_in.get(unit.pk), period, today) for unit in board.units)
    return [(key, TIMELINESS_NAMES[key], counts[key]) for key in (ON_TIME, REPORTED_LATE, NOT_REPORTED)]


def _open_supervision(plans: list[Plan]) -> list[SupervisionNotice]:
    """The plans' 督办 not yet closed: those waiting for the unit's answer first (the earliest
    reply date on top), then those answered and waiting for the 督查室 to close them."""
    notices = SupervisionNotice.objects.filter(project__plan__in=plans).exclude(
        state=SupervisionNotice.State.CLOSED
    )
    return sorted(
        notices.select_related("project__plan", "unit", "period__plan"),
        key=lambda n: (n.state != SupervisionNotice.State.OPEN, n.reply_by, n.pk),
    )


# -- the homes ----------------------------------------------------------------------------------------


@dataclass
class CoordinatorHome:
    plans: list[PlanDesk]
    review: list[QuarterlyReport]  # submitted, waiting for review, the longest waiting first
    supervision: list[SupervisionNotice]
    changes: list[Event]
    since: datetime.datetime  # what changed since then
    since_last_login: bool  # else: in the last week (no earlier log-in known)


def managed_plans(person: Person, today: datetime.date) -> list[Plan]:
    return [plan for plan in desk_plans(person, today) if can_manage_plan(person, plan)]


def review_queue(plans: list[Plan]) -> list[QuarterlyReport]:
    """The plans' reports submitted and waiting for review, the longest waiting first."""
    return list(
        QuarterlyReport.objects.filter(period__plan__in=plans, state=QuarterlyReport.State.SUBMITTED)
        .select_related("unit", "period__plan__region")
        .order_by("submitted_at", "pk")
    )


def coordinator_home(
    person: Person, today: datetime.date, previous_login: datetime.datetime | None, now: datetime.datetime
) -> CoordinatorHome:
    plans = managed_plans(person, today)
    since = previous_login or now - FIRST_VISIT
    return CoordinatorHome(
        plans=[plan_desk(plan, today) for plan in plans],
        review=review_queue(plans),
        supervision=_open_supervision(plans),
        changes=list(
            Event.objects.filter(plan_id__in=[plan.pk for plan in plans], at__gt=since)
            .exclude(actor=person)
            .select_related("actor")[:CHANGES_SHOWN]
        ),
        since=since,
        since_last_login=previous_login is not None,
    )


@dataclass
class ClerkHome:
    now: list[ClerkQuarter]  # the quarters to fill in now, and late ones
    returned: list[ClerkQuarter]  # sent back: to correct and submit again
    supervision: list[SupervisionNotice]  # 督办 waiting for the unit's answer
    others: list[ClerkQuarter]  # the rest: reported, and not yet begun (nothing to fill in)


def clerk_home(person: Person, today: datetime.date) -> ClerkHome:
    """The unit's quarters in clerk_quarters' order, split into what to fill in now (the quarters
    under way and the late ones), what was sent back, and the rest."""
    rows = clerk_quarters(person.unit_id, today)
    returned = QuarterlyReport.State.RETURNED
    now = [row for row in rows if row.state != returned and (row.current or row.state == LATE)]
    sent_back = [row for row in rows if row.state == returned]
    return ClerkHome(
        now=now,
        returned=sent_back,
        supervision=list(
            SupervisionNotice.objects.filter(unit_id=person.unit_id, state=SupervisionNotice.State.OPEN)
            .select_related("project__plan", "unit", "period__plan")
            .order_by("reply_by", "pk")
        ),
        others=[row for row in rows if row not in now and row not in sent_back],
    )


@dataclass
class LeaderHome:
    plans: list[PlanDesk]
    bulletin: Bulletin | None  # the latest issued of these plans


def leader_home(person: Person, today: datetime.date) -> LeaderHome:
    plans = desk_plans(person, today)
    return LeaderHome(
        plans=[plan_desk(plan, today) for plan in plans],
        bulletin=Bulletin.objects.filter(plan__in=plans)
        .select_related("plan__region", "period")
        .order_by("-issued_at", "-pk")
        .first(),
    )


@dataclass
class SupervisorHome:
    waiting: list[SupervisionNotice]  # sent, waiting for the unit's answer
    answered: list[SupervisionNotice]  # answered, waiting for the 督查室 to close them
    plans: list[PlanDesk]  # what is red or late


def supervisor_home(person: Person, today: datetime.date) -> SupervisorHome:
    plans = [plan for plan in desk_plans(person, today) if can_supervise(person, plan)]
    notices = _open_supervision(plans)
    return SupervisorHome(
        waiting=[n for n in notices if n.state == SupervisionNotice.State.OPEN],
        answered=[n for n in notices if n.state == SupervisionNotice.State.ANSWERED],
        plans=[plan_desk(plan, today) for plan in plans],
    )


@dataclass
class CityHome:
    counties: list[PlanDesk]  # a column per county plan: lights and on-time reporting


def city_home(person: Person, today: datetime.date) -> CityHome:
    plans = [plan for plan in desk_plans(person, today) if plan.region_id != person.region_id]
    return CityHome(counties=[plan_desk(plan, today, with_timeliness=True) for plan in plans])
