"""Bulletins of a plan: the list, a draft preview, issuing, and downloading what was issued."""

from __future__ import annotations

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
from shishi.plans.models import Period, Plan
from shishi.plans.shortcuts import plan_or_403

from .forms import IssueForm
from .models import Bulletin
from .services import DOCX, BulletinError, issue_bulletin, open_bulletin, preview_bulletin
from .snapshot import default_title, quarter_name


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
    plan = _plan(request, pk)
    today = timezone.localdate()
    can_manage = can_manage_plan(request.user, plan)
    periods = (
        [
            {
                "period": period,
                "name": quarter_name(period.quarter),
                "title": default_title(plan, period),
                "started": period.is_open(today),
            }
            for period in plan.periods.all()
        ]
        if can_manage
        else []
    )
    return render(
        request,
        "bulletins/plan.html",
        {
            "plan": plan,
            "bulletins": plan.bulletins.select_related("period", "issued_by"),
            "periods": periods,
            "can_manage": can_manage,
            "next_number": (plan.bulletins.aggregate(last=Max("number"))["last"] or 0) + 1,
        },
    )


@login_required
def preview(request, pk: int, quarter: int):
    plan, period = _managed_period(request, pk, quarter)
    try:
        draft = preview_bulletin(plan, period)
    except BulletinError as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:plan", plan.pk)
    return _docx(draft.data, draft.filename)


@login_required
@require_POST
def issue(request, pk: int, quarter: int):
    plan, period = _managed_period(request, pk, quarter)
    form = IssueForm(request.POST)
    form.is_valid()  # a title is optional; the service bounds its length
    try:
        bulletin = issue_bulletin(plan, period, request.user, form.cleaned_data["title"])
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
