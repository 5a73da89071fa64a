"""Properties of the vote rule over many generated counts: never more elected than seats, every
elected candidate passed, nobody with fewer votes elected over somebody with more, and a tie only
at the last seat under the 另行投票 rule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shishi.selection import rules
from shishi.selection.rules import ELECTED, TIED, Ballots, VoteLine, VoteRules


@st.composite
def votes(draw):
    members = draw(st.integers(1, 60))
    valid = draw(st.integers(0, members))
    count = draw(st.integers(1, 8))
    seats = draw(st.one_of(st.none(), st.integers(1, count)))
    rules_ = VoteRules(
        members,
        rules.APPROVE,
        seats,
        draw(st.sampled_from([rules.OF_MEMBERS, rules.OF_VALID])),
        draw(st.sampled_from([rules.TIE_REVOTE, rules.TIE_ORDER])),
    )
    lines = [VoteLine(n, f"项目{n}", draw(st.integers(0, valid))) for n in range(1, count + 1)]
    return rules_, Ballots(valid, valid, 0, valid, 0), lines


@settings(max_examples=300, deadline=None)
@given(votes())
def test_the_vote_rule_holds_its_promises(case):
    vote_rules, ballots, lines = case
    outcomes = rules.vote_outcomes(vote_rules, ballots, lines)
    base = vote_rules.members if vote_rules.threshold == rules.OF_MEMBERS else ballots.valid
    elected = [line for line in lines if outcomes[line.order] == ELECTED]
    tied = [line for line in lines if outcomes[line.order] == TIED]
    if vote_rules.seats is not None:
        assert len(elected) <= vote_rules.seats
        assert len(elected) + (1 if tied else 0) <= vote_rules.seats or not tied
    assert all(rules.passes(line.yes, base) for line in elected + tied)
    for winner in elected:
        for other in lines:
            if outcomes[other.order] != ELECTED:
                assert other.yes <= winner.yes  # nobody with more votes is left out
    passing = [line for line in lines if rules.passes(line.yes, base)]
    if vote_rules.seats is not None and vote_rules.tie == rules.TIE_ORDER:
        assert len(elected) == min(vote_rules.seats, len(passing))  # by ballot order, every seat is filled
    if tied:
        assert len(tied) > vote_rules.seats - len(elected)  # more tied than seats left: a tie indeed
        assert vote_rules.tie == rules.TIE_REVOTE and len({line.yes for line in tied}) == 1
        assert all(line.yes < min(line.yes for line in elected) for line in tied) if elected else True
    if vote_rules.seats is None:  # no cap: everyone who passed is elected
        assert elected == [line for line in lines if rules.passes(line.yes, base)]
