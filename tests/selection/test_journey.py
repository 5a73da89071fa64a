"""The selection in Chromium: a citizen proposes on a phone and follows the answer by the receipt
code; the office answers, shortlists, sets the vote's rules, enters a count that does not add up
(refused, with the equation) and then one that does, and reads the result. Screenshots under
var/test-artefacts/journeys/<name>/."""

from __future__ import annotations

import os
import re

import pytest
from django.utils import timezone

from shishi.plans.models import Project
from shishi.selection import humancheck
from shishi.selection.models import Candidate, Proposal
from tests.browser.conftest import browser, journey, plan  # noqa: F401 (fixtures)
from tests.browser.journeys import CHROMIUM, DESK, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
    pytest.mark.django_db(transaction=True),
]


def answer_the_check(page) -> None:
    a, b = re.search(r"验证题：(.)加(.)等于几", page.content()).groups()
    page.get_by_label(re.compile("验证题")).fill(
        str(humancheck.NUMERALS.index(a) + humancheck.NUMERALS.index(b))
    )


def test_a_proposal_becomes_a_candidate_and_is_voted_on(journey, world, cora, units):  # noqa: F811
    year = timezone.localdate().year + 1
    huantai = world["huantai"].pk

    citizen = journey.open(PHONE)
    citizen.goto(f"/selection/propose/{huantai}/{year}/")
    citizen.get_by_label("项目名称").fill("人民公园增设母婴室")
    citizen.get_by_label(re.compile("建议内容")).fill(
        "人民公园人流量大，建议增设母婴室一处，方便哺乳期妈妈。"
    )
    citizen.get_by_label("受益群体").fill("婴幼儿家庭")
    citizen.get_by_label(re.compile("联系方式")).fill("王女士 13812345678")
    answer_the_check(citizen)
    assert fits_sideways(citizen)
    journey.shot(citizen, "citizen-proposes-on-a-phone")
    citizen.wait_for_timeout(humancheck.MIN_SECONDS * 1000 + 200)
    citizen.get_by_role("button", name="提交建议").click()
    expect(citizen.get_by_role("heading", name="建议已收到")).to_be_visible()
    receipt = Proposal.objects.get().receipt
    expect(citizen.get_by_text(receipt)).to_be_visible()
    journey.shot(citizen, "citizen-gets-the-receipt")

    office = journey.open(DESK)
    office.goto("/login/")
    office.get_by_label("用户名").fill("cora")
    office.get_by_label("密码").fill("pw")
    office.get_by_role("button", name="登录").click()
    office.wait_for_url(re.compile(r"/(?!login)"))
    office.goto(f"/selection/{huantai}/{year}/proposals/")
    journey.shot(office, "office-sees-the-proposals")
    office.get_by_role("link", name="打印征集海报（含二维码）").click()
    expect(office.get_by_role("img", name="提建议网页的二维码")).to_be_visible()
    office.emulate_media(media="print")
    journey.shot(office, "office-prints-the-poster")
    office.emulate_media(media="screen")
    office.go_back()
    office.get_by_role("link", name="人民公园增设母婴室").click()
    expect(office.get_by_text("王女士 13812345678")).to_be_visible()  # the office sees the contact
    office.get_by_label("采纳", exact=True).check()
    office.get_by_label(re.compile("答复理由")).fill("采纳。列入明年候选项目，由县妇联牵头实施。")
    journey.shot(office, "office-answers")
    office.get_by_role("button", name="保存答复").click()

    citizen.goto(f"/selection/receipt/?code={receipt}")
    expect(citizen.get_by_text("列入明年候选项目")).to_be_visible()
    assert "13812345678" not in citizen.content()
    journey.shot(citizen, "citizen-reads-the-answer")

    for title, targets in (("人民公园增设母婴室", "新建母婴室1处"), ("新改扩建幼儿园", "新改扩建幼儿园6所")):
        office.goto(f"/selection/{huantai}/{year}/candidates/new/")
        office.get_by_label("项目名称").fill(title)
        office.get_by_label(re.compile("量化指标")).fill(targets)
        office.get_by_label("牵头单位").select_option(label="县妇联")
        if title.startswith("人民公园"):
            office.get_by_label("人民公园增设母婴室").check()
        office.get_by_role("button", name="保存").click()
    journey.shot(office, "office-shortlists")

    office.get_by_role("link", name="设立票决").click()
    office.get_by_label("会议名称").fill("县人大常委会第十次会议票决")
    office.get_by_label(re.compile("组成人员数")).fill("30")
    office.get_by_role("radio", name=re.compile("差额票决")).check()
    office.get_by_label(re.compile("应选项目数")).fill("1")
    office.get_by_label("票数相同的另行投票").check()
    journey.shot(office, "office-sets-the-rules")
    office.get_by_role("button", name="保存规则").click()
    office.get_by_role("link", name="录入计票结果").click()
    for label, value in (
        ("发出票数", "30"),
        ("收回票数", "30"),
        ("未收回票数", "0"),
        ("有效票数", "28"),
        ("无效票数", "1"),
    ):
        office.get_by_label(label, exact=True).fill(value)
    office.get_by_label("人民公园增设母婴室 赞成").fill("20")
    office.get_by_label("新改扩建幼儿园 赞成").fill("8")
    office.get_by_role("button", name="核对并保存").click()
    expect(office.get_by_text("有效票数加无效票数应等于收回票数：28 + 1 ≠ 30")).to_be_visible()
    journey.shot(office, "office-count-refused")
    office.get_by_label("无效票数", exact=True).fill("2")
    office.get_by_role("button", name="核对并保存").click()
    expect(office.get_by_text("已锁定")).to_be_visible()
    expect(office.get_by_role("cell", name="当选", exact=True)).to_have_count(1)
    journey.shot(office, "office-reads-the-result")
    office.get_by_role("button", name="向社会公布结果").click()
    citizen.goto(office.locator("a[href*='/selection/results/vote/']").get_attribute("href"))
    expect(citizen.get_by_role("cell", name="当选", exact=True)).to_have_count(1)
    assert fits_sideways(citizen) or citizen.locator(".scroll").count() > 0
    journey.shot(citizen, "citizen-reads-the-published-result")

    # The elected project becomes next year's plan, through the notice import's own preview.
    office.goto(f"/selection/{huantai}/{year}/candidates/")
    office.get_by_role("button", name=re.compile("由票决当选的项目生成")).click()
    expect(office.get_by_role("heading", name="校对通知并确认")).to_be_visible()
    expect(office.get_by_text("已由票决当选的项目生成计划草稿")).to_be_visible()
    journey.shot(office, "office-checks-the-draft-plan")
    office.get_by_role("button", name="确认并创建实事计划").click()
    expect(office.get_by_text("人民公园增设母婴室").first).to_be_visible()
    journey.shot(office, "office-has-the-plan")
    project = Project.objects.get(plan__region_id=huantai, plan__year=year)
    assert project.title == "人民公园增设母婴室"
    assert Candidate.objects.get(title="人民公园增设母婴室").project == project  # the chain holds


def test_the_year_end_satisfaction_vote_and_the_citizens_survey(journey, world, cora, plan):  # noqa: F811
    office = journey.open(DESK)
    office.goto("/login/")
    office.get_by_label("用户名").fill("cora")
    office.get_by_label("密码").fill("pw")
    office.get_by_role("button", name="登录").click()
    office.wait_for_url(re.compile(r"/(?!login)"))
    office.goto(f"/selection/{world['huantai'].pk}/satisfaction/")
    office.get_by_role("link", name="设立满意度测评").click()
    office.get_by_label("组成人员数").fill("30")
    journey.shot(office, "office-sets-the-satisfaction-rule")
    office.get_by_role("button", name="保存规则").click()
    office.get_by_role("link", name="录入计票结果").click()
    for label, value in (
        ("发出票数", "30"),
        ("收回票数", "29"),
        ("未收回票数", "1"),
        ("有效票数", "29"),
        ("无效票数", "0"),
    ):
        office.get_by_label(label, exact=True).fill(value)
    projects = list(plan.projects.order_by("seq"))
    for n, project in enumerate(projects):
        figures = ("15", "10", "4") if n == 0 else ("16", "10", "3")  # 15 of 30 is not more than half
        for column, value in zip(("满意", "基本满意", "不满意"), figures):
            office.get_by_label(f"{project.title} {column}", exact=True).fill(value)
    office.get_by_label(f"{projects[1].title} 不满意", exact=True).fill("4")  # 16 + 10 + 4 = 30 > 29
    office.get_by_role("button", name="核对并保存").click()
    expect(office.get_by_text("16 + 10 + 4 = 30 > 29")).to_be_visible()
    journey.shot(office, "office-satisfaction-count-refused")
    office.get_by_label(f"{projects[1].title} 不满意", exact=True).fill("3")
    office.get_by_role("button", name="核对并保存").click()
    expect(office.get_by_role("cell", name="基本满意", exact=True)).to_have_count(1)
    office.get_by_role("button", name="开放群众网上测评").click()
    journey.shot(office, "office-reads-each-projects-result")

    citizen = journey.open(PHONE)
    citizen.goto(office.locator("a[href*='/selection/survey/']").get_attribute("href"))
    citizen.get_by_role("group", name=projects[0].title, exact=False).get_by_label("满意", exact=True).check()
    answer_the_check(citizen)
    assert fits_sideways(citizen)
    journey.shot(citizen, "citizen-rates-on-a-phone")
    citizen.wait_for_timeout(humancheck.MIN_SECONDS * 1000 + 200)
    citizen.get_by_role("button", name="提交评价").click()
    expect(citizen.get_by_text("感谢参与")).to_be_visible()
    journey.shot(citizen, "citizen-sees-the-survey-apart")
