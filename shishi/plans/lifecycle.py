"""A plan imported by mistake withdrawn, before anyone has written on it; a finished or unwanted
plan archived (kept whole, out of the default lists) and brought back."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from shishi.directory.models import Person
from shishi.history.services import record

from . import hooks
from .models import Plan
from .services import PlanError


def withdrawal_blockers(plan: Plan) -> list[str]:
    """What others have written on the plan, which a withdrawal would delete: each app above
    answers for its own rows (shishi/plans/hooks.py: reports, drafts included, implementation
    plans, 督办, bulletins); and a plan already shown to the public. Empty when the plan may be
    withdrawn."""
    blockers = hooks.reasons(hooks.withdrawal_asked, plan=plan)
    if plan.published:
        blockers.append("已向社会公开")
    return blockers


@transaction.atomic
def withdraw_plan(plan: Plan, person: Person) -> None:
    """Delete a plan imported by mistake, before anyone has written on it (`withdrawal_blockers`).
    The uploaded notice file is kept, with its SHA-256 and the corrections made in the preview:
    it stays the record of what was uploaded, and uploading it again opens its preview, ready to
    be confirmed again. The plan's rows keep their own history (simple_history records the
    deletion) and the region's history says who withdrew what."""
    Plan.lock(pk=plan.pk)
    if blockers := withdrawal_blockers(plan):
        raise PlanError(
            f"《{plan.title}》{'、'.join(blockers)}，不能撤回。"
            "可以改为归档：计划和报表都保留，只是不再出现在默认的计划列表中。"
        )
    region, title = plan.region, plan.title
    count = plan.projects.count()
    number = f"，{plan.doc_number}" if plan.doc_number else ""
    plan.delete()
    summary = f"撤回{plan.year}年实事计划《{title}》（{count}项实事{number}），原通知文件保留"
    record(region, person, "withdrew", summary)


@transaction.atomic
def archive_plan(plan: Plan, person: Person) -> Plan:
    """Keep the plan whole but out of the default lists (已归档)."""
    if plan.archived:
        return plan
    plan.archived_at = timezone.now()
    plan.save(update_fields=["archived_at"])
    record(plan.region, person, "archived", f"归档{plan.year}年实事计划《{plan.title}》", plan=plan)
    return plan


@transaction.atomic
def unarchive_plan(plan: Plan, person: Person) -> Plan:
    if not plan.archived:
        return plan
    plan.archived_at = None
    plan.save(update_fields=["archived_at"])
    record(plan.region, person, "unarchived", f"取消归档{plan.year}年实事计划《{plan.title}》", plan=plan)
    return plan
