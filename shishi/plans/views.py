"""Plans: the list, importing a notice, a plan's overview. Views only call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from shishi.bounds import as_id
from shishi.directory.access import can_manage_plan, can_manage_region, plans_visible_to, regions_visible_to
from shishi.directory.models import Unit

from .matching import match_units
from .models import NoticeFile, Plan
from .services import PlanError, apply_corrections, confirm_plan, draft_unit_names, read_notice_upload

OP_CHOICES = [(">=", "≥"), ("=", "="), ("<=", "≤"), ("~", "≈")]


@login_required
def plan_list(request):
    plans = (
        plans_visible_to(request.user)
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
    if request.method == "POST":
        region = next((r for r in regions if str(r.pk) == request.POST.get("region", str(regions[0].pk))), None)
        if region is None:
            raise PermissionDenied  # a region this person does not manage
        upload = request.FILES.get("file")
        pasted = request.POST.get("text", "").strip()
        if upload:
            data, filename = upload.read(), upload.name
        elif pasted:
            data, filename = pasted.encode("utf-8"), "粘贴的通知.txt"
        else:
            data, filename = b"", ""
        try:
            if not data:
                raise PlanError(_("请选择通知文件，或把通知全文粘贴到文本框中。"))
            notice_file = read_notice_upload(region, request.user, data, filename)
        except PlanError as exc:
            error = str(exc)
        else:
            if hasattr(notice_file, "plan"):
                messages.info(request, _("这份通知已经导入过，已为您打开对应的实事计划。"))
                return redirect("plans:detail", notice_file.plan.pk)
            return redirect("plans:preview", notice_file.pk)
    return render(request, "plans/import.html", {"regions": regions, "error": error}, status=400 if error else 200)


@login_required
def preview(request, pk: int):
    notice_file = get_object_or_404(NoticeFile.objects.select_related("region"), pk=pk)
    if not can_manage_region(request.user, notice_file.region):
        raise PermissionDenied
    if hasattr(notice_file, "plan"):
        return redirect("plans:detail", notice_file.plan.pk)
    errors: list[str] = []
    choices = {}
    draft = notice_file.draft
    if request.method == "POST":
        draft, errors = apply_corrections(notice_file, request.POST)
        names = draft_unit_names(draft)
        choices = {name: _unit_choice(request.POST.get(f"unit-{index}", "")) for index, name in enumerate(names)}
        if not errors and request.POST.get("action") == "confirm":
            try:
                plan = confirm_plan(notice_file, request.user, choices)
            except PlanError as exc:
                errors = [str(exc)]
            else:
                messages.success(request, _("已创建实事计划：%(title)s") % {"title": plan.title})
                return redirect("plans:detail", plan.pk)
        elif not errors:
            messages.success(request, _("校对内容已保存。"))
    region_units = list(Unit.objects.filter(region=notice_file.region).order_by("name"))
    matches = match_units(notice_file.region, draft_unit_names(draft))
    for index, match in enumerate(matches):
        match.field = f"unit-{index}"
        chosen = choices.get(match.name) or (f"unit:{match.unit.pk}" if match.unit else "")
        match.suggested = [(f"unit:{u.pk}", f"{u.name}（相似度{score}）", chosen == f"unit:{u.pk}") for u, score in match.suggestions]
        suggested = {value for value, _, _ in match.suggested}
        match.options = [
            (value, u.name, chosen == value and value not in suggested)
            for u in region_units
            for value in [f"unit:{u.pk}"]
        ]
        match.create_new = chosen == "new"
    projects = [
        {**project, "key": f"p-{i}", "rows": [{**t, "key": f"p-{i}-t-{j}"} for j, t in enumerate(project["targets"])]}
        for i, project in enumerate(draft["projects"])
    ]
    context = {
        "notice_file": notice_file,
        "draft": draft,
        "projects": projects,
        "warnings": notice_file.parsed.get("warnings", []),
        "matches": matches,
        "errors": errors,
        "op_choices": OP_CHOICES,
    }
    return render(request, "plans/preview.html", context, status=400 if errors else 200)


def _unit_choice(choice: str) -> str:
    """The unit chosen for a name: "new", "unit:<id>", or "" (none), also for an id that is no id."""
    if choice == "new" or (choice.startswith("unit:") and as_id(choice[5:]) is not None):
        return choice
    return ""


@login_required
def detail(request, pk: int):
    plan = get_object_or_404(Plan.objects.select_related("region", "notice_file"), pk=pk)
    if not plans_visible_to(request.user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    projects = plan.projects.prefetch_related("targets", "assignments__unit").order_by("seq")
    return render(request, "plans/detail.html", {
        "plan": plan,
        "projects": projects,
        "periods": plan.periods.all(),
        "can_manage": can_manage_plan(request.user, plan),
    })

