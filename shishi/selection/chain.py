"""The traceable chain: proposal → candidate → vote → project → satisfaction result, read from
either end, as the public sees it: only published results (a vote or a satisfaction vote the
office has published), only proposals whose text passed the personal-data check (screening.py),
never a contact. The proposer's receipt page follows a proposal forward (`proposal_paths`); the
public page of a plan (shishi/public, above this app) asks where each project came from
(`plan_origins`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from shishi.plans.models import Plan, Project

from . import rules
from .models import Candidate, Proposal, RatingLine, SatisfactionSession, VoteLine, VoteSession, plan_links
from .ratings import SurveyLine, survey_result
from .screening import personal_data, proposal_public_text
from .services import vote_result


def published_votes(candidates):
    return VoteSession.objects.filter(
        candidates__in=candidates, published_at__isnull=False, counted_at__isnull=False
    )


@dataclass(frozen=True)
class VoteOutcome:
    """A candidate's count and outcome in the latest published vote it was on."""

    session: VoteSession
    line: VoteLine
    outcome: str  # rules.ELECTED, NOT_ELECTED or TIED

    @property
    def outcome_name(self) -> str:
        return rules.OUTCOME_NAMES[self.outcome]

    @property
    def rule(self) -> str:
        """By which rule it was decided, in the words of the published result."""
        s = self.session
        return f"{s.mode_text}，{s.get_threshold_display()}方为通过，{s.get_tie_display()}"


@dataclass(frozen=True)
class Rating:
    """A project's result in the latest published satisfaction vote of its plan."""

    session: SatisfactionSession
    line: RatingLine
    result: str  # rules.SATISFIED, BASIC or UNSATISFIED

    @property
    def result_name(self) -> str:
        return rules.SATISFACTION_NAMES[self.result]

    @property
    def rate(self) -> Decimal | None:
        """满意 and 基本满意 over the valid ballots, in percent, for this project."""
        plain = rules.RatingLine("", self.line.satisfied, self.line.basic, self.line.unsatisfied)
        return rules.satisfaction_rate(self.session.ballots, [plain])


@dataclass(frozen=True)
class Path:
    candidate: Candidate
    vote: VoteOutcome | None
    project: Project | None  # the plan's project it became
    rating: Rating | None

    @property
    def session(self) -> VoteSession | None:
        return self.vote.session if self.vote else None

    @property
    def outcome(self) -> str | None:
        return self.vote.outcome if self.vote else None

    @property
    def outcome_name(self) -> str:
        return self.vote.outcome_name if self.vote else "尚未公布票决结果"

    @property
    def rating_name(self) -> str:
        return self.rating.result_name if self.rating else ""


def vote_outcome(candidate: Candidate) -> VoteOutcome | None:
    session = published_votes([candidate]).order_by("-counted_at", "-pk").first()
    if session is None:
        return None
    mine = (r for r in vote_result(session) if r.candidate.pk == candidate.pk)
    return next((VoteOutcome(session, r.line, r.outcome) for r in mine), None)


def latest_published_rating(plan: Plan) -> SatisfactionSession | None:
    return (
        SatisfactionSession.objects.filter(plan=plan, published_at__isnull=False, counted_at__isnull=False)
        .order_by("-counted_at", "-pk")
        .first()
    )


def project_rating(project: Project, session: SatisfactionSession | None = None) -> Rating | None:
    """The project's result in the latest published satisfaction vote of its plan, by that vote's rule."""
    session = session or latest_published_rating(project.plan)
    if session is None:
        return None
    line = RatingLine.objects.filter(session=session, project=project).first()
    if line is None:
        return None
    plain = rules.RatingLine(project.title, line.satisfied, line.basic, line.unsatisfied)
    return Rating(session, line, rules.rating(session.rating_rules, session.ballots, plain))


def candidate_path(candidate: Candidate) -> Path:
    project = candidate.project
    return Path(candidate, vote_outcome(candidate), project, project_rating(project) if project else None)


def carrier(proposal: Proposal) -> Proposal:
    """The proposal that carries a merged one forward (merges never chain: see merge_proposal)."""
    return proposal.merged_into if proposal.merged_into_id else proposal


def proposal_paths(proposal: Proposal) -> list[Path]:
    """Where a proposal went: each candidate made from it (or from the one it was merged into)."""
    found = carrier(proposal).candidates.order_by("year", "ballot_order")
    return [candidate_path(candidate) for candidate in found]


@dataclass(frozen=True)
class ShownProposal:
    """A proposal behind a project, as the public page may show it: never its contact."""

    title: str
    status: str
    answer: str  # "" unless it passed the check


def shown(proposal: Proposal) -> ShownProposal | None:
    """The proposal for a public page, or None while its text holds personal data."""
    if personal_data(proposal_public_text(proposal)):
        return None
    answer = proposal.answer if not personal_data(proposal.answer) else ""
    return ShownProposal(proposal.title, proposal.get_status_display(), answer)


@dataclass
class Origin:
    """Where a plan's project came from and how it was judged, for the public page."""

    path: Path
    proposal_count: int  # every proposal behind it, merged ones included
    proposals: list[ShownProposal] = field(default_factory=list)  # those that may be shown

    @property
    def hidden_count(self) -> int:
        return self.proposal_count - len(self.proposals)


@dataclass
class PlanChain:
    origins: dict[int, Origin]  # project id → its origin, for projects that came from a vote
    rating: SatisfactionSession | None  # the latest published satisfaction vote of the plan
    ratings: dict[int, Rating]  # project id → its result there
    survey: dict[int, SurveyLine]  # project id → the citizens' survey, shown apart
    survey_responses: int
    vote_sessions: list[VoteSession]  # the published votes the projects came through

    def rate(self) -> Decimal | None:
        if self.rating is None or not self.ratings:
            return None
        lines = [r.line for r in self.ratings.values()]
        plain = [rules.RatingLine("", line.satisfied, line.basic, line.unsatisfied) for line in lines]
        return rules.satisfaction_rate(self.rating.ballots, plain)


def _proposals_behind(candidate: Candidate) -> list[Proposal]:
    direct = list(candidate.proposals.all())
    merged = Proposal.objects.filter(merged_into__in=direct).exclude(pk__in=[p.pk for p in direct])
    return direct + list(merged.order_by("created_at", "pk"))


def plan_origins(plan: Plan) -> dict[int, Origin]:
    """project id → Origin for the plan's projects that came from a vote (models.plan_links)."""
    candidate_of = plan_links(plan).candidate_of
    candidates = Candidate.objects.in_bulk(candidate_of.values())
    projects = plan.projects.in_bulk(candidate_of.keys())
    origins = {}
    for project_id, candidate_id in candidate_of.items():
        candidate, project = candidates[candidate_id], projects[project_id]
        behind = _proposals_behind(candidate)
        path = Path(candidate, vote_outcome(candidate), project, None)
        origins[project_id] = Origin(path, len(behind), [s for p in behind if (s := shown(p))])
    return origins


def project_origin(project: Project) -> Origin | None:
    """Where one project came from; None for a project not voted on (imported from a notice)."""
    return plan_origins(project.plan).get(project.pk)


def plan_chain(plan: Plan) -> PlanChain:
    """The whole plan's chain for its public page: origins, and the published satisfaction vote."""
    origins = plan_origins(plan)
    session = latest_published_rating(plan)
    ratings, survey, responses = {}, {}, 0
    if session is not None:
        for line in session.lines.select_related("project"):
            plain = rules.RatingLine(line.project.title, line.satisfied, line.basic, line.unsatisfied)
            result = rules.rating(session.rating_rules, session.ballots, plain)
            ratings[line.project_id] = Rating(session, line, result)
        found = survey_result(session)
        responses = found.responses
        if responses:
            survey = {line.project.pk: line for line in found.lines if line.total}
    sessions = {o.path.vote.session.pk: o.path.vote.session for o in origins.values() if o.path.vote}
    for origin in origins.values():
        project = origin.path.project
        origin.path = Path(origin.path.candidate, origin.path.vote, project, ratings.get(project.pk))
    return PlanChain(origins, session, ratings, survey, responses, list(sessions.values()))
