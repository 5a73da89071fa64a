"""The coordinator's board: states, the late list, reminders, and a fixed number of queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from shishi.directory.models import Unit
from shishi.oversight.board import build_board
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from shishi.reporting.models import Reminder
from shishi.reporting.services import attach_stamped_pdf, start_report, submit_report
from tests.conftest import SAMPLES, pdf_bytes


def test_the_board_shows_every_unit_state_and_the_late_list(client, cast, plan, q1):
    start_report(cast["lena"].unit, q1)
    client.force_login(cast["cora"])
    page = client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
    assert "县教育体育局" in page and "逾期" in page  # q1 of 2023 is long past due
    board = build_board(plan, q1, datetime.date(2023, 4, 1))
    assert board.states[cast["lena"].unit_id] == "draft"
    assert board.states[Unit.objects.get(name="县妇联", region=plan.region).pk] == "not_started"
    late = build_board(plan, q1, datetime.date(2023, 5, 1))
    assert cast["lena"].unit in late.late_units


def test_a_submitted_report_waits_in_the_review_queue_with_its_unit_and_local_time(client, cast, plan, q1):
    report = attach_stamped_pdf(start_report(cast["lena"].unit, q1), cast["lena"], pdf_bytes(), "盖章.pdf")
    submit_report(report, cast["lena"], report.revision)
    report.refresh_from_db()
    client.force_login(cast["cora"])
    page = client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
    sent = timezone.localtime(report.submitted_at)
    link = reverse("reporting:report", args=[report.pk])
    assert f'<li><a href="{link}">县教育体育局</a> · {sent.month}月{sent.day}日 {sent:%H:%M}</li>' in page
    assert "没有待审核的报表" not in page
    # A clerk who reads the board is not shown links to other units' reports she may not open.
    client.force_login(cast["pavel"])
    page = client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
    assert link not in page and "待审核" not in page


def test_a_reminder_is_sent_recorded_and_not_repeated_within_the_interval(client, cast, plan, q1, mailoutbox):
    client.force_login(cast["cora"])
    unit = cast["lena"].unit
    url = reverse("oversight:remind", args=[plan.pk, 1, unit.pk])
    client.post(url)
    assert {r.channel for r in Reminder.objects.filter(unit=unit)} == {"in_app", "email"}
    assert mailoutbox[0].to == ["lena@example.invalid"] and "请于2023年04月10日前报送" in mailoutbox[0].body
    assert cast["lena"].notices.count() == 1
    response = client.post(url, headers={"HX-Request": "true"})
    assert "小时内不重复提醒" in response.content.decode()
    assert Reminder.objects.filter(unit=unit).count() == 2 and len(mailoutbox) == 1


def _another_plan(world, cora, name, year):
    text = (SAMPLES / name).read_text(encoding="utf-8").replace("2024", str(year)).replace("2023", str(year))
    notice_file = read_notice_upload(world["huantai"], cora, text.encode(), f"{year}-{name}")
    return confirm_plan(notice_file, cora, {n: "new" for n in draft_unit_names(notice_file.draft)})


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("view", ["oversight:board", "oversight:project"])
def test_the_number_of_queries_does_not_grow_with_the_plans(client, world, cast, plan, view):
    client.force_login(cast["cora"])
    args = [plan.pk, 1] if view == "oversight:board" else [plan.pk, plan.projects.get(seq=2).pk]
    before = _queries(client, reverse(view, args=args))
    for year, name in [(2030, "gaoxinqu-2023.txt"), (2031, "gaoqing-2021.txt"), (2032, "zichuan-2024.txt")]:
        other = _another_plan(world, cast["cora"], name, year)
        for unit in Unit.objects.filter(assignments__project__plan=other).distinct()[:5]:
            start_report(unit, other.periods.get(quarter=1))
    for unit in Unit.objects.filter(assignments__project__plan=plan).distinct():
        start_report(unit, plan.periods.get(quarter=1))
    assert _queries(client, reverse(view, args=args)) == before


def test_a_mangled_quarter_on_the_project_page_falls_back_instead_of_failing(client, cast, plan):
    client.force_login(cast["cora"])
    url = reverse("oversight:project", args=[plan.pk, plan.projects.get(seq=1).pk])
    assert client.get(url + "?q=abc").status_code == 200
    assert client.get(url + "?q=9").status_code == 200


APRIL = datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC)  # Q1 of 2023 is due 10 April


@time_machine.travel(APRIL, tick=False)
def test_after_a_reminder_the_units_row_shows_it_at_once(client, cast, plan, q1):
    client.force_login(cast["cora"])
    unit = cast["lena"].unit
    row = client.post(
        reverse("oversight:remind", args=[plan.pk, 1, unit.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert row.startswith(f'<tr id="late-{unit.pk}">') and "未提醒" not in row
    assert "4月20日 17:00（cora）" in row and "已提醒县教育体育局。" in row  # local time, who sent it


@time_machine.travel(APRIL, tick=False)
def test_remind_all_reminds_every_late_unit_once_and_says_how_many(client, cast, plan, q1):
    late = build_board(plan, q1, datetime.date(2023, 4, 20)).late_units
    client.force_login(cast["cora"])
    url = reverse("oversight:remind_all", args=[plan.pk, 1])
    client.post(reverse("oversight:remind", args=[plan.pk, 1, cast["lena"].unit_id]))  # one already today
    page = client.post(url, follow=True).content.decode()
    assert f"已提醒{len(late) - 1}个逾期单位；1个单位24小时内已提醒过，本次未重复提醒。" in page
    assert set(Reminder.objects.values_list("unit_id", flat=True)) == {unit.pk for unit in late}
    assert Reminder.objects.filter(unit=cast["pavel"].unit, channel="in_app").count() == 1
    again = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert f"{len(late)}个单位24小时内已提醒过，本次未重复提醒。" in again
    assert "未提醒" not in again  # every row shows its reminder


def test_remind_all_is_for_the_coordinator_only(client, cast, plan, q1):
    for who in ("leah", "sam", "lena"):
        client.force_login(cast[who])
        assert client.post(reverse("oversight:remind_all", args=[plan.pk, 1])).status_code == 403
    assert not Reminder.objects.exists()


def test_the_board_filters_the_table_by_unit(client, cast, plan, q1):
    client.force_login(cast["cora"])
    url = reverse("oversight:board", args=[plan.pk, 1])
    finance = cast["pavel"].unit  # a partner on project 5 only
    five = plan.projects.get(seq=5)
    page = client.get(url, {"unit": finance.pk}).content.decode()
    table = page[page.index('class="matrix"') :]
    assert table.count('<th scope="row"') == 1 and five.title in table
    assert "县卫生健康局" in table and "县教育体育局" not in table  # project 5's team only
    assert f'<option value="{finance.pk}" selected>县财政局</option>' in page
    everything = client.get(url, {"unit": "99999"}).content.decode()
    assert "没有这个单位，已显示全部单位。" in everything
    assert everything.count('<th scope="row"') == plan.projects.count()
