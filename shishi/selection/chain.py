"""The traceable chain: proposal → candidate → vote → project → satisfaction result, read from
either end. The proposer's receipt page follows a proposal forward; a project's page (the public
one, above this app) can ask where a project came from with `project_origin`."""

from __future__ import annotations

from dataclasses import dataclass

from shishi.plans.models import Project

from . import rules
from .models import Candidate, Proposal, RatingLine, VoteSession
from .screening import personal_data
from .services import vote_result


@dataclass(frozen=True)
class Path:
    candidate: Candidate
    session: VoteSession | None  # the latest counted vote the candidate was on
    outcome: str | None  # rules.ELECTED, NOT_ELECTED or TIED in that vote
    project: Project | None  # the plan's project it became
    rating: str | None  # rules.SATISFIED, BASIC or UNSATISFIED in the latest satisfaction vote

    @property
    def outcome_name(self) -> str:
        return rules.OUTCOME_NAMES[self.outcome] if self.outcome else "尚未票决"

    @property
    def rating_name(self) -> str:
        return rules.SATISFACTION_NAMES[self.rating] if self.rating else ""


def candidate_path(candidate: Candidate) -> Path:
    session = (
        VoteSession.objects.filter(candidates=candidate, counted_at__isnull=False)
        .order_by("-counted_at")
        .first()
    )
    outcome = None
    if session is not None:
        outcome = next((r.outcome for r in vote_result(session) if r.candidate.pk == candidate.pk), None)
    project = candidate.project
    return Path(candidate, session, outcome, project, project_rating(project) if project else None)


def project_rating(project: Project) -> str | None:
    """The project's result in the latest counted satisfaction vote of its plan, by that vote's rule."""
    line = (
        RatingLine.objects.filter(project=project, session__counted_at__isnull=False)
        .select_related("session")
        .order_by("-session__counted_at")
        .first()
    )
    if line is None:
        return None
    session = line.session
    plain = rules.RatingLine(project.title, line.satisfied, line.basic, line.unsatisfied)
    return rules.rating(session.rating_rules, session.ballots, plain)


def carrier(proposal: Proposal) -> Proposal:
    """The proposal that carries a merged one forward (merges never chain: see merge_proposal)."""
    return proposal.merged_into if proposal.merged_into_id else proposal


def proposal_paths(proposal: Proposal) -> list[Path]:
    """Where a proposal went: each candidate made from it (or from the one it was merged into)."""
    found = carrier(proposal).candidates.order_by("year", "ballot_order")
    return [candidate_path(candidate) for candidate in found]


@dataclass(frozen=True)
class Origin:
    path: Path
    proposals: list[Proposal]  # only those whose text may be shown publicly


def project_origin(project: Project) -> Origin | None:
    """Where a plan's project came from, for a page that shows the chain; None for a project
    imported from a notice rather than voted on."""
    if project.plan.notice_file_id is None:
        return None
    candidate = Candidate.objects.filter(
        notice_file_id=project.plan.notice_file_id, notice_seq=project.seq
    ).first()
    if candidate is None:
        return None
    shown = [
        p
        for p in candidate.proposals.all()
        if not personal_data(" ".join((p.title, p.what, p.where, p.beneficiaries)))
    ]
    return Origin(candidate_path(candidate), shown)
