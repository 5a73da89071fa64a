"""The REST API at /api/ (OpenAPI documentation at /api/docs), for other systems.

A request carries `Authorization: Bearer <token>` (tokens are made at /api/tokens/) and acts with
its person's rights, as directory/access.py says: it reads the plans, projects, targets and
periods the person sees and the reports the person may read (a unit's drafts only with the
unit's own tokens: everyone else gets the last submitted version). A unit's clerk can save the
draft, upload the stamped PDF and submit, through reporting/services.py like the web form,
with the same optimistic `revision`: a save or submit based on a stale revision gets 409.

Errors are JSON `{"detail": "…"}` in Chinese. A report the person may not read answers 404,
exactly like one that does not exist, so guessing ids tells nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from shishi.directory.access import can_read_report, can_write_report, is_unit_clerk
from shishi.directory.models import Person
from shishi.exports.tables import plain
from shishi.oversight.board import build_board
from shishi.oversight.lights import rule_text
from shishi.plans.models import Period, Plan, Target
from shishi.reporting.forms import ReportForm
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.rules import readable_reports, visible_content
from shishi.reporting.services import (
    ReportConflict,
    ReportError,
    attach_stamped_pdf,
    content_of,
    report_to_fill,
    save_draft,
    submit_report,
)
from shishi.reporting.states import LATE

from . import schemas as s
from .selection import router as selection_router
from .tokens import authenticate

# -- authentication, documentation, errors ------------------------------------------------------


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return authenticate(token.strip())


class LocalSwagger(DocsBase):
    """Swagger UI from django-ninja's own copy, served by this app: no CDN (county networks often
    have no internet) and no inline script (the CSP forbids it)."""

    def render_page(self, request, api, **kwargs):
        options = {"url": reverse("api:rest:openapi-json"), "layout": "BaseLayout", "deepLinking": True}
        return render(request, "api/docs.html", {"api": api, "swagger_settings": options})


class ReadableJSON(JSONRenderer):
    """UTF-8 as it is: an integrator reading a response sees 县财政局, not \\u53bf\\u8d22\\u653f\\u5c40."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="实事 API",
    version="1",
    description=(
        "请求时在请求头中加入 `Authorization: Bearer <令牌>`（令牌在“接口令牌”页面 /api/tokens/ 创建），"
        "令牌与其所属人员的权限相同：可读取本人可查看的计划、实事、指标、季度和报表。"
        "报表的草稿只有本单位的令牌可以读取，其他人员读到的是最近报送的版本。\n\n"
        "责任单位填报员的令牌可以保存草稿、上传盖章PDF并报送，规则与网页填报相同："
        "保存和报送时带上读取时的 `revision`，"
        "报表在此之后被他人修改则返回409，不会覆盖。\n\n"
        '出错时返回 JSON `{"detail": "…"}`（中文说明）。无权查看的报表与不存在的报表一样返回404。'
    ),
    urls_namespace="api:rest",
    auth=BearerToken(),
    docs=LocalSwagger(),
    renderer=ReadableJSON(),
)

api.add_router("/selection/", selection_router)  # proposals, candidates, votes: selection.py

ERRORS = {401: s.Error, 404: s.Error, 422: s.Error}
WRITE_ERRORS = ERRORS | {400: s.Error, 403: s.Error, 409: s.Conflict}

# ninja's own messages, for a person reading Chinese.
MESSAGES = {
    400: "请求无法读取：请求体应为有效的JSON。",
    401: "需要有效的访问令牌：请在请求头中加入 Authorization: Bearer <令牌>。令牌可在“接口令牌”页面创建。",
    403: "您没有权限做这件事。",
    404: "找不到。",
    405: "不支持这种请求方法。",
    429: "请求太频繁，请稍后再试。",
}
ERROR_TYPES = {
    "missing": "缺少此项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "string_type": "应为文字",
    "bool_parsing": "应为 true 或 false",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "less_than": "数值太大",
    "greater_than": "数值太小",
    "string_too_long": "太长",
    "too_long": "项目太多",
    "list_type": "应为列表",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "finite_number": "应为有限的数字",
    "value_error": "内容无效",
    "json_invalid": "不是有效的JSON",
}


def _json_error(request, status: int, detail: str, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


def _chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    problems = []
    for error in exc.errors[:20]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload"))
        problems.append(f"{where or '请求'}：{ERROR_TYPES.get(error.get('type'), '格式不正确')}")
    return _json_error(
        request,
        422,
        "请求内容不符合接口说明：" + "；".join(problems) + "。",
        errors=[{"loc": list(e.get("loc", ())), "type": e.get("type", "")} for e in exc.errors[:20]],
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    message = str(exc)
    if not _chinese(message):
        message = MESSAGES.get(exc.status_code, "请求有误。")
    response = _json_error(request, exc.status_code, message)
    if exc.status_code == 401:
        response["WWW-Authenticate"] = 'Bearer realm="shishi"'
    return response


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    message = str(exc)
    return _json_error(request, 404, message if _chinese(message) else MESSAGES[404])


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    message = str(exc)
    return _json_error(request, 403, message if _chinese(message) else MESSAGES[403])


def _person(request) -> Person:
    return request.auth.person


# -- reading ------------------------------------------------------------------------------------


@api.get("/me", response={200: s.Me, 401: s.Error}, summary="当前令牌代表的人员", tags=["人员"])
def me(request):
    person = _person(request)
    return {
        "username": person.username,
        "name": str(person),
        "role": person.role,
        "role_name": person.get_role_display(),
        "region": person.region.name if person.region_id else None,
        "unit_id": person.unit_id,
        "unit": person.unit.name if person.unit_id else None,
        "token": request.auth.name,
    }


def _period_out(period: Period) -> dict:
    return {
        "id": period.pk,
        "plan_id": period.plan_id,
        "quarter": period.quarter,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "due_on": period.due_on,
    }


def _plan_out(plan: Plan) -> dict:
    return {
        "id": plan.pk,
        "region": plan.region.name,
        "region_code": plan.region.code,
        "year": plan.year,
        "title": plan.title,
        "issuer": plan.issuer,
        "doc_number": plan.doc_number,
        "issued_on": plan.issued_on,
        "published": plan.published,
        "periods": [_period_out(p) for p in plan.periods.all()],
    }


def _decimal(value: Decimal | str | None) -> str | None:
    return None if value is None else str(plain(value))


def _target_out(target: Target, project) -> dict:
    return {
        "id": target.pk,
        "project_id": project.pk,
        "project_seq": project.seq,
        "seq": target.seq,
        "indicator": target.indicator,
        "op": target.op,
        "value": _decimal(target.value),
        "unit_of_measure": target.unit_of_measure,
        "goal": target.goal,
        "kind": target.kind,
    }


def _visible_plan(request, plan_id: int) -> Plan:
    plan = Plan.objects.visible_to(_person(request)).select_related("region").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("找不到这份计划，或您无权查看。")
    return plan


@api.get("/plans", response={200: list[s.PlanOut], 401: s.Error}, summary="可查看的实事计划", tags=["计划"])
def list_plans(request):
    plans = Plan.objects.visible_to(_person(request)).select_related("region").prefetch_related("periods")
    return [_plan_out(plan) for plan in plans]


@api.get("/plans/{plan_id}", response={200: s.PlanOut} | ERRORS, summary="一份实事计划", tags=["计划"])
def get_plan(request, plan_id: s.Id):
    return _plan_out(_visible_plan(request, plan_id))


@api.get(
    "/plans/{plan_id}/periods",
    response={200: list[s.PeriodOut]} | ERRORS,
    summary="计划的四个季度",
    tags=["计划"],
)
def list_periods(request, plan_id: s.Id):
    return [_period_out(p) for p in _visible_plan(request, plan_id).periods.all()]


@api.get(
    "/plans/{plan_id}/projects",
    response={200: list[s.ProjectOut]} | ERRORS,
    summary="计划的实事、责任单位和指标",
    tags=["计划"],
)
def list_projects(request, plan_id: s.Id):
    plan = _visible_plan(request, plan_id)
    projects = plan.projects.prefetch_related("targets", "assignments__unit")
    return [
        {
            "id": p.pk,
            "plan_id": plan.pk,
            "seq": p.seq,
            "title": p.title,
            "theme": p.theme,
            "category": p.category,
            "investment": _decimal(p.investment),
            "deadline": p.deadline,
            "units": [
                {"unit_id": a.unit_id, "unit": a.unit.name, "role": a.role}
                for a in sorted(p.assignments.all(), key=lambda a: a.order)
            ],
            "targets": [_target_out(t, p) for t in p.targets.all()],
        }
        for p in projects
    ]


@api.get(
    "/plans/{plan_id}/periods/{quarter}/lights",
    response={200: list[s.LightOut]} | ERRORS,
    summary="一个季度各项实事的亮灯",
    description=(
        "与调度页、实事页、调度通报和公开页同一亮灯规则（黄灯线、红灯线由每份计划设定，默认如下）。"
        + rule_text(10, 30)
        + "unreviewed 为 true 表示所用报表尚未审核通过。"
    ),
    tags=["计划"],
)
def list_lights(request, plan_id: s.Id, quarter: int = Path(..., ge=1, le=4)):
    plan = _visible_plan(request, plan_id)
    period = plan.period(quarter)
    if period is None:
        raise Http404("这份计划没有这个季度。")
    board = build_board(plan, period, timezone.localdate())
    return [
        {
            "project_id": p.pk,
            "project_seq": p.seq,
            "title": p.title,
            "colour": (light := board.rows[p.pk].light).colour,
            "name": light.name,
            "reason": light.reason,
            "progress": _decimal(light.progress),
            "expected": _decimal(light.expected),
            "unreviewed": light.unreviewed,
            "late_units": [
                {"unit_id": a.unit_id, "unit": a.unit.name, "role": a.role}
                for a in p.assignments.all()
                if board.cells[(p.pk, a.unit_id)] == LATE
            ],
        }
        for p in board.projects
    ]


@api.get(
    "/plans/{plan_id}/targets",
    response={200: list[s.TargetOut]} | ERRORS,
    summary="计划的全部量化指标",
    tags=["计划"],
)
def list_targets(request, plan_id: s.Id):
    plan = _visible_plan(request, plan_id)
    return [_target_out(t, p) for p in plan.projects.prefetch_related("targets") for t in p.targets.all()]


class ReportFilter(Schema):
    plan_id: s.Id | None = None
    quarter: int | None = Field(None, ge=1, le=4)
    unit_id: s.Id | None = None
    state: Literal["draft", "submitted", "returned", "accepted"] | None = None
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**9)


def _summary(report: QuarterlyReport) -> dict:
    return {
        "id": report.pk,
        "plan_id": report.period.plan_id,
        "period_id": report.period_id,
        "quarter": report.period.quarter,
        "unit_id": report.unit_id,
        "unit": report.unit.name,
        "state": report.state,
        "submitted_at": report.submitted_at,
        "versions": len(report.versions.all()),
    }


@api.get("/reports", response={200: s.ReportList} | ERRORS, summary="可查看的季度报表", tags=["报表"])
def list_reports(request, filters: Query[ReportFilter]):
    reports = readable_reports(_person(request)).select_related("unit", "period").prefetch_related("versions")
    if filters.plan_id:
        reports = reports.filter(period__plan_id=filters.plan_id)
    if filters.quarter:
        reports = reports.filter(period__quarter=filters.quarter)
    if filters.unit_id:
        reports = reports.filter(unit_id=filters.unit_id)
    if filters.state:
        reports = reports.filter(state=filters.state)
    reports = reports.order_by(
        "-period__plan__year", "period__plan_id", "period__quarter", "unit__name", "pk"
    )
    page = reports[filters.offset : filters.offset + filters.limit]
    return {"count": reports.count(), "items": [_summary(r) for r in page]}


def _readable(request, report_id: int) -> QuarterlyReport:
    report = (
        QuarterlyReport.objects.select_related("unit", "period__plan__region")
        .prefetch_related("versions")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not can_read_report(_person(request), report):
        raise Http404("找不到这份报表，或您无权查看。")
    return report


def _writable(request, report_id: int) -> QuarterlyReport:
    report = _readable(request, report_id)
    if not can_write_report(_person(request), report):
        raise PermissionDenied("只有本单位的填报员可以修改和报送这份报表。")
    return report


def _lines_out(content: dict) -> list[dict]:
    return [
        {**line, "values": [{**v, "value": _decimal(v["value"])} for v in line["values"]]}
        for line in content["lines"]
    ]


def _version_out(version) -> dict:
    return {
        "number": version.number,
        "submitted_at": version.submitted_at,
        "outcome": version.outcome,
        "stamped_pdf_sha256": version.stamped_pdf_sha256,
    }


def _report_out(person: Person, report: QuarterlyReport) -> dict:
    seen = visible_content(person, report)
    if seen is None:  # cannot happen for a readable report; never show a draft by mistake
        raise Http404("找不到这份报表，或您无权查看。")
    own = seen.is_draft
    return {
        **_summary(report),
        "source": "draft" if own else "version",
        "version": None if own else _version_out(seen.version),
        "revision": report.revision if own else None,
        "stamped_pdf": {"name": report.stamped_pdf_name, "sha256": report.stamped_pdf_sha256}
        if own and report.stamped_pdf
        else None,
        "return_reason": report.return_reason,
        "lines": _lines_out(seen.content),
    }


@api.get("/reports/{report_id}", response={200: s.ReportOut} | ERRORS, summary="一份季度报表", tags=["报表"])
def get_report(request, report_id: s.Id):
    return _report_out(_person(request), _readable(request, report_id))


# -- writing: the unit's clerk ------------------------------------------------------------------------


def _fresh(report: QuarterlyReport) -> QuarterlyReport:
    return (
        QuarterlyReport.objects.select_related("unit", "period__plan__region")
        .prefetch_related("versions")
        .get(pk=report.pk)
    )


def _conflict(person: Person, conflict: ReportConflict):
    report = conflict.report
    return Status(
        409,
        {
            "detail": str(conflict),
            "revision": report.revision,
            "lines": _lines_out(content_of(report)) if can_write_report(person, report) else [],
        },
    )


@api.post(
    "/periods/{period_id}/report",
    response={200: s.ReportOut} | WRITE_ERRORS,
    summary="打开本单位这一季度的报表（没有则新建）",
    tags=["填报"],
)
def open_report(request, period_id: s.Id):
    person = _person(request)
    if not is_unit_clerk(person):
        raise PermissionDenied("只有责任单位的填报员可以填报。")
    period = (
        Period.objects.filter(pk=period_id, plan__projects__assignments__unit_id=person.unit_id)
        .select_related("plan")
        .distinct()
        .first()
    )
    if period is None:
        raise Http404("找不到这个季度，或本单位没有承担这份计划的实事。")
    try:
        report = report_to_fill(person.unit, period, timezone.localdate())
    except ReportError as exc:
        return Status(400, {"detail": str(exc)})
    return _report_out(person, _fresh(report))


@api.put(
    "/reports/{report_id}/draft",
    response={200: s.ReportOut} | WRITE_ERRORS,
    summary="保存草稿（只改给出的内容）",
    tags=["填报"],
)
def save_report_draft(request, report_id: s.Id, payload: s.DraftIn):
    person = _person(request)
    report = _writable(request, report_id)
    lines = {
        line.project_id: line
        for line in report.lines.select_related("project").prefetch_related("values__target")
    }
    # The web form's own rules (reporting/forms.py), holding only the fields the request gives.
    form = ReportForm(list(lines.values()), _form_data(lines, payload), partial=True)
    if not form.is_valid():
        return Status(422, {"detail": "".join(form.messages())})
    try:
        report = save_draft(report, person, payload.revision, form.entries())
    except ReportConflict as conflict:
        return _conflict(person, conflict)
    except ReportError as exc:
        return Status(400, {"detail": str(exc)})
    return _report_out(person, _fresh(report))


def _form_data(lines: dict, payload: s.DraftIn) -> dict:
    """The request's values by the report form's field names: only what the request gives, as
    the schema typed it (text, a Decimal, or None for a figure not reported yet). A project or
    target the report does not have, or one named twice, is refused here."""
    data = {}
    seen_lines = set()
    for entry in payload.lines:
        line = lines.get(entry.project_id)
        if line is None:
            raise HttpError(422, f"报表中没有编号为{entry.project_id}的实事。")
        if entry.project_id in seen_lines:
            raise HttpError(422, f"实事{line.project.seq}出现了两次。")
        seen_lines.add(entry.project_id)
        for field in ("measures", "deadline", "assessment"):
            if getattr(entry, field) is not None:
                data[f"line-{entry.project_id}-{field}"] = getattr(entry, field)
        targets = {v.target_id for v in line.values.all()}
        seen_values = set()
        for value in entry.values:
            if value.target_id not in targets:
                raise HttpError(422, f"实事{line.project.seq}没有编号为{value.target_id}的指标。")
            if value.target_id in seen_values:
                raise HttpError(422, f"实事{line.project.seq}的指标{value.target_id}出现了两次。")
            seen_values.add(value.target_id)
            data[f"value-{value.target_id}"] = value.value
    return data


@api.post(
    "/reports/{report_id}/stamped-pdf",
    response={200: s.ReportOut} | WRITE_ERRORS,
    summary="上传盖章PDF（multipart，字段名 file）",
    tags=["填报"],
)
def upload_stamped_pdf(request, report_id: s.Id, file: File[UploadedFile]):
    person = _person(request)
    report = _writable(request, report_id)
    try:
        # One byte past the limit is enough for check_pdf to refuse a file that is too large.
        data = file.read(settings.SHISHI_MAX_PDF_BYTES + 1)
        report = attach_stamped_pdf(report, person, data, _filename(file.name))
    except ReportError as exc:
        return Status(400, {"detail": str(exc)})
    return _report_out(person, _fresh(report))


def _filename(name: str | None) -> str:
    """The uploaded file's name as the database can keep it (no NUL, no lone surrogates)."""
    name = (name or "").replace("\x00", "").encode("utf-8", "replace").decode("utf-8").strip()
    return name or "stamped.pdf"


@api.post(
    "/reports/{report_id}/submit",
    response={200: s.VersionOut} | WRITE_ERRORS,
    summary="报送（锁定报表，生成版本）",
    tags=["填报"],
)
def submit(request, report_id: s.Id, payload: s.SubmitIn):
    person = _person(request)
    report = _writable(request, report_id)
    try:
        version = submit_report(report, person, payload.revision)
    except ReportConflict as conflict:
        return _conflict(person, conflict)
    except ReportError as exc:
        return Status(400, {"detail": str(exc)})
    return _version_out(version)
