"""A filled-in form uploaded by a clerk, waiting on the preview page for their confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from shishi.reporting.models import QuarterlyReport


class FormImport(models.Model):
    """The rows read from an uploaded form, kept on the server between preview and confirm.

    The confirm button posts only this record's id: what gets written is what the server read
    and showed, never text sent back by the browser. The record belongs to the clerk who
    uploaded it (no one else may confirm it) and remembers the draft's revision at upload, so
    that a draft saved in between is not overwritten (save_draft refuses the stale revision).
    """

    report = models.ForeignKey(QuarterlyReport, models.CASCADE, related_name="form_imports")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    revision = models.PositiveIntegerField()  # the report's revision when the file was read
    rows = models.JSONField()  # FormRow.to_dict() for each row of the file's table
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["report", "person"])]
