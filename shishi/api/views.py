"""Pages: exports and their background jobs, bulk update of figures, a person's API tokens."""

from __future__ import annotations

from pathlib import Path

import ninja
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from shishi.bounds import as_id, as_quarter
from shishi.directory.access import can_manage_plan, plans_visible_to
from shishi.plans.models import Plan
from shishi.plans.shortcuts import plan_or_403

from . import jobs
from .bulk import MAX_BYTES, BulkUpdateError, update_figures
from .exports import FORMATS, TABLES, ExportError, render as render_table, table_for
from .models import ExportJob
from .tokens import TokenError, create_token, revoke_token

KINDS = [(kind, table.label) for kind, table in TABLES.items()]


def _plan(request, pk: int) -> Plan:
    return plan_or_403(request, pk)


def _download(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# -- exports ------------------------------------------------------------------------------------


@login_required
def exports(request):
    plans = list(plans_visible_to(request.user).select_related("region").order_by("-year", "region__path", "pk"))
    return render(request, "api/exports.html", {
        "plans": [(plan, can_manage_plan(request.user, plan)) for plan in plans],
        "kinds": KINDS, "formats": list(FORMATS),
        "jobs": ExportJob.objects.filter(person=request.user)[:10],
    })


@login_required
def export_plan(request, pk: int, kind: str, fmt: str):
    """One plan's table, made while the person waits: a plan is small."""
    plan = _plan(request, pk)
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
    plan_id = as_id(request.POST.get("plan"))
    plan = _plan(request, plan_id) if plan_id else None
    try:
        job = jobs.start_export(request.user, request.POST.get("kind", ""), request.POST.get("format", ""), plan)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("api:exports")
    return redirect("api:job", job.pk)


def _own_job(request, pk: int) -> ExportJob:
    """Only the person who asked may see a job or download its file: it holds what *they* may read."""
    job = get_object_or_404(ExportJob, pk=pk, person=request.user)
    return jobs.current(job)


@login_required
def job(request, pk: int):
    job = _own_job(request, pk)
    return render(request, "api/job.html", {"job": job, "label": TABLES[job.kind].label})


@login_required
@never_cache
def job_status(request, pk: int):
    """The progress fragment the job page polls every second until the job has finished."""
    return render(request, "api/_job_status.html", {"job": _own_job(request, pk)})


@login_required
def job_file(request, pk: int):
    job = _own_job(request, pk)
    if job.state != ExportJob.State.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename,
                        content_type=FORMATS.get(job.format, "application/octet-stream"))


# -- bulk update of figures ----------------------------------------------------------------------


@login_required
def bulk(request, pk: int):
    plan = _plan(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise BulkUpdateError([_("请选择要上传的CSV文件。")])
            # Reading one byte past the limit is enough for the service to refuse a file that is too large.
            result = update_figures(plan, request.user, upload.read(MAX_BYTES + 1))
        except BulkUpdateError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("已更新%(figures)s个累计完成值，涉及%(reports)s份报表（其中新建%(created)s份）。") % {
                "figures": result.figures, "reports": result.reports, "created": result.created})
            return redirect("api:bulk", plan.pk)
    return render(request, "api/bulk.html", {"plan": plan, "periods": plan.periods.all(), "errors": errors},
                  status=400 if errors else 200)


# -- API tokens ---------------------------------------------------------------------------------------


@login_required
@never_cache
def tokens(request):
    new_token = None
    error = ""
    if request.method == "POST":
        try:
            token, new_token = create_token(request.user, request.POST.get("name", ""))
        except TokenError as exc:
            error = str(exc)
    # The new token is shown in this response only (never stored, never redirected with).
    return render(request, "api/tokens.html", {
        "tokens": request.user.api_tokens.all(), "new_token": new_token, "error": error,
    }, status=400 if error else 200)


@login_required
@require_POST
def token_revoke(request, pk: int):
    try:
        token = revoke_token(request.user, pk)
    except TokenError as exc:
        raise Http404 from exc
    messages.success(request, _("令牌“%(name)s”已停用。") % {"name": token.name})
    return redirect("api:tokens")


# -- the API documentation's assets ---------------------------------------------------------------

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
DOCS_ASSETS = {
    "swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript", "favicon.svg": "image/svg+xml", "favicon.png": "image/png",
}


def docs_asset(request, name: str):
    """Swagger UI's files from django-ninja's package: ninja is not an installed app, so the static
    files finders do not see them, and the documentation must work without a CDN."""
    if name not in DOCS_ASSETS:
        raise Http404
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=DOCS_ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
