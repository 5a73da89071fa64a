"""督办 pages for the supervision office and the unit clerk, and the year-end summary."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.directory.access import (
    can_answer_supervision,
    can_manage_plan,
    can_read_year_end,
    can_supervise,
    is_unit_clerk,
)
from shishi.directory.models import Unit
from shishi.plans.models import Period, Plan
from shishi.plans.shortcuts import plan_or_403

from .exports import UNITS_LEGEND, YearEndProjects, YearEndUnits
from .forms import CHOOSE, AnswerForm, IssueForm, YearEndTableForm
from .models import SupervisionNotice
from .services import SupervisionError, answer, close, issue, offers, year_end


def _plan(request, pk: int) -> Plan:
    return plan_or_403(request, pk)


@login_required
def plan_notices(request, pk: int, quarter: int):
    plan = _plan(request, pk)
    if not (can_supervise(request.user, plan) or can_manage_plan(request.user, plan)):
        raise PermissionDenied
    period = get_object_or_404(Period, plan=plan, quarter=quarter)
    today = timezone.localdate()
    error = None
    if request.method == "POST":
        if not can_supervise(request.user, plan):
            raise PermissionDenied
        form = IssueForm(request.POST)
        form.is_valid()
        if form.has_error("project") or form.has_error("unit"):
            error = CHOOSE
        else:
            project = get_object_or_404(plan.projects, pk=form.cleaned_data["project"])
            unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"])
            try:
                if form.has_error("reply_by"):
                    raise SupervisionError(form.errors["reply_by"][0])
                issue(
                    project,
                    unit,
                    period,
                    request.user,
                    form.cleaned_data["reason"],
                    form.cleaned_data["reply_by"],
                )
            except SupervisionError as exc:
                error = str(exc)
            else:
                messages.success(request, _("已向%(unit)s发出督办。") % {"unit": unit})
                return redirect("supervision:plan", plan.pk, quarter)
    notices = SupervisionNotice.objects.filter(project__plan=plan).select_related("project", "unit", "period")
    reply_by = today + datetime.timedelta(days=7)
    rows = []
    for offer in offers(plan, period, today) if can_supervise(request.user, plan) else []:
        typed = {
            "unit": str(offer.unit.pk) if offer.unit else "",
            "reason": offer.reason,
            "reply_by": reply_by.isoformat(),
        }
        if error and request.POST.get("project") == str(offer.project.pk):
            # The form refused: what was typed stays, to correct rather than retype.
            typed = {key: request.POST.get(key, "") for key in ("unit", "reason", "reply_by")}
            typed["refused"] = True  # its form is shown open
        rows.append((offer, typed))
    return render(
        request,
        "supervision/plan.html",
        {
            "plan": plan,
            "period": period,
            "periods": plan.periods.all(),
            "error": error,
            "offers": rows,
            "notices": notices,
            "can_supervise": can_supervise(request.user, plan),
        },
        status=400 if error else 200,
    )


@login_required
def mine(request):
    """The clerk's 督办 notices, to answer."""
    if not is_unit_clerk(request.user):
        raise PermissionDenied
    notices = SupervisionNotice.objects.filter(unit_id=request.user.unit_id).select_related(
        "project__plan", "period"
    )
    return render(request, "supervision/mine.html", {"notices": notices})


@login_required
@require_POST
def answer_notice(request, pk: int):
    notice = get_object_or_404(SupervisionNotice, pk=pk)
    if not can_answer_supervision(request.user, notice):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    form.is_valid()  # an empty answer is refused by the service, with its message
    try:
        answer(notice, request.user, form.cleaned_data["reply"])
    except SupervisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("答复已提交。"))
    return redirect("supervision:mine")


@login_required
@require_POST
def close_notice(request, pk: int):
    notice = get_object_or_404(SupervisionNotice.objects.select_related("project__plan", "period"), pk=pk)
    if not can_supervise(request.user, notice.project.plan):
        raise PermissionDenied
    try:
        close(notice, request.user)
    except SupervisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("督办已办结。"))
    return redirect("supervision:plan", notice.project.plan_id, notice.period.quarter)


@login_required
def year_end_page(request, pk: int):
    plan = _plan(request, pk)
    if not can_read_year_end(request.user, plan):
        raise PermissionDenied
    projects, units = year_end(plan, timezone.localdate())
    table = YearEndTableForm(request.GET).table()
    if table:
        exporter = YearEndProjects(plan, projects) if table == "projects" else YearEndUnits(plan, units)
        response = HttpResponse(
            exporter.to_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{exporter.filename}.xlsx")
        return response
    return render(
        request,
        "supervision/year_end.html",
        {"plan": plan, "projects": projects, "units": units, "units_legend": UNITS_LEGEND},
    )
