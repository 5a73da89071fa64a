"""督办: the supervision office demands, the unit answers, the office closes; and the year end."""

import datetime
import io
import threading
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    save_draft,
    start_report,
    submit_report,
)
from shishi.supervision.models import SupervisionNotice
from shishi.supervision.services import SupervisionError, answer, candidates, close, issue, year_end
from tests.conftest import pdf_bytes

APRIL = datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC)  # Q1 of 2023 is due 10 April


@pytest.fixture
def sam(cast):
    """Sam works in 桓台县's supervision office (督查室)."""
    return cast["sam"]


def test_late_units_and_red_projects_are_the_candidates(cast, plan, q1):
    found = candidates(plan, q1, datetime.date(2023, 4, 20))
    assert ("县教育体育局", "2023年第1季度报表逾期未报") in {(u.name, why) for _, u, why in found}


@time_machine.travel(APRIL, tick=False)
def test_the_office_issues_the_unit_answers_the_office_closes(client, cast, plan, q1, sam):
    lena = cast["lena"]
    project = plan.projects.get(seq=1)
    client.force_login(sam)
    response = client.post(
        reverse("supervision:plan", args=[plan.pk, 1]),
        {
            "project": project.pk,
            "unit": lena.unit_id,
            "reason": "一季度逾期未报，请说明原因",
            "reply_by": "2023-04-27",
        },
    )
    assert response.status_code == 302
    notice = SupervisionNotice.objects.get()
    assert (notice.state, notice.unit, notice.issued_by) == ("open", lena.unit, sam)
    assert lena.notices.filter(text__contains="督办").exists()

    client.force_login(cast["cora"])
    board = client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
    assert "督办事项（未办结）" in board
    assert f"<li>1. {project.title} · 县教育体育局 · 待答复 · 答复期限 4月27日</li>" in board

    client.force_login(lena)
    client.post(reverse("supervision:answer", args=[notice.pk]), {"reply": "已于4月21日补报。"})
    notice.refresh_from_db()
    assert (notice.state, notice.reply) == ("answered", "已于4月21日补报。")

    client.force_login(sam)
    client.post(reverse("supervision:close", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.state == "closed"
    client.force_login(cast["cora"])
    assert (
        "督办事项（未办结）" not in client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
    )


@time_machine.travel(APRIL, tick=False)
@pytest.mark.parametrize(
    "reason, reply_by, message",
    [
        ("", datetime.date(2023, 4, 27), "事由"),
        ("请说明", datetime.date(2023, 4, 1), "不能早于今天"),
        ("请说明", datetime.date(9999, 12, 31), "不能超过一年"),
    ],
)
def test_a_notice_needs_a_reason_and_a_future_reply_date(cast, plan, q1, sam, reason, reply_by, message):
    with pytest.raises(SupervisionError, match=message):
        issue(plan.projects.get(seq=1), cast["lena"].unit, q1, sam, reason, reply_by)


@time_machine.travel(APRIL, tick=False)
def test_one_open_notice_per_project_unit_and_period(cast, plan, q1, sam):
    issue(plan.projects.get(seq=1), cast["lena"].unit, q1, sam, "请说明", datetime.date(2023, 4, 27))
    with pytest.raises(SupervisionError, match="尚未办结"):
        issue(plan.projects.get(seq=1), cast["lena"].unit, q1, sam, "再次督办", datetime.date(2023, 4, 27))


@time_machine.travel(APRIL, tick=False)
def test_a_unit_not_on_the_project_cannot_be_supervised_for_it(cast, plan, q1, sam):
    with pytest.raises(SupervisionError, match="不是这项实事的责任单位"):
        issue(plan.projects.get(seq=1), cast["pavel"].unit, q1, sam, "请说明", datetime.date(2023, 4, 27))


@time_machine.travel(APRIL, tick=False)
def test_only_an_answered_notice_can_be_closed_and_a_closed_one_not_answered(cast, plan, q1, sam):
    notice = issue(plan.projects.get(seq=1), cast["lena"].unit, q1, sam, "请说明", datetime.date(2023, 4, 27))
    with pytest.raises(SupervisionError):
        close(notice, sam)
    answer(notice, cast["lena"], "已整改")
    close(notice, sam)
    with pytest.raises(SupervisionError):
        answer(notice, cast["lena"], "再答复")


@pytest.mark.parametrize("who, allowed", [("cora", False), ("leah", False), ("otto", False), ("lena", False)])
def test_only_the_supervision_office_issues(client, cast, plan, sam, who, allowed):
    client.force_login(cast[who])
    response = client.post(
        reverse("supervision:plan", args=[plan.pk, 1]),
        {
            "project": plan.projects.get(seq=1).pk,
            "unit": cast["lena"].unit_id,
            "reason": "x",
            "reply_by": "2099-01-01",
        },
    )
    assert response.status_code == 403 and not SupervisionNotice.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_another_units_clerk_cannot_answer(client, cast, plan, q1, sam):
    notice = issue(plan.projects.get(seq=1), cast["lena"].unit, q1, sam, "请说明", datetime.date(2023, 4, 27))
    client.force_login(cast["pavel"])
    assert (
        client.post(reverse("supervision:answer", args=[notice.pk]), {"reply": "冒名答复"}).status_code == 403
    )
    notice.refresh_from_db()
    assert notice.reply == ""


def test_year_end_counts_on_time_late_returned_and_supervised(client, cast, plan, q1, sam):
    lena, pavel = cast["lena"], cast["pavel"]
    with time_machine.travel(datetime.datetime(2023, 4, 5, tzinfo=datetime.UTC), tick=False):
        report = start_report(pavel.unit, q1)
        attach_stamped_pdf(report, pavel, pdf_bytes(), "s.pdf")
        report.refresh_from_db()
        submit_report(report, pavel, report.revision)
        accept_report(report, cast["cora"])
    with time_machine.travel(APRIL, tick=False):
        issue(plan.projects.get(seq=1), lena.unit, q1, sam, "请说明", datetime.date(2023, 4, 27))
    projects, units = year_end(plan, datetime.date(2024, 2, 1))
    by_name = {u.unit.name: u for u in units}
    finance, education = by_name["县财政局"], by_name["县教育体育局"]
    assert (finance.on_time, finance.reported_late, finance.not_reported) == (1, 0, 3)
    assert (education.on_time, education.reported_late, education.not_reported, education.supervised) == (
        0,
        0,
        4,
        1,
    )
    assert [p.project.seq for p in projects] == list(range(1, 11)) and not any(p.done for p in projects)

    client.force_login(cast["leah"])
    data = client.get(reverse("supervision:year_end", args=[plan.pk]) + "?xlsx=units").content
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][0].startswith("按时报送：在报送截止日当天或之前报送")  # the legend, above the table
    assert rows[1][:4] == ["责任单位", "按时报送（季度）", "逾期报送（季度）", "未报送（季度）"]
    assert ["县教育体育局", 0, 0, 4, 0, 1] in rows


def test_year_end_uses_the_latest_quarter_a_lead_reported(cast, plan, q1):
    lena = cast["lena"]
    report = start_report(lena.unit, q1)
    entries = {
        line.project_id: LineEntry(
            "完成", "", "done", {v.target_id: v.target.value for v in line.values.all()}
        )
        for line in report.lines.prefetch_related("values__target")
    }
    report = save_draft(report, lena, report.revision, entries)
    attach_stamped_pdf(report, lena, pdf_bytes(), "s.pdf")
    report.refresh_from_db()
    submit_report(report, lena, report.revision)
    accept_report(report, cast["cora"])
    projects, _ = year_end(plan, datetime.date(2023, 12, 1))
    first = next(p for p in projects if p.project.seq == 1)
    assert first.done and [row.figure for row in first.targets] == [
        Decimal(6),
        Decimal(4),
        Decimal(1),
        Decimal(3800),
    ]


def test_a_red_project_without_a_named_lead_is_put_to_its_first_listed_unit(cast, plan):
    """The unit whose figures light the project (`Project.lead_unit`) is the one asked to answer
    for its red light, also when the notice named no lead."""
    from tests.conftest import submit_filled

    project = plan.projects.get(seq=5)
    project.assignments.update(role="partner")
    first = project.assignments.order_by("order").select_related("unit").first().unit
    q2 = plan.periods.get(quarter=2)
    nothing = {target.indicator: "0" for target in project.targets.all()}
    submit_filled(start_report(first, q2), cast["admin"], "尚未开展", nothing)
    found = candidates(plan, q2, datetime.date(2023, 7, 5))  # before Q2's due date: nobody is late
    assert (project.pk, first.pk) in {(p.pk, u.pk) for p, u, _why in found}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="the test run's in-memory SQLite refuses a second writer at once rather than waiting",
)
def test_a_triple_click_on_issue_sends_one_notice(cast, plan, q1, sam):
    """Three requests at once (a double click and a retry): one 督办 and one message, the others
    told it is already sent."""
    start, answers = threading.Barrier(3), []

    def click():
        start.wait()
        try:
            issue(plan.projects.get(seq=1), cast["lena"].unit, q1, sam, "请说明", datetime.date(2023, 4, 27))
            answers.append("sent")
        except SupervisionError as refused:
            answers.append(str(refused))
        finally:
            connection.close()

    with time_machine.travel(APRIL, tick=False):
        clicks = [threading.Thread(target=click) for _ in range(3)]
        for thread in clicks:
            thread.start()
        for thread in clicks:
            thread.join()
    assert sorted(answers) == ["sent", *["这项实事已向该单位发出督办，尚未办结。"] * 2]
    assert SupervisionNotice.objects.count() == 1
