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
from .models import Bulletin
from .snapshot import gather

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BulletinError(Exception):
    """A bulletin action that cannot be done; the message says why, for a person."""


@dataclass(frozen=True)
class Draft:
    data: bytes
    filename: str
    snapshot: dict


def preview_bulletin(plan: Plan, period: Period, today: datetime.date | None = None) -> Draft:
    """A draft .docx from the current data: nothing is stored, no number is taken."""
    today = today or timezone.localdate()
    _check_period(period, today)
    snapshot = gather(plan, period, today, number=None)
    return Draft(
        render(snapshot),
        f"{plan.region.name}{plan.year}年{snapshot['period']['name']}调度通报（预览稿）.docx",
        snapshot,
    )


def issue_bulletin(
    plan: Plan, period: Period, person: Person, title: str = "", today: datetime.date | None = None
) -> Bulletin:
    """Freeze the period's figures into the next numbered bulletin and keep its .docx as issued."""
    today = today or timezone.localdate()
    _check_period(period, today)
    title = " ".join(title.split())
    if len(title) > 200:
        raise BulletinError("标题不能超过200个字。")
    stored = None
    try:
        with transaction.atomic():
            # Numbers are taken one at a time per plan: two coordinators issuing at once get 3 and 4.
            Plan.objects.select_for_update().filter(pk=plan.pk).first()
            number = (Bulletin.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1
            issued_at = timezone.now().replace(microsecond=0)
            snapshot = gather(plan, period, today, number=number, title=title, issued_at=issued_at)
            data = render(snapshot)
            stored = default_storage.save(f"bulletins/{plan.year}/{uuid.uuid4().hex}.docx", ContentFile(data))
            bulletin = Bulletin.objects.create(
                plan=plan,
                period=period,
                number=number,
                title=snapshot["title"],
                issued_by=person,
                issued_at=issued_at,
                snapshot=snapshot,
                file=stored,
                filename=f"{plan.region.name}{plan.year}年调度通报第{number}期.docx",
                sha256=hashlib.sha256(data).hexdigest(),
            )
            record(
                plan.region, person, "issued", f"印发调度通报{bulletin.label}：{bulletin.title}", plan=plan
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
