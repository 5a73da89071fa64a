"""The unit's implementation plan for a project (实施方案): text fields and, optionally, a file.

The file is what the unit already wrote in Word, WPS or as a PDF; anything else is refused by
its content, not its name, so a renamed web page or program never gets stored and served back.
"""

from __future__ import annotations

import os
import uuid
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F

from shishi.directory.models import Person
from shishi.notice import bounds

from .models import ImplementationPlan

FIELDS = ("text", "office", "person_name", "post", "phone", "sub_goals")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls, .et
WRONG_KIND = "实施方案文件只能是PDF、Word（.doc/.docx）、WPS或Excel文件。"


def implementation_plans(project_id: int) -> list[ImplementationPlan]:
    """The implementation plans written for the project, one per unit that wrote one: the
    project's ledger page shows them on every visit."""
    return list(ImplementationPlan.objects.filter(assignment__project_id=project_id).order_by())


class LedgerError(Exception):
    """A file the ledger will not keep; the message is for the clerk."""


def file_kind(data: bytes) -> str:
    """The extension the content deserves, or LedgerError."""
    limit = settings.SHISHI_MAX_PDF_BYTES
    if not data:
        raise LedgerError("上传的文件是空的。")
    if len(data) > limit:
        raise LedgerError(f"实施方案文件不能超过{limit // (1024 * 1024)}MB。")
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(OLE2):
        return ".doc"
    if data.startswith(b"PK\x03\x04"):
        try:
            # Only the names are read, but a zip's directory alone can be made to cost.
            with bounds.open_zip(data, "请确认上传的是实施方案文件。") as archive:
                names = set(archive.namelist())
        except bounds.OverLimit as exc:
            raise LedgerError(str(exc)) from None
        except (zipfile.BadZipFile, ValueError):
            raise LedgerError("文件已损坏，无法打开，请重新保存后上传。") from None
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
    raise LedgerError(WRONG_KIND)


class LedgerConflict(LedgerError):
    """Someone else saved the implementation plan since this form was opened; `saved` is theirs."""

    def __init__(self, saved: ImplementationPlan):
        super().__init__("实施方案已被他人修改并保存。您的内容没有保存：请对照下方两个版本，合并后再保存。")
        self.saved = saved


def save_implementation_plan(
    item: ImplementationPlan,
    person: Person,
    revision: int,
    values: dict,
    upload: tuple[bytes, str] | None = None,
) -> ImplementationPlan:
    """Save the fields and the file together; a refused file changes nothing. `revision` is the
    one the form was opened at: if the plan moved on since, nothing is written and LedgerConflict
    carries the saved version."""
    stored = None
    if upload:
        data, filename = upload
        extension = file_kind(data)
        stem = os.path.splitext(os.path.basename(filename.replace("\\", "/")))[0][:60] or "实施方案"
        # The clerk's name for it survives for the download; the stored name is ours.
        stored = default_storage.save(f"plans/{uuid.uuid4().hex}/{stem}{extension}", ContentFile(data))
    try:
        with transaction.atomic():
            # Claimed in one UPDATE … WHERE revision = the form's: of two saves from one revision, one wins.
            claimed = ImplementationPlan.objects.filter(pk=item.pk, revision=revision).update(
                revision=F("revision") + 1
            )
            if not claimed:
                raise LedgerConflict(ImplementationPlan.objects.get(pk=item.pk))
            item.refresh_from_db()  # the row as claimed: its file is the one this save replaces
            replaced = item.file.name if stored else None
            for field in FIELDS:
                limit = ImplementationPlan._meta.get_field(field).max_length or 20000
                setattr(item, field, str(values.get(field, ""))[:limit])
            if stored:
                item.file.name = stored
            item.updated_by = person
            item.save()
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    if replaced:  # once committed (see reporting.services.attach_stamped_pdf)
        transaction.on_commit(lambda: default_storage.delete(replaced))
    return item
