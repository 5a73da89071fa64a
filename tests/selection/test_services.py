"""The selection services: proposals, candidates, votes and satisfaction votes, through the database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine

from shishi.history.models import Event
from shishi.selection import ratings, services
from shishi.selection.models import RECEIPT_ALPHABET, Candidate, Proposal
from shishi.selection.ratings import ProjectCount, RatingSettings
from shishi.selection.rules import ELECTED, NOT_ELECTED, PICK, Ballots
from shishi.selection.services import CandidateCount, ProposalText, SelectionError, VoteSettings

from .conftest import FULL


def test_it_gives_each_proposal_an_unguessable_receipt(world):
    codes = {
        services.submit_proposal(world["huantai"], 2024, "web", ProposalText("题目", "内容")).receipt
        for _ in range(20)
    }
    assert len(codes) == 20
    assert all(len(code) == 10 and set(code) <= set(RECEIPT_ALPHABET) for code in codes)


def test_it_records_a_proposal_in_the_history(proposal):
    assert Event.objects.filter(verb="proposed", summary__contains="城区新建普惠托育园").exists()


def test_it_answers_a_proposal_with_a_reason(proposal, cora):
    services.answer_proposal(proposal, cora, Proposal.Status.DECLINED, "已列入城区托育规划，明年统筹实施。")
    proposal.refresh_from_db()
    assert proposal.get_status_display() == "不予采纳"
    assert proposal.answered_by == cora


@pytest.mark.parametrize(
    ("answer", "message"),
    [("", "请写明答复理由"), ("请致电13812345678了解", "可能含有手机号码")],
    ids=["no reason", "a phone number in the public answer"],
)
def test_it_refuses_an_answer_it_cannot_show(proposal, cora, answer, message):
    with pytest.raises(SelectionError, match=message):
        services.answer_proposal(proposal, cora, Proposal.Status.ADOPTED, answer)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PENDING


def test_it_merges_a_duplicate_and_follows_earlier_merges(world, cora, proposal):
    first = services.submit_proposal(world["huantai"], 2024, "paper", ProposalText("托育园", "同上"))
    second = services.submit_proposal(world["huantai"], 2024, "phone", ProposalText("托育", "同上"))
    services.merge_proposal(first, proposal, cora, "与《城区新建普惠托育园》合并办理。")
    services.merge_proposal(second, first, cora, "与同类建议合并办理。")
    second.refresh_from_db()
    assert second.merged_into == proposal
    assert second.status == Proposal.Status.MERGED


def test_it_refuses_to_merge_a_proposal_into_itself(cora, proposal):
    with pytest.raises(SelectionError, match="不能把建议并入它自己"):
        services.merge_proposal(proposal, proposal, cora, "合并")


def test_it_holds_back_a_proposal_with_personal_data_from_public_pages(world):
    clean = services.submit_proposal(world["huantai"], 2024, "web", ProposalText("口袋公园", "城区新建3处"))
    dirty = services.submit_proposal(
        world["huantai"], 2024, "web", ProposalText("口袋公园", "联系我 138-1234-5678"), None
    )
    assert services.public_text_problems(clean) == []
    assert services.public_text_problems(dirty) == ["建议内容中可能含有手机号码，公开前请删除。"]


def test_it_puts_a_new_candidate_last_on_the_ballot_with_its_lead_unit_first(candidates, units):
    assert [c.ballot_order for c in candidates] == [1, 2, 3]
    assert candidates[0].unit_list == units
    assert [(t.indicator, t.value, t.unit) for t in candidates[2].targets] == [("新改扩建幼儿园", 6, "所")]


def test_it_keeps_the_proposals_a_candidate_came_from(candidates, proposal):
    assert list(proposal.candidates.all()) == [candidates[0]]


def test_it_reorders_the_ballot(world, cora, candidates):
    services.reorder_candidates(world["huantai"], 2024, cora, candidates[::-1])
    for candidate in candidates:
        candidate.refresh_from_db()
    assert [c.ballot_order for c in candidates] == [3, 2, 1]


def test_it_refuses_units_of_another_region(world, cora):
    from shishi.directory.models import Unit

    elsewhere = Unit.objects.create(region=world["gaoqing"], name="县妇联")
    with pytest.raises(SelectionError, match="本地区单位名录"):
        services.save_candidate(world["huantai"], 2024, cora, services.CandidateText("项目"), [elsewhere], [])


def counts(session, *figures):
    candidates = list(session.candidates.order_by("ballot_order"))
    return {
        c.pk: CandidateCount(*f) if isinstance(f, tuple) else CandidateCount(f)
        for c, f in zip(candidates, figures)
    }


def test_it_counts_a_vote_and_computes_the_result(session, cora):
    services.enter_vote_counts(session, cora, FULL, counts(session, (40, 5, 3), (25, 20, 3), (26, 0, 0)))
    result = services.vote_result(session)
    assert [r.outcome for r in result] == [ELECTED, NOT_ELECTED, ELECTED]
    assert Event.objects.filter(verb="counted", summary__contains="发出50").exists()


def test_it_refuses_a_count_that_does_not_add_up_and_saves_nothing(session, cora):
    with pytest.raises(SelectionError, match="有效票数加无效票数应等于收回票数：48 \\+ 1 ≠ 50"):
        services.enter_vote_counts(session, cora, Ballots(50, 50, 0, 48, 1), counts(session, 30, 30, 30))
    session.refresh_from_db()
    assert not session.locked
    assert not session.lines.exists()


def test_it_locks_the_rules_once_a_count_exists(session, cora, candidates):
    services.enter_vote_counts(session, cora, FULL, counts(session, 30, 30, 30))
    with pytest.raises(SelectionError, match="已经录入计票结果，票决规则不能再修改"):
        services.set_vote_rules(session, cora, VoteSettings("票决", members=40), candidates)
    with pytest.raises(SelectionError, match="已经计票"):
        services.save_candidate(
            session.region,
            2024,
            cora,
            services.CandidateText("改名"),
            candidates[0].unit_list,
            [],
            candidates[0],
        )


def test_it_changes_the_rules_before_any_count(session, cora, candidates):
    services.set_vote_rules(session, cora, VoteSettings("票决", members=50, mode=PICK, seats=2), candidates)
    session.refresh_from_db()
    assert session.mode == PICK
    assert Event.objects.filter(verb="vote_rules", summary__contains="应选2项").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mode": PICK}, "差额票决须写明应选项目数"),
        ({"mode": PICK, "seats": 4}, "应选项目数应在1到候选项目数（3）之间"),
        ({"members": 0}, "组成人员数应在1到"),
    ],
    ids=["pick without N", "N above M", "no members"],
)
def test_it_refuses_rules_that_cannot_be_applied(session, cora, candidates, change, message):
    with pytest.raises(SelectionError, match=message):
        services.set_vote_rules(
            session, cora, VoteSettings(**{"title": "票决", "members": 50, **change}), candidates
        )


def test_it_corrects_a_count_and_keeps_both_in_the_history(session, cora):
    services.enter_vote_counts(session, cora, FULL, counts(session, 30, 30, 30))
    services.enter_vote_counts(session, cora, FULL, counts(session, 31, 30, 30))
    assert Event.objects.filter(verb="counted").count() == 1
    assert Event.objects.filter(verb="recounted", summary__contains="1号31").exists()


def test_it_keeps_the_scanned_tally_sheet(session, cora):
    from tests.conftest import pdf_bytes

    services.attach_tally(session, cora, pdf_bytes(), "计票单.pdf")
    session.refresh_from_db()
    assert session.tally_name == "计票单.pdf" and len(session.tally_sha256) == 64


@pytest.mark.parametrize(
    ("data", "message"), [(b"", "空的"), (b"PK\x03\x04word", "不是PDF")], ids=["empty", "not a pdf"]
)
def test_it_refuses_a_tally_sheet_that_is_not_a_pdf(session, cora, data, message):
    with pytest.raises(SelectionError, match=message):
        services.attach_tally(session, cora, data, "计票单.pdf")


def test_it_refuses_a_tally_sheet_over_the_size_bound(session, cora, settings):
    settings.SHISHI_MAX_PDF_BYTES = 1024 * 1024
    with pytest.raises(SelectionError, match="不能超过1MB"):
        services.attach_tally(session, cora, b"%PDF-1.7\n" + b"0" * (1024 * 1024), "计票单.pdf")


def test_it_rates_each_project_of_a_plan_and_the_overall_rate(plan, cora):
    session = ratings.create_satisfaction_session(
        plan, cora, RatingSettings("2023年度满意度测评", members=50)
    )
    projects = list(plan.projects.order_by("seq"))
    figures = {p.pk: ProjectCount(26, 10, 14) for p in projects}
    figures[projects[0].pk] = ProjectCount(25, 1, 24)  # exactly half satisfied: 基本满意
    ratings.enter_rating_counts(session, cora, Ballots(50, 50, 0, 50, 0), figures)
    result = ratings.satisfaction_result(session)
    assert [r.result_name for r in result.ratings[:2]] == ["基本满意", "满意"]
    assert result.counts["basic"] == 1
    assert result.rate is not None
    with pytest.raises(SelectionError, match="测评规则不能再修改"):
        ratings.set_rating_rules(session, cora, RatingSettings("改", members=40))


def test_it_refuses_a_satisfaction_count_above_the_valid_ballots(plan, cora):
    session = ratings.create_satisfaction_session(plan, cora, RatingSettings("测评", members=50))
    figures = {p.pk: ProjectCount(30, 15, 6) for p in plan.projects.all()}
    with pytest.raises(
        SelectionError, match="满意、基本满意、不满意之和应不超过有效票数：30 \\+ 15 \\+ 6 = 51 > 50"
    ):
        ratings.enter_rating_counts(session, cora, Ballots(50, 50, 0, 50, 0), figures)


def test_it_refuses_percentages_outside_one_to_ninety_nine(plan, cora):
    with pytest.raises(SelectionError, match="比例应在1%到99%之间"):
        ratings.create_satisfaction_session(
            plan,
            cora,
            RatingSettings("测评", members=50, satisfied_percent=100),
        )


def test_a_session_date_is_kept(plan, cora):
    session = ratings.create_satisfaction_session(
        plan, cora, RatingSettings("测评", members=50, held_on=datetime.date(2023, 12, 20))
    )
    assert session.held_on == datetime.date(2023, 12, 20)


def test_the_elected_candidates_become_a_plan_through_the_notice_import(
    world, cora, session, candidates, units, proposal
):
    from shishi.plans.services import confirm_plan, draft_unit_names

    services.save_candidate(
        world["huantai"],
        2024,
        cora,
        services.CandidateText(
            "新建普惠托育园",
            "在城区新建托育园。",
            "新增普惠托位100个",
            Decimal("1200"),
            datetime.date(2024, 10, 31),
        ),
        [units[2], units[0]],
        [proposal],
        candidates[0],
    )
    services.enter_vote_counts(session, cora, FULL, counts(session, 40, 20, 30))
    notice_file = services.draft_plan(world["huantai"], 2024, cora, datetime.date(2024, 1, 15))
    plan = confirm_plan(notice_file, cora, {name: "new" for name in draft_unit_names(notice_file.draft)})
    assert [p.title for p in plan.projects.order_by("seq")] == ["新建普惠托育园", "新改扩建幼儿园"]
    first = plan.projects.get(seq=1)
    assert first.investment == Decimal("1200.00") and first.deadline == datetime.date(2024, 10, 31)
    assert first.lead_unit == units[2]
    assert [(t.indicator, t.value) for t in first.targets.all()] == [("新增普惠托位", Decimal("100.00"))]
    candidates[0].refresh_from_db()
    assert candidates[0].project == first
    assert list(candidates[0].proposals.all()) == [proposal]  # proposal → candidate → project
    candidates[1].refresh_from_db()
    assert candidates[1].project is None  # not elected


def test_it_waits_for_a_further_vote_on_a_tie_before_drafting(world, cora, session, candidates):
    services.set_vote_rules(session, cora, VoteSettings("票决", members=50, mode=PICK, seats=2), candidates)
    services.enter_vote_counts(session, cora, Ballots(50, 50, 0, 50, 0), counts(session, 40, 30, 30))
    with pytest.raises(SelectionError, match="须另行投票"):
        services.draft_plan(world["huantai"], 2024, cora, datetime.date(2024, 1, 15))


def test_the_chain_follows_a_merged_proposal_to_its_projects_satisfaction_result(
    world, cora, session, candidates, proposal
):
    from shishi.plans.services import confirm_plan, draft_unit_names
    from shishi.selection import chain

    duplicate = services.submit_proposal(world["huantai"], 2024, "phone", ProposalText("托育", "多建托育园"))
    services.merge_proposal(duplicate, proposal, cora, "与同类建议合并办理。")
    assert [p.outcome_name for p in chain.proposal_paths(duplicate)] == ["尚未公布票决结果"]
    services.enter_vote_counts(session, cora, FULL, counts(session, 40, 20, 30))
    services.publish_result(session, cora, True)  # the chain shows only published results
    notice_file = services.draft_plan(world["huantai"], 2024, cora, datetime.date(2024, 1, 15))
    plan = confirm_plan(notice_file, cora, {name: "new" for name in draft_unit_names(notice_file.draft)})
    rating = ratings.create_satisfaction_session(plan, cora, RatingSettings("测评", members=50))
    ratings.enter_rating_counts(
        rating, cora, Ballots(50, 50, 0, 50, 0), {p.pk: ProjectCount(30, 10, 10) for p in plan.projects.all()}
    )
    services.publish_result(rating, cora, True)
    [path] = chain.proposal_paths(duplicate)
    assert (path.outcome_name, path.project.seq, path.rating_name) == ("当选", 1, "满意")
    origin = chain.project_origin(plan.projects.get(seq=1))
    assert origin.path.candidate == candidates[0] and origin.proposal_count == 2  # the merged one too
    assert [p.title for p in origin.proposals] == [proposal.title, duplicate.title]
    assert chain.project_origin(plan.projects.get(seq=2)).path.candidate == candidates[2]


def test_it_removes_a_candidate_and_closes_the_gap_on_the_ballot(cora, candidates):
    services.remove_candidate(candidates[0], cora)
    orders = [(c.title, c.ballot_order) for c in Candidate.objects.order_by("ballot_order")]
    assert orders == [("农村妇女两癌筛查", 1), ("新改扩建幼儿园", 2)]


def test_it_keeps_a_counted_candidate_on_the_ballot(session, cora, candidates):
    services.enter_vote_counts(session, cora, FULL, counts(session, 30, 30, 30))
    with pytest.raises(SelectionError, match="已经计票，不能删除"):
        services.remove_candidate(candidates[0], cora)


def test_a_further_vote_among_the_tied_decides_and_the_plan_can_be_drafted(world, cora, session, candidates):
    services.set_vote_rules(session, cora, VoteSettings("票决", members=50, mode=PICK, seats=2), candidates)
    services.enter_vote_counts(session, cora, Ballots(50, 50, 0, 50, 0), counts(session, 40, 30, 30))
    revote = services.create_vote_session(
        world["huantai"], 2024, cora, VoteSettings("另行投票", members=50, mode=PICK, seats=1), candidates[1:]
    )
    services.enter_vote_counts(revote, cora, Ballots(50, 50, 0, 50, 0), counts(revote, 20, 30))
    assert [c.title for c in services.elected(world["huantai"], 2024)] == ["新建普惠托育园", "新改扩建幼儿园"]
    notice_file = services.draft_plan(world["huantai"], 2024, cora, datetime.date(2024, 1, 15))
    assert [p["title"] for p in notice_file.draft["projects"]] == ["新建普惠托育园", "新改扩建幼儿园"]


def test_correcting_the_first_vote_after_a_further_vote_leaves_the_further_vote_deciding(
    world, cora, session, candidates
):
    services.set_vote_rules(session, cora, VoteSettings("票决", members=50, mode=PICK, seats=2), candidates)
    with time_machine.travel(datetime.datetime(2024, 1, 10, 10, tzinfo=datetime.UTC)):
        services.enter_vote_counts(session, cora, Ballots(50, 50, 0, 50, 0), counts(session, 40, 30, 30))
    revote = services.create_vote_session(
        world["huantai"], 2024, cora, VoteSettings("另行投票", members=50, mode=PICK, seats=1), candidates[1:]
    )
    with time_machine.travel(datetime.datetime(2024, 1, 12, 10, tzinfo=datetime.UTC)):
        services.enter_vote_counts(revote, cora, Ballots(50, 50, 0, 50, 0), counts(revote, 20, 30))
    with time_machine.travel(datetime.datetime(2024, 1, 13, 10, tzinfo=datetime.UTC)):  # a typo put right
        services.enter_vote_counts(session, cora, Ballots(50, 50, 0, 50, 0), counts(session, 39, 30, 30))
    assert [c.title for c in services.elected(world["huantai"], 2024)] == ["新建普惠托育园", "新改扩建幼儿园"]
    services.draft_plan(world["huantai"], 2024, cora, datetime.date(2024, 1, 15))


def test_a_published_count_is_not_corrected_until_the_result_is_withdrawn(cora, session):
    services.enter_vote_counts(session, cora, FULL, counts(session, 40, 20, 30))
    services.publish_result(session, cora, True)
    with pytest.raises(SelectionError, match="请先撤回公布"):
        services.enter_vote_counts(session, cora, FULL, counts(session, 10, 20, 30))
    assert [line.yes for line in session.lines.order_by("candidate__ballot_order")] == [40, 20, 30]
    services.publish_result(session, cora, False)
    services.enter_vote_counts(session, cora, FULL, counts(session, 10, 20, 30))
    assert [line.yes for line in session.lines.order_by("candidate__ballot_order")] == [10, 20, 30]


def test_a_count_a_plan_was_drafted_from_is_not_corrected(world, cora, session):
    services.enter_vote_counts(session, cora, FULL, counts(session, 40, 20, 30))
    services.draft_plan(world["huantai"], 2024, cora, datetime.date(2024, 1, 15))
    with pytest.raises(SelectionError, match="已由本次票决结果生成计划草稿"):
        services.enter_vote_counts(session, cora, FULL, counts(session, 10, 20, 30))


def test_a_published_satisfaction_count_is_not_corrected_until_withdrawn(cora, plan):
    rating = ratings.create_satisfaction_session(plan, cora, RatingSettings("测评", members=50))
    figures = {p.pk: ProjectCount(30, 10, 10) for p in plan.projects.all()}
    ratings.enter_rating_counts(rating, cora, Ballots(50, 50, 0, 50, 0), figures)
    services.publish_result(rating, cora, True)
    with pytest.raises(SelectionError, match="请先撤回公布"):
        ratings.enter_rating_counts(rating, cora, Ballots(50, 50, 0, 50, 0), figures)
