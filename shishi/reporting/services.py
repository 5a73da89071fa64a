"""The quarterly report's life: start, save a draft, attach the stamped PDF, submit, review."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from shishi.directory.messages import notify
from shishi.directory.models import InAppNotice, Person, Unit
from shishi.history.services import record
from shishi.notice import pdf_objects
from shishi.notice.text import clean_text
from shishi.plans import figures
from shishi.plans.figures import storable
from shishi.plans.models import Assignment, Period, Plan

from .models import QuarterlyReport, ReportLine, ReportVersion, TargetValue

State = QuarterlyReport.State


class ReportError(Exception):
    """A report action that cannot be done; the message says why, for a person."""


class ReportConflict(ReportError):
    """Someone else saved the draft since this form was opened."""

    def __init__(self, report: QuarterlyReport, attempted: dict):
        super().__init__("这份报表已被他人修改并保存。您的内容没有保存：请对照下方两个版本，合并后再保存。")
        self.report = report
        self.attempted = attempted


@dataclass
class LineEntry:
    measures: str
    deadline: str
    assessment: str
    values: dict[int, Decimal | None]  # target id → cumulative figure


def start_report(unit: Unit, period: Period) -> QuarterlyReport:
    """The unit's report for the period, created with a line per project the unit is on.
    Lines start from last quarter's text so that the clerk edits rather than retypes."""
    report = QuarterlyReport.objects.filter(unit=unit, period=period).first()
    if report:
        return report
    try:
        with transaction.atomic():
            Plan.lock(pk=period.plan_id)
            report = QuarterlyReport.objects.create(unit=unit, period=period)
            previous = {
                line.project_id: line
                for line in ReportLine.objects.filter(
                    report__unit=unit,
                    report__period__plan=period.plan,
                    report__period__quarter=period.quarter - 1,
                ).prefetch_related("values")
            }
            projects = [
                a.project
                for a in Assignment.objects.filter(unit=unit, project__plan=period.plan).select_related(
                    "project"
                )
            ]
            for project in sorted(projects, key=lambda p: p.seq):
                before = previous.get(project.pk)
                line = ReportLine.objects.create(
                    report=report,
                    project=project,
                    measures=before.measures if before else "",
                    deadline=before.deadline
                    if before
                    else (project.deadline.isoformat() if project.deadline else ""),
                    assessment=before.assessment if before else "",
                )
                earlier = {v.target_id: v.value for v in before.values.all()} if before else {}
                TargetValue.objects.bulk_create(
                    TargetValue(line=line, target=target, value=earlier.get(target.pk))
                    for target in project.targets.all()
                )
    except IntegrityError:  # two tabs opened the report at the same moment
        report = QuarterlyReport.objects.get(unit=unit, period=period)
    return report


def report_to_fill(unit: Unit, period: Period, today: datetime.date) -> QuarterlyReport:
    """The unit's report for the period, as a clerk opens it: a quarter that has not begun has
    nothing to report yet, so no draft is made for it (one tap made a 2027 first-quarter draft in
    December 2026); a report that already exists always opens."""
    existing = QuarterlyReport.objects.filter(unit=unit, period=period).first()
    if existing:
        return existing
    if not period.is_open(today):
        raise ReportError(f"{period}尚未开始（{period.starts_on:%Y年%-m月%-d日}开始），到时再填写。")
    return start_report(unit, period)


def content_of(report: QuarterlyReport) -> dict:
    """The report's lines as plain data: what a version freezes and what a conflict shows."""
    lines = report.lines.select_related("project").prefetch_related("values__target")
    return {
        "lines": [
            {
                "project_id": line.project_id,
                "seq": line.project.seq,
                "title": line.project.title,
                "measures": line.measures,
                "deadline": line.deadline,
                "assessment": line.assessment,
                "values": [
                    {
                        "target_id": v.target_id,
                        "indicator": v.target.indicator,
                        "unit": v.target.unit_of_measure,
                        "value": None if v.value is None else format(v.value.normalize(), "f"),
                    }
                    for v in sorted(line.values.all(), key=lambda v: v.target.seq)
                ],
            }
            for line in lines
        ]
    }


def save_draft(
    report: QuarterlyReport, person: Person, revision: int, entries: dict[int, LineEntry]
) -> QuarterlyReport:
    """Save the form. `revision` is the one the form was opened at: if the report moved on
    since, nothing is written and ReportConflict carries both versions."""
    with transaction.atomic():
        Plan.lock(periods__reports=report.pk)
        claimed = QuarterlyReport.objects.filter(
            pk=report.pk, revision=revision, state__in=(State.DRAFT, State.RETURNED)
        ).update(revision=F("revision") + 1, updated_by=person, updated_at=timezone.now())
        if not claimed:
            report.refresh_from_db()
            if not report.editable:
                raise ReportError("报表已报送，不能再修改；如需修改，请联系妇儿工委办公室退回。")
            raise ReportConflict(report, {k: vars(v) for k, v in entries.items()})
        lines = {line.project_id: line for line in report.lines.prefetch_related("values")}
        for project_id, entry in entries.items():
            line = lines.get(project_id)
            if line is None:
                continue
            line.measures, line.deadline, line.assessment = (
                entry.measures,
                entry.deadline[:60],
                entry.assessment,
            )
            line.save(update_fields=["measures", "deadline", "assessment"])
            for value in line.values.all():
                if not storable(
                    entry.values.get(value.target_id)
                ):  # every door parses figures; this is the last check
                    raise ReportError(
                        f"累计完成值无法保存：应为0到{figures.LARGEST_TEXT}之间、最多两位小数的数。"
                    )
                if value.target_id in entry.values and value.value != entry.values[value.target_id]:
                    value.value = entry.values[value.target_id]
                    value.save(update_fields=["value"])
    report.refresh_from_db()
    return report


def check_pdf(data: bytes) -> None:
    """A stamped PDF must really be a PDF (by content, not by name), not too large, of at most
    bounds.MAX_PDF_PAGES pages, and without active content.

    It is kept as uploaded (with its SHA-256) and opened by reviewers, so it is refused, never
    changed, when anything in it would act on opening, clicking or printing: JavaScript (/JS,
    /JavaScript), /Launch, /SubmitForm, /ImportData, /GoToR, /GoToE, multimedia, additional
    actions (/AA), an /OpenAction other than going to a page, embedded or attached files and
    XFA forms. Web links (/URI) and links within the file stay: Word writes one for any address
    in the text. pypdf reads every object, those in compressed object streams too, with name
    escapes decoded (/J#61vaScript is /JavaScript); see notice/pdf_objects.py. A PDF whose
    objects pypdf cannot read (damaged, or encrypted with a password) cannot be checked and is
    refused. Served back, every PDF is an attachment, never shown inline (views.stamped_pdf).
    """
    problem = pdf_objects.scan_problem(data, settings.SHISHI_MAX_PDF_BYTES, "盖章PDF", "盖章后的报表")
    if problem:
        raise ReportError(problem)


def attach_stamped_pdf(
    report: QuarterlyReport, person: Person, data: bytes, filename: str
) -> QuarterlyReport:
    """Keep the stamped PDF as uploaded. A failed upload leaves the draft as it was."""
    if not report.editable:
        raise ReportError("报表已报送，不能再更换盖章PDF。")
    check_pdf(data)
    sha256 = hashlib.sha256(data).hexdigest()
    stored = default_storage.save(
        f"stamped/{report.period.plan.year}/{uuid.uuid4().hex}.pdf", ContentFile(data)
    )
    try:
        with transaction.atomic():
            Plan.lock(periods__reports=report.pk)
            locked = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
            if not locked.editable:
                raise ReportError("报表已报送，不能再更换盖章PDF。")
            replaced = locked.stamped_pdf.name
            locked.stamped_pdf.name = stored
            locked.stamped_pdf_name = filename[:255]
            locked.stamped_pdf_sha256 = sha256
            locked.updated_by = person
            locked.save(
                update_fields=[
                    "stamped_pdf",
                    "stamped_pdf_name",
                    "stamped_pdf_sha256",
                    "updated_by",
                    "updated_at",
                ]
            )
    except BaseException:
        default_storage.delete(stored)  # no orphan file when the database refused
        raise
    if replaced and not ReportVersion.objects.filter(stamped_pdf=replaced).exists():
        # An unsubmitted draft's earlier upload, once the new one is committed: inside a caller's
        # transaction that rolls back, the draft still names the old file, which must still be there.
        transaction.on_commit(lambda: default_storage.delete(replaced))
    return locked


def submit_report(report: QuarterlyReport, person: Person, revision: int) -> ReportVersion:
    """Lock the report and freeze this version."""
    with transaction.atomic():
        Plan.lock(periods__reports=report.pk)
        locked = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
        if not locked.editable:
            raise ReportError("报表已经报送过了。")
        if locked.revision != revision:
            raise ReportConflict(locked, {})
        if not locked.stamped_pdf:
            raise ReportError("请先上传盖章PDF，再报送。")
        now = timezone.now()
        version = ReportVersion.objects.create(
            report=locked,
            number=locked.versions.count() + 1,
            content=content_of(locked),
            stamped_pdf=locked.stamped_pdf.name,
            stamped_pdf_name=locked.stamped_pdf_name,
            stamped_pdf_sha256=locked.stamped_pdf_sha256,
            submitted_at=now,
            submitted_by=person,
        )
        locked.state = State.SUBMITTED
        locked.submitted_at = now
        locked.first_submitted_at = locked.first_submitted_at or now
        locked.revision += 1
        locked.return_reason = ""
        locked.save()
        record(
            locked.period.plan.region,
            person,
            "submitted",
            f"{locked.unit}报送{locked.period}报表（第{version.number}版）",
            plan=locked.period.plan,
            report=locked,
        )
        _tell_coordinators(locked, version)
    return version


def _tell_coordinators(report: QuarterlyReport, version: ReportVersion) -> None:
    """Every active coordinator of the plan's region learns that a report came in, once per
    version: a retried submission tells no one twice, a resubmission after a return tells again."""
    plan = report.period.plan
    if version.number == 1:
        text = f"{report.unit}已报送{report.period}报表"
    else:
        text = f"{report.unit}已重新报送{report.period}报表（第{version.number}版）"
    notify(
        Person.objects.filter(role=Person.Role.COORDINATOR, region=plan.region, is_active=True),
        text,
        reverse("reporting:version", args=[report.pk, version.number]),
        key=f"report-submitted:{report.pk}:{version.number}",
        region=plan.region,
        subject="报表报送",
    )


def return_report(report: QuarterlyReport, person: Person, reason: str) -> QuarterlyReport:
    reason = clean_text(reason).strip()
    if not reason:
        raise ReportError("退回时请写明原因，填报单位才知道要改什么。")
    return _review(report, person, State.RETURNED, reason)


def accept_report(report: QuarterlyReport, person: Person) -> QuarterlyReport:
    return _review(report, person, State.ACCEPTED, "")


def _review(report: QuarterlyReport, person: Person, state: str, reason: str) -> QuarterlyReport:
    with transaction.atomic():
        Plan.lock(periods__reports=report.pk)
        locked = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
        if locked.state != State.SUBMITTED:
            raise ReportError("只有已报送、待审核的报表可以审核。")
        version = locked.versions.order_by("-number").first()
        version.outcome = (
            ReportVersion.Outcome.ACCEPTED if state == State.ACCEPTED else ReportVersion.Outcome.RETURNED
        )
        version.reviewed_at, version.reviewed_by, version.review_note = timezone.now(), person, reason
        version.save()
        locked.state, locked.return_reason = state, reason
        locked.revision += 1
        locked.save()
        verb, words = ("accepted", "通过") if state == State.ACCEPTED else ("returned", "退回")
        summary = f"{words}{locked.unit}{locked.period}报表" + (f"：{reason}" if reason else "")
        record(locked.period.plan.region, person, verb, summary, plan=locked.period.plan, report=locked)
        for clerk in locked.unit.people.filter(is_active=True):
            InAppNotice.objects.create(person=clerk, text=summary[:300], url=f"/reports/{locked.pk}/")
    return locked


def version_changes(before: dict | None, after: dict) -> list[dict]:
    """What changed from one submitted version to the next, line by line."""
    old = {line["project_id"]: line for line in (before or {"lines": []})["lines"]}
    changes = []
    for line in after["lines"]:
        previous = old.get(line["project_id"], {})
        for field, label in (
            ("measures", "具体措施及进度"),
            ("deadline", "完成时限"),
            ("assessment", "自评"),
        ):
            if previous.get(field, "") != line[field]:
                changes.append(
                    {
                        "title": line["title"],
                        "field": label,
                        "before": previous.get(field, ""),
                        "after": line[field],
                    }
                )
        earlier = {v["target_id"]: v["value"] for v in previous.get("values", [])}
        for value in line["values"]:
            if earlier.get(value["target_id"]) != value["value"]:
                changes.append(
                    {
                        "title": line["title"],
                        "field": value["indicator"],
                        "before": earlier.get(value["target_id"]) or "",
                        "after": value["value"] or "",
                    }
                )
    return changes
