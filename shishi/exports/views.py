"""Pages: a plan's tables downloaded at once, and everything a person sees made in the background."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from shishi.bounds import as_quarter
from shishi.directory.access import can_manage_plan
from shishi.plans.models import Plan
from shishi.plans.shortcuts import plan_or_403

from . import jobs
from .forms import ExportForm
from .models import ExportJob
from .tables import FORMATS, TABLES, ExportError, table_for
from .tables import render as render_table

KINDS = [(kind, table.label) for kind, table in TABLES.items()]


def _download(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def index(request):
    plans = list(
        Plan.objects.visible_to(request.user).select_related("region").order_by("-year", "region__path", "pk")
    )
    return render(
        request,
        "exports/index.html",
        {
            "plans": [(plan, can_manage_plan(request.user, plan)) for plan in plans],
            "kinds": KINDS,
            "formats": list(FORMATS),
            "jobs": ExportJob.objects.filter(person=request.user)[:10],
        },
    )


@login_required
def export_plan(request, pk: int, kind: str, fmt: str):
    """One plan's table, made while the person waits: a plan is small."""
    plan = plan_or_403(request, pk)
    if kind not in TABLES or fmt not in FORMATS:
        raise Http404
    try:
        table = table_for(request.user, kind, plan, quarter=as_quarter(request.GET.get("quarter")))
        data = render_table(table, fmt)
    except ExportError as exc:
        raise PermissionDenied(str(exc)) from exc
    return _download(data, f"{table.filename}.{fmt}", fmt)


@login_required
@require_POST
def job_start(request):
    """Everything the person sees, made in the background (jobs.py)."""
    form = ExportForm(request.POST)
    form.is_valid()  # every field has a default; start_export names a kind or format it does not know
    plan_id = form.cleaned_data.get("plan")
    plan = plan_or_403(request, plan_id) if plan_id else None
    try:
        job = jobs.start_export(request.user, form.cleaned_data["kind"], form.cleaned_data["format"], plan)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("exports:index")
    return redirect("exports:job", job.pk)


def _own_job(request, pk: int) -> ExportJob:
    """Only the person who asked may see a job or download its file: it holds what *they* may read."""
    job = get_object_or_404(ExportJob, pk=pk, person=request.user)
    return jobs.current(job)


@login_required
def job(request, pk: int):
    job = _own_job(request, pk)
    return render(request, "exports/job.html", {"job": job, "label": TABLES[job.kind].label})


@login_required
@never_cache
def job_status(request, pk: int):
    """The progress fragment the job page polls every second until the job has finished."""
    return render(request, "exports/_job_status.html", {"job": _own_job(request, pk)})


@login_required
def job_file(request, pk: int):
    job = _own_job(request, pk)
    if job.state != ExportJob.State.DONE or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=FORMATS.get(job.format, "application/octet-stream"),
    )
