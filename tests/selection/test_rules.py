"""The vote and satisfaction rules as tables: each row a case with a readable id."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shishi.selection import rules
from shishi.selection.rules import (
    APPROVE,
    BASIC,
    ELECTED,
    NOT_ELECTED,
    OF_MEMBERS,
    OF_VALID,
    PICK,
    SATISFIED,
    TIE_ORDER,
    TIE_REVOTE,
    TIED,
    UNSATISFIED,
    Ballots,
    RatingLine,
    SatisfactionRules,
    VoteLine,
    VoteRules,
)

FULL = Ballots(issued=50, returned=50, not_returned=0, valid=48, invalid=2)


def lines(*yes: int) -> list[VoteLine]:
    return [VoteLine(n, f"项目{n}", y) for n, y in enumerate(yes, 1)]


# rules, ballots, yes votes by ballot order → outcomes by ballot order
VOTES = {
    "approve: more than half of 50 members passes": (
        VoteRules(50),
        FULL,
        (26, 25, 48),
        (ELECTED, NOT_ELECTED, ELECTED),
    ),
    "approve: exactly half of all members is not enough": (
        VoteRules(50),
        FULL,
        (25,),
        (NOT_ELECTED,),
    ),
    "approve: odd membership needs 26 of 51": (
        VoteRules(51),
        Ballots(51, 51, 0, 51, 0),
        (26, 25),
        (ELECTED, NOT_ELECTED),
    ),
    "approve: half of the valid ballots is a lower bar than half of the members": (
        VoteRules(50, threshold=OF_VALID),
        Ballots(40, 40, 0, 40, 0),
        (21, 20),
        (ELECTED, NOT_ELECTED),
    ),
    "approve with a cap: the most votes take the seats": (
        VoteRules(50, seats=2),
        FULL,
        (30, 40, 35),
        (NOT_ELECTED, ELECTED, ELECTED),
    ),
    "approve with a cap: a tie at the last seat waits for another vote": (
        VoteRules(50, seats=2, tie=TIE_REVOTE),
        FULL,
        (40, 35, 35),
        (ELECTED, TIED, TIED),
    ),
    "pick 2 of 3: the top two elected": (
        VoteRules(50, mode=PICK, seats=2),
        FULL,
        (40, 30, 26),
        (ELECTED, ELECTED, NOT_ELECTED),
    ),
    "pick 2 of 4: a tie for the last seat goes to another vote": (
        VoteRules(50, mode=PICK, seats=2, tie=TIE_REVOTE),
        FULL,
        (40, 30, 30, 10),
        (ELECTED, TIED, TIED, NOT_ELECTED),
    ),
    "pick 2 of 4: by ballot order, the earlier of the tied is elected": (
        VoteRules(50, mode=PICK, seats=2, tie=TIE_ORDER),
        FULL,
        (40, 30, 30, 10),
        (ELECTED, ELECTED, NOT_ELECTED, NOT_ELECTED),
    ),
    "pick 1 of 3: a three-way tie, by order the first": (
        VoteRules(50, mode=PICK, seats=1, tie=TIE_ORDER),
        Ballots(50, 50, 0, 50, 0),
        (30, 30, 30),
        (ELECTED, NOT_ELECTED, NOT_ELECTED),
    ),
    "pick 2 of 3: a tie above the last seat is no tie": (
        VoteRules(50, mode=PICK, seats=2),
        FULL,
        (35, 35, 26),
        (ELECTED, ELECTED, NOT_ELECTED),
    ),
    "pick 3 of 4: fewer pass than seats, the seat stays empty": (
        VoteRules(50, mode=PICK, seats=3),
        FULL,
        (40, 30, 25, 20),
        (ELECTED, ELECTED, NOT_ELECTED, NOT_ELECTED),
    ),
    "pick 2 of 3: a tie among those who did not pass is not a tie": (
        VoteRules(50, mode=PICK, seats=2),
        FULL,
        (40, 20, 20),
        (ELECTED, NOT_ELECTED, NOT_ELECTED),
    ),
}


@pytest.mark.parametrize(("vote_rules", "ballots", "yes", "expected"), VOTES.values(), ids=VOTES.keys())
def test_it_elects_by_the_rules(vote_rules, ballots, yes, expected):
    outcomes = rules.vote_outcomes(vote_rules, ballots, lines(*yes))
    assert tuple(outcomes[n] for n in range(1, len(yes) + 1)) == expected


# rules, ballots, lines → the equation named in the refusal
RECONCILIATION = {
    "issued is not returned plus not returned": (
        VoteRules(50),
        Ballots(50, 45, 4, 45, 0),
        lines(30),
        "发出票数应等于收回票数加未收回票数：50 ≠ 45 + 4",
    ),
    "valid plus invalid is not returned": (
        VoteRules(50),
        Ballots(50, 50, 0, 47, 2),
        lines(30),
        "有效票数加无效票数应等于收回票数：47 + 2 ≠ 50",
    ),
    "more ballots issued than members": (
        VoteRules(50),
        Ballots(51, 51, 0, 51, 0),
        lines(30),
        "发出票数（51）超过了组成人员数（50）",
    ),
    "yes plus no plus abstain above the valid ballots": (
        VoteRules(50),
        FULL,
        [VoteLine(1, "新建幼儿园", 40, 5, 4)],
        "“新建幼儿园”赞成、反对、弃权之和应不超过有效票数：40 + 5 + 4 = 49 > 48",
    ),
    "pick N: one candidate with more marks than valid ballots": (
        VoteRules(50, mode=PICK, seats=2),
        FULL,
        [VoteLine(1, "新建幼儿园", 49), VoteLine(2, "两癌筛查", 1)],
        "“新建幼儿园”得票49，超过了有效票数48",
    ),
    "pick N: more marks than N per valid ballot": (
        VoteRules(50, mode=PICK, seats=2),
        FULL,
        lines(48, 48, 1),
        "全部得票之和应不超过2 × 48 = 96，现为97",
    ),
}


@pytest.mark.parametrize(
    ("vote_rules", "ballots", "vote_lines", "named"), RECONCILIATION.values(), ids=RECONCILIATION.keys()
)
def test_it_names_the_equation_a_count_breaks(vote_rules, ballots, vote_lines, named):
    problems = rules.vote_problems(vote_rules, ballots, vote_lines)
    assert len(problems) == 1
    assert named in problems[0]


ADDS_UP = {
    "approve: every row marked": (VoteRules(50), FULL, [VoteLine(1, "甲", 40, 5, 3)]),
    "approve: rows left unmarked on some ballots": (VoteRules(50), FULL, [VoteLine(1, "甲", 40, 0, 0)]),
    "pick 2: exactly N marks on every valid ballot": (
        VoteRules(50, mode=PICK, seats=2),
        FULL,
        lines(48, 48, 0),
    ),
    "some ballots not returned": (VoteRules(50), Ballots(50, 45, 5, 44, 1), lines(30)),
}


@pytest.mark.parametrize(("vote_rules", "ballots", "vote_lines"), ADDS_UP.values(), ids=ADDS_UP.keys())
def test_it_accepts_a_count_that_adds_up(vote_rules, ballots, vote_lines):
    assert rules.vote_problems(vote_rules, ballots, vote_lines) == []


ALL_50 = Ballots(50, 50, 0, 50, 0)
SOME_40 = Ballots(40, 40, 0, 40, 0)

# rules, ballots, (满意, 基本满意, 不满意) → result
SATISFACTION = {
    "satisfied: 26 of 50 members": (SatisfactionRules(50), ALL_50, (26, 10, 14), SATISFIED),
    "exactly half satisfied is not satisfied, but with basic it is basic": (
        SatisfactionRules(50),
        ALL_50,
        (25, 1, 24),
        BASIC,
    ),
    "exactly half satisfied and basic together is unsatisfied": (
        SatisfactionRules(50),
        ALL_50,
        (20, 5, 25),
        UNSATISFIED,
    ),
    "basic: 26 satisfied or basic": (SatisfactionRules(50), ALL_50, (20, 6, 24), BASIC),
    "of all members: 21 of 40 valid is not half of 50": (
        SatisfactionRules(50),
        SOME_40,
        (21, 0, 19),
        UNSATISFIED,
    ),
    "of valid ballots: 21 of 40 is more than half": (
        SatisfactionRules(50, base=OF_VALID),
        SOME_40,
        (21, 0, 19),
        SATISFIED,
    ),
    "the office's own 60%: 30 of 50 is not more than 60%": (
        SatisfactionRules(50, satisfied_percent=60, combined_percent=80),
        ALL_50,
        (30, 10, 10),
        UNSATISFIED,
    ),
    "the office's own 60%: 31 of 50 is": (
        SatisfactionRules(50, satisfied_percent=60, combined_percent=80),
        ALL_50,
        (31, 0, 19),
        SATISFIED,
    ),
    "the office's own 80% together: 41 of 50 is basic": (
        SatisfactionRules(50, satisfied_percent=60, combined_percent=80),
        ALL_50,
        (30, 11, 9),
        BASIC,
    ),
    "odd membership: 26 of 51 is more than half": (
        SatisfactionRules(51),
        Ballots(51, 51, 0, 51, 0),
        (26, 0, 25),
        SATISFIED,
    ),
}


@pytest.mark.parametrize(
    ("rating_rules", "ballots", "votes", "expected"), SATISFACTION.values(), ids=SATISFACTION.keys()
)
def test_it_rates_a_project_by_the_stated_rule(rating_rules, ballots, votes, expected):
    assert rules.rating(rating_rules, ballots, RatingLine("项目", *votes)) == expected


def test_it_refuses_a_rating_above_the_valid_ballots():
    problems = rules.rating_problems(SatisfactionRules(50), ALL_50, [RatingLine("两癌筛查", 30, 15, 6)])
    assert problems == ["“两癌筛查”满意、基本满意、不满意之和应不超过有效票数：30 + 15 + 6 = 51 > 50。"]


def test_it_computes_the_overall_rate_over_every_project():
    rate = rules.satisfaction_rate(ALL_50, [RatingLine("甲", 40, 5, 5), RatingLine("乙", 20, 10, 20)])
    assert rate == Decimal("75.0")  # (45 + 30) / (50 + 50)


def test_it_has_no_rate_before_a_valid_ballot():
    assert rules.satisfaction_rate(Ballots(0, 0, 0, 0, 0), [RatingLine("甲", 0, 0, 0)]) is None


def test_it_states_the_default_rule_in_words():
    assert SatisfactionRules(50).describe() == (
        "“满意”票超过全体组成人员的50%为满意；否则“满意”与“基本满意”票之和超过全体组成人员的50%为基本满意；否则为不满意。"
    )


def test_modes_and_bases_are_those_the_models_offer():
    from shishi.selection.models import SatisfactionSession, VoteSession

    assert set(VoteSession.Mode.values) == {APPROVE, PICK}
    assert set(VoteSession.Threshold.values) == set(SatisfactionSession.Base.values) == {OF_MEMBERS, OF_VALID}
