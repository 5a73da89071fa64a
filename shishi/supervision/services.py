"""Issuing, answering and closing 督办 notices; the year-end summary."""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shishi.directory.messages import notify
from shishi.directory.models import InAppNotice, Person, Unit
from shishi.history.services import record
from shishi.notice.text import clean_text
from shishi.oversight.board import build_board
from shishi.oversight.lights import RED, SEVERITY, YELLOW, Light
from shishi.plans.models import Assignment, Period, Plan, Project
from shishi.reporting.models import QuarterlyReport, ReportVersion
from shishi.reporting.states import LATE, NOT_REPORTED, ON_TIME, REPORTED_LATE, timeliness

from .models import SupervisionNotice

State = SupervisionNotice.State


class SupervisionError(Exception):
    """A 督办 action that cannot be done; the message says why."""


@dataclass(frozen=True)
class OpenNotice:
    """A notice not yet closed, as the board lists it."""

    seq: int
    title: str
    unit: str
    state: str
    reply_by: datetime.date

    @property
    def state_name(self) -> str:
        return State(self.state).label


def open_notices(plan_id: int) -> list[OpenNotice]:
    """The plan's notices not yet closed, newest first: the board lists them on every visit."""
    rows = (
        SupervisionNotice.objects.filter(project__plan_id=plan_id)
        .exclude(state=State.CLOSED)
        .order_by("-issued_at")
        .values_list("project__seq", "project__title", "unit__name", "state", "reply_by")
    )
    return [OpenNotice(*row) for row in rows]


def open_on_board(plan: Plan, period: Period) -> dict | None:
    """The board's section of open 督办 notices (shishi.oversight.sections), if there are any."""
    notices = open_notices(plan.pk)
    return {"open_supervision": notices} if notices else None


@dataclass
class Offer:
    """A project on the 督办 page: its light, the unit a 督办 would go to first (a late one, else
    the lead), and the notice still open about it, if any (then the page links to it instead)."""

    project: Project
    light: Light
    team: list[Unit]
    unit: Unit | None
    reason: str  # the 督办 事由 proposed, from the light (empty for a green or done project)
    open_notice: SupervisionNotice | None


def offers(plan: Plan, period: Period, today: datetime.date) -> list[Offer]:
    """Every project of the plan, worst light first: a 督查室 acts on red projects, on yellow ones
    and on its own judgement, so each may be sent a 督办, except one whose 督办 is still open."""
    board = build_board(plan, period, today)
    open_ones = {}
    for notice in (
        SupervisionNotice.objects.filter(project__plan=plan)
        .exclude(state=State.CLOSED)
        .select_related("unit", "period")
        .order_by("issued_at")
    ):
        open_ones.setdefault(notice.project_id, notice)  # the oldest still open
    found = []
    for project in board.projects:
        light = board.rows[project.pk].light
        team = [a.unit for a in project.assignments.all()]
        late = [u for u in team if board.cells.get((project.pk, u.pk)) == LATE]
        reason = f"{light.reason}，请说明原因并提出整改措施。" if light.colour in (RED, YELLOW) else ""
        unit = late[0] if late else project.lead_unit
        found.append(Offer(project, light, team, unit, reason, open_ones.get(project.pk)))
    found.sort(key=lambda offer: (-SEVERITY[offer.light.colour], offer.project.seq))
    return found


def candidates(plan: Plan, period: Period, today: datetime.date) -> list[tuple[Project, Unit, str]]:
    """(project, unit, why) for every unit that is late (which makes its project red) and the lead
    of every project red from its figures."""
    board = build_board(plan, period, today)
    found = []
    for project in board.projects:
        row = board.rows[project.pk]
        late_units = [u for u in board.units if board.cells.get((project.pk, u.pk)) == LATE]
        for unit in late_units:
            found.append((project, unit, f"{period}报表逾期未报"))
        lead = project.lead_unit
        if row.light.colour == RED and lead and lead not in late_units:
            found.append((project, lead, f"亮红灯：{row.light.reason}"))
    return found


def issue(
    project: Project,
    unit: Unit,
    period: Period,
    person: Person,
    reason: str,
    reply_by: datetime.date,
    today: datetime.date | None = None,
) -> SupervisionNotice:
    """A 督办 notice to a unit of the project; `today` (the local date unless given) bounds the reply date."""
    reason = clean_text(reason).strip()
    if not reason:
        raise SupervisionError("请写明督办事由。")
    today = today or timezone.localdate()
    if reply_by < today:
        raise SupervisionError("答复期限不能早于今天。")
    if reply_by > today + datetime.timedelta(days=366):
        raise SupervisionError("答复期限不能超过一年，请写明实际要求的答复日期。")
    if not Assignment.objects.filter(project=project, unit=unit).exists():
        raise SupervisionError("该单位不是这项实事的责任单位。")
    with transaction.atomic():
        # The plan's row first (the order every writer keeps), by moving it on as the new notice
        # would anyway: an UPDATE holds the row on PostgreSQL and the database on SQLite, so a
        # double click's second request waits here, then finds the first one's notice.
        Plan.touch(Plan.objects.filter(pk=project.plan_id))
        if (
            SupervisionNotice.objects.filter(project=project, unit=unit, period=period)
            .exclude(state=State.CLOSED)
            .exists()
        ):
            raise SupervisionError("这项实事已向该单位发出督办，尚未办结。")
        notice = SupervisionNotice.objects.create(
            project=project, unit=unit, period=period, reason=reason, reply_by=reply_by, issued_by=person
        )
        text = f"【督办】{project.title}：{reason}（请于{reply_by:%Y年%m月%d日}前答复）"
        InAppNotice.objects.bulk_create(
            InAppNotice(person=clerk, text=text[:300], url="/supervision/mine/")
            for clerk in unit.people.filter(is_active=True)
        )
        record(
            project.plan.region, person, "supervised", f"向{unit}发出督办：{project.title}", plan=project.plan
        )
    return notice


def answer(notice: SupervisionNotice, person: Person, text: str) -> SupervisionNotice:
    text = clean_text(text).strip()
    if not text:
        raise SupervisionError("答复内容不能为空。")
    with transaction.atomic():
        notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.state == State.CLOSED:
            raise SupervisionError("督办已办结，不能再答复。")
        notice.reply, notice.replied_by, notice.replied_at, notice.state = (
            text,
            person,
            timezone.now(),
            State.ANSWERED,
        )
        notice.save()
        record(
            notice.project.plan.region,
            person,
            "answered",
            f"{notice.unit}答复督办：{notice.project.title}",
            plan=notice.project.plan,
        )
        _tell_supervisors(notice)
    return notice


def _tell_supervisors(notice: SupervisionNotice) -> None:
    """The region's 督查室 and whoever issued the 督办 learn of the answer: once per answer (the
    same text sent twice by a double click tells no one twice; a changed answer tells again)."""
    plan = notice.project.plan
    supervisors = Person.objects.filter(role=Person.Role.SUPERVISOR, region=plan.region, is_active=True)
    answered = hashlib.sha256(notice.reply.encode("utf-8")).hexdigest()[:16]
    notify(
        [*supervisors, notice.issued_by],
        f"{notice.unit}已答复督办：{notice.project.title}",
        reverse("supervision:plan", args=[plan.pk, notice.period.quarter]),
        key=f"supervision-answered:{notice.pk}:{answered}",
        region=plan.region,
        subject="督办答复",
    )


def close(notice: SupervisionNotice, person: Person) -> SupervisionNotice:
    with transaction.atomic():
        notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.state != State.ANSWERED:
            raise SupervisionError("单位答复后才能办结。")
        notice.state, notice.closed_by, notice.closed_at = State.CLOSED, person, timezone.now()
        notice.save()
        record(
            notice.project.plan.region,
            person,
            "closed",
            f"办结督办：{notice.unit} · {notice.project.title}",
            plan=notice.project.plan,
        )
    return notice


def _reported(row) -> bool:
    """Whether the lead unit's report for that quarter was counted (a figure or a self-assessment)."""
    return bool(row.lead_assessment) or any(target.figure is not None for target in row.targets)


@dataclass
class ProjectYear:
    project: Project
    done: bool
    light: object
    targets: list  # TargetRow from the board: goal, figure, light


@dataclass
class UnitYear:
    """A unit's year of reports, one count per quarter whose report was due (reporting.states.timeliness)."""

    unit: Unit
    on_time: int  # 按时报送: first submitted by the due date
    reported_late: int  # 逾期报送: first submitted after it
    not_reported: int  # 未报送: due date passed, nothing submitted
    returned: int
    supervised: int


def year_end(plan: Plan, today: datetime.date) -> tuple[list[ProjectYear], list[UnitYear]]:
    """Per project: done or not, figures against goals (Q4); per unit: quarters reported on
    time, reported late and not reported, versions returned, 督办 received."""
    periods = list(plan.periods.all())
    # The latest figures each lead unit reported: Q4's once it is in, else the quarter before.
    boards = [build_board(plan, period, today) for period in reversed(periods)]
    board = boards[0]
    projects = []
    for project in board.projects:
        row = next(
            (b.rows[project.pk] for b in boards if _reported(b.rows[project.pk])), board.rows[project.pk]
        )
        projects.append(ProjectYear(project, row.done, row.light, row.targets))
    first_in = {
        (unit_id, period_id): first
        for unit_id, period_id, first in QuarterlyReport.objects.filter(period__plan=plan).values_list(
            "unit_id", "period_id", "first_submitted_at"
        )
    }
    returned = Counter(
        ReportVersion.objects.filter(
            report__period__plan=plan, outcome=ReportVersion.Outcome.RETURNED
        ).values_list("report__unit_id", flat=True)
    )
    supervised = Counter(
        SupervisionNotice.objects.filter(project__plan=plan).values_list("unit_id", flat=True)
    )
    units = []
    for unit in board.units:
        counts = Counter(timeliness(first_in.get((unit.pk, period.pk)), period, today) for period in periods)
        units.append(
            UnitYear(
                unit,
                counts[ON_TIME],
                counts[REPORTED_LATE],
                counts[NOT_REPORTED],
                returned[unit.pk],
                supervised[unit.pk],
            )
        )
    return projects, units


def withdrawal_blocker(plan, **_) -> str | None:
    """A plan with a 督办 is no longer withdrawn (shishi/plans/hooks.py): the 督办 would go with it."""
    return "已有督办" if SupervisionNotice.objects.filter(project__plan=plan).exists() else None
