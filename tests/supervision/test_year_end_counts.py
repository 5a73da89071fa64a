"""The year end's three counts per unit: 按时报送, 逾期报送, 未报送 (reporting.states.timeliness).

Q1 of 2023 is due on 10 April. On time is by the due date, that day included, in China's time;
a report's first submission counts, not a re-submission after a return.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.reporting.services import return_report, start_report
from shishi.reporting.states import NOT_REPORTED, ON_TIME, REPORTED_LATE, timeliness
from shishi.supervision.services import year_end
from tests.conftest import fill_report, submit_filled

CHINA = datetime.timezone(datetime.timedelta(hours=8))
AFTER_THE_YEAR = datetime.date(2024, 2, 1)  # every quarter of 2023 is past its due date


def _at(*moment):
    return time_machine.travel(datetime.datetime(*moment, tzinfo=CHINA), tick=False)


def _counts(plan, unit, today=AFTER_THE_YEAR):
    row = next(u for u in year_end(plan, today)[1] if u.unit == unit)
    return row.on_time, row.reported_late, row.not_reported, row.returned


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ((2023, 4, 3, 9, 0), ON_TIME),  # before the due date
        ((2023, 4, 10, 23, 59), ON_TIME),  # the last minute of the due date
        ((2023, 4, 11, 0, 0), REPORTED_LATE),  # the first minute after it
        ((2023, 6, 30, 12, 0), REPORTED_LATE),
    ],
    ids=["before", "due-day-23-59", "next-day-00-00", "months-later"],
)
def test_it_counts_a_quarter_on_time_up_to_the_end_of_its_due_date(cast, plan, q1, moment, expected):
    moment = datetime.datetime(*moment, tzinfo=CHINA)
    assert timeliness(moment, q1, AFTER_THE_YEAR) == expected
    # In UTC the last minute is 15:59 on the due date: the day is China's, not the server's.
    assert timeliness(moment.astimezone(datetime.UTC), q1, AFTER_THE_YEAR) == expected


def test_a_quarter_not_submitted_is_not_reported_once_its_due_date_has_passed(q1):
    assert timeliness(None, q1, datetime.date(2023, 4, 10)) is None  # still due: nothing to count
    assert timeliness(None, q1, datetime.date(2023, 4, 11)) == NOT_REPORTED


def test_a_report_submitted_on_the_due_date_is_on_time_and_one_a_day_later_is_late(cast, plan, q1):
    lena, pavel = cast["lena"], cast["pavel"]
    with _at(2023, 4, 10, 23, 59):
        submit_filled(start_report(lena.unit, q1), lena, "按时报送。")
    with _at(2023, 4, 11, 8, 30):
        submit_filled(start_report(pavel.unit, q1), pavel, "晚了一天。")
    assert _counts(plan, lena.unit) == (1, 0, 3, 0)
    assert _counts(plan, pavel.unit) == (0, 1, 3, 0)


def test_the_first_submission_counts_not_the_one_after_a_return(cast, plan, q1):
    """Submitted on time, returned, submitted again after the due date: still on time, and the
    return is counted in its own column."""
    lena = cast["lena"]
    with _at(2023, 4, 8, 10, 0):
        report = submit_filled(start_report(lena.unit, q1), lena, "第一版。")
        return_report(report, cast["cora"], "请补充数字。")
    with _at(2023, 4, 20, 10, 0):
        report.refresh_from_db()
        submit_filled(report, lena, "改好的第二版。")
    assert _counts(plan, lena.unit) == (1, 0, 3, 1)


def test_a_draft_never_submitted_is_not_reported(cast, plan, q1):
    lena = cast["lena"]
    with _at(2023, 4, 5, 10, 0):
        fill_report(start_report(lena.unit, q1), lena, "只存了草稿。")
    assert _counts(plan, lena.unit) == (0, 0, 4, 0)


def test_quarters_not_yet_due_are_not_counted_unless_already_reported(cast, plan, q1):
    lena = cast["lena"]
    q2 = plan.periods.get(quarter=2)
    with _at(2023, 7, 3, 10, 0):  # Q2 reported early, before its due date of 10 July
        submit_filled(start_report(lena.unit, q2), lena, "二季度。")
    assert _counts(plan, lena.unit, today=datetime.date(2023, 7, 5)) == (1, 0, 1, 0)


def test_the_page_names_each_count_and_says_what_it_means(client, cast, plan, q1):
    lena = cast["lena"]
    with _at(2023, 4, 12, 10, 0):
        submit_filled(start_report(lena.unit, q1), lena, "晚两天。")
    client.force_login(cast["leah"])
    with _at(2024, 2, 1, 10, 0):
        page = client.get(reverse("supervision:year_end", args=[plan.pk])).content.decode()
    for heading in ("按时报送（季度）", "逾期报送（季度）", "未报送（季度）", "被退回（次）"):
        assert f"<th>{heading}</th>" in page
    assert "<th>逾期</th>" not in page  # the board's word for "not reported yet", not a column here
    assert "未报送：截止日已过仍未报送（即看板上的“逾期未报”）" in page
    assert "<tr><td>县教育体育局</td><td>0</td><td>1</td><td>3</td><td>0</td><td>0</td></tr>" in page


def test_a_project_met_is_done_at_year_end_though_a_partner_never_reported(cast, plan):
    """Project 5: 县卫生健康局 (lead) and 县妇联 report every goal met in Q4; Pavel's 县财政局 never
    does. The light is red for the late partner, but the project's goals are met: 是否完成 is yes."""
    project = plan.projects.get(seq=5)
    team = {a.unit.name: a.unit for a in project.assignments.select_related("unit")}
    q4 = plan.periods.get(quarter=4)
    with _at(2024, 1, 5, 9, 0):
        for name in ("县卫生健康局", "县妇联"):
            report = start_report(team[name], q4)
            figures = {
                v.target.indicator: str(v.target.value)
                for v in report.lines.get(project=project).values.all()
            }
            submit_filled(report, cast["admin"], "全部完成", figures)
    year = next(p for p in year_end(plan, AFTER_THE_YEAR)[0] if p.project == project)
    assert year.light.colour == "red" and "县财政局（配合单位）" in year.light.reason
    assert year.done
