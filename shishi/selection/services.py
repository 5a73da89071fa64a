"""Changing the year's selection: proposals, candidates, votes and the draft plan made from the
elected (the satisfaction vote is in ratings.py). Every count and every rule change is written to
the history. One error type: SelectionError, its message in Chinese for the person who caused it."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from shishi.directory.models import Person, Region, Unit
from shishi.history.services import record
from shishi.notice import pdf_objects
from shishi.plans.models import NoticeFile
from shishi.plans.services import PlanError, read_notice_upload, save_corrections

from . import rules
from .models import (
    Candidate,
    CandidateUnit,
    Proposal,
    SatisfactionSession,
    VoteLine,
    VoteSession,
    new_receipt,
)
from .notice_text import draft_notice
from .screening import personal_data, proposal_public_text

MAX_CANDIDATES = 100  # a ballot of a county's congress holds a few dozen at most
MAX_MEMBERS = 100_000


class SelectionError(Exception):
    """Something the person must fix; the message says what, in Chinese."""


# -- proposals (征集) ---------------------------------------------------------------------------


@dataclass
class ProposalText:
    title: str
    what: str
    where: str = ""
    beneficiaries: str = ""
    estimated_cost: Decimal | None = None
    contact: str = ""


def submit_proposal(
    region: Region,
    year: int,
    source: str,
    text: ProposalText,
    person: Person | None = None,
    unit: Unit | None = None,
) -> Proposal:
    """Keep a proposal and give it its receipt code. A citizen's has no person; a unit's names
    the unit; the office enters paper and phone ones in its own name."""
    if source not in Proposal.Source.values:
        raise SelectionError("请选择建议的来源。")
    if unit is not None and unit.region_id != region.pk:
        raise SelectionError("提出建议的单位不在本地区。")
    for _attempt in range(5):  # a receipt code taken already: draw again
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(
                    region=region,
                    year=year,
                    receipt=new_receipt(),
                    source=source,
                    title=text.title,
                    what=text.what,
                    where=text.where,
                    beneficiaries=text.beneficiaries,
                    estimated_cost=text.estimated_cost,
                    contact=text.contact,
                    unit=unit,
                    submitted_by=person if getattr(person, "is_authenticated", False) else None,
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - five collisions in 8 × 10**14 codes
        raise SelectionError("暂时无法生成回执码，请稍后再试。")
    record(region, person, "proposed", f"收到{proposal.get_source_display()}建议《{proposal.title}》")
    return proposal


def public_text_problems(proposal: Proposal) -> list[str]:
    """Why the proposal's text may not be shown publicly yet (personal data found in it). The
    contact is never shown, so it is not checked."""
    found = personal_data(proposal_public_text(proposal))
    return [f"建议内容中可能含有{kind}，公开前请删除。" for kind in found]


def _check_answer(answer: str) -> str:
    answer = (answer or "").strip()
    if not answer:
        raise SelectionError("请写明答复理由，建议人可以用回执码查看。")
    if found := personal_data(answer):
        raise SelectionError(f"答复会向建议人公开，其中可能含有{'、'.join(found)}，请删除后再保存。")
    return answer


@transaction.atomic
def answer_proposal(proposal: Proposal, person: Person, status: str, answer: str) -> Proposal:
    """采纳 or 不予采纳, with the reason the proposer will read."""
    if status not in (Proposal.Status.ADOPTED, Proposal.Status.DECLINED):
        raise SelectionError("请选择“采纳”或“不予采纳”；合并请选择要并入的建议。")
    answer = _check_answer(answer)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    locked.status, locked.answer, locked.merged_into = status, answer, None
    locked.answered_at, locked.answered_by = timezone.now(), person
    locked.save()
    proposal.refresh_from_db()
    record(
        proposal.region, person, "answered", f"答复建议《{proposal.title}》：{proposal.get_status_display()}"
    )
    return proposal


@transaction.atomic
def merge_proposal(proposal: Proposal, into: Proposal, person: Person, answer: str) -> Proposal:
    """合并: a duplicate joins another proposal of the same region and year. Merging into one that
    was itself merged follows it to where it went, so that no chain of merges forms."""
    answer = _check_answer(answer)
    into = Proposal.objects.get(pk=into.pk)  # as it is now, not as the page read it
    seen = {proposal.pk}
    while into.merged_into_id is not None and into.pk not in seen:
        seen.add(into.pk)
        into = into.merged_into
    if into.pk in seen:
        raise SelectionError("不能把建议并入它自己。")
    if (into.region_id, into.year) != (proposal.region_id, proposal.year):
        raise SelectionError("只能并入同一地区、同一年度的建议。")
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    locked.status, locked.answer, locked.merged_into = Proposal.Status.MERGED, answer, into
    locked.answered_at, locked.answered_by = timezone.now(), person
    locked.save()
    proposal.refresh_from_db()
    # Those merged into this one follow it.
    Proposal.objects.filter(merged_into=proposal).update(merged_into=into)
    record(proposal.region, person, "merged", f"建议《{proposal.title}》并入《{into.title}》")
    return proposal


# -- candidates (初定) --------------------------------------------------------------------------


@dataclass
class CandidateText:
    title: str
    content: str = ""
    targets_text: str = ""
    investment: Decimal | None = None
    deadline: object = None  # a date or None
    feasibility: str = ""


def _counted_sessions(candidate_ids) -> list[VoteSession]:
    return list(VoteSession.objects.filter(candidates__in=candidate_ids, counted_at__isnull=False).distinct())


def save_candidate(
    region: Region,
    year: int,
    person: Person,
    text: CandidateText,
    units: list[Unit],
    proposals: list[Proposal],
    candidate: Candidate | None = None,
) -> Candidate:
    """Add a candidate at the end of the ballot, or change one. Units in order, the lead first."""
    if not units:
        raise SelectionError("请至少选择一个责任单位（第一个为牵头单位）。")
    if any(unit.region_id != region.pk for unit in units):
        raise SelectionError("责任单位须是本地区单位名录中的单位。")
    if any((p.region_id, p.year) != (region.pk, year) for p in proposals):
        raise SelectionError("来源建议须是本地区本年度征集的建议。")
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()  # one ballot order at a time
        if candidate is None:
            count = Candidate.objects.filter(region=region, year=year).count()
            if count >= MAX_CANDIDATES:
                raise SelectionError(f"一年最多{MAX_CANDIDATES}个候选项目。")
            last = Candidate.objects.filter(region=region, year=year).aggregate(m=Max("ballot_order"))["m"]
            candidate = Candidate(region=region, year=year, ballot_order=(last or 0) + 1)
            verb, summary = "shortlisted", f"新增候选项目《{text.title}》"
        else:
            if _counted_sessions([candidate.pk]):
                raise SelectionError("这个候选项目已经计票，不能再修改。")
            verb, summary = "candidate_edited", f"修改候选项目《{text.title}》"
        for field, value in vars(text).items():
            setattr(candidate, field, value)
        candidate.save()
        candidate.unit_places.all().delete()
        CandidateUnit.objects.bulk_create(
            CandidateUnit(candidate=candidate, unit=unit, order=n)
            for n, unit in enumerate(dict.fromkeys(units))
        )
        candidate.proposals.set(proposals)
    record(region, person, verb, summary)
    return candidate


@transaction.atomic
def reorder_candidates(region: Region, year: int, person: Person, ordered: list[Candidate]) -> None:
    """Put the year's candidates in the order the ballot will use (the list holds every one)."""
    current = list(Candidate.objects.select_for_update().filter(region=region, year=year))
    if sorted(c.pk for c in current) != sorted(c.pk for c in ordered):
        raise SelectionError("候选项目已有变动，请刷新页面后重新排序。")
    if _counted_sessions([c.pk for c in current]):
        raise SelectionError("本年度已经票决计票，选票顺序不能再改。")
    # Two steps, so that the unique order never holds two candidates at once.
    offset = MAX_CANDIDATES * 10
    for candidate in current:
        Candidate.objects.filter(pk=candidate.pk).update(ballot_order=candidate.ballot_order + offset)
    for n, candidate in enumerate(ordered, 1):
        Candidate.objects.filter(pk=candidate.pk).update(ballot_order=n)
    record(
        region, person, "reordered", "调整候选项目的选票顺序：" + "、".join(c.title for c in ordered)[:250]
    )


@transaction.atomic
def remove_candidate(candidate: Candidate, person: Person) -> None:
    """Take a candidate off the shortlist before any vote on it was counted; those after it move
    up one place on the ballot. Its proposals stay, answered as they were."""
    if _counted_sessions([candidate.pk]):
        raise SelectionError("这个候选项目已经计票，不能删除。")
    region, year, title = candidate.region, candidate.year, candidate.title
    candidate.delete()
    later = list(
        Candidate.objects.select_for_update()
        .filter(region=region, year=year, ballot_order__gt=candidate.ballot_order)
        .order_by("ballot_order")
    )
    for item in later:
        Candidate.objects.filter(pk=item.pk).update(ballot_order=item.ballot_order - 1)
    record(region, person, "unshortlisted", f"删除候选项目《{title}》")


# -- the vote (票决) ----------------------------------------------------------------------------

LOCKED_RULES = "已经录入计票结果，票决规则不能再修改。"


@dataclass
class VoteSettings:
    title: str
    members: int
    mode: str = rules.APPROVE
    seats: int | None = None
    threshold: str = rules.OF_MEMBERS
    tie: str = rules.TIE_REVOTE
    held_on: object = None


def _check_vote_settings(settings_: VoteSettings, candidates: list[Candidate]) -> None:
    if not 1 <= settings_.members <= MAX_MEMBERS:
        raise SelectionError(f"组成人员数应在1到{MAX_MEMBERS}之间。")
    if not candidates:
        raise SelectionError("请选择参加票决的候选项目。")
    if settings_.mode not in VoteSession.Mode.values:
        raise SelectionError("请选择票决方式。")
    if settings_.threshold not in VoteSession.Threshold.values or settings_.tie not in VoteSession.Tie.values:
        raise SelectionError("请选择通过票数和票数相同时的规则。")
    if settings_.mode == rules.PICK and not settings_.seats:
        raise SelectionError("差额票决须写明应选项目数（M项中选N项的N）。")
    if settings_.seats is not None and not 1 <= settings_.seats <= len(candidates):
        raise SelectionError(f"应选项目数应在1到候选项目数（{len(candidates)}）之间。")


def _describe_vote(s: VoteSettings) -> str:
    mode = dict(VoteSession.Mode.choices)[s.mode]
    seats = f"，应选{s.seats}项" if s.seats else ""
    return (
        f"组成人员{s.members}人，{mode}{seats}，{dict(VoteSession.Threshold.choices)[s.threshold]}，"
        f"{dict(VoteSession.Tie.choices)[s.tie]}"
    )


def create_vote_session(
    region: Region, year: int, person: Person, settings_: VoteSettings, candidates: list[Candidate]
) -> VoteSession:
    if any((c.region_id, c.year) != (region.pk, year) for c in candidates):
        raise SelectionError("候选项目须是本地区本年度的。")
    _check_vote_settings(settings_, candidates)
    with transaction.atomic():
        session = VoteSession.objects.create(region=region, year=year, **vars(settings_))
        session.candidates.set(candidates)
    record(region, person, "vote_rules", f"设立票决《{session.title}》：{_describe_vote(settings_)}")
    return session


@transaction.atomic
def set_vote_rules(
    session: VoteSession, person: Person, settings_: VoteSettings, candidates: list[Candidate]
) -> VoteSession:
    """Change a vote's rules or candidates: only before any count exists."""
    given, session = session, VoteSession.objects.select_for_update().get(pk=session.pk)
    if session.locked:
        raise SelectionError(LOCKED_RULES)
    if any((c.region_id, c.year) != (session.region_id, session.year) for c in candidates):
        raise SelectionError("候选项目须是本地区本年度的。")
    _check_vote_settings(settings_, candidates)
    for field, value in vars(settings_).items():
        setattr(session, field, value)
    session.save()
    session.candidates.set(candidates)
    record(
        session.region, person, "vote_rules", f"修改票决《{session.title}》规则：{_describe_vote(settings_)}"
    )
    given.refresh_from_db()  # the caller's copy, as saved
    return given


@dataclass(frozen=True)
class CandidateCount:
    yes: int
    no: int = 0
    abstain: int = 0


@transaction.atomic
def enter_vote_counts(
    session: VoteSession, person: Person, ballots: rules.Ballots, counts: dict[int, CandidateCount]
) -> VoteSession:
    """Record the paper count: refused, naming each equation that fails, unless it all adds up.
    `counts` maps every candidate's id to its figures. Entering again corrects the count; the
    history keeps every count entered."""
    given, session = session, VoteSession.objects.select_for_update().get(pk=session.pk)
    if session.locked and session.candidates.filter(notice_file__isnull=False).exists():
        raise SelectionError("已由本次票决结果生成计划草稿，不能再更正计票。")
    candidates = list(session.candidates.order_by("ballot_order"))
    if set(counts) != {c.pk for c in candidates}:
        raise SelectionError("请为每个候选项目填写得票数。")
    if session.mode == rules.PICK:  # one mark per chosen candidate: no 反对 or 弃权 columns
        counts = {pk: CandidateCount(count.yes) for pk, count in counts.items()}
    lines = [rules.VoteLine(c.ballot_order, c.title, **vars(counts[c.pk])) for c in candidates]
    problems = rules.vote_problems(session.vote_rules, ballots, lines)
    if problems:
        raise SelectionError("计票数字对不上，未保存：" + "".join(problems))
    counted = [(c, counts[c.pk]) for c in candidates]
    store_count(
        session,
        person,
        ballots,
        [VoteLine(session=session, candidate=c, **vars(n)) for c, n in counted],
        "；".join(f"{c.ballot_order}号{n.yes}/{n.no}/{n.abstain}" for c, n in counted),
        region=session.region,
        verbs=("counted", "recounted"),
    )
    given.refresh_from_db()  # the caller's copy, as saved
    return given


def store_count(session, person: Person, ballots, lines: list, figures: str, *, region, verbs, plan=None):
    """What a vote's and a satisfaction vote's count share once it adds up: the ballots on the
    session, its lines replaced by `lines`, and the count (or its correction, once the session
    is locked) in the history with every figure (`figures`, as the history words them)."""
    recount = session.locked
    if session.published_at is not None:
        raise SelectionError("结果已经公布，不能直接更正计票：请先撤回公布，更正后再重新公布。")
    for field, value in vars(ballots).items():
        setattr(session, field, value)
    if not recount:  # the first count's time: a further vote among tied candidates comes after it
        session.counted_at = timezone.now()
    session.save()
    session.lines.all().delete()
    session.lines.model.objects.bulk_create(lines)
    record(
        region,
        person,
        verbs[1] if recount else verbs[0],
        f"{'更正' if recount else '录入'}《{session.title}》计票："
        f"发出{ballots.issued}、收回{ballots.returned}、有效{ballots.valid}；{figures}",
        plan=plan,
    )


@dataclass(frozen=True)
class VoteResult:
    candidate: Candidate
    line: VoteLine
    outcome: str

    @property
    def outcome_name(self) -> str:
        return rules.OUTCOME_NAMES[self.outcome]


def vote_result(session: VoteSession) -> list[VoteResult]:
    """Each candidate's count and outcome by the session's rules, in ballot order; empty before
    the count."""
    if not session.locked:
        return []
    lines = list(session.lines.select_related("candidate").order_by("candidate__ballot_order"))
    outcomes = rules.vote_outcomes(
        session.vote_rules,
        session.ballots,
        [
            rules.VoteLine(line.candidate.ballot_order, line.candidate.title, line.yes, line.no, line.abstain)
            for line in lines
        ],
    )
    return [VoteResult(line.candidate, line, outcomes[line.candidate.ballot_order]) for line in lines]


def publish_result(session, person: Person, publish: bool):
    """Show a counted vote's (or satisfaction vote's) result on its public page, or take it off."""
    if publish and not session.locked:
        raise SelectionError("还没有录入计票结果，不能公布。")
    session.published_at = timezone.now() if publish else None
    session.save(update_fields=["published_at"])
    region = session.region if isinstance(session, VoteSession) else session.plan.region
    plan = session.plan if isinstance(session, SatisfactionSession) else None
    verb = "result_published" if publish else "result_withdrawn"
    record(region, person, verb, f"{'公布' if publish else '撤回'}《{session.title}》结果", plan=plan)
    return session


def check_tally_pdf(data: bytes) -> None:
    """The scanned tally sheet is checked as a stamped report is (notice/pdf_objects.scan_problem):
    a PDF by its content, within the size and page bounds, without active content."""
    problem = pdf_objects.scan_problem(data, settings.SHISHI_MAX_PDF_BYTES, "计票单扫描件", "计票单")
    if problem:
        raise SelectionError(problem)


def attach_tally(session, person: Person, data: bytes, filename: str):
    """Keep the scanned tally sheet (of a vote or a satisfaction vote) as uploaded, with its SHA-256."""
    check_tally_pdf(data)
    sha256 = hashlib.sha256(data).hexdigest()
    stored = default_storage.save(f"tallies/{uuid.uuid4().hex}.pdf", ContentFile(data))
    session.tally_pdf.name, session.tally_name, session.tally_sha256 = stored, filename[:255], sha256
    session.save(update_fields=["tally_pdf", "tally_name", "tally_sha256"])
    region = session.region if isinstance(session, VoteSession) else session.plan.region
    plan = session.plan if isinstance(session, SatisfactionSession) else None
    record(
        region,
        person,
        "tally_attached",
        f"上传《{session.title}》计票单扫描件（SHA-256 {sha256[:12]}…）",
        plan=plan,
    )
    return session


# -- from the vote to the plan --------------------------------------------------------------------


def latest_outcomes(region: Region, year: int) -> dict[Candidate, str]:
    """Each of the year's voted candidates with its outcome in the latest counted vote it was on:
    a further vote among tied candidates decides for them, and leaves the others as they were."""
    outcomes: dict[int, tuple[Candidate, str]] = {}
    for session in VoteSession.objects.filter(region=region, year=year, counted_at__isnull=False).order_by(
        "counted_at", "pk"
    ):
        for result in vote_result(session):
            outcomes[result.candidate.pk] = (result.candidate, result.outcome)
    return dict(outcomes.values())


def elected(region: Region, year: int) -> list[Candidate]:
    """The year's candidates elected in their latest counted vote, in ballot order."""
    chosen = [c.pk for c, outcome in latest_outcomes(region, year).items() if outcome == rules.ELECTED]
    return list(
        Candidate.objects.filter(pk__in=chosen).prefetch_related("unit_places__unit").order_by("ballot_order")
    )


def draft_plan(region: Region, year: int, person: Person, day) -> NoticeFile:
    """Write the elected candidates as a notice (.docx, GB/T 9704) and read it through the notice
    import, so that the office corrects and confirms it in the import's own preview and the plan
    is made exactly as from an uploaded notice. Each draft item names its candidate, which finds
    its project by that item and its title (Candidate.project, models.plan_links)."""
    outcomes = latest_outcomes(region, year)
    undecided = sorted(
        (c for c, outcome in outcomes.items() if outcome == rules.TIED), key=lambda c: c.ballot_order
    )
    if undecided:
        names = "、".join(c.title for c in undecided)
        raise SelectionError(f"以下项目票数相同，须另行投票后再生成计划草稿：{names}。")
    chosen = elected(region, year)
    if not chosen:
        raise SelectionError("本年度还没有票决当选的项目。")
    # The notice as a Word document in the official layout, kept as the plan's notice file, so that
    # the office can download, print and file it; read by the notice reader like any upload.
    data = draft_notice(region.name, year, chosen, day, settings.SHISHI_DUE_DAYS)
    try:
        notice_file = read_notice_upload(region, person, data, f"{year}年民生实事项目通知（票决结果）.docx")
    except PlanError as exc:
        raise SelectionError(str(exc)) from None
    if hasattr(notice_file, "plan") or Candidate.objects.filter(notice_file=notice_file).exists():
        # The same draft made again (the same candidates, the same day gives the same file): it is
        # opened as the office left it, its corrections kept, or its plan if already confirmed.
        return notice_file
    draft = notice_file.draft
    if len(draft["projects"]) != len(chosen):  # pragma: no cover - the reader reads what notice_text writes
        raise SelectionError("生成的通知未能完整读出，请联系管理员。")
    # What the text carries only approximately is set from the candidate itself.
    for item, candidate in zip(draft["projects"], chosen, strict=True):
        units = candidate.unit_list
        # The item names its candidate: the preview keeps it through every correction, and the
        # plan's project made from it links back (models.plan_links), whatever its number becomes.
        item["candidate"] = candidate.pk
        item["title"] = candidate.title
        item["units"], item["lead_units"] = [unit.name for unit in units], [units[0].name]
        item["investment"] = str(candidate.investment) if candidate.investment is not None else None
        if candidate.deadline:
            item["deadline"] = candidate.deadline.isoformat()
    save_corrections(notice_file, draft)
    with transaction.atomic():
        for item, candidate in zip(draft["projects"], chosen, strict=True):
            Candidate.objects.filter(pk=candidate.pk).update(notice_file=notice_file, notice_seq=item["seq"])
    record(region, person, "plan_drafted", f"由票决当选的{len(chosen)}个项目生成{year}年实事计划草稿")
    return notice_file
