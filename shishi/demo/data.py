"""Demo data for `make run`: 淄博市 with the regions of the five sample notices, each sample
imported as that region's plan through the real import service, one log-in per role, and this
year's 桓台县 plan reported as a real year goes (through the real reporting services, each step
dated from the demo's `today`): most quarters on time, some late, one unit never, a report
returned and corrected, most accepted; this quarter in every state. Around it (cycle.py): next
year's proposals, shortlist and counted vote, and last year's plan with its satisfaction vote.

Running it twice changes nothing: everything is looked up before it is made.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from shishi.bulletins.services import issue_bulletin
from shishi.demo.cycle import load_cycle
from shishi.directory.models import InAppNotice, Person, Region, Unit
from shishi.history.models import Event
from shishi.plans.models import NoticeFile, Plan
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from shishi.public.services import approve_statement, publish_plan
from shishi.reporting.models import QuarterlyReport, ReportVersion
from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from shishi.supervision.services import answer, candidates, issue

SAMPLES = Path(settings.BASE_DIR) / "samples" / "notices"
PASSWORD = "shishi-demo"
# name, administrative code, sample notices
REGIONS = [
    ("淄川区", "370302", ["zichuan-2024.txt"]),
    ("桓台县", "370321", ["huantai-2023.txt"]),
    ("高青县", "370322", ["gaoqing-2021.txt", "gaoqing-2024.txt"]),
    ("淄博高新区", "370390", ["gaoxinqu-2023.txt"]),
]
# username, role, display name, region name, unit name
PEOPLE = [
    ("admin", Person.Role.ADMIN, "系统管理员", None, None),
    ("city", Person.Role.CITY_COORDINATOR, "市妇儿工委办公室", "淄博市", None),
    ("coordinator", Person.Role.COORDINATOR, "桓台县妇儿工委办公室", "桓台县", None),
    ("leader", Person.Role.LEADER, "分管副县长", "桓台县", None),
    ("supervisor", Person.Role.SUPERVISOR, "县政府督查室", "桓台县", None),
    ("reporter", Person.Role.REPORTER, "县妇联填报员", "桓台县", "县妇联"),
    ("partner", Person.Role.REPORTER, "县教育体育局填报员", "桓台县", "县教育体育局"),
    ("congress", Person.Role.CONGRESS, "县人大常委会工作人员", "桓台县", None),
    ("deputy", Person.Role.DEPUTY, "县人大代表", "桓台县", None),
]


def load_demo(today: datetime.date | None = None) -> list[tuple[str, str, str]]:
    """Create the demo as it stands on `today` (the local date unless given; every report and
    review is dated from it) and return the log-ins as (role, username, password)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        province, _ = Region.objects.get_or_create(
            code="37", defaults={"name": "山东省", "level": Region.Level.PROVINCE}
        )
        city, _ = Region.objects.get_or_create(
            code="3703", defaults={"name": "淄博市", "level": Region.Level.CITY, "parent": province}
        )
        regions = {"淄博市": city}
        for name, code, _samples in REGIONS:
            regions[name], _ = Region.objects.get_or_create(
                code=code, defaults={"name": name, "level": Region.Level.COUNTY, "parent": city}
            )
        admin = _person("admin", Person.Role.ADMIN, "系统管理员", None, None)
        admin.is_staff = admin.is_superuser = True
        admin.save()
        for name, _code, samples in REGIONS:
            for sample in samples:
                _import(regions[name], admin, (SAMPLES / sample).read_bytes(), sample)
        current = _import(
            regions["桓台县"],
            admin,
            _this_year(today),
            f"huantai-{today.year}-demo.txt",
            title_suffix="（演示）",
        )
        # The office imported this year's notice in its first weeks, not on the demo's day.
        Event.objects.filter(plan_id=current.pk, verb="imported").update(
            at=min(_at(datetime.date(today.year, 1, 15), 9), _at(today, 8))
        )
        last_year = _last_year(regions["桓台县"], admin, today)
        for username, role, display, region, unit in PEOPLE[1:]:
            region_obj = regions.get(region) if region else None
            unit_obj = Unit.objects.get(region=region_obj, name=unit) if unit else None
            _person(username, role, display, region_obj, unit_obj)
    if not QuarterlyReport.objects.filter(period__plan=current).exists():
        with transaction.atomic():  # one commit, not hundreds: `make run` stays quick on SQLite
            _reports(current, today)
            _supervision(current, today)
            _publish_and_report(current, today)
    if not QuarterlyReport.objects.filter(period__plan=last_year).exists():
        with transaction.atomic():
            _completed_year(last_year, today)
    load_cycle(regions["桓台县"], last_year, today)
    # Addresses only now: the demo's past is told in the application, not mailed (dozens of
    # letters on the console at every `make run`).
    for username, *_ in PEOPLE:
        Person.objects.filter(username=username, email="").update(email=f"{username}@example.invalid")
    return [(Person.Role(role).label, username, PASSWORD) for username, role, *_ in PEOPLE]


@functools.cache
def _password_hash() -> str:
    """One hash for every demo log-in: hashing is slow by design, and they share the password."""
    return make_password(PASSWORD)


def _person(username, role, display, region, unit) -> Person:
    person, _created = Person.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "display_name": display,
            "region": region,
            "unit": unit,
            "password": _password_hash(),
        },
    )
    return person


def _import(region: Region, person: Person, data: bytes, filename: str, title_suffix: str = "") -> Plan:
    notice_file = read_notice_upload(region, person, data, filename)
    if hasattr(notice_file, "plan"):
        return notice_file.plan
    if title_suffix and not notice_file.draft["title"].endswith(title_suffix):
        notice_file.draft["title"] += title_suffix
        notice_file.save(update_fields=["draft"])
    choices = {name: "new" for name in draft_unit_names(notice_file.draft)}
    return confirm_plan(NoticeFile.objects.get(pk=notice_file.pk), person, choices)


def _this_year(today: datetime.date, year: int | None = None) -> bytes:
    """The 2023 桓台县 notice re-dated to this year (or `year`), so that the demo has a plan in
    progress."""
    text = (SAMPLES / "huantai-2023.txt").read_text(encoding="utf-8")
    return re.sub(r"2023", str(year or today.year), text).encode("utf-8")


def _last_year(region: Region, person: Person, today: datetime.date) -> Plan:
    """Last year's plan of `region` for its satisfaction vote: a sample's if one is of that year,
    else the 2023 notice re-dated to it."""
    year = today.year - 1
    plan = Plan.objects.filter(region=region, year=year).first()
    if plan is not None:
        return plan
    data = _this_year(today, year)
    return _import(region, person, data, f"huantai-{year}-demo.txt", title_suffix="（演示）")


def _pdf() -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(842, 595)  # A4 landscape, like the form
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# A unit's report for a past quarter comes in this many days from the due date (negative: before
# it), by unit and quarter in turn: most on time, one on the due date itself, some late.
SUBMITTED_DAYS = (-7, -4, -2, 0, -1, 3, 15)
# How far each unit's figures are from the timetable (序时进度), in turn: lights of every colour.
PACE = (Decimal("1"), Decimal("0.95"), Decimal("0.8"), Decimal("1.1"), Decimal("0.5"), Decimal("0.9"))
RETURN_REASON = "请补充各项指标的累计完成数，并附上盖章页。"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _completed_year(plan: Plan, today: datetime.date) -> None:
    """Last year's plan as a year that happened (its satisfaction vote rates it): every unit
    reported each quarter a few days before the due date, and every report was accepted. A
    quarter not yet due (last year's fourth in early January) is left to be filled in."""
    coordinator = Person.objects.get(username="coordinator")
    units = list(Unit.objects.filter(assignments__project__plan=plan).distinct().order_by("name"))
    for period in plan.periods.all():
        if not period.is_overdue(today):
            continue
        for index, unit in enumerate(units):
            clerk = unit.people.first() or coordinator
            submitted = _at(period.due_on - datetime.timedelta(days=3 + index % 5), 10, index % 60)
            share = Decimal(period.quarter) / 4
            report = _draft(unit, period, clerk, share, submitted - datetime.timedelta(days=1))
            _review(_submit(report, clerk, submitted), coordinator, submitted + datetime.timedelta(days=2))


def _reports(plan: Plan, today: datetime.date) -> None:
    """A year as it goes: past quarters reported mostly on time, some late, one unit never, two
    units still missing last quarter, one report returned and corrected, most accepted and a few
    waiting for review; this quarter in every state. Every step is dated from `today`, never the
    clock, and none after it."""
    coordinator = Person.objects.get(username="coordinator")
    units = list(Unit.objects.filter(assignments__project__plan=plan).distinct().order_by("name"))
    with_logins = {unit for unit in units if unit.people.exists()}
    others = [unit for unit in units if unit not in with_logins]
    never = others[-1]  # a unit that has reported nothing all year
    missing = {unit.pk for unit in others[-3:-1]}  # two that have not sent last quarter's yet
    past = [period for period in plan.periods.all() if period.is_overdue(today)]
    now = _at(today, 9)
    for period in past:
        for index, unit in enumerate(u for u in units if u != never):
            if period == past[-1] and unit.pk in missing:
                continue
            clerk = unit.people.first() or coordinator
            share = Decimal(period.quarter) / 4 * PACE[index % len(PACE)]
            due = period.due_on
            if period == past[0] and unit.name == "县妇联" and _at(due, 0) + datetime.timedelta(days=6) < now:
                _returned_then_corrected(unit, period, clerk, coordinator, share)
                continue
            days = SUBMITTED_DAYS[(index + period.quarter) % len(SUBMITTED_DAYS)]
            submitted = _at(due + datetime.timedelta(days=days), 16 if days == 0 else 10, index % 60)
            if submitted >= now:  # late, and not in yet
                _draft(unit, period, clerk, share, submitted - datetime.timedelta(days=20))
                continue
            report = _submit(_draft(unit, period, clerk, share, submitted), clerk, submitted)
            reviewed = submitted + datetime.timedelta(days=2)
            waiting = period == past[-1] and index % 4 == 1  # the coordinator has not got to these yet
            if reviewed < now and not waiting:
                _review(report, coordinator, reviewed)
    current = plan.current_period(today)
    if current is None or current in past:
        return
    for index, unit in enumerate(units):
        state = ["draft", "submitted", "accepted", "returned", None][index % 5]
        if unit.name == "县妇联":
            state = "draft"
        if unit.name == "县教育体育局":
            state = "returned"
        if state is None or unit == never:
            continue
        clerk = unit.people.first() or coordinator
        day = max(current.starts_on, today - datetime.timedelta(days=1 + index % 4))
        share = Decimal(current.quarter) / 4 * PACE[index % len(PACE)]
        report = _draft(unit, current, clerk, share, _at(day, 8, index % 60))
        if state == "draft":
            continue
        report = _submit(report, clerk, _at(day, 10, index % 60))
        if state in ("accepted", "returned"):
            _review(
                report, coordinator, _at(day, 15, index % 60), RETURN_REASON if state == "returned" else ""
            )


def _returned_then_corrected(unit, period, clerk, coordinator, share) -> None:
    """Submitted before the due date, returned, corrected after it and accepted: on time (the first
    submission counts), with two versions to compare."""
    due = period.due_on
    report = _submit(
        _draft(unit, period, clerk, share, _at(due, 9) - datetime.timedelta(days=5)),
        clerk,
        _at(due, 10) - datetime.timedelta(days=5),
    )
    report = _review(report, coordinator, _at(due, 11) - datetime.timedelta(days=4), RETURN_REASON)
    report = _draft(unit, period, clerk, share, _at(due, 9) + datetime.timedelta(days=2), corrected=True)
    report = _submit(report, clerk, _at(due, 10) + datetime.timedelta(days=2))
    _review(report, coordinator, _at(due, 15) + datetime.timedelta(days=4))


def _supervision(plan: Plan, today: datetime.date) -> None:
    """Two 督办 notices about the last quarter's late reports: one answered, one waiting."""
    supervisor = Person.objects.get(username="supervisor")
    periods = [p for p in plan.periods.all() if p.is_overdue(today)]
    if not periods:
        return
    for index, (project, unit, why) in enumerate(candidates(plan, periods[-1], today)[:2]):
        notice = issue(
            project,
            unit,
            periods[-1],
            supervisor,
            f"{why}，请说明原因并提出整改措施。",
            today + datetime.timedelta(days=7),
            today=today,
        )
        if index == 0:
            answer(notice, unit.people.first() or supervisor, "报表正在盖章，一周内补报。")


def _publish_and_report(plan: Plan, today: datetime.date) -> None:
    """The plan made public with approved text for last quarter, and that quarter's bulletin issued."""
    coordinator = Person.objects.get(username="coordinator")
    periods = [p for p in plan.periods.all() if p.is_overdue(today)]
    if not periods:
        return
    for project in plan.projects.all()[:5]:
        approve_statement(
            project,
            periods[-1],
            coordinator,
            f"{periods[-1]}，“{project.title}”各项任务按计划推进，阶段目标基本完成。",
        )
    publish_plan(plan, coordinator)
    issue_bulletin(plan, periods[-1], coordinator, today=today)


def _marks() -> tuple[int, int]:
    """The newest history line and in-app message, to date what the next step writes."""
    last_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_message = InAppNotice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return last_event, last_message


def _dated(marks: tuple[int, int], report: QuarterlyReport, at: datetime.datetime, **fields) -> None:
    """What a step wrote, dated when the demo says it happened rather than when it ran."""
    Event.objects.filter(pk__gt=marks[0]).update(at=at)
    InAppNotice.objects.filter(pk__gt=marks[1]).update(created_at=at)
    QuarterlyReport.objects.filter(pk=report.pk).update(updated_at=at, **fields)


def _assessment(share: Decimal, period) -> str:
    """The clerk's 自评 for a share of the year's goal reached by the end of `period`."""
    timetable = Decimal(period.quarter) / 4
    return "done" if share >= 1 else "behind" if share < timetable * Decimal("0.9") else "on_schedule"


def _draft(unit, period, clerk, share: Decimal, at: datetime.datetime, corrected: bool = False):
    marks = _marks()
    report = start_report(unit, period)
    entries = {}
    for line in report.lines.select_related("project").prefetch_related("values__target"):
        entries[line.project_id] = LineEntry(
            measures=f"{period}，{unit}围绕“{line.project.title}”制定工作方案，组织推进，各项任务按计划实施。"
            + ("已按退回意见补充各项指标的累计完成数。" if corrected else ""),
            deadline=f"{period.plan.year}年12月31日",
            assessment=_assessment(share, period),
            values={
                v.target_id: (v.target.value * min(share, 1)).quantize(Decimal("1"))
                for v in line.values.all()
            },
        )
    report = save_draft(report, clerk, report.revision, entries)
    _dated(marks, report, at)
    return report


def _submit(report: QuarterlyReport, clerk, at: datetime.datetime) -> QuarterlyReport:
    marks = _marks()
    attach_stamped_pdf(report, clerk, _pdf(), f"{report.unit}{report.period}盖章.pdf")
    report.refresh_from_db()
    version = submit_report(report, clerk, report.revision)
    ReportVersion.objects.filter(pk=version.pk).update(submitted_at=at)
    first = {"first_submitted_at": at} if version.number == 1 else {}
    _dated(marks, report, at, submitted_at=at, **first)
    report.refresh_from_db()
    return report


def _review(report: QuarterlyReport, coordinator, at: datetime.datetime, reason: str = "") -> QuarterlyReport:
    """Accepted, or returned with `reason`."""
    marks = _marks()
    if reason:
        report = return_report(report, coordinator, reason)
    else:
        report = accept_report(report, coordinator)
    ReportVersion.objects.filter(pk=report.versions.order_by("-number").first().pk).update(reviewed_at=at)
    _dated(marks, report, at)
    report.refresh_from_db()
    return report
