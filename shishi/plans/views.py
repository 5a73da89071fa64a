"""Plans: the list, importing a notice, a plan's overview. Views only call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shishi.directory.access import can_manage_plan, can_manage_region, regions_visible_to
from shishi.directory.models import Unit

from .amend import amend_project, targets_with_figures
from .amend_forms import project_formsets
from .forms import (
    OP_CHOICES,
    ImportForm,
    NoticeCorrections,
    OriginForm,
    PreviewActionForm,
    messages_of,
)
from .lifecycle import archive_plan, unarchive_plan, withdraw_plan, withdrawal_blockers
from .matching import PRESELECT_SCORE, match_units
from .models import NoticeFile, Plan, Project
from .origin import notice_origin
from .services import PlanError, confirm_import, discard_notice, read_notice_upload, save_corrections


@login_required
def plan_list(request):
    """The plans in use; `?show=archived` lists the archived ones (已归档) instead."""
    archived = request.GET.get("show") == "archived"
    plans = Plan.objects.visible_to(request.user)
    plans = (
        (plans.archived() if archived else plans.in_use())
        .select_related("region")
        .annotate(project_count=Count("projects", distinct=True))
        .order_by("-year", "region__path")
    )
    return render(request, "plans/list.html", {"plans": plans, "archived": archived})


def _manageable_regions(person):
    return [region for region in regions_visible_to(person) if can_manage_region(person, region)]


@login_required
def import_notice(request):
    regions = _manageable_regions(request.user)
    if not regions:
        raise PermissionDenied
    error = None
    form = ImportForm(regions, request.POST or None, request.FILES or None)
    if request.method == "POST":
        valid = form.is_valid()
        if form.cleaned_data.get("region") is None:
            raise PermissionDenied  # a region this person does not manage
        data, filename = form.notice() if valid else (b"", "")
        try:
            if not valid:
                raise PlanError(messages_of(form)[0])
            if not data:
                raise PlanError(_("请选择通知文件，或把通知全文粘贴到文本框中。"))
            notice_file = read_notice_upload(form.cleaned_data["region"], request.user, data, filename)
        except PlanError as exc:
            error = str(exc)
        else:
            if hasattr(notice_file, "plan"):
                messages.info(request, _("这份通知已经导入过，已为您打开对应的实事计划。"))
                return redirect("plans:detail", notice_file.plan.pk)
            return redirect("plans:preview", notice_file.pk)
    return render(
        request,
        "plans/import.html",
        {"regions": regions, "form": form, "error": error},
        status=400 if error else 200,
    )


@login_required
def preview(request, pk: int):
    notice_file = get_object_or_404(NoticeFile.objects.select_related("region"), pk=pk)
    if not can_manage_region(request.user, notice_file.region):
        raise PermissionDenied
    if hasattr(notice_file, "plan"):
        return redirect("plans:detail", notice_file.plan.pk)
    corrections = NoticeCorrections(notice_file.draft, request.POST if request.method == "POST" else None)
    origin_form = OriginForm(request.POST if request.method == "POST" else None)
    today = timezone.localdate()
    errors: list[str] = []
    if request.method == "POST":
        if corrections.is_valid():
            draft, choices = corrections.corrected_draft(), corrections.unit_choices()
            save_corrections(notice_file, draft)
            if PreviewActionForm(request.POST).confirms():
                try:
                    plan = confirm_import(
                        notice_file,
                        request.user,
                        choices,
                        other_region_acknowledged=origin_form.acknowledged(),
                        today=today,
                    )
                except PlanError as exc:
                    errors = [str(exc)]
                else:
                    messages.success(request, _("已创建实事计划：%(title)s") % {"title": plan.title})
                    return redirect("plans:detail", plan.pk)
            else:
                messages.success(request, _("校对内容已保存。"))
            # The saved draft afresh: a new target is a row of its own now, a deleted one is gone.
            corrections = NoticeCorrections(draft, unit_choices=choices)
        else:
            errors = corrections.errors
    context = {
        "notice_file": notice_file,
        "corrections": corrections,
        "origin": notice_origin(notice_file, notice_file.draft, today),
        "origin_form": origin_form,
        "warnings": notice_warnings(notice_file.parsed.get("warnings", [])),
        "matches": _unit_matches(notice_file.region, corrections),
        "errors": errors,
        "op_choices": OP_CHOICES,
    }
    return render(request, "plans/preview.html", context, status=400 if errors else 200)


def _unit_matches(region, corrections: NoticeCorrections) -> list:
    """Each unit name with the directory's units to choose from, the chosen one selected."""
    region_units = list(Unit.objects.filter(region=region).order_by("name"))
    choices = corrections.unit_choices()
    matches = match_units(region, corrections.unit_names)
    for index, match in enumerate(matches):
        match.field = f"unit-{index}"
        chosen = choices.get(match.name) or (f"unit:{match.unit.pk}" if match.unit else "")
        if not chosen and match.suggestions and match.suggestions[0][1] >= PRESELECT_SCORE:
            # 县教育体育局 for 县教育和体育局 (92): offered chosen, still confirmed by the person.
            chosen = f"unit:{match.suggestions[0][0].pk}"
        match.suggested = [
            (f"unit:{u.pk}", f"{u.name}（相似度{score}）", chosen == f"unit:{u.pk}")
            for u, score in match.suggestions
        ]
        suggested = {value for value, _, _ in match.suggested}
        match.options = [
            (value, u.name, chosen == value and value not in suggested)
            for u in region_units
            for value in [f"unit:{u.pk}"]
        ]
        match.create_new = chosen == "new"
    return matches


@login_required
def detail(request, pk: int):
    plan = get_object_or_404(Plan.objects.select_related("region", "notice_file"), pk=pk)
    if not Plan.objects.visible_to(request.user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    projects = plan.projects.prefetch_related("targets", "assignments__unit").order_by("seq")
    can_manage = can_manage_plan(request.user, plan)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "projects": projects,
            "periods": plan.periods.all(),
            "can_manage": can_manage,
            "can_withdraw": can_manage and not withdrawal_blockers(plan),
        },
    )


def notice_warnings(warnings: list[dict]) -> list[dict]:
    """The reader's warnings, each said once: a unit spelt two ways in a project is also a
    mismatch between the body and the attachment (第10项责任单位不一致 …), so the two are
    shown as one line, and a message repeated word for word is shown once."""
    variants = {w.get("project"): w for w in warnings if w.get("code") == "unit-variant"}
    shown: list[dict] = []
    seen: set[str] = set()
    for warning in warnings:
        message = warning.get("message", "")
        if warning.get("code") == "unit-variant" and warning.get("project") in {
            w.get("project") for w in warnings if w.get("code") == "attachment-units-mismatch"
        }:
            continue  # said with its mismatch below
        if warning.get("code") == "attachment-units-mismatch" and warning.get("project") in variants:
            message = f"{message}{variants[warning['project']]['message']}"
        if message not in seen:
            seen.add(message)
            shown.append({**warning, "message": message})
    return shown


def _managed_plan(request, pk: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("region", "notice_file"), pk=pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    return plan


@login_required
@require_POST
def cancel_import(request, pk: int):
    """Leave the preview without making a plan: the uploaded notice is discarded."""
    notice_file = get_object_or_404(NoticeFile.objects.select_related("region"), pk=pk)
    if not can_manage_region(request.user, notice_file.region):
        raise PermissionDenied
    if hasattr(notice_file, "plan"):
        return redirect("plans:detail", notice_file.plan.pk)
    discard_notice(notice_file, request.user)
    messages.info(request, _("已取消导入，没有建立实事计划。"))
    return redirect("plans:import")


@login_required
def withdraw(request, pk: int):
    """The confirmation page of a withdrawal, and the withdrawal itself."""
    plan = _managed_plan(request, pk)
    if request.method == "POST":
        try:
            withdraw_plan(plan, request.user)
        except PlanError as exc:
            messages.error(request, str(exc))
            return redirect("plans:detail", plan.pk)
        messages.success(request, _("已撤回《%(title)s》，原通知文件保留。") % {"title": plan.title})
        return redirect("plans:list")
    return render(
        request,
        "plans/withdraw.html",
        {"plan": plan, "blockers": withdrawal_blockers(plan), "project_count": plan.projects.count()},
    )


@login_required
@require_POST
def archive(request, pk: int):
    plan = _managed_plan(request, pk)
    if plan.archived:
        unarchive_plan(plan, request.user)
        messages.success(request, _("已取消归档，计划重新出现在计划列表中。"))
    else:
        archive_plan(plan, request.user)
        messages.success(request, _("已归档：计划和报表都保留，可在计划列表的“已归档”中查看。"))
    return redirect("plans:detail", plan.pk)


@login_required
def edit_project(request, pk: int, project_pk: int):
    """Change a project's targets and responsible units mid-year."""
    plan = _managed_plan(request, pk)
    project = get_object_or_404(Project, plan=plan, pk=project_pk)
    units = list(Unit.objects.filter(region=plan.region).order_by("name"))
    targets, team = project_formsets(project, units, request.POST if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST":
        if targets.is_valid() and team.is_valid():
            try:
                changes = amend_project(project, request.user, targets.changes(), team.changes())
            except PlanError as exc:
                errors = [str(exc)]
            else:
                if changes:
                    messages.success(
                        request, _("已保存%(count)d处修改，已通知相关责任单位。") % {"count": len(changes)}
                    )
                else:
                    messages.info(request, _("没有改动。"))
                return redirect("plans:detail", plan.pk)
        else:
            errors = _formset_messages(targets) + _formset_messages(team)
    return render(
        request,
        "plans/edit_project.html",
        {
            "plan": plan,
            "project": project,
            "targets": targets,
            "team": team,
            "errors": errors,
            "reported": targets_with_figures(project),
        },
        status=400 if errors else 200,
    )


def _formset_messages(formset) -> list[str]:
    found = list(formset.non_form_errors())
    for form in formset.forms:
        for message in messages_of(form):
            if message not in found:
                found.append(message)
    return found
