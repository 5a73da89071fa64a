"""The public pages (no log-in) and the coordinator's page to write, approve and publish.

The public pages never look at the session or the user: they are rendered without the request
(no context processors), so Django adds no `Vary: Cookie` and sets no cookie, and any cache in
front may keep them. Each answer carries Cache-Control, an ETag and Last-Modified; a repeat
visit with If-None-Match / If-Modified-Since gets 304. The rendered page is kept in the cache
under the plan's last change, so publishing, approving or a new report shows at once.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from shishi.bounds import as_quarter, as_year
from shishi.directory.access import can_manage_plan
from shishi.plans.models import Period, Plan, Project
from shishi.plans.shortcuts import plan_or_403
from shishi.reporting.models import QuarterlyReport, ReportLine
from shishi.selection.models import plan_links

from .forms import PublishForm, StatementForm
from .models import PublicStatement
from .page import build_page, last_change
from .services import (
    PublicError,
    approve_statement,
    publish_plan,
    save_statement,
    unpublish_plan,
    withdraw_statement,
)

MAX_AGE = 300  # seconds a browser or a proxy may reuse a public page without asking
SERVER_CACHE_SECONDS = 24 * 3600  # keyed by the last change, so never stale; this only bounds memory


# -- public ----------------------------------------------------------------------------------


@require_safe
def index(request, elder: bool = False):
    """One year's published plans (the latest, or ?year=), with links to the other years: a
    province publishes some 150 plans a year, and a page of every year would only grow."""
    published = Plan.objects.filter(published=True)
    years = list(published.order_by("-year").values_list("year", flat=True).distinct())
    asked = as_year(request.GET.get("year"))
    year = asked if asked in years else (years[0] if years else None)
    plans = list(
        published.filter(year=year)
        .order_by("region__path", "title")
        .values_list("pk", "region__name", "title")
    )
    # The rendered page is kept under a digest of what it lists: a province's 150-odd plans take a
    # link each to render, and the list changes only when a plan is published, withdrawn or renamed.
    listed = hashlib.sha256(repr((plans, year, years)).encode()).hexdigest()
    key = f"public:index:{int(elder)}:{get_language()}:{listed}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "public/index.html", {"plans": plans, "year": year, "years": years, "elder": elder}
        )
        cache.set(key, html, SERVER_CACHE_SECONDS)
    return _cacheable(request, html, None)


@require_safe
def plan_page(request, pk: int, elder: bool = False):
    quarter = as_quarter(request.GET.get("q"))
    now = timezone.now()
    # One query when the page is in the cache: the plan itself is read only to render it.
    changed = last_change(Plan.objects.filter(pk=pk, published=True), now)
    if changed is None:
        raise Http404
    # The exact time, not the header's whole seconds: two changes within a second are two pages.
    key = f"public:plan:{pk}:{quarter}:{int(elder)}:{get_language()}:{changed.isoformat()}"
    html = cache.get(key)
    if html is None:
        plan = get_object_or_404(
            Plan.objects.select_related("region").prefetch_related("periods"), pk=pk, published=True
        )
        page = build_page(plan, quarter, timezone.localdate(now))
        html = render_to_string("public/plan.html", {"plan": plan, "page": page, "elder": elder})
        cache.set(key, html, SERVER_CACHE_SECONDS)
    return _cacheable(request, html, changed)


def _cacheable(request, html: str, changed) -> HttpResponse:
    etag = quote_etag(hashlib.sha256(html.encode()).hexdigest()[:32])
    timestamp = int(changed.timestamp()) if changed else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(html)
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


# -- the coordinator's page ------------------------------------------------------------------


def _managed(request, pk: int) -> Plan:
    return plan_or_403(request, pk, can_manage_plan)


@login_required
def manage(request, pk: int, quarter: int | None = None, *, posted: dict | None = None, status: int = 200):
    """Publish or unpublish the plan; write and approve each project's text for a quarter.
    `posted` (project id → {text, findings}) re-shows a refused approval with what was found."""
    plan = _managed(request, pk)
    prefetch_related_objects([plan], "periods")
    periods = list(plan.periods.all())
    period = plan.period(quarter) or plan.latest_ended_period(timezone.localdate())
    statements = {s.project_id: s for s in PublicStatement.objects.filter(period=period, project__plan=plan)}
    projects = list(plan.projects.order_by("seq").prefetch_related("assignments"))
    references = _accepted_lead_measures(projects, period)
    posted = posted or {}
    items = []
    for project in projects:
        statement = statements.get(project.pk)
        mine = posted.get(project.pk, {})
        items.append(
            {
                "project": project,
                "statement": statement,
                "text": mine.get("text", statement.text if statement else ""),
                "findings": mine.get("findings", []),
                "reference": references.get(project.pk, ""),
            }
        )
    return render(
        request,
        "public/manage.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "items": items,
            # A project of a voted plan that could not be matched to its candidate shows no origin.
            "link_warnings": plan_links(plan).warnings,
        },
        status=status,
    )


def _accepted_lead_measures(projects: list[Project], period: Period) -> dict[int, str]:
    """What the lead unit (`Project.lead_unit`) wrote in its accepted report: a starting point,
    shown only to the coordinator."""
    lead_of = {project.pk: lead.unit_id for project in projects if (lead := project.lead_assignment)}
    lines = ReportLine.objects.filter(
        project__in=list(lead_of),
        report__period=period,
        report__state=QuarterlyReport.State.ACCEPTED,
    ).values_list("project_id", "report__unit_id", "measures")
    return {
        project_id: measures
        for project_id, unit_id, measures in lines
        if measures and lead_of[project_id] == unit_id
    }


@login_required
@require_POST
def statement(request, pk: int, quarter: int, project_pk: int):
    plan = _managed(request, pk)
    period = get_object_or_404(Period, plan=plan, quarter=quarter)
    project = get_object_or_404(plan.projects, pk=project_pk)
    form = StatementForm(request.POST)
    form.is_valid()  # every field has a default; what the text may hold is the service's to say
    action, text = form.cleaned_data["action"], form.cleaned_data["text"]
    try:
        if action == "approve":
            approve_statement(project, period, request.user, text, form.confirmed_findings())
            messages.success(request, _("第%(seq)s项的说明已审核公开。") % {"seq": project.seq})
        elif action == "withdraw":
            withdraw_statement(project, period, request.user)
            messages.success(request, _("第%(seq)s项的说明已撤回，公开页面不再显示。") % {"seq": project.seq})
        else:
            save_statement(project, period, request.user, text)
            messages.success(request, _("第%(seq)s项的说明已保存（尚未公开）。") % {"seq": project.seq})
    except PublicError as exc:
        messages.error(request, str(exc))
        return manage(
            request,
            plan.pk,
            quarter,
            posted={project.pk: {"text": text, "findings": exc.findings}},
            status=400,
        )
    return redirect(reverse("public:manage_quarter", args=[plan.pk, quarter]) + f"#project-{project.pk}")


@login_required
@require_POST
def publish(request, pk: int):
    plan = _managed(request, pk)
    form = PublishForm(request.POST)
    form.is_valid()
    if form.cleaned_data["action"] == "unpublish":
        unpublish_plan(plan, request.user)
        messages.success(request, _("已停止公开，公开页面不再显示这个计划。"))
    else:
        publish_plan(plan, request.user)
        messages.success(request, _("已向社会公开。"))
    return redirect("public:manage", plan.pk)
