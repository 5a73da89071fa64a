"""A year's programme: the plan made from a notice, its projects, targets, units and periods."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shishi.directory import access
from shishi.directory.models import Region, Unit

from . import figures


class NoticeFile(models.Model):
    """An uploaded notice, kept exactly as uploaded, with what the reader made of it."""

    region = models.ForeignKey(Region, models.PROTECT, related_name="notice_files")
    file = models.FileField(upload_to="notices/%Y/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    parsed = models.JSONField(_("读取结果"))  # what the reader made of it, never changed
    draft = models.JSONField(_("校对稿"))  # the coordinator's corrections, confirmed into a plan
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "sha256"], name="notice_file_once_per_region")
        ]


class PlanQuerySet(models.QuerySet):
    def visible_to(self, person) -> PlanQuerySet:
        """The plans the person reads, by the rule in shishi.directory.access (plan_filter)."""
        condition = access.plan_filter(person)
        if condition is None:
            return self.none()
        found = self.filter(condition)
        return found.distinct() if person.role == person.Role.REPORTER else found

    def in_use(self) -> PlanQuerySet:
        """Plans not archived: what lists and menus offer by default."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> PlanQuerySet:
        """Plans kept for the record but hidden from the default lists (已归档)."""
        return self.filter(archived_at__isnull=False)


class Plan(models.Model):
    """The year's programme (为妇女儿童办实事) of one region, made from one notice."""

    objects = PlanQuerySet.as_manager()

    region = models.ForeignKey(Region, models.PROTECT, related_name="plans", verbose_name=_("行政区"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    issuer = models.CharField(_("发文机关"), max_length=100, blank=True, default="")
    doc_number = models.CharField(_("文号"), max_length=60, blank=True, default="")
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    notice_file = models.OneToOneField(NoticeFile, models.PROTECT, null=True, blank=True, related_name="plan")
    reporting_to = models.CharField(_("报送对象"), max_length=60, blank=True, default="")
    reporting_phone = models.CharField(_("联系电话"), max_length=30, blank=True, default="")
    due_days = models.PositiveSmallIntegerField(_("季度末后几天内报送"), default=10)
    yellow_points = models.PositiveSmallIntegerField(_("黄灯：落后进度（百分点）"), default=10)
    red_points = models.PositiveSmallIntegerField(_("红灯：落后进度超过（百分点）"), default=30)
    published = models.BooleanField(_("已公开"), default=False)
    # An archived plan is kept whole and readable (its reports, its history) but no longer
    # offered in the default lists: a plan imported by mistake once reports exist, or a
    # finished year the office wants out of the way (`PlanQuerySet.in_use`).
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When anything the plan's pages show last changed: the plan, its projects, targets, quarters
    # and team, its reports, its public text, its history. Moved on by shishi/plans/changes.py;
    # the public page, the board and a project's page are cached under it.
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords(excluded_fields=["changed_at"])  # bookkeeping, not an edit

    class Meta:
        verbose_name = _("实事计划")
        verbose_name_plural = _("实事计划")
        ordering = ["-year", "region__path"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "title"], name="plan_unique_title_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @classmethod
    def lock(cls, **lookup) -> None:
        """Take the row lock of the plan the lookup names (`pk=…`, `periods__reports=…`) before a
        transaction writes its reports. Every write moves the plan's `changed_at` (changes.py),
        which locks the plan's row until commit; taking that lock first, in every transaction
        that writes a report, keeps one order (the plan, then its reports), so that a transaction
        writing several reports (the bulk update) cannot deadlock with a clerk's save of one."""
        list(cls.objects.select_for_update(of=("self",)).filter(**lookup).values_list("pk", flat=True))

    @classmethod
    def touch(cls, plans: models.QuerySet[Plan]) -> None:
        """Record that something these plans' pages show has changed, now."""
        plans.update(changed_at=timezone.now())

    # The plan's calendar. Each rule reads `self.periods.all()`, so a plan read with its periods
    # (prefetch_related("periods")) answers them all without another query.

    def current_period(self, today: datetime.date) -> Period | None:
        """The quarter being reported and chased today: the first whose due date has not passed,
        else the last (after the year, its fourth quarter). Q1's reports are written in early
        April, so until Q1's due date it is still Q1, not Q2. None for a plan without quarters."""
        periods = list(self.periods.all())
        last = periods[-1] if periods else None
        return next((period for period in periods if not period.is_overdue(today)), last)

    def latest_ended_period(self, today: datetime.date) -> Period | None:
        """The latest quarter that has ended, else the first: what the public page shows, as a
        citizen reads what was done in a quarter once it is over, not one half begun."""
        periods = list(self.periods.all())
        ended = [period for period in periods if period.has_ended(today)]
        return ended[-1] if ended else (periods[0] if periods else None)

    def open_periods(self, today: datetime.date) -> list[Period]:
        """The quarters a unit may report on today: those that have begun (see `Period.is_open`)."""
        return [period for period in self.periods.all() if period.is_open(today)]

    def period(self, quarter: int | None) -> Period | None:
        """The plan's quarter numbered `quarter`, or None."""
        return next((period for period in self.periods.all() if period.quarter == quarter), None)


def figure_fits(field: str, null: bool = False) -> models.Q:
    """The database's own check of `figures.storable`: no door, present or future, can store a
    figure that pages could not read back."""
    fits = models.Q(**{f"{field}__gte": 0, f"{field}__lt": figures.LIMIT})
    return fits | models.Q(**{f"{field}__isnull": True}) if null else fits


class Project(models.Model):
    """One 实事 of the plan."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="projects")
    seq = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("实事名称"), max_length=200)
    body = models.TextField(_("内容"), blank=True, default="")
    theme = models.CharField(_("主题"), max_length=30, default="other")
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    # What a 民生实事 notice gives per project when it has them: the heading or 类别 column the
    # project stands under, and its 年度投资 in 万元 (a figure as `figures` holds one).
    category = models.CharField(_("类别"), max_length=60, blank=True, default="")
    investment = models.DecimalField(
        _("年度投资（万元）"),
        max_digits=figures.MAX_DIGITS,
        decimal_places=figures.DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        # Local columns only: ordering by "plan" would order by the plan's own ordering, a join
        # through the plan to its region on every read of projects.
        ordering = ["plan_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="project_seq_unique_in_plan"),
            models.CheckConstraint(
                condition=figure_fits("investment", null=True), name="project_investment_fits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"

    @property
    def lead_assignment(self) -> Assignment | None:
        """The assignment whose figures count for the project (its lights, the bulletin, 督办):
        the lead unit's, else the first listed. Reads `self.assignments.all()`, so projects read
        with their assignments prefetched answer without a query."""
        team = list(self.assignments.all())
        return next((a for a in team if a.role == Assignment.Role.LEAD), team[0] if team else None)

    @property
    def lead_unit(self) -> Unit | None:
        lead = self.lead_assignment
        return lead.unit if lead else None


class Target(models.Model):
    """A number the project committed to (新改扩建幼儿园 6 所)."""

    class Op(models.TextChoices):
        AT_LEAST = ">=", "≥"
        EXACTLY = "=", "="
        AT_MOST = "<=", "≤"
        ABOUT = "~", "≈"

    project = models.ForeignKey(Project, models.CASCADE, related_name="targets")
    seq = models.PositiveSmallIntegerField(default=1)
    indicator = models.CharField(_("指标"), max_length=120)
    op = models.CharField(_("关系"), max_length=2, choices=Op.choices, default=Op.EXACTLY)
    value = models.DecimalField(_("目标值"), max_digits=16, decimal_places=2)
    unit_of_measure = models.CharField(_("单位"), max_length=20, blank=True, default="")
    kind = models.CharField(_("类型"), max_length=12, default="count")
    text = models.CharField(_("原文"), max_length=200, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["project_id", "seq"]  # local columns: "project" would join project, plan and region
        constraints = [models.CheckConstraint(condition=figure_fits("value"), name="target_value_fits")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.goal}"

    @property
    def goal(self) -> str:
        """`≥3800个`, `6所`, `≈1.2万人` as people write it (a plain figure needs no sign)."""
        sign = "" if self.op == self.Op.EXACTLY else _SIGNS.get(self.op, self.op)
        return f"{sign}{self.value.normalize():f}{self.unit_of_measure}"

    @property
    def lower_is_better(self) -> bool:
        return self.op == self.Op.AT_MOST


_SIGNS = dict(
    Target.Op.choices
)  # get_op_display() rebuilds this on every call; a comparison asks thousands of times


class Assignment(models.Model):
    """A unit's place on a project (责任分工): the lead or a partner."""

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头单位")
        PARTNER = "partner", _("配合单位")

    project = models.ForeignKey(Project, models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="assignments")
    role = models.CharField(_("分工"), max_length=10, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project_id", "order"]  # local columns, as Project's
        constraints = [models.UniqueConstraint(fields=["project", "unit"], name="assignment_once_per_unit")]


class Period(models.Model):
    """A quarter of the plan year, with the date its reports are due."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="periods")
    quarter = models.PositiveSmallIntegerField(_("季度"))
    starts_on = models.DateField()
    ends_on = models.DateField()
    due_on = models.DateField(_("报送截止"))

    class Meta:
        ordering = ["plan_id", "quarter"]  # local columns, as Project's
        constraints = [models.UniqueConstraint(fields=["plan", "quarter"], name="period_once_per_quarter")]

    def __str__(self) -> str:
        return f"{self.plan.year}年第{self.quarter}季度"

    def is_open(self, today: datetime.date) -> bool:
        """Whether a unit may report on the quarter: once it has begun, and still after its due
        date (the report is then late, not refused). A quarter not yet begun has nothing to report."""
        return self.starts_on <= today

    def has_ended(self, today: datetime.date) -> bool:
        return self.ends_on < today

    def is_overdue(self, today: datetime.date) -> bool:
        """Whether its due date has passed: a report not submitted by then is late."""
        return today > self.due_on

    @staticmethod
    def bounds(year: int, quarter: int, due_days: int) -> tuple[datetime.date, datetime.date, datetime.date]:
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = (
            datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
        ) - datetime.timedelta(days=1)
        return start, end, end + datetime.timedelta(days=due_days)


def decimal_value(value: int | float | str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
