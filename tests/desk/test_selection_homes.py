"""The homes of the congress's staff and of deputies (shishi/desk/selection_homes.py).

On 20 November 2023: 桓台县's 2023 plan has no satisfaction vote yet; Cora shortlisted three
candidates for 2024, and the congress has sessions in each state: one waiting for its counts,
one counted and waiting to be published, one published. Dave, a deputy, has two proposals: one
answered, one waiting.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.directory.models import Unit
from shishi.selection import services
from shishi.selection.models import Proposal
from shishi.selection.services import CandidateCount, CandidateText, ProposalText, VoteSettings
from tests.conftest import person
from tests.selection.conftest import FULL

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
NOVEMBER = datetime.datetime(2023, 11, 20, 10, tzinfo=SHANGHAI)


def section(html: str, heading: str) -> str:
    start = html.index(heading)
    return html[start : html.index("</section>", start)]


@pytest.fixture
def shortlist(world, cora):
    """Three candidates of 桓台县 for 2024, as the office shortlisted them."""
    unit = Unit.objects.get(region=world["huantai"], name="县教育体育局")
    titles = ("新建普惠托育园", "农村妇女两癌筛查", "新改扩建幼儿园")
    return [
        services.save_candidate(world["huantai"], 2024, cora, CandidateText(title=title), [unit], [])
        for title in titles
    ]


def vote(world, cora, candidates, title: str, counted: bool = False, published: bool = False):
    session = services.create_vote_session(
        world["huantai"], 2024, cora, VoteSettings(title=title, members=50), candidates
    )
    if counted:
        services.enter_vote_counts(session, cora, FULL, {c.pk: CandidateCount(40) for c in candidates})
    if published:
        services.publish_result(session, cora, True)
    return session


@pytest.fixture
def congress_page(client, cast):
    def read() -> str:
        client.force_login(cast["connie"])
        with time_machine.travel(NOVEMBER, tick=False):
            response = client.get(reverse("home"))
        assert response.status_code == 200
        return response.content.decode()

    return read


def test_the_congress_home_asks_for_a_vote_on_the_shortlist_and_a_satisfaction_vote_of_the_plan(
    congress_page, plan, shortlist, world
):
    html = section(congress_page(), "待设立")
    assert "桓台县2024年度候选项目" in html and "已初定3项，尚未设立票决" in html
    assert reverse("selection:vote_new", args=[world["huantai"].pk, 2024]) in html
    assert reverse("selection:satisfaction_new", args=[plan.pk]) in html


def test_the_congress_home_lists_counts_to_enter_results_to_publish_and_those_published(
    congress_page, cast, world, shortlist
):
    cora = cast["cora"]
    waiting = vote(world, cora, shortlist, "常委会第十次会议票决")
    counted = vote(world, cora, shortlist, "常委会第十一次会议票决", counted=True)
    public = vote(world, cora, shortlist, "县人代会票决", counted=True, published=True)
    html = congress_page()
    assert waiting.title in section(html, "待录入计票结果")
    assert counted.title in section(html, "已计票、待公布")
    assert public.title in section(html, "最近公布的结果")
    assert "尚未设立票决" not in html  # 2024 has its votes
    assert "实事进展（只读）" in html and plan_title(world) in html


def plan_title(world) -> str:
    return world["huantai"].plans.get().title


def test_the_congress_home_of_another_county_lists_nothing_of_huantai(client, cast, world, shortlist):
    gina = person("gina", "congress", world["gaoqing"])
    client.force_login(gina)
    with time_machine.travel(NOVEMBER, tick=False):
        html = client.get(reverse("home")).content.decode()
    assert "桓台县" not in html and "没有待设立的票决或满意度测评。" in html


@pytest.fixture
def daves_proposals(cast, world):
    dave, cora = cast["dave"], cast["cora"]
    with time_machine.travel(NOVEMBER - datetime.timedelta(days=30), tick=False):
        first = services.submit_proposal(
            world["huantai"], 2024, "deputy", ProposalText("农村留守儿童之家", "每镇建一处。"), dave
        )
        services.answer_proposal(first, cora, Proposal.Status.DECLINED, "已纳入民政部门年度计划。")
    with time_machine.travel(NOVEMBER - datetime.timedelta(days=3), tick=False):
        second = services.submit_proposal(
            world["huantai"], 2024, "deputy", ProposalText("城区增设母婴室", "商场、车站增设。"), dave
        )
    return first, second


def test_the_deputys_home_lists_his_proposals_with_their_status(client, cast, daves_proposals):
    first, second = daves_proposals
    client.force_login(cast["dave"])
    with time_machine.travel(NOVEMBER, tick=False):
        html = client.get(reverse("home")).content.decode()
    assert "共2条，其中待答复1条。" in html
    assert html.index(second.title) < html.index(first.title)  # newest first
    assert "不予采纳" in html and "已纳入民政部门年度计划。" in html and "待答复" in html
    assert reverse("selection:propose", args=[cast["dave"].region_id, 2024]) in html
