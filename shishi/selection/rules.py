"""The rules of a vote (票决) and of a satisfaction vote (满意度测评), as pure functions over
figures: what adds up, who is elected, which result a project gets. No database here, so that
every rule is tested as a table (tests/selection/test_rules.py) and the pages, the services
and any later door (the REST API, an export) read the one answer.

Ballots on paper are reconciled before anything is computed from them:
- 发出票数 = 收回票数 + 未收回票数 (issued = returned + not returned);
- 有效票数 + 无效票数 = 收回票数 (valid + invalid = returned);
- 发出票数 ≤ 组成人员数 (no more ballots than members);
- per candidate, 赞成 + 反对 + 弃权 ≤ 有效票数 (a valid ballot may leave a row unmarked);
- pick N of M: each valid ballot marks at most N, so the marks of all candidates ≤ N × 有效票数.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# How a vote is held.
APPROVE = "approve"  # 赞成 / 反对 / 弃权 on each candidate
PICK = "pick"  # each member marks at most N of the M candidates
# What "more than half" is of.
OF_MEMBERS = "members"  # 全体组成人员
OF_VALID = "valid"  # 有效票
# What a tie at the last seat does.
TIE_REVOTE = "revote"  # 另行投票: the tied candidates wait for a decision
TIE_ORDER = "order"  # 按选票顺序: the one earlier on the ballot is elected

ELECTED, NOT_ELECTED, TIED = "elected", "not_elected", "tied"
OUTCOME_NAMES = {ELECTED: "当选", NOT_ELECTED: "未当选", TIED: "票数相同，需另行投票"}

SATISFIED, BASIC, UNSATISFIED = "satisfied", "basic", "unsatisfied"
SATISFACTION_NAMES = {SATISFIED: "满意", BASIC: "基本满意", UNSATISFIED: "不满意"}


@dataclass(frozen=True)
class Ballots:
    """The paper ballots of one session: 发出、收回、未收回、有效、无效."""

    issued: int
    returned: int
    not_returned: int
    valid: int
    invalid: int


@dataclass(frozen=True)
class VoteRules:
    members: int  # 组成人员数
    mode: str = APPROVE
    seats: int | None = None  # N: how many to elect (required to pick N of M; optional cap otherwise)
    threshold: str = OF_MEMBERS
    tie: str = TIE_REVOTE


@dataclass(frozen=True)
class VoteLine:
    """One candidate's count; `order` is its place on the ballot. In PICK mode `yes` holds the marks."""

    order: int
    title: str
    yes: int
    no: int = 0
    abstain: int = 0


def ballot_problems(members: int, ballots: Ballots) -> list[str]:
    """Each equation the session's ballot figures break, named in Chinese; empty when they add up."""
    problems = []
    if ballots.issued > members:
        problems.append(f"发出票数（{ballots.issued}）超过了组成人员数（{members}）。")
    if ballots.issued != ballots.returned + ballots.not_returned:
        problems.append(
            "发出票数应等于收回票数加未收回票数："
            f"{ballots.issued} ≠ {ballots.returned} + {ballots.not_returned}。"
        )
    if ballots.valid + ballots.invalid != ballots.returned:
        problems.append(
            f"有效票数加无效票数应等于收回票数：{ballots.valid} + {ballots.invalid} ≠ {ballots.returned}。"
        )
    return problems


def vote_problems(rules: VoteRules, ballots: Ballots, lines: list[VoteLine]) -> list[str]:
    """Everything in a vote's count that does not add up, each naming its equation."""
    problems = ballot_problems(rules.members, ballots)
    if rules.mode == PICK:
        for line in lines:
            if line.yes > ballots.valid:
                problems.append(f"“{line.title}”得票{line.yes}，超过了有效票数{ballots.valid}。")
        marks = sum(line.yes for line in lines)
        if rules.seats is not None and marks > rules.seats * ballots.valid:
            problems.append(
                f"每张有效票最多选{rules.seats}项，全部得票之和应不超过{rules.seats} × {ballots.valid} = "
                f"{rules.seats * ballots.valid}，现为{marks}。"
            )
    else:
        for line in lines:
            total = line.yes + line.no + line.abstain
            if total > ballots.valid:
                problems.append(
                    f"“{line.title}”赞成、反对、弃权之和应不超过有效票数：{line.yes} + {line.no} + "
                    f"{line.abstain} = {total} > {ballots.valid}。"
                )
    return problems


def passes(votes: int, base: int) -> bool:
    """More than half: exactly half is not enough.

    >>> passes(26, 50), passes(25, 50), passes(26, 51), passes(25, 51)
    (True, False, True, False)
    """
    return votes * 2 > base


def vote_outcomes(rules: VoteRules, ballots: Ballots, lines: list[VoteLine]) -> dict[int, str]:
    """Each candidate's outcome by ballot order: ELECTED, NOT_ELECTED or TIED.

    A candidate must have more than half of the base (all members, or the valid ballots). When
    there are seats to fill, those passing are ranked by votes; if more pass than there are seats,
    the last seat goes by the tie rule among those with the same votes: with TIE_ORDER the one
    earlier on the ballot, with TIE_REVOTE none of them until a further vote (TIED).
    """
    base = rules.members if rules.threshold == OF_MEMBERS else ballots.valid
    passing = sorted(
        (line for line in lines if passes(line.yes, base)), key=lambda line: (-line.yes, line.order)
    )
    outcomes = {line.order: NOT_ELECTED for line in lines}
    seats = rules.seats if rules.seats is not None else len(passing)
    if len(passing) <= seats:
        outcomes.update({line.order: ELECTED for line in passing})
        return outcomes
    if seats == 0:
        return outcomes
    last = passing[seats - 1].yes  # the votes of the last seat
    level = [line for line in passing if line.yes == last]
    above = [line for line in passing if line.yes > last]
    outcomes.update({line.order: ELECTED for line in above})
    if len(above) + len(level) <= seats:  # those at the last seat's votes all fit
        outcomes.update({line.order: ELECTED for line in level})
    elif rules.tie == TIE_ORDER:  # `passing` holds the tied in ballot order
        outcomes.update({line.order: ELECTED for line in level[: seats - len(above)]})
    else:
        outcomes.update({line.order: TIED for line in level})
    return outcomes


@dataclass(frozen=True)
class SatisfactionRules:
    """满意度 thresholds. By default 满意 needs more than half of all members; 基本满意 needs
    满意 + 基本满意 to be more than half. The office may set its own percentages, and count them
    of the valid ballots instead of all members; the page states the rule in force."""

    members: int
    base: str = OF_MEMBERS
    satisfied_percent: int = 50
    combined_percent: int = 50

    def describe(self) -> str:
        of = "全体组成人员" if self.base == OF_MEMBERS else "有效票"
        return (
            f"“满意”票超过{of}的{self.satisfied_percent}%为满意；否则“满意”与“基本满意”票之和超过"
            f"{of}的{self.combined_percent}%为基本满意；否则为不满意。"
        )


@dataclass(frozen=True)
class RatingLine:
    title: str
    satisfied: int
    basic: int
    unsatisfied: int


def rating_problems(rules: SatisfactionRules, ballots: Ballots, lines: list[RatingLine]) -> list[str]:
    problems = ballot_problems(rules.members, ballots)
    for line in lines:
        total = line.satisfied + line.basic + line.unsatisfied
        if total > ballots.valid:
            problems.append(
                f"“{line.title}”满意、基本满意、不满意之和应不超过有效票数："
                f"{line.satisfied} + {line.basic} + {line.unsatisfied} = {total} > {ballots.valid}。"
            )
    return problems


def _over(votes: int, percent: int, base: int) -> bool:
    """votes > percent% of base, in whole numbers (no rounding of a share)."""
    return votes * 100 > percent * base


def rating(rules: SatisfactionRules, ballots: Ballots, line: RatingLine) -> str:
    """A project's result: SATISFIED, BASIC or UNSATISFIED (see SatisfactionRules)."""
    base = rules.members if rules.base == OF_MEMBERS else ballots.valid
    if _over(line.satisfied, rules.satisfied_percent, base):
        return SATISFIED
    if _over(line.satisfied + line.basic, rules.combined_percent, base):
        return BASIC
    return UNSATISFIED


def satisfaction_rate(ballots: Ballots, lines: list[RatingLine]) -> Decimal | None:
    """The overall satisfaction rate, in percent to one decimal: 满意 and 基本满意 votes of every
    project over the valid ballots of every project. None before there is a valid ballot."""
    valid = ballots.valid * len(lines)
    if valid == 0:
        return None
    content = sum(line.satisfied + line.basic for line in lines)
    return (Decimal(content * 100) / valid).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
