"""Changing a plan's satisfaction vote (满意度测评) and its citizens' online survey. Every count
and rule change is written to the history; errors are SelectionError, as in services.py."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count

from shishi.directory.models import Person
from shishi.history.services import record
from shishi.plans.models import Plan

from . import rules
from .models import RatingLine, SatisfactionSession, SurveyRating, SurveyResponse
from .services import MAX_MEMBERS, SelectionError, store_count

# -- the satisfaction vote (满意度测评) ---------------------------------------------------------


@dataclass
class RatingSettings:
    title: str
    members: int
    base: str = rules.OF_MEMBERS
    satisfied_percent: int = 50
    combined_percent: int = 50
    held_on: object = None


def _check_rating_settings(s: RatingSettings) -> None:
    if not 1 <= s.members <= MAX_MEMBERS:
        raise SelectionError(f"组成人员数应在1到{MAX_MEMBERS}之间。")
    if s.base not in SatisfactionSession.Base.values:
        raise SelectionError("请选择比例的基数。")
    if not (1 <= s.satisfied_percent <= 99 and 1 <= s.combined_percent <= 99):
        raise SelectionError("比例应在1%到99%之间。")


def _describe_rating(s: RatingSettings) -> str:
    return (
        f"组成人员{s.members}人；"
        + rules.SatisfactionRules(s.members, s.base, s.satisfied_percent, s.combined_percent).describe()
    )


def create_satisfaction_session(plan: Plan, person: Person, settings_: RatingSettings) -> SatisfactionSession:
    _check_rating_settings(settings_)
    session = SatisfactionSession.objects.create(plan=plan, **vars(settings_))
    record(
        plan.region,
        person,
        "rating_rules",
        f"设立满意度测评《{session.title}》：{_describe_rating(settings_)}",
        plan=plan,
    )
    return session


@transaction.atomic
def set_rating_rules(
    session: SatisfactionSession, person: Person, settings_: RatingSettings
) -> SatisfactionSession:
    given, session = session, SatisfactionSession.objects.select_for_update().get(pk=session.pk)
    if session.locked:
        raise SelectionError("已经录入计票结果，测评规则不能再修改。")
    _check_rating_settings(settings_)
    for field, value in vars(settings_).items():
        setattr(session, field, value)
    session.save()
    record(
        session.plan.region,
        person,
        "rating_rules",
        f"修改满意度测评《{session.title}》规则：{_describe_rating(settings_)}",
        plan=session.plan,
    )
    given.refresh_from_db()  # the caller's copy, as saved
    return given


@dataclass(frozen=True)
class ProjectCount:
    satisfied: int
    basic: int
    unsatisfied: int


@transaction.atomic
def enter_rating_counts(
    session: SatisfactionSession, person: Person, ballots: rules.Ballots, counts: dict[int, ProjectCount]
) -> SatisfactionSession:
    """Record the paper count of a satisfaction vote, refused unless it adds up (as a vote's)."""
    given, session = session, SatisfactionSession.objects.select_for_update().get(pk=session.pk)
    projects = list(session.plan.projects.order_by("seq"))
    if set(counts) != {p.pk for p in projects}:
        raise SelectionError("请为每项实事填写测评票数。")
    lines = [rules.RatingLine(p.title, **vars(counts[p.pk])) for p in projects]
    problems = rules.rating_problems(session.rating_rules, ballots, lines)
    if problems:
        raise SelectionError("计票数字对不上，未保存：" + "".join(problems))
    counted = [(p, counts[p.pk]) for p in projects]
    store_count(
        session,
        person,
        ballots,
        [RatingLine(session=session, project=p, **vars(n)) for p, n in counted],
        "；".join(f"{p.seq}.{n.satisfied}/{n.basic}/{n.unsatisfied}" for p, n in counted),
        region=session.plan.region,
        verbs=("rating_counted", "rating_recounted"),
        plan=session.plan,
    )
    given.refresh_from_db()  # the caller's copy, as saved
    return given


@dataclass(frozen=True)
class ProjectRating:
    line: RatingLine
    result: str

    @property
    def result_name(self) -> str:
        return rules.SATISFACTION_NAMES[self.result]


@dataclass(frozen=True)
class SatisfactionResult:
    ratings: list[ProjectRating]
    rate: Decimal | None  # percent
    counts: dict[str, int]  # projects per result


def satisfaction_result(session: SatisfactionSession) -> SatisfactionResult | None:
    if not session.locked:
        return None
    lines = list(session.lines.select_related("project").order_by("project__seq"))
    rating_rules, ballots = session.rating_rules, session.ballots
    plain = [
        rules.RatingLine(line.project.title, line.satisfied, line.basic, line.unsatisfied) for line in lines
    ]
    ratings = [
        ProjectRating(line, rules.rating(rating_rules, ballots, p))
        for line, p in zip(lines, plain, strict=True)
    ]
    counts = {key: sum(1 for r in ratings if r.result == key) for key in rules.SATISFACTION_NAMES}
    return SatisfactionResult(ratings, rules.satisfaction_rate(ballots, plain), counts)


# -- the citizens' online survey (shown apart from the deputies' vote) ----------------------------


def open_survey(session: SatisfactionSession, person: Person, open_: bool) -> SatisfactionSession:
    session.survey_open = open_
    session.save(update_fields=["survey_open"])
    record(
        session.plan.region,
        person,
        "survey_opened" if open_ else "survey_closed",
        f"{'开放' if open_ else '关闭'}《{session.title}》群众网上测评",
        plan=session.plan,
    )
    return session


def device_key(token: str) -> str:
    return hashlib.sha256(f"survey-device:{token}".encode()).hexdigest()


def answer_survey(session: SatisfactionSession, token: str, choices: dict[int, str]) -> SurveyResponse:
    """One citizen's ratings (project id → SATISFIED/BASIC/UNSATISFIED; projects left out were not
    rated), once per device, while the survey is open and under its bound."""
    if not session.survey_open:
        raise SelectionError("网上测评已经结束。")
    projects = set(session.plan.projects.values_list("pk", flat=True))
    choices = {pk: choice for pk, choice in choices.items() if choice}
    if not choices:
        raise SelectionError("请至少评价一个项目。")
    if not set(choices) <= projects or not set(choices.values()) <= set(rules.SATISFACTION_NAMES):
        raise SelectionError("评价的项目不在本计划中，请刷新页面后重新填写。")
    with transaction.atomic():
        SatisfactionSession.objects.select_for_update().filter(pk=session.pk).first()
        if session.survey_responses.count() >= session.survey_limit:
            raise SelectionError("网上测评已达到份数上限，感谢参与。")
        try:
            with transaction.atomic():
                response = SurveyResponse.objects.create(session=session, device=device_key(token))
        except IntegrityError:
            raise SelectionError("这台设备已经参加过本次测评，感谢参与。") from None
        SurveyRating.objects.bulk_create(
            SurveyRating(response=response, project_id=pk, choice=choice) for pk, choice in choices.items()
        )
    return response


@dataclass(frozen=True)
class SurveyLine:
    project: object
    counts: dict[str, int]  # per choice

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class SurveyResult:
    responses: int
    lines: list[SurveyLine]
    rate: Decimal | None  # 满意 and 基本满意 over every rating given, in percent


def survey_result(session: SatisfactionSession) -> SurveyResult:
    counted = {
        (row["project_id"], row["choice"]): row["n"]
        for row in SurveyRating.objects.filter(response__session=session)
        .values("project_id", "choice")
        .annotate(n=Count("pk"))
    }
    lines = [
        SurveyLine(
            project, {choice: counted.get((project.pk, choice), 0) for choice in rules.SATISFACTION_NAMES}
        )
        for project in session.plan.projects.order_by("seq")
    ]
    given = sum(line.total for line in lines)
    content = sum(line.counts[rules.SATISFIED] + line.counts[rules.BASIC] for line in lines)
    rate = (
        (Decimal(content * 100) / given).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if given else None
    )
    return SurveyResult(session.survey_responses.count(), lines, rate)


def withdrawal_blocker(plan, **_) -> str | None:
    """A plan with a satisfaction vote is no longer withdrawn (shishi/plans/hooks.py): the vote and
    its counts would go with it."""
    return "已设立满意度测评" if SatisfactionSession.objects.filter(plan=plan).exists() else None
