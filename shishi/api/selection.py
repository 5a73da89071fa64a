"""The REST API of the year's selection (征集, 初定, 票决, 满意度测评), read only, mounted on the
API of rest.py under /api/selection/ with its token authentication and Chinese errors.

Who reads what, as directory/access.py says:
- proposals: the office (`can_manage_selection`) every one of its region; a unit's clerk their
  unit's; a deputy their own. A citizen's contact is never in an answer, whoever asks.
- candidates, votes and satisfaction votes: whoever reads the region's selection
  (`can_read_selection`) or runs its votes (`can_run_votes`).
Anything else answers 404, exactly like what does not exist, so guessing ids tells nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from django.db.models import Q
from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema

from shishi.directory.access import (
    can_manage_selection,
    can_read_selection,
    can_run_votes,
    is_unit_clerk,
    regions_visible_to,
)
from shishi.directory.models import Person, Region
from shishi.exports.tables import plain
from shishi.selection import rules, tallies
from shishi.selection.models import Candidate, Proposal, SatisfactionSession, VoteSession
from shishi.selection.ratings import satisfaction_result
from shishi.selection.services import vote_result

from . import schemas as s
from .tallies import XLSX, tally_table

router = Router(tags=["征集与票决"])
ERRORS = {401: s.Error, 404: s.Error, 422: s.Error}


class Filters(Schema):
    region_id: s.Id | None = Field(None, description="行政区编号；不填为可查看的全部行政区")
    year: int | None = Field(None, ge=1949, le=2200, description="年度（征集、候选和票决为实施年度）")


class ProposalFilters(Filters):
    status: Literal["pending", "adopted", "merged", "declined"] | None = Field(
        None, description="待答复 pending、采纳 adopted、合并 merged、不予采纳 declined"
    )


class ProposalOut(Schema):
    id: int
    region: str
    region_id: int
    year: int
    receipt: str = Field(description="回执码：建议人凭此在公开页面查看答复")
    source: str
    source_name: str
    title: str
    what: str
    where: str
    beneficiaries: str
    estimated_cost: str | None = Field(description="估算投资（万元）")
    unit_id: int | None
    unit: str | None
    status: str
    status_name: str
    answer: str
    merged_into_id: int | None
    answered_at: datetime.datetime | None
    created_at: datetime.datetime
    candidate_ids: list[int]


class CandidateTarget(Schema):
    text: str
    indicator: str
    op: str
    value: str
    unit_of_measure: str
    kind: str


class CandidateUnitOut(Schema):
    unit_id: int
    unit: str
    lead: bool


class CandidateOut(Schema):
    id: int
    region: str
    region_id: int
    year: int
    ballot_order: int = Field(description="选票顺序")
    title: str
    content: str
    targets_text: str
    targets: list[CandidateTarget]
    investment: str | None = Field(description="年度投资（万元）")
    deadline: datetime.date | None
    feasibility: str
    units: list[CandidateUnitOut] = Field(description="责任单位，第一个为牵头单位")
    proposal_ids: list[int]


class BallotsOut(Schema):
    issued: int = Field(description="发出票数")
    returned: int = Field(description="收回票数")
    not_returned: int = Field(description="未收回票数")
    valid: int = Field(description="有效票数")
    invalid: int = Field(description="无效票数")


class VoteLineOut(Schema):
    candidate_id: int
    ballot_order: int
    title: str
    yes: int = Field(description="赞成（差额票决为得票）")
    no: int
    abstain: int
    outcome: str = Field(description="elected 当选、not_elected 未当选、tied 票数相同需另行投票")
    outcome_name: str


class VoteOut(Schema):
    id: int
    region: str
    region_id: int
    year: int
    title: str
    held_on: datetime.date | None
    members: int = Field(description="组成人员数")
    mode: str
    mode_name: str
    seats: int | None = Field(description="应选项目数")
    threshold: str
    threshold_name: str
    tie: str
    tie_name: str
    candidate_ids: list[int] = Field(description="参加票决的候选项目，按选票顺序")
    ballots: BallotsOut | None = Field(description="计票前为 null")
    counted_at: datetime.datetime | None
    published_at: datetime.datetime | None
    results: list[VoteLineOut] = Field(description="按规则计算的结果，按选票顺序；计票前为空")


class RatingLineOut(Schema):
    project_id: int
    seq: int
    title: str
    satisfied: int = Field(description="满意")
    basic: int = Field(description="基本满意")
    unsatisfied: int = Field(description="不满意")
    result: str = Field(description="satisfied 满意、basic 基本满意、unsatisfied 不满意")
    result_name: str


class SatisfactionOut(Schema):
    id: int
    plan_id: int
    region: str
    region_id: int
    year: int
    title: str
    held_on: datetime.date | None
    members: int
    base: str
    satisfied_percent: int
    combined_percent: int
    rule: str = Field(description="测评规则的文字说明")
    ballots: BallotsOut | None
    counted_at: datetime.datetime | None
    published_at: datetime.datetime | None
    results: list[RatingLineOut]
    rate: str | None = Field(description="总体满意率（%），计票前为 null")
    counts: dict[str, int] = Field(description="各结果的项目数")


def _person(request) -> Person:
    return request.auth.person


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(plain(value))


def _regions(person: Person, allowed, region_id: int | None = None) -> list[int]:
    regions = regions_visible_to(person)
    if region_id is not None:
        regions = regions.filter(pk=region_id)
    return [region.pk for region in regions if allowed(person, region)]


def _reads_votes(person: Person, region: Region) -> bool:
    return can_read_selection(person, region) or can_run_votes(person, region)


# -- proposals (征集) ---------------------------------------------------------------------------


def _proposal_filter(person: Person, region_id: int | None = None) -> Q:
    """The proposals the person may read: the office's regions', a unit's own, a deputy's own."""
    found = Q(region_id__in=_regions(person, can_manage_selection, region_id))
    if is_unit_clerk(person):
        found |= Q(unit_id=person.unit_id, source=Proposal.Source.UNIT)
    if person.role == Person.Role.DEPUTY:
        found |= Q(submitted_by=person, source=Proposal.Source.DEPUTY)
    return found


def _proposal_out(proposal: Proposal) -> dict:
    # Every field but the contact (for the office only, never in an answer) and who entered it.
    return {
        "id": proposal.pk,
        "region": proposal.region.name,
        "region_id": proposal.region_id,
        "year": proposal.year,
        "receipt": proposal.receipt,
        "source": proposal.source,
        "source_name": proposal.get_source_display(),
        "title": proposal.title,
        "what": proposal.what,
        "where": proposal.where,
        "beneficiaries": proposal.beneficiaries,
        "estimated_cost": _decimal(proposal.estimated_cost),
        "unit_id": proposal.unit_id,
        "unit": proposal.unit.name if proposal.unit_id else None,
        "status": proposal.status,
        "status_name": proposal.get_status_display(),
        "answer": proposal.answer,
        "merged_into_id": proposal.merged_into_id,
        "answered_at": proposal.answered_at,
        "created_at": proposal.created_at,
        "candidate_ids": [c.pk for c in proposal.candidates.all()],
    }


def _proposals(person: Person, region_id: int | None = None):
    return (
        Proposal.objects.filter(_proposal_filter(person, region_id))
        .select_related("region", "unit")
        .prefetch_related("candidates")
    )


@router.get("/proposals", response={200: list[ProposalOut]} | ERRORS, summary="可查看的征集建议")
def list_proposals(request, filters: Query[ProposalFilters]):
    """妇儿工委办公室读取本地区全部建议；责任单位填报员读取本单位提出的建议；人大代表读取本人提出的建议。
    建议人的联系方式不在任何返回中。"""
    found = _proposals(_person(request), filters.region_id)
    if filters.year is not None:
        found = found.filter(year=filters.year)
    if filters.status is not None:
        found = found.filter(status=filters.status)
    return [_proposal_out(p) for p in found.order_by("region_id", "year", "created_at", "pk")]


@router.get("/proposals/{proposal_id}", response={200: ProposalOut} | ERRORS, summary="一条征集建议")
def get_proposal(request, proposal_id: s.Id):
    proposal = _proposals(_person(request)).filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404("找不到这条建议，或您无权查看。")
    return _proposal_out(proposal)


# -- candidates (初定) --------------------------------------------------------------------------


def _candidate_out(candidate: Candidate) -> dict:
    places = list(candidate.unit_places.all())
    return {
        "id": candidate.pk,
        "region": candidate.region.name,
        "region_id": candidate.region_id,
        "year": candidate.year,
        "ballot_order": candidate.ballot_order,
        "title": candidate.title,
        "content": candidate.content,
        "targets_text": candidate.targets_text,
        "targets": [
            {
                "text": t.text,
                "indicator": t.indicator,
                "op": t.op,
                "value": _decimal(Decimal(str(t.value))),
                "unit_of_measure": t.unit,
                "kind": t.kind,
            }
            for t in candidate.targets
        ],
        "investment": _decimal(candidate.investment),
        "deadline": candidate.deadline,
        "feasibility": candidate.feasibility,
        "units": [
            {"unit_id": place.unit_id, "unit": place.unit.name, "lead": n == 0}
            for n, place in enumerate(places)
        ],
        "proposal_ids": sorted(p.pk for p in candidate.proposals.all()),
    }


@router.get("/candidates", response={200: list[CandidateOut]} | ERRORS, summary="候选项目（按选票顺序）")
def list_candidates(request, filters: Query[Filters]):
    """候选项目及其责任单位、量化指标、投资和完成时限，按行政区、年度和选票顺序排列。"""
    regions = _regions(_person(request), _reads_votes, filters.region_id)
    found = Candidate.objects.filter(region_id__in=regions)
    if filters.year is not None:
        found = found.filter(year=filters.year)
    found = found.select_related("region").prefetch_related("unit_places__unit", "proposals")
    return [_candidate_out(c) for c in found.order_by("region_id", "year", "ballot_order")]


# -- votes (票决) -------------------------------------------------------------------------------


def _ballots_out(session) -> dict | None:
    ballots = session.ballots
    return None if ballots is None else vars(ballots)


def _vote_out(session: VoteSession) -> dict:
    return {
        "id": session.pk,
        "region": session.region.name,
        "region_id": session.region_id,
        "year": session.year,
        "title": session.title,
        "held_on": session.held_on,
        "members": session.members,
        "mode": session.mode,
        "mode_name": session.mode_text,
        "seats": session.seats,
        "threshold": session.threshold,
        "threshold_name": session.get_threshold_display(),
        "tie": session.tie,
        "tie_name": session.get_tie_display(),
        "candidate_ids": list(session.candidates.order_by("ballot_order").values_list("pk", flat=True)),
        "ballots": _ballots_out(session),
        "counted_at": session.counted_at,
        "published_at": session.published_at,
        "results": [
            {
                "candidate_id": r.candidate.pk,
                "ballot_order": r.candidate.ballot_order,
                "title": r.candidate.title,
                "yes": r.line.yes,
                "no": r.line.no,
                "abstain": r.line.abstain,
                "outcome": r.outcome,
                "outcome_name": r.outcome_name,
            }
            for r in vote_result(session)
        ],
    }


def _votes(person: Person, region_id: int | None = None):
    return VoteSession.objects.filter(region_id__in=_regions(person, _reads_votes, region_id)).select_related(
        "region"
    )


def _vote(request, vote_id: int) -> VoteSession:
    session = _votes(_person(request)).filter(pk=vote_id).first()
    if session is None:
        raise Http404("找不到这次票决，或您无权查看。")
    return session


@router.get("/votes", response={200: list[VoteOut]} | ERRORS, summary="票决：规则、计票和结果")
def list_votes(request, filters: Query[Filters]):
    found = _votes(_person(request), filters.region_id)
    if filters.year is not None:
        found = found.filter(year=filters.year)
    return [_vote_out(v) for v in found.order_by("region_id", "year", "pk")]


@router.get("/votes/{vote_id}", response={200: VoteOut} | ERRORS, summary="一次票决")
def get_vote(request, vote_id: s.Id):
    return _vote_out(_vote(request, vote_id))


# -- satisfaction votes (满意度测评) ------------------------------------------------------------


def _satisfaction_out(session: SatisfactionSession) -> dict:
    result = satisfaction_result(session)
    plan = session.plan
    return {
        "id": session.pk,
        "plan_id": plan.pk,
        "region": plan.region.name,
        "region_id": plan.region_id,
        "year": plan.year,
        "title": session.title,
        "held_on": session.held_on,
        "members": session.members,
        "base": session.base,
        "satisfied_percent": session.satisfied_percent,
        "combined_percent": session.combined_percent,
        "rule": session.rating_rules.describe(),
        "ballots": _ballots_out(session),
        "counted_at": session.counted_at,
        "published_at": session.published_at,
        "results": [
            {
                "project_id": r.line.project.pk,
                "seq": r.line.project.seq,
                "title": r.line.project.title,
                "satisfied": r.line.satisfied,
                "basic": r.line.basic,
                "unsatisfied": r.line.unsatisfied,
                "result": r.result,
                "result_name": r.result_name,
            }
            for r in (result.ratings if result else [])
        ],
        "rate": None if result is None or result.rate is None else str(result.rate),
        "counts": result.counts if result else {key: 0 for key in rules.SATISFACTION_NAMES},
    }


def _ratings(person: Person, region_id: int | None = None):
    return SatisfactionSession.objects.filter(
        plan__region_id__in=_regions(person, _reads_votes, region_id)
    ).select_related("plan__region")


def _rating(request, rating_id: int) -> SatisfactionSession:
    session = _ratings(_person(request)).filter(pk=rating_id).first()
    if session is None:
        raise Http404("找不到这次满意度测评，或您无权查看。")
    return session


@router.get(
    "/satisfaction",
    response={200: list[SatisfactionOut]} | ERRORS,
    summary="满意度测评：规则、计票、各项目结果和总体满意率",
)
def list_satisfaction(request, filters: Query[Filters]):
    found = _ratings(_person(request), filters.region_id)
    if filters.year is not None:
        found = found.filter(plan__year=filters.year)
    return [_satisfaction_out(r) for r in found.order_by("plan__region_id", "plan__year", "pk")]


@router.get("/satisfaction/{rating_id}", response={200: SatisfactionOut} | ERRORS, summary="一次满意度测评")
def get_satisfaction(request, rating_id: s.Id):
    return _satisfaction_out(_rating(request, rating_id))


# -- the counts as a spreadsheet --------------------------------------------------------------------


class TallyFormat(Schema):
    format: Literal["csv", "xlsx"] = Field("xlsx", description="csv 或 xlsx")


def _tally(session, fmt: str) -> HttpResponse:
    if not session.locked:
        raise Http404("还没有录入计票结果。")
    if fmt == "csv":
        vote = isinstance(session, VoteSession)
        rows = tallies.vote_rows(session) if vote else tallies.rating_rows(session)
        data, content_type = tallies.to_csv(rows), "text/csv; charset=utf-8"
    else:
        data, content_type = tally_table(session).to_xlsx(), XLSX
    response = HttpResponse(data, content_type=content_type)
    kind = "vote" if isinstance(session, VoteSession) else "satisfaction"
    response["Content-Disposition"] = f'attachment; filename="{kind}-{session.pk}-tally.{fmt}"'
    return response


@router.get(
    "/votes/{vote_id}/tally",
    response={200: None} | ERRORS,
    summary="票决计票表（CSV 或 XLSX，防公式注入）",
)
def vote_tally(request, vote_id: s.Id, params: Query[TallyFormat]):
    return _tally(_vote(request, vote_id), params.format)


@router.get(
    "/satisfaction/{rating_id}/tally",
    response={200: None} | ERRORS,
    summary="满意度测评计票表（CSV 或 XLSX，防公式注入）",
)
def satisfaction_tally(request, rating_id: s.Id, params: Query[TallyFormat]):
    return _tally(_rating(request, rating_id), params.format)
