"""What the exports app keeps: the exports made in the background, with their progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """An export made in the background (see jobs.py), with the progress a page polls."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="export_jobs")
    plan = models.ForeignKey(
        "plans.Plan", models.CASCADE, null=True, blank=True, related_name="+"
    )  # none: every visible plan
    kind = models.CharField(max_length=12)
    format = models.CharField(max_length=4)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/", blank=True)
    filename = models.CharField(max_length=200, blank=True, default="")
    error = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the thread's heartbeat: see jobs.STALE_AFTER
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The table the api app made before exports were an app of their own: the row moved, not the data.
        db_table = "api_exportjob"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
