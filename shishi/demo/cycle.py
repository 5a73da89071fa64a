"""The demo's year around the plan (issue 14): next year's selection in 桓台县 — proposals from
citizens on the web, units, deputies and paper or phone entered by the office, most answered
(采纳 / 合并 / 不予采纳 with a reason), a shortlist of 13 candidates for 10 places (1.3×), a vote
with its rules, counted, reconciled and published — and last year's plan with its satisfaction
vote (满意度测评) counted and published, a result per project and the overall rate. The office
(coordinator) answers the proposals and shortlists; a deputy proposes in their own name; the
congress's staff (congress) run the vote and the satisfaction vote.

Everything goes through the selection services; what they stamp with the clock is then dated
from the demo's `today` (never after it), as data.py does for the reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from shishi.directory.models import Person, Region, Unit
from shishi.history.models import Event
from shishi.plans.models import Plan
from shishi.public.services import publish_plan
from shishi.selection import rules
from shishi.selection.models import Candidate, Proposal, SatisfactionSession, SurveyResponse, VoteSession
from shishi.selection.ratings import (
    ProjectCount,
    RatingSettings,
    answer_survey,
    create_satisfaction_session,
    enter_rating_counts,
    open_survey,
)
from shishi.selection.services import (
    CandidateCount,
    CandidateText,
    ProposalText,
    VoteSettings,
    answer_proposal,
    create_vote_session,
    enter_vote_counts,
    merge_proposal,
    publish_result,
    save_candidate,
    submit_proposal,
)


@dataclass(frozen=True)
class DemoCandidate:
    title: str
    content: str
    targets: str
    investment: str  # 万元
    units: tuple[str, ...]  # the lead first
    votes: int  # marks received in the vote (pick 10 of 13)


# In ballot order. Ten pass (more than half of the 186 valid ballots) and fill the ten seats; the
# 6th, 12th and 13th fall short.
CANDIDATES = [
    DemoCandidate(
        "实施公办幼儿园扩容工程",
        "新建、改扩建公办幼儿园，增加普惠性学前教育学位。",
        "新改扩建幼儿园4所、新增学位1200个",
        "3200",
        ("县教育体育局",),
        172,
    ),
    DemoCandidate(
        "实施普惠托育服务扩容行动",
        "支持用人单位和社区举办普惠托育机构，建设工会妈妈小屋。",
        "新增普惠托位300个、建成工会妈妈小屋3家",
        "450",
        ("县卫生健康局", "县总工会"),
        168,
    ),
    DemoCandidate(
        "实施儿童友好社区建设行动",
        "在城乡社区建设儿童友好空间，配置适儿化设施。",
        "建成儿童友好社区5个、儿童友好空间20处",
        "600",
        ("县妇联", "县住房城乡建设局"),
        160,
    ),
    DemoCandidate(
        "实施适龄妇女“两癌”免费筛查扩面行动",
        "为适龄妇女免费开展宫颈癌、乳腺癌筛查，对患病困难妇女给予救助。",
        "免费筛查2万人",
        "380",
        ("县卫生健康局", "县妇联"),
        165,
    ),
    DemoCandidate(
        "实施中小学生心理健康护航行动",
        "配齐心理健康教师，建设心理辅导室，开展心理健康筛查。",
        "配备心理健康教师30名、建成心理辅导室15间",
        "150",
        ("县教育体育局", "县卫生健康局"),
        151,
    ),
    DemoCandidate(
        "实施公共场所母婴室改造提升行动",
        "在公园、车站、商场等公共场所改造提升母婴室。",
        "改造提升母婴室40处",
        "200",
        ("县综合执法局",),
        88,
    ),
    DemoCandidate(
        "实施巾帼创业就业技能培训行动",
        "面向城乡妇女开展家政、电商、手工等技能培训。",
        "开展技能培训2000人次",
        "120",
        ("县人力资源社会保障局", "县妇联"),
        139,
    ),
    DemoCandidate(
        "实施困境儿童关爱帮扶行动",
        "为困境儿童建设“希望小屋”，开展一对一结对帮扶。",
        "建设“希望小屋”15间",
        "90",
        ("县民政局", "县妇联"),
        147,
    ),
    DemoCandidate(
        "实施农村留守儿童暑期托管行动",
        "依托学校和村居开设暑期托管班，提供看护、阅读和安全教育。",
        "开设暑期托管班20个",
        "80",
        ("团县委", "县教育体育局"),
        131,
    ),
    DemoCandidate(
        "实施儿童公共阅读空间建设行动",
        "在图书馆、社区打造新型儿童公共阅读空间。",
        "打造儿童阅读空间5处",
        "150",
        ("县文化和旅游局",),
        158,
    ),
    DemoCandidate(
        "实施残疾儿童康复救助提标行动",
        "提高残疾儿童康复救助标准，扩大救助范围。",
        "救助残疾儿童200名",
        "300",
        ("县残联",),
        120,
    ),
    DemoCandidate(
        "实施校园周边交通安全护学行动",
        "在中小学、幼儿园周边设置护学岗，完善交通安全设施。",
        "设置护学岗50处",
        "60",
        ("县公安局", "县教育体育局"),
        75,
    ),
    DemoCandidate(
        "实施妇女儿童法律援助便民行动",
        "为妇女儿童提供免费法律咨询和法律援助。",
        "办理法律援助案件100件",
        "40",
        ("县司法局", "县妇联"),
        61,
    ),
]
SEATS = 10
# 县人民代表大会: members, and the paper ballots (发出 = 收回 + 未收回; 有效 + 无效 = 收回).
MEMBERS = 196
VOTE_BALLOTS = rules.Ballots(issued=190, returned=188, not_returned=2, valid=186, invalid=2)


@dataclass(frozen=True)
class DemoProposal:
    key: str
    source: str
    title: str
    what: str
    where: str = ""
    beneficiaries: str = ""
    cost: str | None = None
    contact: str = ""  # the office's only: never shown
    unit: str = ""  # a unit's proposal: its name (entered by the unit's clerk)
    answer: tuple = ()  # ("adopted"|"declined", reason) or ("merged", into key, reason); () pending
    candidate: int | None = None  # the ballot place (1-based) of the candidate it became


W, U, D, P, T = (
    Proposal.Source.WEB,
    Proposal.Source.UNIT,
    Proposal.Source.DEPUTY,
    Proposal.Source.PAPER,
    Proposal.Source.PHONE,
)
ADOPTED_REASON = "已采纳，列入候选项目提交县人民代表大会票决。"
PROPOSALS = [
    DemoProposal(
        "kindergarten",
        W,
        "小区附近增建公办幼儿园",
        "新建小区入住家庭多，附近公办幼儿园学位紧张，希望新建或扩建。",
        "索镇新城片区",
        "学龄前儿童及家庭",
        "2000",
        "王女士 13900001111",
        answer=("adopted", ADOPTED_REASON),
        candidate=1,
    ),
    DemoProposal(
        "nursing_rooms",
        W,
        "公共场所多建母婴室",
        "带孩子出门找不到哺乳和换尿布的地方，希望公园和车站建母婴室。",
        "县城公园、汽车站",
        "哺乳期妇女和婴幼儿",
        contact="13900002222",
        answer=("adopted", ADOPTED_REASON),
        candidate=6,
    ),
    DemoProposal(
        "playground",
        W,
        "公园增加儿童游乐设施",
        "城区公园儿童游乐设施少且老旧，希望增加适合不同年龄段儿童的设施。",
        "城区公园",
        "城区儿童",
        answer=("merged", "friendly", "与县妇联提出的“儿童友好社区建设”内容相近，合并办理。"),
    ),
    DemoProposal(
        "after_school",
        W,
        "延长学校课后服务时间",
        "双职工家庭接孩子困难，希望学校课后服务延长到下午六点。",
        beneficiaries="中小学生家庭",
        answer=(
            "declined",
            "课后服务已纳入教育部门日常工作，由各学校按规定组织实施，不再列为实事项目。",
        ),
    ),
    DemoProposal(
        "summer_care",
        W,
        "暑假给留守孩子开托管班",
        "农村留守儿童暑假无人照看，希望村里或学校开设托管班。",
        "各镇村",
        "农村留守儿童",
        contact="李先生",
        answer=("adopted", ADOPTED_REASON),
        candidate=9,
    ),
    DemoProposal(
        "reading_corner",
        W,
        "社区增设儿童阅读角",
        "希望社区服务中心开辟儿童阅读角，配备适合儿童的图书。",
        "城区各社区",
        "社区儿童",
    ),
    DemoProposal(
        "friendly",
        U,
        "儿童友好社区建设",
        "在城乡社区建设儿童友好空间，配置适儿化设施，开展儿童议事活动。",
        "全县城乡社区",
        "全县儿童",
        "600",
        unit="县妇联",
        answer=("adopted", ADOPTED_REASON),
        candidate=3,
    ),
    DemoProposal(
        "mental_health",
        U,
        "中小学生心理健康服务",
        "配齐心理健康教师，建设心理辅导室，开展学生心理健康筛查。",
        "全县中小学",
        "中小学生",
        "150",
        unit="县教育体育局",
        answer=("adopted", ADOPTED_REASON),
        candidate=5,
    ),
    DemoProposal(
        "screening",
        D,
        "扩大“两癌”免费筛查范围",
        "建议将农村和城镇低收入适龄妇女全部纳入“两癌”免费筛查。",
        "全县",
        "35至64周岁适龄妇女",
        "380",
        answer=("adopted", ADOPTED_REASON),
        candidate=4,
    ),
    DemoProposal(
        "rehabilitation",
        D,
        "提高残疾儿童康复救助标准",
        "建议提高残疾儿童康复救助标准，将救助年龄放宽至17周岁。（县人大代表提出，办公室录入）",
        "全县",
        "残疾儿童",
        answer=("adopted", ADOPTED_REASON),
        candidate=11,
    ),
    DemoProposal(
        "training",
        P,
        "农村妇女技能培训",
        "来信建议多组织家政、电商直播等培训，帮助农村妇女就近就业。",
        "各镇",
        "农村妇女",
        answer=("adopted", ADOPTED_REASON),
        candidate=7,
    ),
    DemoProposal(
        "school_road",
        T,
        "学校门口上下学交通拥堵",
        "来电反映学校门口上下学时段车辆拥堵，存在安全隐患，建议设置护学岗。",
        "城区中小学周边",
        "中小学生",
        contact="来电 13900003333",
        answer=("adopted", ADOPTED_REASON),
        candidate=12,
    ),
]

# Last year's satisfaction vote by the standing committee (常委会): members, ballots, and per
# project (满意, 基本满意, 不满意) in turn — most 满意, two 基本满意, one 不满意 by the default rule.
RATING_MEMBERS = 35
RATING_BALLOTS = rules.Ballots(issued=33, returned=33, not_returned=0, valid=32, invalid=1)
RATINGS = [(28, 3, 1), (25, 5, 2), (22, 8, 2), (30, 2, 0), (19, 10, 3), (15, 10, 7), (26, 4, 2), (12, 8, 12)]
RATINGS += [(8, 7, 17), (24, 6, 2)]
SURVEY_ANSWERS = 36  # citizens' answers to the online survey (one per device)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


class _Dated:
    """What the steps inside write to the history, dated `at` rather than when it ran."""

    def __init__(self, at: datetime.datetime):
        self.at = at

    def __enter__(self):
        self.mark = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            Event.objects.filter(pk__gt=self.mark).update(at=self.at)


def load_cycle(region: Region, last_year: Plan, today: datetime.date) -> None:
    """Next year's proposals, shortlist and counted vote, and last year's satisfaction vote, in
    `region` (whose coordinator runs them); each once, however often the demo is loaded."""
    office = Person.objects.get(username="coordinator")
    congress = Person.objects.get(username="congress")
    deputy = Person.objects.get(username="deputy")
    with transaction.atomic():  # one commit: `make run` stays quick on SQLite
        if not Proposal.objects.filter(region=region, year=today.year + 1).exists():
            _selection(region, today.year + 1, (office, congress, deputy), today)
        if not SatisfactionSession.objects.filter(plan=last_year).exists():
            _satisfaction(last_year, office, congress, today)


def _selection(region: Region, year: int, people: tuple[Person, ...], today: datetime.date) -> None:
    office, congress, deputy = people
    units = {unit.name: unit for unit in Unit.objects.filter(region=region)}
    clerks = {unit: unit.people.first() for unit in units.values()}
    proposals: dict[str, Proposal] = {}
    start = today - datetime.timedelta(days=75)  # 征集 ran for a month, two and a half months ago
    for n, item in enumerate(PROPOSALS):
        text = ProposalText(
            item.title,
            item.what,
            item.where,
            item.beneficiaries,
            Decimal(item.cost) if item.cost else None,
            item.contact,
        )
        at = _at(start + datetime.timedelta(days=n * 2), 9 + n % 8, n * 7 % 60)
        with _Dated(at):
            if item.source == U:
                unit = units[item.unit]
                proposal = submit_proposal(region, year, U, text, clerks[unit] or office, unit)
            elif item.source == W:  # a citizen: no log-in
                proposal = submit_proposal(region, year, W, text)
            elif item.source == D and n % 2 == 0:  # a deputy in their own name
                proposal = submit_proposal(region, year, D, text, deputy)
            else:  # a deputy's letter, paper and phone: entered by the office
                proposal = submit_proposal(region, year, item.source, text, office)
        Proposal.objects.filter(pk=proposal.pk).update(created_at=at)
        proposals[item.key] = proposal
    answered = _at(today - datetime.timedelta(days=30), 15)
    for item in PROPOSALS:
        if not item.answer:
            continue
        with _Dated(answered):
            if item.answer[0] == "merged":
                merge_proposal(proposals[item.key], proposals[item.answer[1]], office, item.answer[2])
            else:
                answer_proposal(proposals[item.key], office, item.answer[0], item.answer[1])
    Proposal.objects.filter(region=region, year=year, answered_at__isnull=False).update(answered_at=answered)

    shortlisted = _at(today - datetime.timedelta(days=20), 10)
    sources = {item.candidate: proposals[item.key] for item in PROPOSALS if item.candidate}
    candidates = []
    with _Dated(shortlisted):
        for order, item in enumerate(CANDIDATES, 1):
            text = CandidateText(
                title=item.title,
                content=item.content,
                targets_text=item.targets,
                investment=Decimal(item.investment),
                deadline=datetime.date(year, 12, 31),
                feasibility="资金已列入下年度财政预算草案，责任单位已提出实施方案。",
            )
            linked = [sources[order]] if order in sources else []
            # the proposals merged into one go with it
            linked += [p for p in proposals.values() if linked and p.merged_into_id == linked[0].pk]
            candidates.append(
                save_candidate(region, year, office, text, [units[name] for name in item.units], linked)
            )
    Candidate.objects.filter(pk__in=[c.pk for c in candidates]).update(created_at=shortlisted)

    held_on = today - datetime.timedelta(days=3)
    with _Dated(_at(today - datetime.timedelta(days=10), 11)):
        session = create_vote_session(
            region,
            year,
            congress,
            VoteSettings(
                title=f"{region.name}{year}年民生实事项目人大代表票决",
                members=MEMBERS,
                mode=rules.PICK,
                seats=SEATS,
                threshold=rules.OF_VALID,
                tie=rules.TIE_ORDER,
                held_on=held_on,
            ),
            candidates,
        )
    counted = _at(held_on, 16)
    with _Dated(counted):
        session = enter_vote_counts(
            session,
            congress,
            VOTE_BALLOTS,
            {c.pk: CandidateCount(item.votes) for c, item in zip(candidates, CANDIDATES, strict=True)},
        )
    published = _at(held_on + datetime.timedelta(days=1), 10)
    with _Dated(published):
        publish_result(session, congress, True)
    VoteSession.objects.filter(pk=session.pk).update(
        created_at=_at(today - datetime.timedelta(days=10), 11), counted_at=counted, published_at=published
    )


def _satisfaction(plan: Plan, office: Person, congress: Person, today: datetime.date) -> None:
    """The standing committee rates last year's projects in its December meeting."""
    held_on = min(datetime.date(plan.year, 12, 20), today)
    at = _at(held_on, 10)
    with _Dated(at):
        publish_plan(plan, office)
        session = create_satisfaction_session(
            plan,
            congress,
            RatingSettings(
                title=f"{plan.region.name}{plan.year}年民生实事项目满意度测评",
                members=RATING_MEMBERS,
                held_on=held_on,
            ),
        )
        projects = list(plan.projects.order_by("seq"))
        counts = {project.pk: ProjectCount(*RATINGS[n % len(RATINGS)]) for n, project in enumerate(projects)}
        session = enter_rating_counts(session, congress, RATING_BALLOTS, counts)
        publish_result(session, congress, True)
        # The citizens' online survey beside it, shown apart: a few dozen answers, then closed.
        open_survey(session, congress, True)
        choices = (rules.SATISFIED, rules.SATISFIED, rules.BASIC, rules.SATISFIED, rules.UNSATISFIED)
        for n in range(SURVEY_ANSWERS):
            answer_survey(
                session,
                f"demo-device-{n}",
                {p.pk: choices[(n + i) % len(choices)] for i, p in enumerate(projects) if (n + i) % 7},
            )
        open_survey(session, congress, False)
    SatisfactionSession.objects.filter(pk=session.pk).update(created_at=at, counted_at=at, published_at=at)
    SurveyResponse.objects.filter(session=session).update(created_at=at)
