"""督办: the supervision office's formal demand that a unit explain and fix a red or late project."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shishi.directory.models import Unit
from shishi.plans.models import Period, Project


class SupervisionNotice(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("待答复")
        ANSWERED = "answered", _("已答复")
        CLOSED = "closed", _("已办结")

    project = models.ForeignKey(Project, models.CASCADE, related_name="supervision_notices")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="supervision_notices")
    period = models.ForeignKey(Period, models.CASCADE, related_name="supervision_notices")
    reason = models.TextField(_("督办事由"))
    reply_by = models.DateField(_("答复期限"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    reply = models.TextField(_("答复"), blank=True, default="")
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["period", "state"]), models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return f"督办：{self.unit} · {self.project.title}"
