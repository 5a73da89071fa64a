"""The bulletin's life: preview a draft from today's data, issue it (freeze and keep), open it again."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from shishi.directory.models import Person
from shishi.history.services import record
from shishi.plans.models import Period, Plan

from .document import render
from .models import Bulletin, correction_words
from .snapshot import gather, quarter_name

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BulletinError(Exception):
    """A bulletin action that cannot be done; the message says why, for a person."""


@dataclass(frozen=True)
class Draft:
    data: bytes
    filename: str
    snapshot: dict


def draft_snapshot(plan: Plan, period: Period, today: datetime.date | None = None) -> dict:
    """What the quarter's bulletin would say if issued now (the preview page shows it)."""
    today = today or timezone.localdate()
    _check_period(period, today)
    return gather(plan, period, today, number=None)


def preview_bulletin(plan: Plan, period: Period, today: datetime.date | None = None) -> Draft:
    """A draft .docx from the current data: nothing is stored, no number is taken."""
    snapshot = draft_snapshot(plan, period, today)
    return Draft(
        render(snapshot),
        f"{plan.region.name}{plan.year}年{snapshot['period']['name']}调度通报（预览稿）.docx",
        snapshot,
    )


@dataclass(frozen=True)
class NextIssue:
    """What issuing a quarter now makes: its number, and how many corrections came before (0:
    the quarter's first bulletin, which takes the plan's next number)."""

    number: int
    correction: int

    @property
    def label(self) -> str:
        return f"第{self.number}期{correction_words(self.correction)}"


def next_issue(plan: Plan, period: Period) -> NextIssue:
    """A quarter keeps its number: issued again, it is that number's next correction."""
    last = Bulletin.objects.filter(period=period).order_by("-correction").first()
    if last is not None:
        return NextIssue(last.number, last.correction + 1)
    highest = Bulletin.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0
    return NextIssue(highest + 1, 0)


def issue_bulletin(
    plan: Plan,
    period: Period,
    person: Person,
    title: str = "",
    today: datetime.date | None = None,
    *,
    reason: str = "",
    copies_to: str | None = None,
) -> Bulletin:
    """Freeze the period's figures into a numbered bulletin and keep its .docx as issued: the
    quarter's first takes the plan's next number; a quarter already issued is corrected (更正)
    under its number, and `reason` must say why."""
    today = today or timezone.localdate()
    _check_period(period, today)
    title, reason = " ".join(title.split()), " ".join(reason.split())
    if len(title) > 200:
        raise BulletinError("标题不能超过200个字。")
    if copies_to is not None:
        copies_to = " ".join(copies_to.split())
        if len(copies_to) > 200:
            raise BulletinError("抄送单位不能超过200个字。")
    stored = None
    try:
        with transaction.atomic():
            # Numbers are taken one at a time per plan: two coordinators issuing at once get 3 and 4.
            Plan.objects.select_for_update().filter(pk=plan.pk).first()
            upcoming = next_issue(plan, period)
            if upcoming.correction and not reason:
                raise BulletinError(
                    f"{quarter_name(period.quarter)}已印发为第{upcoming.number}期，"
                    f"再次印发是更正，请写明更正原因。"
                )
            if len(reason) > 500:
                raise BulletinError("更正原因不能超过500个字。")
            issued_at = timezone.now().replace(microsecond=0)
            snapshot = gather(
                plan,
                period,
                today,
                number=upcoming.number,
                title=title,
                issued_at=issued_at,
                copies_to=copies_to,
                correction=upcoming.correction,
                reason=reason if upcoming.correction else "",
            )
            data = render(snapshot)
            stored = default_storage.save(f"bulletins/{plan.year}/{uuid.uuid4().hex}.docx", ContentFile(data))
            bulletin = Bulletin.objects.create(
                plan=plan,
                period=period,
                number=upcoming.number,
                correction=upcoming.correction,
                reason=snapshot["reason"],
                title=snapshot["title"],
                issued_by=person,
                issued_at=issued_at,
                snapshot=snapshot,
                file=stored,
                filename=f"{plan.region.name}{plan.year}年调度通报{upcoming.label}.docx",
                sha256=hashlib.sha256(data).hexdigest(),
            )
            said = f"印发调度通报{bulletin.label}：{bulletin.title}"
            record(
                plan.region, person, "issued", said + (f"（更正原因：{reason}）" if reason else ""), plan=plan
            )
    except IntegrityError:
        _forget(stored)
        raise BulletinError("刚才有人同时印发了一期通报，期号已被占用，请刷新后重试。") from None
    except BaseException:
        _forget(stored)  # no orphan file when the database refused
        raise
    return bulletin


def open_bulletin(bulletin: Bulletin) -> bytes:
    """The .docx exactly as issued; refused if the stored file no longer matches its SHA-256."""
    try:
        with bulletin.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise BulletinError("找不到这期通报的存档文件，请联系系统管理员。") from None
    if hashlib.sha256(data).hexdigest() != bulletin.sha256:
        raise BulletinError("这期通报的存档文件与印发时的校验值不一致，可能已被改动，请联系系统管理员。")
    return data


def regenerate(bulletin: Bulletin) -> bytes:
    """The document made again from the issued snapshot: the same words as issued, whatever
    the reports say today."""
    return render(bulletin.snapshot)


def _check_period(period: Period, today: datetime.date) -> None:
    if today < period.starts_on:
        raise BulletinError(f"{period}尚未开始，还没有可通报的进展。")


def _forget(stored: str | None) -> None:
    if stored:
        default_storage.delete(stored)
