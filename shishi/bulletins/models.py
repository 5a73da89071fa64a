"""调度通报: the coordinator's bulletin for a plan and a period, kept exactly as issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shishi.plans.models import Period, Plan


class BulletinFrozen(Exception):
    """An issued bulletin is a record: it is never changed afterwards."""


def correction_words(correction: int) -> str:
    """`（更正）` for the first corrected re-issue of a number, `（第2次更正）` after it, nothing
    for the first issue."""
    if not correction:
        return ""
    return "（更正）" if correction == 1 else f"（第{correction}次更正）"


class Bulletin(models.Model):
    """One issued bulletin (第3期): the data it was made from and the .docx it became.

    A quarter has one number: the first bulletin of a quarter takes the plan's next number, and
    issuing the quarter again is a correction (更正) under the same number, with its reason; the
    numbers run on across the quarters of the plan's year.

    `snapshot` holds everything the document was rendered from (figures, lights, reasons, the
    merged table, number, title and date), so that later edits to reports change nothing here
    and the same document can be made again from it; `file` is the .docx as issued, with its SHA-256.
    """

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="bulletins", verbose_name=_("实事计划"))
    period = models.ForeignKey(Period, models.PROTECT, related_name="bulletins", verbose_name=_("季度"))
    number = models.PositiveSmallIntegerField(_("期数"))
    correction = models.PositiveSmallIntegerField(
        _("更正次数"), default=0, help_text=_("0 为首次印发，1 为第一次更正，依此类推")
    )
    reason = models.TextField(_("更正原因"), blank=True)
    title = models.CharField(_("标题"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("印发人")
    )
    issued_at = models.DateTimeField(_("印发时间"))
    snapshot = models.JSONField(_("数据快照"))
    file = models.FileField(_("通报文件"), upload_to="bulletins/%Y/")
    filename = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("调度通报")
        verbose_name_plural = _("调度通报")
        ordering = ["plan", "-number", "-correction"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number", "correction"], name="bulletin_number_unique_in_plan"
            ),
            # One number per quarter: a second bulletin of a quarter is a correction of the first.
            models.UniqueConstraint(fields=["period", "correction"], name="bulletin_one_number_per_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def label(self) -> str:
        return f"第{self.number}期{correction_words(self.correction)}"

    def save(self, *args, **kwargs):
        # Refused here rather than only in the service, so that no later save() (an admin form,
        # a data fix) can quietly rewrite what was issued.
        if self.pk is not None and not self._state.adding:
            raise BulletinFrozen("已印发的调度通报不能修改。")
        super().save(*args, **kwargs)
