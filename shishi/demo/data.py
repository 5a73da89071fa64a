"""Demo data for `make run`: 淄博市 with the regions of the five sample notices, each sample
imported as that region's plan through the real import service, one log-in per role, and
reports in every state (made through the real reporting services) so every page shows something.

Running it twice changes nothing: everything is looked up before it is made.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shishi.bulletins.services import issue_bulletin
from shishi.directory.models import Person, Region, Unit
from shishi.plans.models import NoticeFile, Plan
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from shishi.public.services import approve_statement, publish_plan
from shishi.reporting.models import QuarterlyReport
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
]


def load_demo(today: datetime.date | None = None) -> list[tuple[str, str, str]]:
    """Create the demo and return the log-ins as (role, username, password)."""
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
        for username, role, display, region, unit in PEOPLE[1:]:
            region_obj = regions.get(region) if region else None
            unit_obj = Unit.objects.get(region=region_obj, name=unit) if unit else None
            _person(username, role, display, region_obj, unit_obj)
    if not QuarterlyReport.objects.filter(period__plan=current).exists():
        _reports(current, today)
        _supervision(current, today)
        _publish_and_report(current, today)
    return [(Person.Role(role).label, username, PASSWORD) for username, role, *_ in PEOPLE]


def _person(username, role, display, region, unit) -> Person:
    person, created = Person.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "display_name": display,
            "region": region,
            "unit": unit,
            "email": f"{username}@example.invalid",
        },
    )
    if created:
        person.set_password(PASSWORD)
        person.save()
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


def _this_year(today: datetime.date) -> bytes:
    """The 2023 桓台县 notice re-dated to this year, so that the demo has a plan in progress."""
    text = (SAMPLES / "huantai-2023.txt").read_text(encoding="utf-8")
    return re.sub(r"2023", str(today.year), text).encode("utf-8")


def _pdf() -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(842, 595)  # A4 landscape, like the form
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _reports(plan: Plan, today: datetime.date) -> None:
    """Past quarters reported and accepted (a few late); this quarter in every state."""
    coordinator = Person.objects.get(username="coordinator")
    units = list(Unit.objects.filter(assignments__project__plan=plan).distinct().order_by("name"))
    periods = list(plan.periods.all())
    current = plan.current_period(today)
    late = {units[-1].pk, units[-2].pk}  # two units that never reported the last past quarter
    for period in periods:
        if period.quarter > current.quarter:
            break
        for index, unit in enumerate(units):
            clerk = unit.people.first() or coordinator
            if period != current:
                if period.quarter == current.quarter - 1 and unit.pk in late:
                    continue
                _report(unit, period, clerk, share=Decimal(period.quarter) / 4, submit=True)
                accept_report(QuarterlyReport.objects.get(unit=unit, period=period), coordinator)
                continue
            state = ["draft", "submitted", "accepted", "returned", None][index % 5]
            if unit.name == "县妇联":
                state = "draft"
            if unit.name == "县教育体育局":
                state = "returned"
            if state is None:
                continue
            report = _report(unit, period, clerk, share=Decimal("0.9"), submit=state != "draft")
            if state == "accepted":
                accept_report(report, coordinator)
            elif state == "returned":
                return_report(report, coordinator, "请补充各项指标的累计完成数，并附上盖章页。")


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
            answer(notice, unit.people.first() or supervisor, "已补报进展情况，下一季度按时报送。")


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


def _report(unit, period, clerk, share: Decimal, submit: bool) -> QuarterlyReport:
    report = start_report(unit, period)
    entries = {}
    for line in report.lines.select_related("project").prefetch_related("values__target"):
        entries[line.project_id] = LineEntry(
            measures=f"{period}，{unit}围绕“{line.project.title}”制定工作方案，组织推进，各项任务按计划实施。",
            deadline=f"{period.plan.year}年12月31日",
            assessment="on_schedule" if share < 1 else "done",
            values={v.target_id: (v.target.value * share).quantize(Decimal("1")) for v in line.values.all()},
        )
    report = save_draft(report, clerk, report.revision, entries)
    if submit:
        attach_stamped_pdf(report, clerk, _pdf(), f"{unit}{period}盖章.pdf")
        report.refresh_from_db()
        submit_report(report, clerk, report.revision)
        report.refresh_from_db()
    return report
