"""Plans: the list, importing a notice, a plan's overview. Views only call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from shishi.directory.access import can_manage_plan, can_manage_region, regions_visible_to
from shishi.directory.models import Unit

from .forms import OP_CHOICES, ImportForm, NoticeCorrections, PreviewActionForm, messages_of
from .matching import match_units
from .models import NoticeFile, Plan
from .services import PlanError, confirm_plan, read_notice_upload, save_corrections


@login_required
def plan_list(request):
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("region")
        .annotate(project_count=Count("projects", distinct=True))
        .order_by("-year", "region__path")
    )
    return render(request, "plans/list.html", {"plans": plans})


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
    errors: list[str] = []
    if request.method == "POST":
        if corrections.is_valid():
            draft, choices = corrections.corrected_draft(), corrections.unit_choices()
            save_corrections(notice_file, draft)
            if PreviewActionForm(request.POST).confirms():
                try:
                    plan = confirm_plan(notice_file, request.user, choices)
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
        "warnings": notice_file.parsed.get("warnings", []),
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
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "projects": projects,
            "periods": plan.periods.all(),
            "can_manage": can_manage_plan(request.user, plan),
        },
    )
