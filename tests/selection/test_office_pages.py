"""The office's pages: Cora (桓台县's coordinator) runs next year's proposals, shortlist and vote,
and the 2023 plan's satisfaction vote; Otto (高青县) and Lena (a unit's clerk) may not."""

from __future__ import annotations

import pytest

from shishi.history.models import Event
from shishi.selection import services
from shishi.selection.models import Proposal
from shishi.selection.services import CandidateCount
from tests.conftest import pdf_bytes
from tests.hostile import ACTIVE_PDFS

from .conftest import FULL as FULL_BALLOTS


@pytest.fixture
def office(client, cast):
    client.force_login(cast["cora"])
    return client


def count_form(session, ballots, *rows):
    data = dict(zip(("issued", "returned", "not_returned", "valid", "invalid"), map(str, ballots)))
    for candidate, row in zip(session.candidates.order_by("ballot_order"), rows):
        data.update({f"r{candidate.pk}-{k}": str(v) for k, v in zip(("yes", "no", "abstain"), row)})
    return data


def test_it_lists_proposals_and_enters_a_paper_one(office, world, proposal):
    url = f"/selection/{world['huantai'].pk}/2024/proposals/"
    page = office.get(url)
    assert "城区新建普惠托育园" in page.text and "/selection/propose/" in page.text
    response = office.post(
        url, {"source": "paper", "title": "社区儿童之家", "what": "每个社区建一处儿童之家"}
    )
    assert response.status_code == 302
    assert Proposal.objects.get(title="社区儿童之家").get_source_display() == "书面（办公室录入）"


def test_it_answers_a_proposal_and_refuses_a_merge_without_a_target(office, proposal):
    url = f"/selection/proposals/{proposal.pk}/"
    refused = office.post(url, {"action": "merged", "answer": "合并办理"})
    assert refused.status_code == 400 and "合并时请选择要并入的建议" in refused.text
    assert office.post(url, {"action": "adopted", "answer": "已列入候选项目。"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "adopted"


def test_it_adds_a_candidate_with_its_lead_unit_first(office, world, units, proposal):
    url = f"/selection/{world['huantai'].pk}/2024/candidates/new/"
    response = office.post(
        url,
        {
            "title": "新建普惠托育园",
            "targets_text": "新增普惠托位100个",
            "investment": "1,200",
            "lead": units[2].pk,
            "partners": [units[0].pk, units[2].pk],
            "proposals": [proposal.pk],
        },
    )
    assert response.status_code == 302
    page = office.get(f"/selection/{world['huantai'].pk}/2024/candidates/")
    assert "牵头单位：县妇联；配合单位：县教育体育局" in page.text
    assert "新增普惠托位 100个" in page.text


def test_it_moves_a_candidate_up_the_ballot(office, world, candidates):
    office.post(
        f"/selection/{world['huantai'].pk}/2024/candidates/",
        {"candidate": candidates[2].pk, "direction": "up"},
    )
    candidates[2].refresh_from_db()
    assert candidates[2].ballot_order == 2


def test_it_sets_the_rules_refuses_a_count_that_does_not_add_up_then_counts(office, world, candidates):
    rules_url = f"/selection/{world['huantai'].pk}/2024/votes/new/"
    response = office.post(
        rules_url,
        {
            "title": "县人大常委会票决",
            "members": "50",
            "mode": "pick",
            "seats": "2",
            "threshold": "members",
            "tie": "revote",
            "candidates": [c.pk for c in candidates],
        },
    )
    assert response.status_code == 302
    session = candidates[0].vote_sessions.get()
    count_url = f"/selection/votes/{session.pk}/count/"
    refused = office.post(count_url, count_form(session, (50, 50, 0, 48, 1), (40,), (30,), (10,)))
    assert refused.status_code == 400
    assert "有效票数加无效票数应等于收回票数：48 + 1 ≠ 50" in refused.text
    assert (
        office.post(count_url, count_form(session, (50, 50, 0, 48, 2), (40,), (30,), (10,))).status_code
        == 302
    )
    result = office.get(f"/selection/votes/{session.pk}/")
    assert result.text.count("当选") == 3  # 当选 twice, 未当选 once
    assert "已锁定" in result.text
    locked = office.post(
        f"/selection/{world['huantai'].pk}/2024/votes/{session.pk}/rules/",
        {
            "title": "改",
            "members": "40",
            "mode": "approve",
            "threshold": "members",
            "tie": "revote",
            "candidates": [c.pk for c in candidates],
        },
    )
    assert locked.status_code == 400 and "票决规则不能再修改" in locked.text


def test_it_names_a_count_typed_as_words(office, session):
    response = office.post(
        f"/selection/votes/{session.pk}/count/",
        count_form(session, ("五十", 50, 0, 48, 2), (1, 0, 0), (1, 0, 0), (1, 0, 0)),
    )
    assert response.status_code == 400 and "发出票数“五十”不是整数" in response.text


def test_it_keeps_the_scanned_tally_sheet_and_refuses_what_is_not_a_pdf(office, session):
    from django.core.files.uploadedfile import SimpleUploadedFile

    office.post(
        f"/selection/vote/{session.pk}/tally/", {"tally": SimpleUploadedFile("计票单.docx", b"PK\x03\x04")}
    )
    session.refresh_from_db()
    assert not session.tally_pdf
    office.post(
        f"/selection/vote/{session.pk}/tally/", {"tally": SimpleUploadedFile("计票单.pdf", pdf_bytes())}
    )
    session.refresh_from_db()
    assert session.tally_name == "计票单.pdf"
    download = office.get(f"/selection/vote/{session.pk}/tally.pdf")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]


def test_it_runs_a_satisfaction_vote_of_a_plan(office, plan):
    response = office.post(
        f"/selection/plans/{plan.pk}/satisfaction/new/",
        {
            "title": "2023年度满意度测评",
            "members": "50",
            "base": "members",
            "satisfied_percent": "50",
            "combined_percent": "50",
        },
    )
    assert response.status_code == 302
    session = plan.satisfaction_sessions.get()
    data = dict(issued="50", returned="50", not_returned="0", valid="50", invalid="0")
    for n, project in enumerate(plan.projects.order_by("seq")):
        figures = (25, 1, 24) if n == 0 else (26, 10, 14)
        data.update(
            {f"r{project.pk}-{k}": str(v) for k, v in zip(("satisfied", "basic", "unsatisfied"), figures)}
        )
    assert office.post(f"/selection/satisfaction/{session.pk}/count/", data).status_code == 302
    page = office.get(f"/selection/satisfaction/{session.pk}/")
    assert "“满意”票超过全体组成人员的50%为满意" in page.text
    assert "基本满意" in page.text and "%" in page.text
    assert Event.objects.filter(verb="rating_counted", plan_id=plan.pk).exists()


@pytest.mark.parametrize("who", ["otto", "lena", "leah"])
def test_only_the_regions_coordinator_manages_the_selection(client, cast, world, who):
    client.force_login(cast[who])
    assert client.get(f"/selection/{world['huantai'].pk}/2024/proposals/").status_code == 403
    assert client.get(f"/selection/{world['huantai'].pk}/2024/votes/new/").status_code == 403


def test_a_leader_reads_the_vote_result_but_cannot_count(client, cast, session):
    client.force_login(cast["leah"])
    assert client.get(f"/selection/votes/{session.pk}/").status_code == 200
    assert client.get(f"/selection/votes/{session.pk}/count/").status_code == 403
    client.force_login(cast["otto"])
    assert client.get(f"/selection/votes/{session.pk}/").status_code == 403


def test_it_opens_the_elected_candidates_as_a_draft_in_the_import_preview(office, world, session):
    before = office.post(f"/selection/{world['huantai'].pk}/2024/draft-plan/")
    assert before.status_code == 302 and before["Location"].endswith("/candidates/")
    services.enter_vote_counts(
        session,
        session.region.people.get(username="cora"),
        FULL_BALLOTS,
        {c.pk: CandidateCount(40) for c in session.candidates.all()},
    )
    response = office.post(f"/selection/{world['huantai'].pk}/2024/draft-plan/")
    assert response.status_code == 302 and response["Location"].startswith("/plans/import/")
    preview = office.get(response["Location"])
    assert "新建普惠托育园" in preview.text and "新改扩建幼儿园" in preview.text


def test_it_lists_the_regions_plans_for_a_satisfaction_vote(office, world, plan):
    page = office.get(f"/selection/{world['huantai'].pk}/satisfaction/")
    assert plan.title in page.text and f"/selection/plans/{plan.pk}/satisfaction/new/" in page.text


def test_it_pages_a_long_list_of_proposals(office, world):
    from shishi.selection import services
    from shishi.selection.services import ProposalText

    for n in range(55):
        services.submit_proposal(world["huantai"], 2024, "web", ProposalText(f"建议{n}号", "内容"))
    first = office.get(f"/selection/{world['huantai'].pk}/2024/proposals/")
    assert "第1页，共2页（55条）" in first.text
    assert "第2页" in office.get(f"/selection/{world['huantai'].pk}/2024/proposals/", {"page": "2"}).text
    assert office.get(f"/selection/{world['huantai'].pk}/2024/proposals/", {"page": "²"}).status_code == 200


def test_the_poster_carries_a_qr_code_of_the_public_form(office, world):
    import base64
    import urllib.parse

    page = office.get(f"/selection/{world['huantai'].pk}/2024/poster/")
    address = f"http://testserver/selection/propose/{world['huantai'].pk}/2024/"
    assert address in page.text
    source = page.text.split('class="qr" src="', 1)[1].split('"', 1)[0]
    assert source.startswith("data:image/svg+xml")
    svg = (
        urllib.parse.unquote(source.split(",", 1)[1])
        if ";base64" not in source
        else base64.b64decode(source.split(",", 1)[1]).decode()
    )
    assert svg.lstrip().startswith(("<?xml", "<svg"))


def test_a_candidate_starts_from_a_proposals_text(office, world, proposal):
    page = office.get(f"/selection/{world['huantai'].pk}/2024/candidates/new/", {"from": proposal.pk})
    assert 'value="城区新建普惠托育园"' in page.text
    assert "建议在城区新建一所普惠托育园" in page.text
    assert (
        office.get(f"/selection/{world['huantai'].pk}/2024/candidates/new/", {"from": "x"}).status_code == 200
    )


def test_the_list_flags_a_proposal_with_personal_data_and_the_answer_form_shows_the_answer(
    office, world, cora
):
    from shishi.selection import services
    from shishi.selection.services import ProposalText

    flagged = services.submit_proposal(
        world["huantai"], 2024, "web", ProposalText("母婴室", "电话13812345678")
    )
    assert "含个人信息" in office.get(f"/selection/{world['huantai'].pk}/2024/proposals/").text
    services.answer_proposal(flagged, cora, "declined", "已有同类设施。")
    assert "已有同类设施。" in office.get(f"/selection/proposals/{flagged.pk}/").text


def test_the_admin_shows_proposals_but_changes_nothing(client, cast, proposal):
    client.force_login(cast["admin"])
    assert client.get("/admin/selection/proposal/").status_code == 200
    assert client.get(f"/admin/selection/proposal/{proposal.pk}/change/").status_code == 200
    client.post(f"/admin/selection/proposal/{proposal.pk}/change/", {"status": "adopted"})
    proposal.refresh_from_db()
    assert proposal.status == "pending"


@pytest.mark.parametrize("year", [1949, 2100])
def test_the_first_and_last_years_have_no_link_past_them(office, world, year):
    page = office.get(f"/selection/{world['huantai'].pk}/{year}/candidates/")
    assert page.status_code == 200
    assert "1948年" not in page.text and "2101年" not in page.text


def test_a_result_is_public_only_once_published(office, client, session, cast):
    from shishi.selection import services
    from shishi.selection.services import CandidateCount, SelectionError

    with pytest.raises(SelectionError, match="还没有录入计票结果"):
        services.publish_result(session, cast["cora"], True)
    services.enter_vote_counts(
        session, cast["cora"], FULL_BALLOTS, {c.pk: CandidateCount(40) for c in session.candidates.all()}
    )
    public_url = f"/selection/results/vote/{session.pk}/"
    assert client.get(public_url).status_code == 404  # counted, not yet published
    office.post(f"/selection/vote/{session.pk}/publish/", {"publish": "1"})
    office.logout()
    page = office.get(public_url)
    assert page.status_code == 200 and "超过全体组成人员的半数方为通过" in page.text and "当选" in page.text
    office.force_login(cast["cora"])
    office.post(f"/selection/vote/{session.pk}/publish/", {"publish": "0"})
    office.logout()
    assert office.get(public_url).status_code == 404


@pytest.mark.parametrize("case", sorted(ACTIVE_PDFS))
def test_it_refuses_a_tally_sheet_that_would_act_when_opened(office, session, case):
    """The tally sheet is checked as a stamped report is: nothing in it may run on opening."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    make, named = ACTIVE_PDFS[case]
    response = office.post(
        f"/selection/vote/{session.pk}/tally/",
        {"tally": SimpleUploadedFile("计票单.pdf", make())},
        follow=True,
    )
    session.refresh_from_db()
    assert not session.tally_pdf
    assert "计票单扫描件中含有" in response.content.decode() and named in response.content.decode()


def test_every_drop_down_speaks_chinese_even_when_nothing_is_chosen(office, world, proposal):
    region = world["huantai"].pk
    pages = [
        f"/selection/{region}/2024/proposals/",
        f"/selection/proposals/{proposal.pk}/",
        f"/selection/{region}/2024/candidates/new/",
    ]
    for url in pages:
        page = office.get(url).text
        assert "Select an option" not in page and "（" in page, url


def test_it_reads_a_count_typed_in_full_width_digits(office, session):
    """A Chinese input method types ５０: read as 50, as the figures of a report are."""
    response = office.post(
        f"/selection/votes/{session.pk}/count/",
        count_form(session, ("５０", "５０", "０", "４８", "２"), ("４０", 5, 3), (30, 10, 8), (1, 0, 0)),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.issued, session.valid) == (50, 48)
    assert [line.yes for line in session.lines.order_by("candidate__ballot_order")] == [40, 30, 1]


def test_a_published_vote_offers_no_recount_but_says_how(office, session, cora):
    services.enter_vote_counts(
        session, cora, FULL_BALLOTS, {c.pk: CandidateCount(30) for c in session.candidates.all()}
    )
    services.publish_result(session, cora, True)
    page = office.get(f"/selection/votes/{session.pk}/").text
    assert "请先撤回公布" in page and f"/selection/votes/{session.pk}/count/" not in page
    services.publish_result(session, cora, False)
    assert "更正计票" in office.get(f"/selection/votes/{session.pk}/").text
