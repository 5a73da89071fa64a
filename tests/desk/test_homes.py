"""Each role's home is its to-do list. 桓台县's 2023 plan; the day is set for each test.

The scene of most tests, on 20 July 2023 (the second quarter's reports were due on 10 July):
Lena (县教育体育局, lead on project 1) submitted Q2 on time with one kindergarten of six (a red
light), Pavel (县财政局) has not reported Q2 at all, and Sam (督查室) sent 县财政局 a 督办.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shishi.directory.models import Person
from shishi.plans.lifecycle import archive_plan
from shishi.plans.models import Assignment, Period, Plan, Project
from shishi.reporting.models import Reminder
from shishi.reporting.services import report_to_fill, return_report
from shishi.supervision.services import answer, issue
from tests.conftest import submit_filled

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def on(day: datetime.date, hour: int = 10):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI), tick=False
    )


def page(client, person, name: str = "home") -> str:
    client.force_login(person)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading: str) -> str:
    """The text of the page from `heading` to the next section."""
    start = html.index(heading)
    end = html.find("</section>", start)
    return html[start : end if end != -1 else None]


@pytest.fixture
def july(cast, plan):
    """Lena's Q2 in on 5 July with 1 kindergarten of 6; Pavel's Q2 never; a 督办 to 县财政局."""
    q2 = plan.periods.get(quarter=2)
    lena, pavel = cast["lena"], cast["pavel"]
    with on(datetime.date(2023, 7, 5)):
        report = report_to_fill(lena.unit, q2, datetime.date(2023, 7, 5))
        submit_filled(report, lena, "本季度新开工1所幼儿园。", {"新改扩建幼儿园": "1"})
    with on(datetime.date(2023, 7, 15)):
        project5 = Project.objects.get(plan=plan, seq=5)
        issue(project5, pavel.unit, q2, cast["sam"], "二季度逾期未报，请说明原因", datetime.date(2023, 7, 25))
    return {"q2": q2, "report": report, "project5": project5}


def test_it_gives_the_coordinator_her_review_queue_late_units_督办_and_bulletin(client, cast, plan, july):
    with on(datetime.date(2023, 7, 20)):
        html = page(client, cast["cora"])
    review = section(html, "待审核")
    assert "县教育体育局 · 2023年第2季度" in review
    assert reverse("reporting:report", args=[july["report"].pk]) in review
    assert "2023年第2季度逾期未报" in html and "县财政局" in html
    assert reverse("oversight:board", args=[plan.pk, 2]) in html  # where all late units are reminded
    supervision = section(html, "未办结的督办")
    assert "县财政局" in supervision and "待答复" in supervision
    assert "2023年第2季度调度通报尚未印发" in html
    assert reverse("bulletins:plan", args=[plan.pk]) in html
    assert reverse("oversight:board", args=[plan.pk, 3]) in html  # the quarter being chased now


def test_the_coordinator_reminds_every_late_unit_from_her_home(client, cast, plan, july):
    with on(datetime.date(2023, 7, 20)):
        html = page(client, cast["cora"])
        remind_all = reverse("oversight:remind_all", args=[plan.pk, 2])
        assert f'action="{remind_all}"' in html and "提醒全部逾期单位" in html
        response = client.post(remind_all, follow=True)
    late = Reminder.objects.filter(period=july["q2"]).values_list("unit__name", flat=True)
    assert "县财政局" in set(late) and "县教育体育局" not in set(late)  # Lena's unit reported
    assert "已提醒" in response.content.decode()
    # Leah, a leader, reads the same home without the button, and may not post it.
    with on(datetime.date(2023, 7, 20)):
        assert "提醒全部逾期单位" not in page(client, cast["leah"])
        assert client.post(remind_all).status_code == 403


def test_it_shows_the_coordinator_what_changed_since_her_previous_log_in(client, cast, plan):
    cora, lena, pavel = cast["cora"], cast["lena"], cast["pavel"]
    q1 = plan.periods.get(quarter=1)
    with on(datetime.date(2023, 3, 15)):  # before her previous visit: old news
        submit_filled(report_to_fill(lena.unit, q1, datetime.date(2023, 3, 15)), lena, "本季度完成选址。")
    with on(datetime.date(2023, 3, 20)):
        client.force_login(cora)  # her previous visit
    with on(datetime.date(2023, 4, 3)):
        submit_filled(report_to_fill(pavel.unit, q1, datetime.date(2023, 4, 3)), pavel, "已拨付资金。")
    with on(datetime.date(2023, 4, 5)):
        client.logout()
        html = page(client, cora)
    assert "上次登录（3月20日 10:00）以来的变化" in html
    changes = section(html, "以来的变化")
    assert "县财政局报送2023年第1季度报表" in changes
    assert "县教育体育局" not in changes


def test_it_puts_the_clerks_quarters_to_fill_now_first_and_offers_none_not_begun(client, cast, plan):
    q4 = plan.periods.get(quarter=4)
    with on(datetime.date(2023, 7, 5)):  # Q2 due 10 July; Q3 has begun; Q4 has not
        html = page(client, cast["lena"])
    now = section(html, "现在要填报")
    assert now.index("2023年第2季度") < now.index("2023年第3季度")
    assert "2023年第4季度" not in now
    everything = section(html, "其他季度")
    assert "2023年第4季度" in everything and "10月1日开始，尚不能填写" in everything
    assert reverse("reporting:open", args=[q4.pk]) not in html


def test_it_shows_the_clerk_a_returned_report_and_a_督办_to_answer(client, cast, plan, july):
    with on(datetime.date(2023, 7, 16)):
        return_report(july["report"], cast["cora"], "请补充开工照片")
    with on(datetime.date(2023, 7, 20)):
        lena = page(client, cast["lena"])
        pavel = page(client, cast["pavel"])
    returned = section(lena, "被退回的报表")
    assert "2023年第2季度" in returned and "请补充开工照片" in returned and "修改后重新报送" in returned
    assert "二季度逾期未报，请说明原因" in section(pavel, "待答复的督办")
    assert "2023年第2季度" in section(pavel, "现在要填报") and "逾期" in section(pavel, "现在要填报")
    assert lena.index("现在要填报") < lena.index("被退回的报表") < lena.index("待答复的督办")


@pytest.fixture
def next_year(world, plan, cast):
    """桓台县's 2024 plan, with 县教育体育局 on its one project."""
    plan_2024 = Plan.objects.create(region=world["huantai"], year=2024, title="2024年为妇女儿童办实事")
    for quarter in range(1, 5):
        starts, ends, due = Period.bounds(2024, quarter, plan_2024.due_days)
        Period.objects.create(plan=plan_2024, quarter=quarter, starts_on=starts, ends_on=ends, due_on=due)
    project = Project.objects.create(plan=plan_2024, seq=1, title="新建幼儿园")
    Assignment.objects.create(project=project, unit=cast["lena"].unit, role=Assignment.Role.LEAD, order=0)
    return plan_2024


def test_in_january_last_years_fourth_quarter_is_open_and_first(client, cast, plan, next_year):
    with on(datetime.date(2024, 1, 5)):  # 2023 Q4 is due on 10 January 2024
        html = page(client, cast["lena"])
    now = section(html, "现在要填报")
    assert now.index("2023年第4季度") < now.index("2024年第1季度")
    q4 = plan.periods.get(quarter=4)
    assert reverse("reporting:open", args=[q4.pk]) in now
    assert reverse("reporting:open", args=[next_year.periods.get(quarter=2).pk]) not in html
    assert html.index("2023年第4季度") < html.index("2024年第2季度")  # not next year first


def test_in_december_next_years_plan_is_shown_but_not_fillable(client, cast, plan, next_year):
    with on(datetime.date(2023, 12, 6)):
        html = page(client, cast["lena"])
    now = section(html, "现在要填报")
    assert "2023年第4季度" in now and "2024年第" not in now
    assert "2024年第1季度" in section(html, "其他季度")
    for period in next_year.periods.all():
        assert reverse("reporting:open", args=[period.pk]) not in html


def test_it_shows_the_leader_the_lights_what_is_behind_what_is_late_and_the_latest_bulletin(
    client, cast, plan, july
):
    with on(datetime.date(2023, 7, 20)):
        html = page(client, cast["leah"])
    assert "实事进展一览" in html
    assert 'class="light red">红灯</span> <strong>' in html
    behind = section(html, "进度落后")
    assert "1. 实施优质教育资源扩容提质行动" in behind
    assert "落后序时进度" in behind
    assert "县财政局" in html  # late
    assert "还没有印发的调度通报" in html


def test_it_shows_the_supervisor_督办_waiting_then_answered_and_what_is_red_or_late(client, cast, plan, july):
    project1 = Project.objects.get(plan=plan, seq=1)
    with on(datetime.date(2023, 7, 16)):
        notice = issue(
            project1, cast["lena"].unit, july["q2"], cast["sam"], "亮红灯，请说明", datetime.date(2023, 7, 30)
        )
        answer(notice, cast["lena"], "已加快施工进度。")
    with on(datetime.date(2023, 7, 20)):
        html = page(client, cast["sam"])
    waiting = section(html, "等待单位答复")
    answered = section(html, "单位已答复，待办结")
    assert "县财政局" in waiting and "县教育体育局" not in waiting
    assert "县教育体育局" in answered and "已加快施工进度" in answered
    assert html.index("等待单位答复") < html.index("单位已答复，待办结")
    assert "亮红灯" in html and "落后序时进度" in section(html, "<h3>亮红灯")
    assert "2023年第2季度逾期未报" in html
    assert reverse("supervision:plan", args=[plan.pk, 2]) in html


def test_it_shows_the_city_its_counties_lights_and_on_time_reporting_side_by_side(client, cast, plan, july):
    pavel = cast["pavel"]
    with on(datetime.date(2023, 7, 18)):  # Pavel's Q2 comes in after its due date
        report = report_to_fill(pavel.unit, july["q2"], datetime.date(2023, 7, 18))
        submit_filled(report, pavel, "已拨付资金。")
    units = Assignment.objects.filter(project__plan=plan).values("unit").distinct().count()
    with on(datetime.date(2023, 7, 20)):
        html = page(client, cast["cici"])
    assert "淄博市各区县实事进展" in html
    row = html[html.index("桓台县") :]
    assert 'class="state on_time">按时报送</span> <strong>1</strong>' in row
    assert 'class="state reported_late">逾期报送</span> <strong>1</strong>' in row
    assert f'class="state not_reported">未报送</span> <strong>{units - 2}</strong>' in row
    assert 'class="light red">红灯</span>' in row


def test_an_administrator_gets_the_coordinators_home(client, cast, plan, july):
    with on(datetime.date(2023, 7, 20)):
        html = page(client, cast["admin"])
    assert "待审核" in html and "县教育体育局 · 2023年第2季度" in html


def test_an_archived_plan_leaves_the_homes(client, cast, plan, july):
    with on(datetime.date(2023, 7, 20)):
        archive_plan(plan, cast["cora"])
        for person in ("cora", "leah", "sam"):
            assert "县教育体育局 · 2023年第2季度" not in page(client, cast[person])
            assert plan.title not in page(client, cast[person])


def test_a_clerk_without_a_unit_is_told_to_ask_for_one(client, world):
    someone = Person.objects.create_user("nobody", password="pw", role=Person.Role.REPORTER)
    html = page(client, someone)
    assert "还没有对应的责任单位" in html


@pytest.mark.parametrize("who", ["pavel", "sam", "cora"])
def test_a_home_asks_the_same_number_of_queries_for_one_督办_or_three(client, cast, plan, july, who):
    def queries() -> int:
        with on(datetime.date(2023, 7, 20)):
            page(client, cast[who])  # the board's and lights' caches filled after the change
            with CaptureQueriesContext(connection) as captured:
                page(client, cast[who])
        return len(captured)

    one = queries()
    with on(datetime.date(2023, 7, 16)):
        for seq in (1, 2):
            project = Project.objects.get(plan=plan, seq=seq)
            Assignment.objects.get_or_create(
                project=project,
                unit=cast["pavel"].unit,
                defaults={"role": Assignment.Role.PARTNER, "order": 9},
            )
            issue(
                project, cast["pavel"].unit, july["q2"], cast["sam"], "请说明进度", datetime.date(2023, 7, 25)
            )
    assert queries() == one


def test_a_long_return_reason_is_cut_short_on_the_clerks_home_and_kept_whole(client, cast, plan, july):
    reason = "请补充开工照片。" + "说明" * 1000
    with on(datetime.date(2023, 7, 16)):
        return_report(july["report"], cast["cora"], reason)
    with on(datetime.date(2023, 7, 20)):
        home = page(client, cast["lena"])
    returned = section(home, "被退回的报表")
    assert "请补充开工照片。" in returned and reason not in returned and len(returned) < 2000
    july["report"].refresh_from_db()
    assert july["report"].return_reason == reason
