"""The progress form as Word and Excel files: download pages, the upload, its preview and confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.directory.access import can_download_blank_form, can_import_form, form_source
from shishi.directory.models import Unit
from shishi.plans.models import Period, Plan
from shishi.plans.shortcuts import plan_or_403
from shishi.reporting.models import QuarterlyReport

from .forms import FilledFormUpload
from .models import FormImport
from .reading import MAX_BYTES
from .services import (
    FORMATS,
    DocumentError,
    blank_form,
    confirm_import,
    preview_import,
    read_upload,
    title_of,
    unit_form,
    unit_forms,
)


def _plan(request, pk: int) -> Plan:
    return plan_or_403(request, pk, related=("region", "notice_file"))


def _period(plan: Plan, quarter: int) -> Period:
    return get_object_or_404(
        Period.objects.select_related("plan__region", "plan__notice_file"), plan=plan, quarter=quarter
    )


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


def _file(exporter, fmt: str) -> HttpResponse:
    content_type, method = FORMATS[fmt]
    response = HttpResponse(getattr(exporter, method)(), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{exporter.filename}.{fmt}")
    return response


@login_required
def index(request):
    """Every plan this person may see, each pointing at its forms for the current quarter."""
    today = timezone.localdate()
    plans = Plan.objects.visible_to(request.user).select_related("region").prefetch_related("periods")
    plans = list(plans.order_by("-year", "region__path"))
    rows = [(plan, current.quarter if (current := plan.current_period(today)) else 1) for plan in plans]
    return render(request, "documents/index.html", {"rows": rows})


@login_required
def forms(request, pk: int, quarter: int):
    plan = _plan(request, pk)
    period = _period(plan, quarter)
    forms = unit_forms(request.user, plan, period, timezone.localdate())
    own = next(
        (
            f
            for f in forms
            if can_import_form(request.user, f.report or QuarterlyReport(unit=f.unit, period=period))
        ),
        None,
    )
    return render(
        request,
        "documents/forms.html",
        {
            "plan": plan,
            "period": period,
            "periods": plan.periods.all(),
            "title": title_of(plan),
            "forms": forms,
            "own": own,
        },
    )


@login_required
def blank(request, pk: int, fmt: str):
    fmt = _format(fmt)
    plan = _plan(request, pk)
    if not can_download_blank_form(request.user, plan):
        raise PermissionDenied
    return _file(blank_form(plan), fmt)


@login_required
def unit_file(request, pk: int, quarter: int, unit_pk: int, fmt: str):
    fmt = _format(fmt)
    plan = _plan(request, pk)
    period = _period(plan, quarter)
    unit = get_object_or_404(Unit.objects.filter(assignments__project__plan=plan).distinct(), pk=unit_pk)
    report = QuarterlyReport.objects.filter(unit=unit, period=period).select_related("period__plan").first()
    source = form_source(request.user, report or QuarterlyReport(unit=unit, period=period))
    if source is None:
        raise PermissionDenied
    try:
        return _file(unit_form(period, unit, source), fmt)
    except DocumentError:
        raise Http404 from None


@login_required
@require_POST
def upload(request, pk: int, quarter: int):
    plan = _plan(request, pk)
    period = _period(plan, quarter)
    person = request.user
    unit = Unit.objects.filter(pk=person.unit_id, assignments__project__plan=plan).distinct().first()
    if unit is None or not can_import_form(person, QuarterlyReport(unit=unit, period=period)):
        raise PermissionDenied
    form = FilledFormUpload(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise DocumentError(form.errors["form"][0])
        upload = form.cleaned_data["form"]
        # Never more than the limit into memory: one byte over is enough for read_form to refuse.
        form_import = read_upload(period, person, upload.read(MAX_BYTES + 1), upload.name)
    except DocumentError as exc:
        for message in (str(exc), *exc.details):
            messages.error(request, message)
        return redirect("documents:forms", plan.pk, period.quarter)
    return redirect("documents:preview", form_import.pk)


def _own_import(request, pk: int) -> FormImport:
    """An upload only its clerk may see or confirm; another's id is as good as unknown."""
    form_import = get_object_or_404(
        FormImport.objects.select_related("report__unit", "report__period__plan"), pk=pk, person=request.user
    )
    if not can_import_form(request.user, form_import.report):
        raise Http404
    return form_import


@login_required
def preview(request, pk: int):
    form_import = _own_import(request, pk)
    return render(request, "documents/preview.html", {"preview": preview_import(form_import)})


@login_required
@require_POST
def confirm(request, pk: int):
    form_import = _own_import(request, pk)
    try:
        report, changed = confirm_import(form_import, request.user)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:preview", form_import.pk)
    messages.success(request, _("已导入，更新了%(n)s项实事的内容。请核对后保存或报送。") % {"n": changed})
    return redirect("reporting:report", report.pk)
