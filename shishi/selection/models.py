"""The year's cycle before and after a plan: proposals (征集), candidates (初定), the vote (票决)
and the year-end satisfaction vote (满意度测评). The rules live in rules.py; the changes in
services.py."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shishi.directory.models import Region, Unit
from shishi.notice.targets import extract_targets
from shishi.plans import figures
from shishi.plans.models import NoticeFile, Plan, Project, figure_fits

from . import linking, rules

# A receipt code: short enough to read over the phone, unguessable (31**10 ≈ 8 × 10**14), and
# without the characters people confuse (0/O, 1/I/L).
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 10


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def money_field(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=figures.MAX_DIGITS,
        decimal_places=figures.DECIMAL_PLACES,
        null=True,
        blank=True,
    )


class Proposal(models.Model):
    """A proposed project (征集): from a citizen on the web, a unit, a deputy, or entered by the
    office from paper or a phone call. The contact is for the office only, never shown publicly."""

    class Source(models.TextChoices):
        WEB = "web", _("群众网上征集")
        UNIT = "unit", _("单位提出")
        DEPUTY = "deputy", _("人大代表提出")
        PAPER = "paper", _("书面（办公室录入）")
        PHONE = "phone", _("电话（办公室录入）")

    class Status(models.TextChoices):
        PENDING = "pending", _("待答复")
        ADOPTED = "adopted", _("采纳")
        MERGED = "merged", _("合并")
        DECLINED = "declined", _("不予采纳")

    region = models.ForeignKey(Region, models.PROTECT, related_name="proposals", verbose_name=_("行政区"))
    year = models.PositiveSmallIntegerField(_("征集年度"))
    receipt = models.CharField(_("回执码"), max_length=RECEIPT_LENGTH, unique=True, default=new_receipt)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    title = models.CharField(_("项目名称"), max_length=100)
    what = models.TextField(_("建议内容"), max_length=2000)
    where = models.CharField(_("实施地点"), max_length=200, blank=True, default="")
    beneficiaries = models.CharField(_("受益群体"), max_length=200, blank=True, default="")
    estimated_cost = money_field(_("估算投资（万元）"))
    contact = models.CharField(_("联系方式（不公开）"), max_length=100, blank=True, default="")
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    answer = models.TextField(_("答复"), max_length=1000, blank=True, default="")
    merged_into = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="merged", verbose_name=_("并入")
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("征集建议")
        verbose_name_plural = _("征集建议")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=figure_fits("estimated_cost", null=True), name="proposal_cost_fits"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    """A candidate project (初定) on the ballot, in ballot order."""

    region = models.ForeignKey(Region, models.PROTECT, related_name="candidates", verbose_name=_("行政区"))
    year = models.PositiveSmallIntegerField(_("实施年度"))
    ballot_order = models.PositiveSmallIntegerField(_("选票顺序"))
    title = models.CharField(_("项目名称"), max_length=200)
    content = models.TextField(_("建设内容"), max_length=4000, blank=True, default="")
    # As a notice writes them (新改扩建幼儿园6所、中小学4所): read by the notice reader's own
    # target parser, so a candidate's targets become the plan's as an imported notice's do.
    targets_text = models.TextField(_("量化指标"), max_length=1000, blank=True, default="")
    investment = money_field(_("年度投资（万元）"))
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    feasibility = models.TextField(_("可行性说明"), max_length=2000, blank=True, default="")
    # The draft notice the elected candidate went into, and its number there: once the office
    # confirms that notice into a plan, the plan's project of that number is this candidate's.
    notice_file = models.ForeignKey(
        NoticeFile, models.SET_NULL, null=True, blank=True, related_name="candidates"
    )
    notice_seq = models.PositiveSmallIntegerField(null=True, blank=True)
    proposals = models.ManyToManyField(
        Proposal, blank=True, related_name="candidates", verbose_name=_("来源建议")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("候选项目")
        verbose_name_plural = _("候选项目")
        ordering = ["region_id", "year", "ballot_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "ballot_order"], name="candidate_order_unique_in_year"
            ),
            models.CheckConstraint(
                condition=figure_fits("investment", null=True), name="candidate_investment_fits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_order}. {self.title}"

    @property
    def targets(self):
        """The targets in `targets_text`, as the notice reader finds them (notice.Target)."""
        return extract_targets(self.targets_text)

    @property
    def project(self) -> Project | None:
        """The plan's project this candidate became, once its draft notice was confirmed (or an
        edited copy of it imported): by `plan_links`, never by the number alone."""
        if self.notice_file_id is None:
            return None
        plans = Plan.objects.filter(
            models.Q(notice_file_id=self.notice_file_id) | models.Q(region_id=self.region_id, year=self.year)
        ).order_by("-created_at")
        for plan in plans:
            if found := plan_links(plan).project_of.get(self.pk):
                return Project.objects.get(pk=found)
        return None

    @property
    def unit_list(self) -> list[Unit]:
        """Lead first. Reads `self.unit_places.all()` (prefetch `unit_places__unit`)."""
        return [place.unit for place in self.unit_places.all()]


def plan_links(plan: Plan) -> linking.Links:
    """Which candidate each of the plan's projects came from (see linking.py), with a warning for
    each the office should look at. The candidates are those written into the plan's own notice;
    for a plan imported from another notice (the draft edited in Word and uploaded again), those
    of its region and year written into a draft notice that no other plan was confirmed from."""
    others = models.Q(
        region_id=plan.region_id, year=plan.year, notice_file__isnull=False, notice_file__plan__isnull=True
    )
    if plan.notice_file_id is not None:  # (a plan without a notice file must not match notice_file IS NULL)
        others |= models.Q(notice_file_id=plan.notice_file_id)
    found = list(Candidate.objects.filter(others))  # one query
    own = [c for c in found if plan.notice_file_id and c.notice_file_id == plan.notice_file_id]
    drafted = own or found
    if not drafted:
        return linking.Links()
    drafts = dict(
        NoticeFile.objects.filter(pk__in={c.notice_file_id for c in drafted}).values_list("pk", "draft")
    )
    rows = plan.projects.values_list("pk", "seq", "title")
    projects = [linking.Made(pk, seq, title) for pk, seq, title in rows]
    candidates = [_drafted(c, drafts.get(c.notice_file_id) or {}) for c in drafted]
    return linking.link(projects, candidates, same_notice=bool(own))


def _drafted(candidate: Candidate, draft: dict) -> linking.Drafted:
    """The candidate as its draft notice holds it: the item naming it (drafts from before items
    named their candidate: the item of its number)."""
    items = draft.get("projects") or []
    item = next((i for i in items if i.get("candidate") == candidate.pk), None)
    if item is None:
        item = next((i for i in items if "candidate" not in i and i.get("seq") == candidate.notice_seq), {})
    return linking.Drafted(candidate.pk, candidate.title, item.get("seq"), item.get("title") or "")


class CandidateUnit(models.Model):
    """A unit on a candidate project, in order: the first is the lead unit."""

    candidate = models.ForeignKey(Candidate, models.CASCADE, related_name="unit_places")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["candidate_id", "order"]
        constraints = [models.UniqueConstraint(fields=["candidate", "unit"], name="candidate_unit_once")]


class Counted(models.Model):
    """What a vote and a satisfaction vote share: members, the paper ballots once counted, and the
    scanned tally sheet. The rules are locked once `counted_at` is set."""

    members = models.PositiveIntegerField(_("组成人员数"))
    issued = models.PositiveIntegerField(_("发出票数"), null=True, blank=True)
    returned = models.PositiveIntegerField(_("收回票数"), null=True, blank=True)
    not_returned = models.PositiveIntegerField(_("未收回票数"), null=True, blank=True)
    valid = models.PositiveIntegerField(_("有效票数"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("无效票数"), null=True, blank=True)
    counted_at = models.DateTimeField(_("计票时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)  # shown on a public page
    tally_pdf = models.FileField(upload_to="tallies/%Y/", blank=True, default="")
    tally_name = models.CharField(max_length=255, blank=True, default="")
    tally_sha256 = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def locked(self) -> bool:
        return self.counted_at is not None

    @property
    def ballots(self) -> rules.Ballots | None:
        if not self.locked:
            return None
        return rules.Ballots(self.issued, self.returned, self.not_returned, self.valid, self.invalid)


class VoteSession(Counted):
    """A 票决 of the people's congress (or its standing committee) on the year's candidates."""

    class Mode(models.TextChoices):
        APPROVE = rules.APPROVE, _("逐项表决（赞成／反对／弃权）")
        PICK = rules.PICK, _("差额票决（M项中选N项）")

    class Threshold(models.TextChoices):
        MEMBERS = rules.OF_MEMBERS, _("超过全体组成人员的半数")
        VALID = rules.OF_VALID, _("超过有效票的半数")

    class Tie(models.TextChoices):
        REVOTE = rules.TIE_REVOTE, _("票数相同的另行投票")
        ORDER = rules.TIE_ORDER, _("票数相同的按选票顺序在前者当选")

    region = models.ForeignKey(Region, models.PROTECT, related_name="vote_sessions", verbose_name=_("行政区"))
    year = models.PositiveSmallIntegerField(_("实施年度"))
    title = models.CharField(_("会议名称"), max_length=120)
    held_on = models.DateField(_("票决日期"), null=True, blank=True)
    mode = models.CharField(_("票决方式"), max_length=10, choices=Mode.choices, default=Mode.APPROVE)
    seats = models.PositiveSmallIntegerField(_("应选项目数"), null=True, blank=True)
    threshold = models.CharField(
        _("通过票数"), max_length=10, choices=Threshold.choices, default=Threshold.MEMBERS
    )
    tie = models.CharField(_("票数相同时"), max_length=10, choices=Tie.choices, default=Tie.REVOTE)
    candidates = models.ManyToManyField(Candidate, related_name="vote_sessions", verbose_name=_("候选项目"))

    class Meta:
        verbose_name = _("票决")
        verbose_name_plural = _("票决")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def vote_rules(self) -> rules.VoteRules:
        return rules.VoteRules(self.members, self.mode, self.seats, self.threshold, self.tie)

    @property
    def mode_text(self) -> str:
        """票决方式 with its numbers, as documents and pages state it: 差额票决（6项中选3项）, or
        逐项表决（赞成／反对／弃权），应选10项; never the choice's own pattern (M项中选N项)."""
        if self.mode == self.Mode.PICK:
            return f"差额票决（{self.candidates.count()}项中选{self.seats}项）"
        return str(self.get_mode_display()) + (f"，应选{self.seats}项" if self.seats else "")


class VoteLine(models.Model):
    """One candidate's count in a vote. In a pick-N vote, `yes` holds the marks it received."""

    session = models.ForeignKey(VoteSession, models.CASCADE, related_name="lines")
    candidate = models.ForeignKey(Candidate, models.PROTECT, related_name="vote_lines")
    yes = models.PositiveIntegerField(_("赞成"))
    no = models.PositiveIntegerField(_("反对"), default=0)
    abstain = models.PositiveIntegerField(_("弃权"), default=0)

    class Meta:
        ordering = ["session_id", "candidate__ballot_order"]
        constraints = [models.UniqueConstraint(fields=["session", "candidate"], name="vote_line_once")]


class SatisfactionSession(Counted):
    """The year-end 满意度测评 of a plan's projects by the deputies (or the standing committee)."""

    class Base(models.TextChoices):
        MEMBERS = rules.OF_MEMBERS, _("全体组成人员")
        VALID = rules.OF_VALID, _("有效票")

    plan = models.ForeignKey(
        Plan, models.PROTECT, related_name="satisfaction_sessions", verbose_name=_("实事计划")
    )
    title = models.CharField(_("测评名称"), max_length=120)
    held_on = models.DateField(_("测评日期"), null=True, blank=True)
    base = models.CharField(_("比例的基数"), max_length=10, choices=Base.choices, default=Base.MEMBERS)
    satisfied_percent = models.PositiveSmallIntegerField(_("“满意”须超过（%）"), default=50)
    combined_percent = models.PositiveSmallIntegerField(_("“满意+基本满意”须超过（%）"), default=50)
    # The online survey of citizens beside the deputies' vote: open or not, and how many answers
    # it takes at most (a bound on what one plan's page can be made to store).
    survey_open = models.BooleanField(_("开放群众网上测评"), default=False)
    survey_limit = models.PositiveIntegerField(_("网上测评份数上限"), default=5000)

    class Meta:
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def rating_rules(self) -> rules.SatisfactionRules:
        return rules.SatisfactionRules(self.members, self.base, self.satisfied_percent, self.combined_percent)


class RatingLine(models.Model):
    """One project's count in a satisfaction vote."""

    session = models.ForeignKey(SatisfactionSession, models.CASCADE, related_name="lines")
    project = models.ForeignKey(Project, models.PROTECT, related_name="rating_lines")
    satisfied = models.PositiveIntegerField(_("满意"))
    basic = models.PositiveIntegerField(_("基本满意"))
    unsatisfied = models.PositiveIntegerField(_("不满意"))

    class Meta:
        ordering = ["session_id", "project__seq"]
        constraints = [models.UniqueConstraint(fields=["session", "project"], name="rating_line_once")]


class SurveyResponse(models.Model):
    """A citizen's answer to the online survey: one per device (a random cookie, kept hashed)."""

    session = models.ForeignKey(SatisfactionSession, models.CASCADE, related_name="survey_responses")
    device = models.CharField(max_length=64)  # SHA-256 of the device's cookie
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "device"], name="survey_once_per_device")]


class SurveyRating(models.Model):
    class Choice(models.TextChoices):
        SATISFIED = rules.SATISFIED, _("满意")
        BASIC = rules.BASIC, _("基本满意")
        UNSATISFIED = rules.UNSATISFIED, _("不满意")

    response = models.ForeignKey(SurveyResponse, models.CASCADE, related_name="ratings")
    project = models.ForeignKey(Project, models.CASCADE, related_name="+")
    choice = models.CharField(max_length=12, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "project"], name="survey_rating_once")]
