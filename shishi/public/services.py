"""Publishing: a plan on or off the public page, and the text written for citizens.

Nothing reaches the public page without a coordinator's approval, and approval looks for
personal data first (shishi/pii.py): what it finds is shown, and the coordinator either edits the
text or confirms those very findings; anything new found later needs confirming again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from shishi.directory.models import Person
from shishi.history.services import record
from shishi.pii import Finding, find_personal_data
from shishi.plans.models import Period, Plan, Project

from .models import PublicStatement

MAX_STATEMENT_CHARS = 2000


class PublicError(Exception):
    """Something that keeps text or a plan off the public page; the message says what, for a person.
    `findings` holds the personal data found, when that is the reason."""

    def __init__(self, message: str, findings: Iterable[Finding] = ()):
        super().__init__(message)
        self.findings = list(findings)


def publish_plan(plan: Plan, person: Person) -> Plan:
    if not plan.published:
        plan.published = True
        plan.save(update_fields=["published"])
        record(plan.region, person, "published", f"向社会公开《{plan.title}》", plan=plan)
    return plan


def unpublish_plan(plan: Plan, person: Person) -> Plan:
    if plan.published:
        plan.published = False
        plan.save(update_fields=["published"])
        record(plan.region, person, "unpublished", f"停止公开《{plan.title}》", plan=plan)
    return plan


def save_statement(project: Project, period: Period, person: Person, text: str) -> PublicStatement:
    """Keep the coordinator's working copy; the public page does not change."""
    text = _clean(text, project, period)
    statement, _created = PublicStatement.objects.get_or_create(project=project, period=period)
    statement.text = text
    statement.updated_by = person
    statement.save(update_fields=["text", "updated_by", "updated_at"])
    return statement


def approve_statement(
    project: Project,
    period: Period,
    person: Person,
    text: str,
    confirmed: Iterable[str] = (),
) -> PublicStatement:
    """Put the text on the public page. Personal data in it refuses the approval (the text is
    kept as a draft), unless every finding is among those the coordinator `confirmed`."""
    text = _clean(text, project, period)
    if not text:
        raise PublicError("公开说明是空的。请先写明本季度的进展，再审核公开。")
    statement = save_statement(project, period, person, text)  # kept even when refused below
    findings = find_personal_data(text)
    confirmed = set(confirmed)
    if any(finding.text not in confirmed for finding in findings):
        raise PublicError(
            "说明中可能含有个人信息，尚未公开。请删除后再审核，或核实确可公开后勾选确认。", findings
        )
    with transaction.atomic():
        statement.approved_text = text
        statement.approved_by = person
        statement.approved_at = timezone.now()
        statement.confirmed_findings = [{"kind": f.kind, "text": f.text} for f in findings]
        statement.save(
            update_fields=["approved_text", "approved_by", "approved_at", "confirmed_findings", "updated_at"]
        )
        note = f"（已确认含{len(findings)}处疑似个人信息）" if findings else ""
        record(
            project.plan.region,
            person,
            "approved",
            f"审核公开第{project.seq}项{period}的说明{note}",
            plan=project.plan,
        )
    return statement


def withdraw_statement(project: Project, period: Period, person: Person) -> PublicStatement | None:
    """Take the text off the public page at once; the working copy stays."""
    statement = PublicStatement.objects.filter(project=project, period=period).first()
    if statement is None or not statement.approved_text:
        return statement
    statement.approved_text = ""
    statement.approved_by, statement.approved_at, statement.confirmed_findings = None, None, []
    statement.updated_by = person
    statement.save(
        update_fields=[
            "approved_text",
            "approved_by",
            "approved_at",
            "confirmed_findings",
            "updated_by",
            "updated_at",
        ]
    )
    record(
        project.plan.region,
        person,
        "withdrawn",
        f"撤回第{project.seq}项{period}的公开说明",
        plan=project.plan,
    )
    return statement


def _clean(text: str, project: Project, period: Period) -> str:
    if period.plan_id != project.plan_id:
        raise PublicError("季度与实事不属于同一个计划。")
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_STATEMENT_CHARS:
        raise PublicError(f"公开说明不能超过{MAX_STATEMENT_CHARS}字，现有{len(text)}字。")
    return text
