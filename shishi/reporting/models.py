"""What units write: the start-of-year implementation plan and the quarterly report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shishi.directory import access
from shishi.directory.models import Unit
from shishi.plans.models import Assignment, Period, Project, Target, figure_fits


class ImplementationPlan(models.Model):
    """制定实施方案，明确责任科室、责任人: one per unit and project, written at the start of the year."""

    assignment = models.OneToOneField(Assignment, models.CASCADE, related_name="implementation")
    text = models.TextField(_("实施方案"), blank=True, default="")
    file = models.FileField(_("实施方案文件"), upload_to="plans/%Y/", blank=True)
    office = models.CharField(_("责任科室"), max_length=60, blank=True, default="")
    person_name = models.CharField(_("责任人"), max_length=40, blank=True, default="")
    post = models.CharField(_("职务"), max_length=40, blank=True, default="")
    phone = models.CharField(_("电话"), max_length=30, blank=True, default="")
    sub_goals = models.TextField(_("本单位分解目标"), blank=True, default="")
    # Bumped on every save, as a report's: two clerks of a unit editing it cannot overwrite each other.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")


class QuarterlyReportQuerySet(models.QuerySet):
    def readable_by(self, person) -> QuarterlyReportQuerySet:
        """Every report `can_read_report(person, report)` allows (shishi.directory.access.report_filter)."""
        condition = access.report_filter(person)
        return self.none() if condition is None else self.filter(condition)


class QuarterlyReport(models.Model):
    """进展情况报表: one unit's form for one period, with a line per project it is on."""

    objects = QuarterlyReportQuerySet.as_manager()

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")
        RETURNED = "returned", _("已退回")
        ACCEPTED = "accepted", _("已通过")

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, models.CASCADE, related_name="reports")
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    # Bumped on every save: a form carries the revision it was opened at, so a second
    # editor's stale save is refused instead of silently overwriting the first.
    revision = models.PositiveIntegerField(default=0)
    stamped_pdf = models.FileField(_("盖章PDF"), upload_to="stamped/%Y/", blank=True)
    stamped_pdf_name = models.CharField(max_length=255, blank=True, default="")
    stamped_pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    return_reason = models.TextField(_("退回原因"), blank=True, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="report_once_per_unit_and_period")
        ]
        indexes = [models.Index(fields=["period", "state"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}"

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class ReportLine(models.Model):
    """One row of the form: a project the unit is on."""

    class Assessment(models.TextChoices):
        ON_SCHEDULE = "on_schedule", _("按计划推进")
        BEHIND = "behind", _("进度滞后")
        DONE = "done", _("已完成")

    report = models.ForeignKey(QuarterlyReport, models.CASCADE, related_name="lines")
    project = models.ForeignKey(Project, models.CASCADE, related_name="report_lines")
    measures = models.TextField(_("本季度具体措施及任务进度情况"), blank=True, default="")
    deadline = models.CharField(_("完成时限"), max_length=60, blank=True, default="")
    assessment = models.CharField(
        _("自评"), max_length=12, choices=Assessment.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["project__seq"]
        constraints = [models.UniqueConstraint(fields=["report", "project"], name="line_once_per_project")]


class TargetValue(models.Model):
    """The cumulative figure a unit reached for a target by the end of the period."""

    line = models.ForeignKey(ReportLine, models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, models.CASCADE, related_name="reported_values")
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "target"], name="value_once_per_target"),
            models.CheckConstraint(condition=figure_fits("value", null=True), name="reported_value_fits"),
        ]


class ReportVersion(models.Model):
    """A submitted version, frozen: what was sent, when, by whom, and what became of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("待审核")
        ACCEPTED = "accepted", _("已通过")
        RETURNED = "returned", _("已退回")

    report = models.ForeignKey(QuarterlyReport, models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()
    stamped_pdf = models.FileField(upload_to="stamped/%Y/")
    stamped_pdf_name = models.CharField(max_length=255)
    stamped_pdf_sha256 = models.CharField(max_length=64)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    review_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="version_number_unique")]


class Reminder(models.Model):
    """A reminder sent to a unit about a period's report: by hand or by the scheduled task."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("邮件")
        IN_APP = "in_app", _("站内通知")
        WEBHOOK = "webhook", _("群机器人")

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="reminders")
    period = models.ForeignKey(Period, models.CASCADE, related_name="reminders")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivered = models.BooleanField(default=True)
    detail = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["unit", "period", "sent_at"])]
