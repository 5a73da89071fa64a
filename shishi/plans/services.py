"""Importing a notice: upload → preview and corrections → a confirmed plan."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from shishi.directory.models import Person, Region, Unit, UnitAlias
from shishi.history.services import record
from shishi.notice import NoticeError, load_notice
from shishi.notice.units import split_unit_list

from .models import Assignment, NoticeFile, Period, Plan, Project, Target, decimal_value

OPS = {">=", "=", "<=", "~"}


class PlanError(Exception):
    """Something about an import the coordinator must fix; the message says what."""


def read_notice_upload(region: Region, person: Person, data: bytes, filename: str) -> NoticeFile:
    """Read an uploaded notice and keep it for preview. The same file twice gives the same record."""
    if not data:
        raise PlanError("文件是空的，请重新选择通知文件。")
    if len(data) > settings.SHISHI_MAX_NOTICE_BYTES:
        raise PlanError(f"文件超过{settings.SHISHI_MAX_NOTICE_BYTES // (1024 * 1024)}MB，请确认是否为通知原文。")
    sha256 = hashlib.sha256(data).hexdigest()
    existing = NoticeFile.objects.filter(region=region, sha256=sha256).first()
    if existing:
        return existing
    try:
        notice = load_notice(data, filename)
    except NoticeError as error:
        raise PlanError(str(error)) from None
    if not notice.projects:
        raise PlanError("没有从文件中读出实事项目（例如“一、……（责任单位：……）”）。请确认上传的是实事通知原文。")
    parsed = notice.to_dict()
    try:
        with transaction.atomic():
            notice_file = NoticeFile.objects.create(
                region=region,
                file=ContentFile(data, name=_safe_name(filename, sha256)),
                filename=filename[:255],
                sha256=sha256,
                parsed=parsed,
                draft=initial_draft(parsed),
                uploaded_by=person,
            )
    except IntegrityError:  # the same file uploaded twice at the same moment
        return NoticeFile.objects.get(region=region, sha256=sha256)
    record(region, person, "uploaded", f"上传通知《{parsed.get('title') or filename}》", plan=None)
    return notice_file


def _safe_name(filename: str, sha256: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "txt"
    extension = extension if extension.isalnum() and len(extension) <= 5 else "bin"
    return f"{sha256[:16]}.{extension}"


def initial_draft(parsed: dict) -> dict:
    """The editable copy of what the reader found."""
    year = parsed.get("year") or timezone.localdate().year
    deadline = (parsed.get("reporting") or {}).get("deadline") or f"{year}-12-31"
    return {
        "title": parsed.get("title") or "",
        "year": year,
        "doc_number": parsed.get("doc_number") or "",
        "issuer": parsed.get("issuer") or "",
        "issued_on": parsed.get("issued_on") or "",
        "reporting_to": (parsed.get("reporting") or {}).get("to") or "",
        "reporting_phone": (parsed.get("reporting") or {}).get("phone") or "",
        "due_days": settings.SHISHI_DUE_DAYS,
        "projects": [
            {
                "seq": project["seq"],
                "title": project["title"],
                "body": project["body"],
                "theme": project["theme"],
                "units": project["units"],
                "lead_units": project["lead_units"],
                "deadline": deadline,
                "targets": [
                    {k: target[k] for k in ("indicator", "op", "value", "unit", "kind", "text")}
                    for target in project["targets"]
                ],
            }
            for project in parsed.get("projects", [])
        ],
    }


def draft_unit_names(draft: dict) -> list[str]:
    return list(dict.fromkeys(unit for project in draft["projects"] for unit in project["units"]))


def apply_corrections(notice_file: NoticeFile, form: dict) -> list[str]:
    """Apply the coordinator's corrections from the preview form. Returns problems found;
    the draft is saved only when there are none, so nothing typed is half-applied."""
    draft = notice_file.draft
    errors: list[str] = []
    updated = dict(draft)
    updated["title"] = form.get("title", draft["title"]).strip() or draft["title"]
    updated["doc_number"] = form.get("doc_number", draft["doc_number"]).strip()
    updated["year"] = _int(form.get("year", draft["year"]), "年度", errors, 2000, 2100) or draft["year"]
    updated["due_days"] = _int(form.get("due_days", draft["due_days"]), "报送期限天数", errors, 0, 60)
    updated["issued_on"] = _date(form.get("issued_on", draft["issued_on"]), "成文日期", errors)
    projects = []
    for index, project in enumerate(draft["projects"]):
        key = f"p-{index}"
        changed = dict(project)
        changed["title"] = form.get(f"{key}-title", project["title"]).strip() or project["title"]
        units = split_unit_list(form.get(f"{key}-units", "、".join(project["units"])))
        leads = [u for u in split_unit_list(form.get(f"{key}-leads", "、".join(project["lead_units"]))) if u in units]
        changed["units"], changed["lead_units"] = units, leads or units[:1]
        changed["deadline"] = _date(form.get(f"{key}-deadline", project["deadline"]), f"第{project['seq']}项完成时限", errors)
        changed["targets"] = _targets(form, key, project, errors)
        projects.append(changed)
    updated["projects"] = projects
    if errors:
        return errors
    notice_file.draft = updated
    notice_file.save(update_fields=["draft"])
    return []


def _targets(form: dict, key: str, project: dict, errors: list[str]) -> list[dict]:
    targets = []
    rows = [(f"{key}-t-{j}", target) for j, target in enumerate(project["targets"])] + [(f"{key}-t-new", None)]
    for prefix, target in rows:
        if form.get(f"{prefix}-delete"):
            continue
        indicator = form.get(f"{prefix}-indicator", target["indicator"] if target else "").strip()
        raw_value = form.get(f"{prefix}-value", target["value"] if target else "")
        if target is None and not indicator:
            continue  # the empty row for a new target was left empty
        op = form.get(f"{prefix}-op", target["op"] if target else "=")
        try:
            value = Decimal(str(raw_value).strip())
            if not value.is_finite() or value < 0 or value >= Decimal("1e14"):
                raise InvalidOperation
        except InvalidOperation:
            errors.append(f"第{project['seq']}项指标“{indicator or '（未命名）'}”的目标值“{raw_value}”不是有效的数字。")
            continue
        if not indicator:
            errors.append(f"第{project['seq']}项有一个指标没有名称。")
            continue
        targets.append({
            "indicator": indicator[:120],
            "op": op if op in OPS else "=",
            "value": float(value) if value != value.to_integral() else int(value),
            "unit": form.get(f"{prefix}-unit", target["unit"] if target else "").strip()[:20],
            "kind": target["kind"] if target else "count",
            "text": target["text"] if target else "",
        })
    return targets


def _int(raw, label: str, errors: list[str], low: int, high: int) -> int | None:
    try:
        value = int(str(raw).strip())
    except ValueError:
        errors.append(f"{label}“{raw}”不是整数。")
        return None
    if not low <= value <= high:
        errors.append(f"{label}应在{low}到{high}之间。")
        return None
    return value


def _date(raw, label: str, errors: list[str]) -> str:
    raw = str(raw or "").strip()
    if not raw:
        return ""
    try:
        return datetime.date.fromisoformat(raw).isoformat()
    except ValueError:
        errors.append(f"{label}“{raw}”不是有效日期（格式：2024-12-31）。")
        return raw


@transaction.atomic
def confirm_plan(notice_file: NoticeFile, person: Person, choices: dict[str, str]) -> Plan:
    """Create the plan from the corrected draft. `choices` maps every unit name in the draft
    to `unit:<id>` (an existing unit) or `new` (create it). Confirming twice gives the same plan."""
    notice_file = NoticeFile.objects.select_for_update().get(pk=notice_file.pk)
    if existing := Plan.objects.filter(notice_file=notice_file).first():
        return existing
    draft, region = notice_file.draft, notice_file.region
    duplicate = Plan.objects.filter(region=region, year=draft["year"], title=draft["title"]).first()
    if duplicate:
        raise PlanError(f"{draft['year']}年《{draft['title']}》已经导入过，不能重复导入。")
    units = _resolve_units(region, draft_unit_names(draft), choices)
    plan = Plan.objects.create(
        region=region,
        year=draft["year"],
        title=draft["title"],
        issuer=draft["issuer"],
        doc_number=draft["doc_number"],
        issued_on=draft["issued_on"] or None,
        notice_file=notice_file,
        reporting_to=draft["reporting_to"],
        reporting_phone=draft["reporting_phone"],
        due_days=draft["due_days"] or settings.SHISHI_DUE_DAYS,
    )
    for quarter in range(1, 5):
        starts, ends, due = Period.bounds(plan.year, quarter, plan.due_days)
        Period.objects.create(plan=plan, quarter=quarter, starts_on=starts, ends_on=ends, due_on=due)
    for item in draft["projects"]:
        project = Project.objects.create(
            plan=plan, seq=item["seq"], title=item["title"][:200], body=item["body"], theme=item["theme"],
            deadline=item["deadline"] or None,
        )
        Target.objects.bulk_create(
            Target(project=project, seq=n, indicator=t["indicator"], op=t["op"], value=decimal_value(t["value"]),
                   unit_of_measure=t["unit"], kind=t["kind"], text=t["text"][:200])
            for n, t in enumerate(item["targets"], 1)
        )
        Assignment.objects.bulk_create(
            Assignment(project=project, unit=units[name], order=n,
                       role=Assignment.Role.LEAD if name in item["lead_units"] else Assignment.Role.PARTNER)
            for n, name in enumerate(dict.fromkeys(item["units"]))
        )
    record(region, person, "imported", f"导入《{plan.title}》，共{len(draft['projects'])}项实事", plan=plan)
    return plan


def _resolve_units(region: Region, names: list[str], choices: dict[str, str]) -> dict[str, Unit]:
    resolved: dict[str, Unit] = {}
    unresolved = []
    for name in names:
        choice = choices.get(name, "")
        if choice == "new":
            resolved[name], _ = Unit.objects.get_or_create(region=region, name=name[:80])
        elif choice.startswith("unit:") and choice[5:].isdigit():
            unit = Unit.objects.filter(region=region, pk=int(choice[5:])).first()
            if unit is None:
                unresolved.append(name)
                continue
            if unit.name != name:  # remember this spelling for next year's notice
                UnitAlias.objects.get_or_create(unit=unit, name=name[:80])
            resolved[name] = unit
        else:
            unresolved.append(name)
    if unresolved:
        raise PlanError("以下单位还没有对应到单位名录，请选择已有单位或确认新建：" + "、".join(unresolved))
    return resolved
