"""The progress form out (Word, Excel) and back in (upload → preview → confirm into the draft)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from shishi.directory.access import DRAFT, SUBMITTED, form_source, restricted_to_unit
from shishi.directory.models import Person, Unit
from shishi.history.services import record
from shishi.plans.models import Assignment, Period, Plan
from shishi.reporting.forms import MAX_MEASURES
from shishi.reporting.models import QuarterlyReport, ReportLine
from shishi.reporting.services import LineEntry, ReportConflict, ReportError, save_draft, start_report
from shishi.reporting.states import STATE_NAMES, report_state

from .matching import Candidate, Matching, RowMatch, match_rows
from .models import FormImport
from .progress import FormLine, ProgressForm, form_title
from .reading import FormError, FormRow, read_form

LOCKED = "报表已报送，不能再导入；如需修改，请联系妇儿工委办公室退回。"
FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "to_docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "to_xlsx"),
}


class DocumentError(Exception):
    """A form that cannot be read or imported; the message says why, for a person."""


# --- out -----------------------------------------------------------------------------------------


def title_of(plan: Plan) -> str:
    """The attachment's title as the notice wrote it (the parsed notice is never changed)."""
    parsed = plan.notice_file.parsed if plan.notice_file_id else None
    attachment = (parsed or {}).get("attachment") or {}
    return form_title(plan.year, plan.region.name, attachment.get("title"))


def _units_by_project(plan: Plan) -> dict[int, list[str]]:
    assignments = Assignment.objects.filter(project__plan=plan).select_related("unit")
    ordered = sorted(assignments, key=lambda a: (a.project_id, a.role != Assignment.Role.LEAD, a.order))
    units: dict[int, list[str]] = {}
    for assignment in ordered:
        units.setdefault(assignment.project_id, []).append(assignment.unit.name)
    return units


def blank_form(plan: Plan) -> ProgressForm:
    """The notice's attachment: every project with all its units, nothing filled in."""
    units = _units_by_project(plan)
    lines = [FormLine(p.seq, p.title, units.get(p.pk, [])) for p in plan.projects.order_by("seq")]
    title = title_of(plan)
    return ProgressForm(title, lines, filename=f"{title}（空白）")


def unit_form(period: Period, unit: Unit, source: str, today: datetime.date) -> ProgressForm:
    """The unit's form for the period, its projects filled with what it wrote: the report as it
    stands for the unit's own clerk (DRAFT), the latest submitted version for anyone else."""
    plan = period.plan
    units = _units_by_project(plan)
    report = QuarterlyReport.objects.filter(unit=unit, period=period).first()
    if source == DRAFT and report is not None:
        written = [
            (l.project.pk, l.project.seq, l.project.title, l.measures, l.deadline)
            for l in report.lines.select_related("project")
        ]
    elif source == DRAFT:  # not opened yet: the unit's projects, nothing written
        written = [
            (
                a.project.pk,
                a.project.seq,
                a.project.title,
                "",
                a.project.deadline.isoformat() if a.project.deadline else "",
            )
            for a in Assignment.objects.filter(unit=unit, project__plan=plan).select_related("project")
        ]
    elif (
        source == SUBMITTED
        and report is not None
        and (version := report.versions.order_by("-number").first())
    ):
        written = [
            (l["project_id"], l["seq"], l["title"], l["measures"], l["deadline"])
            for l in version.content["lines"]
        ]
    else:
        raise DocumentError("这份报表还没有报送过，没有可以下载的内容。")
    lines = [
        FormLine(seq, title, units.get(pk, []), measures, deadline)
        for pk, seq, title, measures, deadline in sorted(written, key=lambda w: w[1])
    ]
    title = title_of(plan)
    return ProgressForm(
        title,
        lines,
        unit_name=unit.name,
        filled_on=today,
        filename=f"{title}（第{period.quarter}季度·{unit.name}）",
    )


@dataclass
class UnitForm:
    unit: Unit
    report: QuarterlyReport | None
    state: str
    state_name: str
    source: str | None  # what this person may download, see rules.form_source


def unit_forms(person: Person, plan: Plan, period: Period, today: datetime.date) -> list[UnitForm]:
    """The units on the plan whose forms this person may look for: a clerk only their own."""
    units = list(
        {
            a.unit_id: a.unit
            for a in Assignment.objects.filter(project__plan=plan)
            .select_related("unit")
            .order_by("project__seq", "order")
        }.values()
    )
    own = restricted_to_unit(person)
    if own is not None:
        units = [u for u in units if u.pk == own]
    reports = {
        r.unit_id: r
        for r in QuarterlyReport.objects.filter(period=period).select_related("period__plan__region")
    }
    forms = []
    for unit in units:
        report = reports.get(unit.pk)
        state = report_state(report, period, today)
        source = form_source(person, report or QuarterlyReport(unit=unit, period=period))
        forms.append(UnitForm(unit, report, state, STATE_NAMES[state], source))
    return forms


# --- in ------------------------------------------------------------------------------------------


def read_upload(period: Period, person: Person, data: bytes, filename: str) -> FormImport:
    """Read the clerk's filled form and keep its rows for the preview. Nothing in the report
    changes here; a file that cannot be read leaves no trace at all."""
    report = QuarterlyReport.objects.filter(unit=person.unit, period=period).first()
    if report is not None and not report.editable:
        raise DocumentError(LOCKED)
    try:
        rows = read_form(data)
    except FormError as exc:
        raise DocumentError(str(exc)) from None
    too_long = next((row for row in rows if len(row.measures) > MAX_MEASURES), None)
    if too_long:
        raise DocumentError(f"表格第{too_long.number}行的进展情况超过{MAX_MEASURES}字，请精简后再上传。")
    report = report or start_report(person.unit, period)
    with transaction.atomic():
        # An earlier upload the clerk never confirmed is replaced by this one.
        FormImport.objects.filter(report=report, person=person, confirmed_at__isnull=True).delete()
        return FormImport.objects.create(
            report=report,
            person=person,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            revision=report.revision,
            rows=[row.to_dict() for row in rows],
        )


@dataclass
class PreviewLine:
    line: ReportLine
    match: RowMatch | None
    measures: str  # what the draft will have after confirming
    deadline: str

    @property
    def changed(self) -> bool:
        return (
            _same(self.measures) != _same(self.line.measures)
            or self.deadline.strip() != self.line.deadline.strip()
        )


@dataclass
class Preview:
    form_import: FormImport
    report: QuarterlyReport
    lines: list[PreviewLine]
    matching: Matching
    problem: str  # why it cannot be confirmed, or ""

    @property
    def changes(self) -> int:
        return sum(1 for line in self.lines if line.changed)


def preview_import(form_import: FormImport) -> Preview:
    """Each project of the report next to the row read for it; rows that go nowhere apart."""
    report = QuarterlyReport.objects.select_related("unit", "period__plan").get(pk=form_import.report_id)
    lines = list(report.lines.select_related("project").order_by("project__seq"))
    ours = {line.project_id for line in lines}
    candidates = [
        Candidate(p.pk, p.seq, p.title, p.pk in ours) for p in report.period.plan.projects.order_by("seq")
    ]
    matching = match_rows([FormRow.from_dict(row) for row in form_import.rows], candidates)
    previewed = []
    for line in lines:
        match = matching.matched.get(line.project_id)
        # An empty cell in the file keeps what the draft has: a form filled by hand often
        # leaves 完成时限 blank, and that must not wipe the draft's deadline.
        measures = match.row.measures if match and match.row.measures else line.measures
        deadline = match.row.deadline[:60] if match and match.row.deadline else line.deadline
        previewed.append(PreviewLine(line, match, measures, deadline))
    problem = ""
    if form_import.confirmed_at:
        problem = "这份文件已经导入过了。"
    elif not report.editable:
        problem = LOCKED
    elif report.revision != form_import.revision:
        problem = _STALE
    return Preview(form_import, report, previewed, matching, problem)


_STALE = (
    "上传文件之后，报表草稿又被修改并保存过：为免覆盖那次修改，这份文件不能再导入。请重新上传，核对后再确认。"
)


def confirm_import(form_import: FormImport, person: Person) -> tuple[QuarterlyReport, int]:
    """Write the previewed text into the draft through save_draft, at the revision the file was
    read against: a draft saved since is refused, not overwritten. Returns the report and how
    many lines changed."""
    if form_import.person_id != person.pk:
        raise DocumentError("只能确认自己上传的文件。")
    preview = preview_import(form_import)
    if preview.problem:
        raise DocumentError(preview.problem)
    entries = {
        item.line.project_id: LineEntry(
            measures=item.measures, deadline=item.deadline, assessment=item.line.assessment, values={}
        )
        for item in preview.lines
        if item.changed
    }
    report = preview.report
    try:
        with transaction.atomic():
            claimed = FormImport.objects.filter(pk=form_import.pk, confirmed_at__isnull=True).update(
                confirmed_at=timezone.now()
            )
            if not claimed:
                raise DocumentError("这份文件已经导入过了。")
            if entries:
                report = save_draft(report, person, form_import.revision, entries)
            record(
                report.period.plan.region,
                person,
                "edited",
                f"{report.unit}从文件“{form_import.filename}”导入{report.period}报表草稿（更新{len(entries)}项）",
                plan=report.period.plan,
                report=report,
            )
    except ReportConflict:
        raise DocumentError(_STALE) from None
    except ReportError as exc:
        raise DocumentError(str(exc)) from None
    return report, len(entries)


def _same(text: str) -> str:
    """Text as compared for a change: a browser's \\r\\n and trailing spaces are not a change."""
    return "\n".join(
        line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ).strip()
