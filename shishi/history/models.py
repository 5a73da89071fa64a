"""Who did what and when: imports, edits, submissions, returns, reminders."""

from django.conf import settings
from django.db import models

from shishi.directory.models import Region


class Event(models.Model):
    region = models.ForeignKey(Region, models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=30)  # imported, edited, submitted, returned, accepted, reminded…
    summary = models.CharField(max_length=300)
    plan_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    report_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
