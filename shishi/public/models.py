"""What the public may read beyond the plan itself: text a coordinator approved, per project and period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shishi.plans.models import Period, Project


class PublicStatement(models.Model):
    """公开说明: how a project went in a period, in words written for citizens.

    `text` is the coordinator's working copy; `approved_text` is what the public page shows,
    copied from `text` only when approved, so that editing never publishes half a sentence
    and withdrawing takes the text off the page at once.
    """

    project = models.ForeignKey(Project, models.CASCADE, related_name="public_statements")
    period = models.ForeignKey(Period, models.CASCADE, related_name="public_statements")
    text = models.TextField(_("公开说明"), blank=True, default="")
    approved_text = models.TextField(_("已公开的说明"), blank=True, default="")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Personal data found in the approved text that the coordinator confirmed publishing anyway.
    confirmed_findings = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("公开说明")
        verbose_name_plural = _("公开说明")
        ordering = ["project__seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period"], name="statement_once_per_project_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period}"

    @property
    def published(self) -> bool:
        return bool(self.approved_text)

    @property
    def changed_since_approval(self) -> bool:
        return self.text != self.approved_text
