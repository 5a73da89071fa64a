"""Bulletins of a plan: the list, a draft preview (a page, and the .docx), issuing, and
downloading what was issued."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.directory.access import can_manage_plan, can_read_bulletins, may_read_bulletins
from shishi.gbt9704 import chinese_date
from shishi.plans.models import Period, Plan
from shishi.plans.shortcuts import plan_or_403

from .document import attachment_title, chart_png, number_line, parts
from .forms import IssueForm
from .models import Bulletin
from .services import (
    DOCX,
    BulletinError,
    draft_snapshot,
    issue_bulletin,
    next_issue,
    open_bulletin,
    preview_bulletin,
)
from .snapshot import default_copies_to, default_title, quarter_name
from .tables import MergedLinesExporter, PrintedTable, merged_rows


def _plan(request, pk: int) -> Plan:
    return plan_or_403(request, pk, can_read_bulletins)


def _managed_period(request, pk: int, quarter: int) -> tuple[Plan, Period]:
    plan = _plan(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    return plan, get_object_or_404(Period, plan=plan, quarter=quarter)


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _issuing(plan: Plan, period: Period, today) -> dict:
    """What the page offers for a quarter: its preview, and issuing it (or correcting it)."""
    upcoming = next_issue(plan, period)
    form = IssueForm(
        initial={"title": default_title(plan, period), "copies_to": default_copies_to(plan)},
        correcting=bool(upcoming.correction),
    )
    return {
        "period": period,
        "name": quarter_name(period.quarter),
        "started": period.is_open(today),
        "next": upcoming,
        "form": form,
    }


@login_required
def index(request):
    plans = Plan.objects.none()
    if may_read_bulletins(request.user):
        plans = (
            Plan.objects.visible_to(request.user)
            .select_related("region")
            .annotate(bulletin_count=Count("bulletins"), last_issued=Max("bulletins__issued_at"))
            .order_by("-year", "region__path")
        )
    return render(request, "bulletins/index.html", {"plans": plans})


@login_required
def plan_bulletins(request, pk: int):
    return _plan_page(request, _plan(request, pk))


def _plan_page(request, plan: Plan, refused: tuple[Period, IssueForm] | None = None):
    """The plan's bulletins; `refused`: a quarter whose issue form came back with errors, shown
    again with what was typed."""
    today = timezone.localdate()
    can_manage = can_manage_plan(request.user, plan)
    periods = [_issuing(plan, period, today) for period in plan.periods.all()] if can_manage else []
    for item in periods:
        if refused and item["period"] == refused[0]:
            item["form"] = refused[1]
    return render(
        request,
        "bulletins/plan.html",
        {
            "plan": plan,
            "bulletins": plan.bulletins.select_related("period", "issued_by"),
            "periods": periods,
            "can_manage": can_manage,
        },
    )


@login_required
def draft(request, pk: int, quarter: int):
    """The quarter's bulletin as it would be issued now, on a page laid out like the print."""
    plan, period = _managed_period(request, pk, quarter)
    try:
        snapshot = draft_snapshot(plan, period)
    except BulletinError as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:plan", plan.pk)
    return render(
        request,
        "bulletins/draft.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "number_line": number_line(snapshot),
            "date": chinese_date(snapshot["date"]),
            "parts": parts(snapshot),
            "chart": base64.b64encode(chart_png(snapshot)).decode("ascii"),
            "attachment_title": attachment_title(snapshot),
            "columns": PrintedTable.columns,
            "rows": merged_rows(
                MergedLinesExporter(snapshot["table"]).rows(),
                {project["seq"]: project["light"]["colour"] for project in snapshot["projects"]},
            ),
            "issuing": _issuing(plan, period, timezone.localdate()),
        },
    )


@login_required
def preview(request, pk: int, quarter: int):
    """The draft as a .docx to download: nothing is stored, no number is taken."""
    plan, period = _managed_period(request, pk, quarter)
    try:
        draft_ = preview_bulletin(plan, period)
    except BulletinError as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:plan", plan.pk)
    return _docx(draft_.data, draft_.filename)


@login_required
@require_POST
def issue(request, pk: int, quarter: int):
    plan, period = _managed_period(request, pk, quarter)
    form = IssueForm(request.POST, correcting=bool(next_issue(plan, period).correction))
    if not form.is_valid():
        return _plan_page(request, plan, (period, form))
    data = form.cleaned_data
    try:
        bulletin = issue_bulletin(
            plan,
            period,
            request.user,
            data["title"],
            reason=data["reason"],
            copies_to=data["copies_to"] or None,
        )
    except BulletinError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已印发调度通报%(label)s，可下载存档文件。") % {"label": bulletin.label})
    return redirect("bulletins:plan", plan.pk)


@login_required
def download(request, pk: int):
    bulletin = get_object_or_404(Bulletin.objects.select_related("plan__region"), pk=pk)
    if not can_read_bulletins(request.user, bulletin.plan):
        raise PermissionDenied
    try:
        data = open_bulletin(bulletin)
    except BulletinError as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:plan", bulletin.plan_id)
    return _docx(data, bulletin.filename)
