"""The progress form out (Word, Excel) and back in (upload → preview → confirm into the draft)."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from shishi.directory.access import DRAFT, SUBMITTED, form_source, restricted_to_unit
from shishi.directory.models import Person, Unit
from shishi.history.services import record
from shishi.plans.models import Assignment, Period, Plan, Project, Target
from shishi.reporting.forms import MAX_MEASURES, ReportForm
from shishi.reporting.models import QuarterlyReport, ReportLine, ReportVersion, TargetValue
from shishi.reporting.services import LineEntry, ReportConflict, ReportError, save_draft, start_report
from shishi.reporting.states import STATE_NAMES, report_state

from .matching import Candidate, Matching, RowMatch, match_rows, normalize_title
from .models import FormImport
from .progress import Figure, FormLine, ProgressForm, form_title, written_figures
from .reading import FormError, FormRow, read_form

LOCKED = "报表已报送，不能再导入；如需修改，请联系妇儿工委办公室退回。"
FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "to_docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "to_xlsx"),
}


class DocumentError(Exception):
    """A form that cannot be read or imported; the message says why, for a person, and
    `details` lists what to correct (each bad figure, naming its project and target)."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.details = details or []


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


def _plan_figures(project: Project) -> list[Figure]:
    """The project's targets, nothing reported (the blank form, a report not opened yet)."""
    return [Figure(t.indicator, t.goal, t.unit_of_measure) for t in project.targets.all()]


def _line_figures(line: ReportLine) -> list[Figure]:
    """The figures of a draft's line: the targets the report form shows, with their values."""
    values = sorted(line.values.all(), key=lambda v: v.target.seq)
    return [Figure(v.target.indicator, v.target.goal, v.target.unit_of_measure, v.value) for v in values]


def _version_figures(line: dict, targets: dict[int, Target]) -> list[Figure]:
    """The figures of a submitted version's line, as frozen then; the goal from the plan."""
    figures = []
    for value in line.get("values", []):
        target = targets.get(value["target_id"])
        figures.append(
            Figure(
                value["indicator"],
                target.goal if target else "",
                value["unit"],
                None if value["value"] is None else Decimal(value["value"]),
            )
        )
    return figures


def blank_form(plan: Plan) -> ProgressForm:
    """The notice's attachment: every project with all its units and targets, nothing filled in."""
    units = _units_by_project(plan)
    lines = [
        FormLine(p.seq, p.title, units.get(p.pk, []), figures=_plan_figures(p))
        for p in plan.projects.order_by("seq").prefetch_related("targets")
    ]
    title = title_of(plan)
    return ProgressForm(title, lines, filename=f"{title}（空白）")


def unit_form(period: Period, unit: Unit, source: str) -> ProgressForm:
    """The unit's form for the period, its projects filled with what it wrote and the figures it
    reported: the report as it stands for the unit's own clerk (DRAFT), the latest submitted
    version for anyone else (SUBMITTED).

    填报时间 is the date the printed version was submitted. A draft's is left blank for a pen:
    the draft is what the clerk prints, stamps and uploads before submitting it, so no date
    printed today would be right (and "未报送" would end up on the stamped PDF)."""
    plan = period.plan
    units = _units_by_project(plan)
    report = QuarterlyReport.objects.filter(unit=unit, period=period).first()
    latest = report.versions.order_by("-number").first() if report is not None else None
    submitted: ReportVersion | None = None
    if source == DRAFT and report is not None:
        lines = [
            FormLine(
                l.project.seq,
                l.project.title,
                units.get(l.project_id, []),
                l.measures,
                l.deadline,
                _line_figures(l),
            )
            for l in report.lines.select_related("project").prefetch_related("values__target")
        ]
        # A report submitted or accepted is locked: its lines are the latest version's.
        submitted = latest if not report.editable else None
    elif source == DRAFT:  # not opened yet: the unit's projects, nothing written
        lines = [
            FormLine(
                a.project.seq,
                a.project.title,
                units.get(a.project_id, []),
                deadline=a.project.deadline.isoformat() if a.project.deadline else "",
                figures=_plan_figures(a.project),
            )
            for a in Assignment.objects.filter(unit=unit, project__plan=plan)
            .select_related("project")
            .prefetch_related("project__targets")
        ]
    elif source == SUBMITTED and latest is not None:
        written = latest.content["lines"]
        targets = Target.objects.in_bulk({v["target_id"] for line in written for v in line.get("values", [])})
        lines = [
            FormLine(
                l["seq"],
                l["title"],
                units.get(l["project_id"], []),
                l["measures"],
                l["deadline"],
                _version_figures(l, targets),
            )
            for l in written
        ]
        submitted = latest
    else:
        raise DocumentError("这份报表还没有报送过，没有可以下载的内容。")
    title = title_of(plan)
    return ProgressForm(
        title,
        sorted(lines, key=lambda line: line.seq),
        unit_name=unit.name,
        submitted_on=timezone.localtime(submitted.submitted_at).date() if submitted else None,
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


FIGURES_WRONG = (
    "文件中有累计完成值填写有误，文件没有导入，报表草稿也没有任何改动。请在文件中改正下列数值后重新上传："
)


def read_upload(period: Period, person: Person, data: bytes, filename: str) -> FormImport:
    """Read the clerk's filled form and keep its rows for the preview. Nothing in the report
    changes here; a file that cannot be read, or whose figures the report form would refuse,
    leaves no trace at all (an earlier upload waiting for its confirmation stays)."""
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
    too_long = next((row for row in rows if len(row.figures) > MAX_MEASURES), None)
    if too_long:
        raise DocumentError(f"表格第{too_long.number}行的量化指标栏超过{MAX_MEASURES}字，请精简后再上传。")
    with transaction.atomic():
        # Opened here, so that a file refused for its figures does not leave a report opened.
        report = report or start_report(person.unit, period)
        # An earlier upload the clerk never confirmed is replaced by this one.
        FormImport.objects.filter(report=report, person=person, confirmed_at__isnull=True).delete()
        form_import = FormImport.objects.create(
            report=report,
            person=person,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            revision=report.revision,
            rows=[row.to_dict() for row in rows],
        )
        errors = preview_import(form_import).errors
        if errors:  # raised inside the transaction: the deletion above is undone too
            raise DocumentError(FIGURES_WRONG, errors)
    return form_import


@dataclass
class PreviewFigure:
    value: TargetValue  # the draft's, with its target
    after: Decimal | None  # what the draft will have after confirming
    typed: bool  # the file gives a figure for it

    @property
    def changed(self) -> bool:
        return self.after != self.value.value


@dataclass
class PreviewLine:
    line: ReportLine
    match: RowMatch | None
    measures: str  # what the draft will have after confirming
    deadline: str
    figures: list[PreviewFigure] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return (
            _same(self.measures) != _same(self.line.measures)
            or self.deadline.strip() != self.line.deadline.strip()
            or any(figure.changed for figure in self.figures)
        )


@dataclass
class Preview:
    form_import: FormImport
    report: QuarterlyReport
    lines: list[PreviewLine]
    matching: Matching
    problem: str  # why it cannot be confirmed, or ""
    errors: list[str] = field(default_factory=list)  # figures the report form refuses

    @property
    def changes(self) -> int:
        return sum(1 for line in self.lines if line.changed)


def preview_import(form_import: FormImport) -> Preview:
    """Each project of the report next to the row read for it; rows that go nowhere apart."""
    report = QuarterlyReport.objects.select_related("unit", "period__plan").get(pk=form_import.report_id)
    lines = list(
        report.lines.select_related("project").prefetch_related("values__target").order_by("project__seq")
    )
    ours = {line.project_id for line in lines}
    candidates = [
        Candidate(p.pk, p.seq, p.title, p.pk in ours) for p in report.period.plan.projects.order_by("seq")
    ]
    matching = match_rows([FormRow.from_dict(row) for row in form_import.rows], candidates)
    previewed, errors = [], []
    for line in lines:
        match = matching.matched.get(line.project_id)
        # An empty cell in the file keeps what the draft has: a form filled by hand often
        # leaves 完成时限 blank, and that must not wipe the draft's deadline.
        measures = match.row.measures if match and match.row.measures else line.measures
        deadline = match.row.deadline[:60] if match and match.row.deadline else line.deadline
        figures, wrong = _figures_read(line, match.row.figures if match else "")
        previewed.append(PreviewLine(line, match, measures, deadline, figures))
        errors += wrong
    problem = ""
    if form_import.confirmed_at:
        problem = "这份文件已经导入过了。"
    elif not report.editable:
        problem = LOCKED
    elif report.revision != form_import.revision:
        problem = _STALE
    elif errors:
        problem = FIGURES_WRONG
    return Preview(form_import, report, previewed, matching, problem, errors)


def _figures_read(line: ReportLine, text: str) -> tuple[list[PreviewFigure], list[str]]:
    """The line's figures after confirming, from its cell of the figures column, and what is
    wrong with them. Each written line is taken for the target it names (or, when the names were
    retyped beyond recognition, for the target in its place if the lines and targets are as
    many); the figure after 完成, without the unit of measure, then goes through the report
    form's own fields, so that the file is held to the rules and messages of the web form."""
    values = sorted(line.values.all(), key=lambda v: v.target.seq)
    by_name = {normalize_title(v.target.indicator): v for v in values}
    written = written_figures(text)
    typed: dict[int, str] = {}
    errors = []
    for index, figure in enumerate(written):
        value = by_name.get(normalize_title(figure.indicator)) if figure.indicator else None
        if value is None and len(written) == len(values):
            value = values[index]
        if value is None:
            if re.search(r"\d", figure.value):  # a figure for no target; a mere note is let be
                name = figure.indicator or figure.value
                errors.append(
                    f"“{line.project.title}”没有名为“{name}”的量化指标：请按下载的报表填写，"
                    "每个指标一行，如“新改扩建幼儿园：目标6所，完成4所”。"
                )
            continue
        unit = value.target.unit_of_measure
        number = figure.value.removesuffix(unit).strip() if unit else figure.value
        if number:
            typed.setdefault(value.target_id, number)
    form = ReportForm([line], {f"value-{target}": number for target, number in typed.items()}, partial=True)
    if not form.is_valid():
        return [PreviewFigure(v, v.value, False) for v in values], errors + form.messages()
    return [
        PreviewFigure(v, form.cleaned_data[f"value-{v.target_id}"], True)
        if v.target_id in typed
        else PreviewFigure(v, v.value, False)  # left empty in the file: the draft's figure stays
        for v in values
    ], errors


_STALE = (
    "上传文件之后，报表草稿又被修改并保存过：为免覆盖那次修改，这份文件不能再导入。请重新上传，核对后再确认。"
)


def confirm_import(form_import: FormImport, person: Person) -> tuple[QuarterlyReport, int]:
    """Write the previewed text and figures into the draft through save_draft, at the revision
    the file was read against: a draft saved since is refused, not overwritten. Returns the
    report and how many lines changed."""
    if form_import.person_id != person.pk:
        raise DocumentError("只能确认自己上传的文件。")
    preview = preview_import(form_import)
    if preview.problem:
        raise DocumentError(preview.problem, preview.errors)
    entries = {
        item.line.project_id: LineEntry(
            measures=item.measures,
            deadline=item.deadline,
            assessment=item.line.assessment,
            values={figure.value.target_id: figure.after for figure in item.figures},
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
