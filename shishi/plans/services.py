"""Importing a notice: upload → preview and corrections → a confirmed plan. A plan withdrawn or
archived: lifecycle.py; a project changed mid-year: amend.py; both raise this module's PlanError."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from shishi.bounds import as_id
from shishi.directory.models import Person, Region, Unit, UnitAlias
from shishi.history.services import record
from shishi.notice import NoticeError, load_notice
from shishi.plans.figures import FigureError, parse_figure

from .models import Assignment, NoticeFile, Period, Plan, Project, Target
from .origin import notice_origin

# What the preview accepts for a plan's year and its reporting window (plans/forms.py).
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_DUE_DAYS = 60


# A township list reaches 200 projects; twice that, with five targets each, keeps the preview
# form under settings.DATA_UPLOAD_MAX_NUMBER_FIELDS (see there).
MAX_PROJECTS = 400
MAX_TARGETS = 2000


class PlanError(Exception):
    """Something about an import the coordinator must fix; the message says what."""


def read_notice_upload(region: Region, person: Person, data: bytes, filename: str) -> NoticeFile:
    """Read an uploaded notice and keep it for preview. The same file twice gives the same record."""
    if not data:
        raise PlanError("文件是空的，请重新选择通知文件。")
    if len(data) > settings.SHISHI_MAX_NOTICE_BYTES:
        raise PlanError(
            f"文件超过{settings.SHISHI_MAX_NOTICE_BYTES // (1024 * 1024)}MB，请确认是否为通知原文。"
        )
    sha256 = hashlib.sha256(data).hexdigest()
    existing = NoticeFile.objects.filter(region=region, sha256=sha256).first()
    if existing:
        return existing
    try:
        notice = load_notice(data, filename)
    except NoticeError as error:
        raise PlanError(str(error)) from None
    if not notice.projects:
        raise PlanError(
            "没有从文件中读出实事项目（例如“一、……（责任单位：……）”）。请确认上传的是实事通知原文。"
        )
    targets = sum(len(project.targets) for project in notice.projects)
    if len(notice.projects) > MAX_PROJECTS or targets > MAX_TARGETS:
        raise PlanError(
            f"从文件中读出{len(notice.projects)}项实事、{targets}个指标，一份通知最多{MAX_PROJECTS}项实事、"
            f"{MAX_TARGETS}个指标。请确认上传的是一份实事通知，或分成几份导入。"
        )
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


@transaction.atomic
def discard_notice(notice_file: NoticeFile, person: Person) -> None:
    """Cancel an import in its preview: the uploaded notice, which no plan was made from, is
    deleted with its stored file, and the region's history says so (its name and SHA-256)."""
    notice_file = NoticeFile.objects.select_for_update().get(pk=notice_file.pk)
    if Plan.objects.filter(notice_file=notice_file).exists():
        raise PlanError("这份通知已经建立了实事计划，不能取消导入；如需撤回，请在计划页面操作。")
    title = notice_file.parsed.get("title") or notice_file.filename
    summary = f"取消导入通知《{title}》（{notice_file.filename}，SHA-256 {notice_file.sha256[:16]}…）"
    record(notice_file.region, person, "discarded", summary)
    stored = notice_file.file
    notice_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


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
        # What the reader found but the preview does not offer to correct is fitted to its column.
        "issuer": fit(parsed.get("issuer") or "", Plan, "issuer"),
        "issued_on": parsed.get("issued_on") or "",
        "reporting_to": fit((parsed.get("reporting") or {}).get("to") or "", Plan, "reporting_to"),
        "reporting_phone": fit((parsed.get("reporting") or {}).get("phone") or "", Plan, "reporting_phone"),
        "due_days": settings.SHISHI_DUE_DAYS,
        "projects": [
            {
                "seq": project["seq"],
                "title": project["title"],
                "body": project["body"],
                "theme": project["theme"],
                "units": project["units"],
                "lead_units": project["lead_units"],
                # 完成时限 per project when the notice names a date, else the notice's own deadline.
                "deadline": project.get("deadline") or deadline,
                "deadline_text": project.get("deadline_text") or "",
                "category": project.get("category") or "",
                "investment": project.get("investment"),  # 万元; checked as a figure in the preview
                "targets": [
                    {k: target[k] for k in ("indicator", "op", "value", "unit", "kind", "text")}
                    for target in project["targets"]
                ],
            }
            for project in parsed.get("projects", [])
        ],
    }


def investment_label(seq: int) -> str:
    """How a message names a project's investment: 第3项年度投资（万元）."""
    return f"第{seq}项年度投资（万元）"


def fit(text: str, model, field: str) -> str:
    """The text cut to what the model's field holds."""
    return clip(text, _limit(model, field))


def clip(text: str, limit: int) -> str:
    """The text cut to `limit` characters, its last one an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draft_unit_names(draft: dict) -> list[str]:
    return list(dict.fromkeys(unit for project in draft["projects"] for unit in project["units"]))


def save_corrections(notice_file: NoticeFile, draft: dict) -> NoticeFile:
    """Keep the coordinator's corrected draft (plans/forms.py NoticeCorrections checks it)."""
    notice_file.draft = draft
    notice_file.save(update_fields=["draft"])
    return notice_file


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def draft_problems(draft: dict) -> list[str]:
    """What in the draft the plan's columns cannot hold, named, instead of a silent cut (or, on
    PostgreSQL, a refused insert): every text the coordinator can correct in the preview."""
    problems = []

    def check(text: str, limit: int, label: str) -> None:
        if len(text) > limit:
            problems.append(f"{label}有{len(text)}个字，最多{limit}个字，请精简。")

    check(draft["title"], _limit(Plan, "title"), "标题")
    check(draft["doc_number"], _limit(Plan, "doc_number"), "文号")
    for project in draft["projects"]:
        where = f"第{project['seq']}项"
        check(project["title"], _limit(Project, "title"), f"{where}实事名称")
        check(project.get("category", ""), _limit(Project, "category"), f"{where}类别")
        for name in project["units"]:
            check(name, _limit(Unit, "name"), f"{where}责任单位“{name[:20]}…”")
        for target in project["targets"]:
            check(
                target["indicator"], _limit(Target, "indicator"), f"{where}指标“{target['indicator'][:20]}…”"
            )
            check(
                target["unit"],
                _limit(Target, "unit_of_measure"),
                f"{where}指标“{target['indicator'][:20]}”的单位",
            )
    return problems


@transaction.atomic
def confirm_plan(notice_file: NoticeFile, person: Person, choices: dict[str, str]) -> Plan:
    """Create the plan from the corrected draft. `choices` maps every unit name in the draft
    to `unit:<id>` (an existing unit) or `new` (create it). Confirming twice gives the same plan."""
    notice_file = NoticeFile.objects.select_for_update().get(pk=notice_file.pk)
    if existing := Plan.objects.filter(notice_file=notice_file).first():
        return existing
    draft, region = notice_file.draft, notice_file.region
    problems = draft_problems(draft)
    for project in draft["projects"]:
        try:
            parse_figure(project.get("investment"), investment_label(project["seq"]))
        except FigureError as exc:
            problems.append(str(exc))
        for target in project["targets"]:
            try:
                parse_figure(target["value"], f"第{project['seq']}项指标“{target['indicator']}”的目标值")
            except FigureError as exc:
                problems.append(str(exc))
    if problems:
        raise PlanError("；".join(problems))
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
            plan=plan,
            seq=item["seq"],
            title=item["title"],
            body=item["body"],
            theme=item["theme"],
            deadline=item["deadline"] or None,
            category=item.get("category", ""),
            investment=parse_figure(item.get("investment")),
        )
        Target.objects.bulk_create(
            Target(
                project=project,
                seq=n,
                indicator=t["indicator"],
                op=t["op"],
                value=parse_figure(t["value"]),
                unit_of_measure=t["unit"],
                kind=t["kind"],
                text=fit(t["text"], Target, "text"),
            )
            for n, t in enumerate(item["targets"], 1)
        )
        # Two names of one project may stand for one unit (县总工会 chosen as 县卫生健康局): it is
        # on the project once, as lead if either name leads.
        team: dict[int, Assignment] = {}
        for name in dict.fromkeys(item["units"]):
            unit, lead = units[name], name in item["lead_units"]
            if unit.pk in team:
                team[unit.pk].role = Assignment.Role.LEAD if lead else team[unit.pk].role
                continue
            role = Assignment.Role.LEAD if lead else Assignment.Role.PARTNER
            team[unit.pk] = Assignment(project=project, unit=unit, order=len(team), role=role)
        Assignment.objects.bulk_create(team.values())
    record(region, person, "imported", f"导入《{plan.title}》，共{len(draft['projects'])}项实事", plan=plan)
    return plan


UNRESOLVED = "以下单位还没有对应到单位名录，请选择已有单位或确认新建："


def confirm_import(
    notice_file: NoticeFile,
    person: Person,
    choices: dict[str, str],
    *,
    other_region_acknowledged: bool,
    today: datetime.date,
) -> Plan:
    """The preview's confirm: the plan from the corrected draft (`confirm_plan`), but a notice
    another region issued (高青县's uploaded by 桓台县) only once the coordinator has ticked that
    it really is to be this region's plan. Refused, the message names the region, and any unit
    not yet matched, so that one answer fixes both."""
    origin = notice_origin(notice_file, notice_file.draft, today)
    if origin.other_region and not other_region_acknowledged:
        problems = [
            f"{origin.region_warning}如确需导入为{origin.ours}的实事计划，"
            "请勾选“我已核对发文机关”后再确认；否则请点“取消导入”。"
        ]
        if unresolved := _unresolved(notice_file.region, draft_unit_names(notice_file.draft), choices):
            problems.append(UNRESOLVED + "、".join(unresolved))
        raise PlanError("；".join(problems))
    plan = confirm_plan(notice_file, person, choices)
    if origin.other_region:
        record(
            plan.region,
            person,
            "imported",
            f"确认导入由{origin.region}印发的通知《{plan.title}》（{origin.doc_number or '无文号'}）"
            f"为{origin.ours}的实事计划",
            plan=plan,
        )
    return plan


def _unresolved(region: Region, names: list[str], choices: dict[str, str]) -> list[str]:
    """The names `_resolve_units` would refuse, found without creating anything."""
    ids = {name: as_id(choice[5:]) for name, choice in choices.items() if choice.startswith("unit:")}
    chosen = [pk for pk in ids.values() if pk]
    known = set(Unit.objects.filter(region=region, pk__in=chosen).values_list("pk", flat=True))
    return [name for name in names if choices.get(name) != "new" and ids.get(name) not in known]


def _resolve_units(region: Region, names: list[str], choices: dict[str, str]) -> dict[str, Unit]:
    resolved: dict[str, Unit] = {}
    unresolved = []
    for name in names:
        choice = choices.get(name, "")
        if choice == "new":
            resolved[name], _ = Unit.objects.get_or_create(region=region, name=name)
        elif choice.startswith("unit:") and choice[5:].isdigit():
            unit = Unit.objects.filter(region=region, pk=int(choice[5:])).first()
            if unit is None:
                unresolved.append(name)
                continue
            if unit.name != name:  # remember this spelling for next year's notice
                UnitAlias.objects.get_or_create(unit=unit, name=name)
            resolved[name] = unit
        else:
            unresolved.append(name)
    if unresolved:
        raise PlanError(UNRESOLVED + "、".join(unresolved))
    return resolved
