"""The unit clerk's pages (this quarter, the form, the implementation plan) and the review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.directory.access import (
    can_manage_plan,
    can_read_report,
    can_read_unit_ledger,
    can_write_ledger,
    can_write_report,
    is_unit_clerk,
)
from shishi.directory.models import Person
from shishi.plans.forms import messages_of
from shishi.plans.models import Assignment, Period
from shishi.plans.shortcuts import plan_or_403

from .bulk import MAX_BYTES, BulkUpdateError, update_figures
from .forms import BulkUploadForm, ImplementationPlanForm, ReportForm, ReviewForm, StampedPdfForm
from .ledger import LedgerConflict, LedgerError, save_implementation_plan
from .models import ImplementationPlan, QuarterlyReport, ReportLine, ReportVersion
from .services import (
    ReportConflict,
    ReportError,
    accept_report,
    attach_stamped_pdf,
    content_of,
    report_to_fill,
    return_report,
    save_draft,
    submit_report,
    version_changes,
)
from .states import clerk_quarters


def _reporter(request) -> Person:
    if not is_unit_clerk(request.user):
        raise PermissionDenied
    return request.user


def _report(request, pk: int) -> QuarterlyReport:
    report = get_object_or_404(QuarterlyReport.objects.select_related("unit", "period__plan__region"), pk=pk)
    if not can_read_report(request.user, report):
        raise PermissionDenied
    return report


def _own_report(request, pk: int) -> QuarterlyReport:
    """A report the signed-in clerk may write: their own unit's."""
    report = _report(request, pk)
    if not can_write_report(request.user, report):
        raise PermissionDenied
    return report


@login_required
def quarter(request):
    """This quarter, for the clerk: the unit's plans, what is due when, and the state of each report."""
    person = _reporter(request)
    today = timezone.localdate()
    rows = clerk_quarters(person.unit_id, today)
    assignments = (
        Assignment.objects.filter(unit=person.unit, project__plan__year__gte=today.year - 1)
        .select_related("project__plan")
        .order_by("-project__plan__year", "project__seq")
    )
    return render(
        request, "reporting/quarter.html", {"rows": rows, "assignments": assignments, "today": today}
    )


@login_required
@require_POST
def open_report(request, period_pk: int):
    person = _reporter(request)
    period = get_object_or_404(
        Period.objects.filter(plan__projects__assignments__unit=person.unit).distinct(), pk=period_pk
    )
    try:
        report = report_to_fill(person.unit, period, timezone.localdate())
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:quarter")
    return redirect("reporting:report", report.pk)


def _lines(report) -> list[ReportLine]:
    return list(report.lines.select_related("project").prefetch_related("values__target"))


def _form_context(report, person, data=None, **extra):
    """The page of the report; `data`, what was posted, fills the form again so nothing typed is lost."""
    lines = _lines(report)
    form = ReportForm(lines, data)
    for line in lines:  # each line's fields, for the template
        key = f"line-{line.project_id}"
        line.measures_field, line.deadline_field = form[f"{key}-measures"], form[f"{key}-deadline"]
        line.assessment_field = form[f"{key}-assessment"]
        for value in line.values.all():
            value.field = form[f"value-{value.target_id}"]
    versions = list(report.versions.select_related("submitted_by"))
    return {
        "report": report,
        "lines": lines,
        "versions": versions,
        "writable": can_write_report(person, report) and report.editable,
        "can_review": can_manage_plan(person, report.period.plan)
        and report.state == QuarterlyReport.State.SUBMITTED,
        "assessments": ReportLine.Assessment.choices,
        **extra,
    }


@login_required
def report(request, pk: int):
    """The report: for its unit's clerk the form, which posts back to this same address (so that
    the address bar never holds a page that cannot be opened again); for anyone else the latest
    submitted version."""
    if request.method == "POST":
        return _save(request, _own_report(request, pk))
    report = _report(request, pk)
    if not can_write_report(request.user, report):
        # Coordinators and leaders read what was submitted, never a draft.
        latest = report.versions.order_by("-number").first()
        if latest is None:
            raise Http404
        return redirect("reporting:version", report.pk, latest.number)
    return render(request, "reporting/report.html", _form_context(report, request.user))


@login_required
def save(request, pk: int):
    """Where the form posted before it posted to the report's own address (a page opened before
    still does): a POST saves; a GET (a refresh of that address) opens the report."""
    report = _own_report(request, pk)
    if request.method != "POST":
        return redirect("reporting:report", report.pk)
    return _save(request, report)


def _save(request, report):
    """Save what was typed, then upload or submit as the button pressed says. On success, always a
    redirect to the report (post-redirect-get); on a refusal the page again, holding every field
    as typed, at the revision the database holds."""
    form = ReportForm(_lines(report), request.POST, request.FILES)
    errors = [] if form.is_valid() else form.messages()
    # A browser cannot give a chosen file back to a page: say so when one was not kept.
    file_dropped = (
        _("所选的盖章PDF文件没有上传，请改正后重新选择。") if request.FILES.get("stamped_pdf") else None
    )
    if not errors:
        try:
            # "Save and submit" is one step: a server that dies between the two leaves neither.
            with transaction.atomic():
                report = save_draft(report, request.user, form.cleaned_data["revision"], form.entries())
                # The stamped PDF's field is in this form, so that what was typed is saved with it.
                upload = form.cleaned_data["stamped_pdf"]
                if upload is not None:
                    report = attach_stamped_pdf(report, request.user, upload.read(), upload.name)
                    messages.success(request, _("盖章PDF已上传。"))
                elif form.cleaned_data["then"] == "upload":
                    messages.error(request, _("请选择盖章后的PDF文件。"))
                if form.cleaned_data["then"] == "submit":
                    return _submit(request, report)
        except ReportConflict as conflict:
            context = _form_context(
                conflict.report,
                request.user,
                request.POST,
                conflict=True,
                theirs=content_of(conflict.report),
                errors=[file_dropped] if file_dropped else [],
            )
            return render(request, "reporting/report.html", context, status=409)
        except ReportError as exc:
            # Nothing of this save was kept (one transaction), so the form goes on from the revision
            # the database holds, not the one the rolled-back save reached: else the clerk's next
            # save would be taken for someone else's edit.
            report.refresh_from_db()
            errors = [str(exc), _("本次填写的内容尚未保存，已保留在下面的表格中，请改正后再保存。")]
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("reporting:report", report.pk)
    elif file_dropped:
        errors.append(file_dropped)
    # Show the form again with what was typed, so nothing is lost.
    context = _form_context(report, request.user, request.POST, errors=errors)
    return render(request, "reporting/report.html", context, status=400)


def _submit(request, report):
    try:
        version = submit_report(report, request.user, report.revision)
    except ReportError as exc:
        messages.success(request, _("草稿已保存。"))  # what was typed is kept, only not sent
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已报送（第%(n)s版）。") % {"n": version.number})
    return redirect("reporting:report", report.pk)


@login_required
@require_POST
def upload_pdf(request, pk: int):
    report = _own_report(request, pk)
    form = StampedPdfForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ReportError(form.errors["stamped_pdf"][0])
        upload = form.cleaned_data["stamped_pdf"]
        attach_stamped_pdf(report, request.user, upload.read(), upload.name)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("盖章PDF已上传。"))
    return redirect("reporting:report", report.pk)


@login_required
def stamped_pdf(request, pk: int):
    report = _report(request, pk)
    if not can_write_report(request.user, report) or not report.stamped_pdf:
        raise Http404
    return _download(report.stamped_pdf, report.stamped_pdf_name or "stamped.pdf", "application/pdf")


def _download(stored, filename: str, content_type: str | None = None) -> FileResponse:
    """A stored upload, always saved rather than shown: a file someone uploaded never runs in
    the browser's PDF viewer (or as a page) on our origin, whatever it holds."""
    try:
        opened = stored.open("rb")
    except FileNotFoundError:  # the row outlived its file (restored from an older backup, a lost volume)
        raise Http404(_("文件已不在存储中，请联系系统管理员。")) from None
    response = FileResponse(opened, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def review(request, pk: int):
    report = _report(request, pk)
    if not can_manage_plan(request.user, report.period.plan):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()  # the decision falls back to a return, which needs a reason: nothing else to refuse
    try:
        if form.cleaned_data["decision"] == "accept":
            accept_report(report, request.user)
            messages.success(request, _("已通过。"))
        else:
            return_report(report, request.user, form.cleaned_data["reason"])
            messages.success(request, _("已退回，填报单位会收到通知。"))
    except ReportError as exc:
        messages.error(request, str(exc))
    latest = report.versions.order_by("-number").first()
    return redirect("reporting:version", report.pk, latest.number if latest else 1)


@login_required
def version(request, pk: int, number: int):
    report = _report(request, pk)
    versions = list(report.versions.select_related("submitted_by", "reviewed_by"))
    current = next((v for v in versions if v.number == number), None)
    if current is None:
        raise Http404
    previous = next((v for v in versions if v.number == number - 1), None)
    return render(
        request,
        "reporting/version.html",
        {
            "report": report,
            "version": current,
            "versions": versions,
            "changes": version_changes(previous.content if previous else None, current.content)
            if previous
            else [],
            "can_review": can_manage_plan(request.user, report.period.plan)
            and report.state == QuarterlyReport.State.SUBMITTED
            and current.number == versions[-1].number,
            "can_write": can_write_report(request.user, report),
        },
    )


@login_required
def version_pdf(request, pk: int, number: int):
    report = _report(request, pk)
    current = get_object_or_404(ReportVersion, report=report, number=number)
    return _download(current.stamped_pdf, current.stamped_pdf_name or f"v{number}.pdf", "application/pdf")


@login_required
def ledger(request, assignment_pk: int):
    """The unit's implementation plan for one project (制定实施方案，明确责任科室、责任人)."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("unit", "project__plan"), pk=assignment_pk
    )
    if not can_read_unit_ledger(request.user, assignment):
        raise PermissionDenied
    writable = can_write_ledger(request.user, assignment)
    if writable:
        item, _created = ImplementationPlan.objects.get_or_create(assignment=assignment)
    else:
        item = ImplementationPlan.objects.filter(assignment=assignment).first()
    context = {
        "assignment": assignment,
        "item": item,
        "writable": writable,
        "revision": item.revision if item else 0,
    }
    if request.method == "POST":
        if not writable:
            raise PermissionDenied
        form = ImplementationPlanForm(request.POST, request.FILES, instance=item)
        valid = form.is_valid()
        revision = form.cleaned_data["revision"]  # a RevisionField is never refused: a mangled one is stale
        try:
            if not valid:
                raise LedgerError("".join(messages_of(form)))
            save_implementation_plan(item, request.user, revision, form.values(), form.upload())
        except LedgerConflict as conflict:
            # Their version beside the form, which holds what this clerk typed, to merge and save
            # against the revision now saved.
            context |= {
                "item": form.as_typed(conflict.saved),
                "theirs": conflict.saved,
                "revision": conflict.saved.revision,
                "conflict": True,
                "file_dropped": bool(form.cleaned_data.get("file")),
            }
            return render(request, "reporting/ledger.html", context, status=409)
        except LedgerError as exc:
            messages.error(request, str(exc))
            # Shown again as typed, not saved, still against the revision the form was opened at.
            context |= {"item": form.as_typed(item), "revision": revision}
            return render(request, "reporting/ledger.html", context, status=400)
        messages.success(request, _("实施方案已保存。"))
        return redirect("reporting:ledger", assignment.pk)
    return render(request, "reporting/ledger.html", context)


@login_required
def ledger_file(request, pk: int):
    item = get_object_or_404(ImplementationPlan.objects.select_related("assignment__project__plan"), pk=pk)
    if not can_read_unit_ledger(request.user, item.assignment) or not item.file:
        raise Http404
    return _download(item.file, item.file.name.rsplit("/", 1)[-1])


# -- bulk update of figures (bulk.py) --------------------------------------------------------------


@login_required
def bulk(request, pk: int):
    """The coordinator types the units' figures in from a spreadsheet: all of it, or none of it."""
    plan = plan_or_403(request, pk, can_manage_plan)
    errors = []
    if request.method == "POST":
        form = BulkUploadForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise BulkUpdateError(messages_of(form))
            # Reading one byte past the limit is enough for the service to refuse a file that is too large.
            result = update_figures(plan, request.user, form.cleaned_data["file"].read(MAX_BYTES + 1))
        except BulkUpdateError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("已更新%(figures)s个累计完成值，涉及%(reports)s份报表（其中新建%(created)s份）。")
                % {"figures": result.figures, "reports": result.reports, "created": result.created},
            )
            return redirect("reporting:bulk", plan.pk)
    return render(
        request,
        "reporting/bulk.html",
        {"plan": plan, "periods": plan.periods.all(), "errors": errors},
        status=400 if errors else 200,
    )
