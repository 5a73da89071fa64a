"""Each role's home on a phone: the coordinator, the clerk, the leader, the 督查室, the city, the
congress's staff and a deputy; the clerk's home across the year boundary; the 404 and 403 pages.

The world: 桓台县's plan for this year (tests/browser/conftest.py). Lena (县教育体育局) has
submitted every quarter that has begun but the latest, with one kindergarten of six; 县财政局
(Pavel) has reported nothing; Sam (督查室) sent 县财政局 a 督办. 高青县 has its own plan, so the
city has two counties side by side. No clock is frozen: what the homes list depends on today's
date, so the journeys look for each home's sections, and each leaves a phone screenshot under
var/test-artefacts/journeys/<test>/ to be looked at.
"""

from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from django.utils import timezone

from shishi.plans.models import Assignment, Period, Plan, Project
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from shishi.reporting.services import report_to_fill
from shishi.selection import services as selection
from shishi.selection.rules import Ballots
from shishi.selection.services import CandidateCount, CandidateText, ProposalText, VoteSettings
from shishi.supervision.services import issue
from tests.conftest import SAMPLES, submit_filled

from .journeys import CHROMIUM, DESK, PHONE, expect, fits_sideways, sync_playwright

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


@pytest.fixture
def year(cast, plan, world):
    """The year as the homes show it: reports in, one unit silent, a 督办 open, a second county."""
    today = timezone.localdate()
    lena, pavel = cast["lena"], cast["pavel"]
    begun = [period for period in plan.periods.all() if period.is_open(today)]
    for period in begun[:-1]:
        report = report_to_fill(lena.unit, period, today)
        submit_filled(report, lena, f"{period}新开工1所幼儿园。", {"新改扩建幼儿园": "1"})
    project5 = Project.objects.get(plan=plan, seq=5)
    issue(
        project5,
        pavel.unit,
        begun[-1],
        cast["sam"],
        "报表逾期未报，请说明原因并尽快报送",
        today + datetime.timedelta(days=7),
    )
    text = (SAMPLES / "gaoqing-2024.txt").read_text(encoding="utf-8").replace("2024", str(today.year))
    notice = read_notice_upload(world["gaoqing"], cast["otto"], text.encode("utf-8"), "gaoqing.txt")
    confirm_plan(notice, cast["otto"], {name: "new" for name in draft_unit_names(notice.draft)})
    return plan


def home(journey, who: str, heading: str, device=PHONE):
    page = journey.log_in(who, device)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert fits_sideways(page), f"{who}'s home scrolls sideways"
    return page


def test_the_coordinators_home(journey, cast, year):
    page = home(journey, "cora", "今天要做的事")
    for section in ("待审核", "逾期未报", "调度通报", "未办结的督办"):
        expect(page.get_by_role("heading", name=section).first).to_be_visible()
    expect(page.get_by_role("heading", name="变化")).to_be_visible()
    journey.shot(page, "coordinator-home-phone")
    menu = page.get_by_role("navigation", name="主导航")
    expect(menu.get_by_role("link", name="调度", exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="审核", exact=True)).to_be_visible()
    page.get_by_text("cora · 协调员").tap()  # the account menu
    expect(page.get_by_role("link", name="接口令牌")).to_be_visible()
    journey.shot(page, "coordinator-account-menu")
    desk = home(journey, "cora", "今天要做的事", DESK)
    journey.shot(desk, "coordinator-home-desk")
    desk.get_by_role("navigation", name="主导航").get_by_role("link", name="调度", exact=True).click()
    expect(desk.get_by_role("heading", name="调度")).to_be_visible()


def test_the_clerks_home(journey, cast, year):
    page = home(journey, "lena", "县教育体育局 · 待办")
    now = page.locator("section", has=page.get_by_role("heading", name="现在要填报"))
    expect(now.locator("li.quarter").first).to_be_visible()
    expect(page.get_by_role("link", name="接口令牌")).to_have_count(0)
    journey.shot(page, "clerk-home-phone")
    pavel = home(journey, "pavel", "县财政局 · 待办")
    expect(pavel.get_by_text("报表逾期未报，请说明原因并尽快报送")).to_be_visible()
    journey.shot(pavel, "partner-clerk-home-phone")


def test_the_leaders_home(journey, cast, year):
    page = home(journey, "leah", "实事进展一览")
    expect(page.locator("ul.desk-lights").first).to_be_visible()
    expect(page.get_by_role("heading", name="进度落后").first).to_be_visible()
    journey.shot(page, "leader-home-phone")


def test_the_supervisors_home(journey, cast, year):
    page = home(journey, "sam", "督办")
    expect(page.get_by_role("heading", name="等待单位答复")).to_be_visible()
    expect(page.get_by_text("县财政局").first).to_be_visible()
    journey.shot(page, "supervisor-home-phone")


def test_the_city_home(journey, cast, year):
    page = home(journey, "cici", "淄博市各区县实事进展")
    table = page.locator("table.desk-counties")
    expect(table.get_by_role("link", name="桓台县")).to_be_visible()
    expect(table.get_by_role("link", name="高青县")).to_be_visible()
    journey.shot(page, "city-home-phone")
    desk = home(journey, "cici", "淄博市各区县实事进展", DESK)
    journey.shot(desk, "city-home-desk")


@pytest.fixture
def next_year_plan(plan, cast):
    """Next year's plan, imported early (as in December), with 县教育体育局 on its one project."""
    year = plan.year + 1
    upcoming = Plan.objects.create(region=plan.region, year=year, title=f"{year}年为妇女儿童办实事")
    for quarter in range(1, 5):
        starts, ends, due = Period.bounds(year, quarter, upcoming.due_days)
        Period.objects.create(plan=upcoming, quarter=quarter, starts_on=starts, ends_on=ends, due_on=due)
    project = Project.objects.create(plan=upcoming, seq=1, title="新建幼儿园")
    Assignment.objects.create(project=project, unit=cast["lena"].unit, role=Assignment.Role.LEAD, order=0)
    return upcoming


def test_the_clerks_home_across_the_year_boundary(journey, cast, plan, next_year_plan):
    """On 5 January of next year (the clock moved forward, server and all), this year's fourth
    quarter is still open and comes first; next year's second quarter is shown, not offered."""
    january = datetime.datetime(next_year_plan.year, 1, 5, 10, tzinfo=SHANGHAI)
    with time_machine.travel(january, tick=True):
        page = home(journey, "lena", "县教育体育局 · 待办")
        section = page.locator("section", has=page.get_by_role("heading", name="现在要填报"))
        now = section.locator("li.quarter")
        expect(now.first).to_contain_text(f"{plan.year}年第4季度")
        expect(now.nth(1)).to_contain_text(f"{next_year_plan.year}年第1季度")
        later = page.locator("li.quarter", has_text=f"{next_year_plan.year}年第2季度")
        expect(later).to_contain_text("尚不能填写")
        expect(later.get_by_role("button")).to_have_count(0)
        journey.shot(page, "clerk-home-in-january-phone")
        now.first.get_by_role("button", name="开始填写").tap()
        form = page.get_by_role("heading", name=f"{plan.year}年为妇女儿童办实事工作进展情况报表")
        expect(form).to_be_visible()


def test_the_error_pages_on_a_phone(journey, cast, plan):
    page = home(journey, "lena", "县教育体育局 · 待办")
    page.goto("/plans/999999/")
    expect(page.get_by_role("heading", name="找不到这个页面")).to_be_visible()
    journey.shot(page, "not-found-phone")
    page.goto("/desk/review/")
    expect(page.get_by_role("heading", name="没有权限查看这个页面")).to_be_visible()
    journey.shot(page, "refused-phone")
    page.get_by_role("link", name="返回首页").tap()
    expect(page.get_by_role("heading", name="县教育体育局 · 待办")).to_be_visible()


@pytest.fixture
def selection_year(year, cast, world):
    """Next year's shortlist with a vote counted but not published, and two proposals of Dave's
    (a deputy), one answered by the office."""
    cora, dave, region = cast["cora"], cast["dave"], world["huantai"]
    following = timezone.localdate().year + 1
    unit = cast["lena"].unit
    shortlist = [
        selection.save_candidate(region, following, cora, CandidateText(title=title), [unit], [])
        for title in ("新建普惠托育园", "农村妇女两癌筛查", "新改扩建幼儿园")
    ]
    session = selection.create_vote_session(
        region, following, cora, VoteSettings(title="县人大常委会票决", members=50), shortlist
    )
    ballots = Ballots(issued=50, returned=50, not_returned=0, valid=48, invalid=2)
    selection.enter_vote_counts(session, cora, ballots, {c.pk: CandidateCount(40) for c in shortlist})
    first = selection.submit_proposal(
        region, following, "deputy", ProposalText("农村留守儿童之家", "每个镇建一处留守儿童之家。"), dave
    )
    selection.answer_proposal(first, cora, "adopted", "已列入候选项目，提请县人大常委会票决。")
    selection.submit_proposal(
        region, following, "deputy", ProposalText("城区增设母婴室", "商场、车站增设母婴室。"), dave
    )
    return session


def test_the_congress_staffs_home(journey, cast, selection_year):
    page = home(journey, "connie", "票决与满意度测评 · 待办")
    waiting = page.locator("section", has=page.get_by_role("heading", name="已计票、待公布"))
    expect(waiting.get_by_role("link", name="县人大常委会票决")).to_be_visible()
    set_up = page.locator("section", has=page.get_by_role("heading", name="待设立"))
    expect(set_up.get_by_text("年终尚未设立满意度测评")).to_be_visible()
    menu = page.get_by_role("navigation", name="主导航")
    expect(menu.get_by_role("link", name="票决", exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="满意度测评", exact=True)).to_be_visible()
    journey.shot(page, "congress-home-phone")
    waiting.get_by_role("link", name="县人大常委会票决").tap()
    expect(page.get_by_role("button", name="向社会公布结果")).to_be_visible()


def test_the_deputys_home(journey, cast, selection_year):
    page = home(journey, "dave", "戴伟 · 我的建议")
    expect(page.get_by_text("共2条，其中待答复1条。")).to_be_visible()
    expect(page.get_by_text("已列入候选项目，提请县人大常委会票决。")).to_be_visible()
    journey.shot(page, "deputy-home-phone")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="提建议").tap()
    expect(page.get_by_text("以人大代表戴伟的名义提出")).to_be_visible()
    journey.shot(page, "deputy-proposes-phone")
