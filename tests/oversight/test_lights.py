"""The light rule, stated as a table, and lights on the board at quarter boundaries."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from shishi.oversight.board import build_board
from shishi.oversight.lights import (
    DONE,
    GREEN,
    GREY,
    RED,
    YELLOW,
    expected_progress,
    project_light,
    target_light,
)
from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    save_draft,
    start_report,
    submit_report,
)
from shishi.reporting.states import report_state
from tests.conftest import pdf_bytes

D = Decimal

# op, goal, figure, quarter, colour, reason — goal 100 makes the figure the percentage.
RULE = [
    (">=", 100, 25, 1, GREEN, "完成25%，达到序时进度", "on schedule at the end of Q1"),
    (">=", 100, 16, 1, GREEN, "完成16%，落后序时进度9个百分点", "9 points behind is still green"),
    (">=", 100, 15, 1, YELLOW, "完成15%，落后序时进度10个百分点", "10 points behind turns yellow"),
    (">=", 100, 20, 2, YELLOW, "完成20%，落后序时进度30个百分点", "exactly 30 points behind is still yellow"),
    (">=", 100, 19, 2, RED, "完成19%，落后序时进度31个百分点", "31 points behind is red"),
    (">=", 100, 50, 3, YELLOW, "完成50%，落后序时进度25个百分点", "25 points behind in Q3"),
    (">=", 100, 60, 2, GREEN, "完成60%，超过序时进度10个百分点", "ahead of schedule"),
    (">=", 100, 100, 1, DONE, "已达到目标（完成100%）", "goal met early is done"),
    ("=", 6, 6, 4, DONE, "已达到目标（完成100%）", "a plain figure met is done"),
    ("~", 12000, 11000, 4, GREEN, "完成92%，落后序时进度8个百分点", "about-goals: 91.7% at year end"),
    ("<=", 5, 4, 2, GREEN, "在目标上限以内", "staying within an at-most goal is on track"),
    ("<=", 5, 6, 2, RED, "超出目标上限", "over an at-most goal is behind"),
    ("<=", 5, 4, 4, DONE, "已达到目标（完成100%）", "within an at-most goal at year end is done"),
    (">=", 0, 0, 2, DONE, "已达到目标（完成100%）", "a zero goal is met"),
]


@pytest.mark.parametrize("op, goal, figure, quarter, colour, reason, why", RULE, ids=[r[6] for r in RULE])
def test_the_light_rule(op, goal, figure, quarter, colour, reason, why):
    light = target_light(op, D(goal), D(figure), quarter)
    assert (light.colour, light.reason) == (colour, reason)


# goal, figure, quarter, reason: whole percents and points, a decimal only where it tells something.
ROUNDING = [
    (6, "4", 3, "完成67%，落后序时进度8个百分点", "the county's two thirds, as people say it"),
    (100, "15.4", 1, "完成15%，落后序时进度9.6个百分点", "9.6 is not rounded up into yellow's 10"),
    (100, "19.6", 2, "完成20%，落后序时进度30.4个百分点", "30.4 is not rounded down into yellow's 30"),
    (100, "99.7", 4, "完成99.7%，落后序时进度0.3个百分点", "under one point, and not 100% before the goal"),
    (3800, "1", 1, "完成不足0.1%，落后序时进度25个百分点", "one school place of 3,800"),
    (200, "1", 4, "完成0.5%，落后序时进度99.5个百分点", "half a percent"),
]


@pytest.mark.parametrize("goal, figure, quarter, reason, why", ROUNDING, ids=[r[4] for r in ROUNDING])
def test_reasons_are_rounded_as_people_write_them(goal, figure, quarter, reason, why):
    assert target_light(">=", D(goal), D(figure), quarter).reason == reason


def test_a_late_report_is_red_whatever_the_figure():
    assert target_light(">=", D(100), D(25), 1, late=True).colour == RED
    assert target_light(">=", D(100), None, 1, late=True).colour == RED


def test_a_project_with_a_late_unit_is_red_and_the_reason_names_each_one_with_its_role():
    done = [target_light(">=", D(6), D(6), 1)]
    light = project_light(done, D(25), late=["县卫生健康局（牵头单位）", "县财政局（配合单位）"])
    assert (light.colour, light.reason) == (RED, "县卫生健康局（牵头单位）、县财政局（配合单位）报表逾期未报")


def test_a_light_from_figures_not_yet_reviewed_says_so():
    unreviewed = target_light(">=", D(100), D(25), 1, unreviewed=True)
    assert unreviewed.unreviewed and project_light([unreviewed], D(25)).unreviewed
    assert not project_light([target_light(">=", D(100), D(25), 1)], D(25)).unreviewed
    # Nothing reported: grey, with nothing to review.
    assert not target_light(">=", D(100), None, 1, unreviewed=True).unreviewed


@pytest.mark.parametrize(
    "assessment, colour", [("done", DONE), ("on_schedule", GREEN), ("behind", YELLOW), ("", GREY)]
)
def test_a_target_without_a_figure_follows_the_self_assessment(assessment, colour):
    assert target_light(">=", D(10), None, 2, assessment=assessment).colour == colour


def test_thresholds_are_per_plan():
    assert target_light(">=", D(100), D(40), 2, yellow=5, red=8).colour == RED
    assert target_light(">=", D(100), D(40), 2, yellow=15, red=40).colour == GREEN


def test_expected_progress_is_the_elapsed_share_of_the_year():
    assert [expected_progress(q) for q in (1, 2, 3, 4)] == [25, 50, 75, 100]


def _accepted(unit, period, clerk, coordinator, figure):
    report = start_report(unit, period)
    lines = report.lines.prefetch_related("values")
    entries = {
        l.project_id: LineEntry("进展", "", "on_schedule", {v.target_id: D(figure) for v in l.values.all()})
        for l in lines
    }
    report = save_draft(report, clerk, report.revision, entries)
    attach_stamped_pdf(report, clerk, pdf_bytes(), "s.pdf")
    report.refresh_from_db()
    submit_report(report, clerk, report.revision)
    accept_report(report, coordinator)


@pytest.mark.parametrize(
    "now, state",
    [
        ("2023-04-10 23:59", "not_started"),  # due date itself: still on time
        ("2023-04-11 00:01", "late"),  # the day after: late
    ],
)
def test_a_report_turns_late_the_day_after_its_due_date(cast, q1, now, state):
    with time_machine.travel(datetime.datetime.fromisoformat(now + "+08:00"), tick=False):
        assert report_state(None, q1, timezone.localdate()) == state


def test_the_board_lights_project_one_from_the_lead_units_figures(cast, plan, q1):
    lena, cora = cast["lena"], cast["cora"]
    _accepted(lena.unit, q1, lena, cora, figure="1")  # 1 of 6 kindergartens, 1 of 3,800 school places
    board = build_board(plan, q1, datetime.date(2023, 4, 5))
    row = board.rows[plan.projects.get(seq=1).pk]
    kindergartens, places = row.targets[0], row.targets[3]
    assert (kindergartens.target.indicator, kindergartens.figure) == ("新改扩建幼儿园", D(1))
    assert kindergartens.light.colour == GREEN  # 16.7% against 25%: 8.3 points behind
    assert places.light.colour == YELLOW  # 0.03% against 25%
    assert row.light.colour == YELLOW and "落后序时进度" in row.light.reason
    # A project whose lead has not reported is grey, and turns red once the report is late.
    fourth = plan.projects.get(seq=4)
    assert board.rows[fourth.pk].light.colour == GREY
    assert build_board(plan, q1, datetime.date(2023, 4, 11)).rows[fourth.pk].light.colour == RED


@pytest.mark.parametrize(
    "numeric, reason",
    [
        (True, "未填写本指标数值，填报单位自评：按计划推进"),  # a figure to reach, left empty
        (False, "无数值指标，填报单位自评：按计划推进"),  # a project with nothing to count
    ],
)
def test_the_reason_says_whether_a_figure_was_left_out_or_there_is_none(numeric, reason):
    assert target_light(">=", D(10), None, 2, assessment="on_schedule", numeric=numeric).reason == reason


def _sent(unit, period, clerk, coordinator=None):
    """The unit's report of `period`, every figure at its goal, submitted (and accepted by
    `coordinator` if given)."""
    report = start_report(unit, period)
    entries = {
        line.project_id: LineEntry(
            "进展", "", "on_schedule", {v.target_id: v.target.value for v in line.values.all()}
        )
        for line in report.lines.prefetch_related("values__target")
    }
    report = save_draft(report, clerk, report.revision, entries)
    attach_stamped_pdf(report, clerk, pdf_bytes(), "s.pdf")
    report.refresh_from_db()
    submit_report(report, clerk, report.revision)
    if coordinator:
        accept_report(report, coordinator)


def test_a_project_whose_partner_unit_is_late_is_red_and_names_the_partner(client, cast, plan, q1):
    """Project 5 (两癌 screening): 县卫生健康局 leads, 县妇联 and Pavel's 县财政局 are partners.
    The lead and 县妇联 report every goal met; 县财政局 never reports."""
    project = plan.projects.get(seq=5)
    team = {a.unit.name: a.unit for a in project.assignments.select_related("unit")}
    for name in ("县卫生健康局", "县妇联"):
        _sent(team[name], q1, cast["admin"], cast["cora"])
    after_due = datetime.date(2023, 4, 20)
    row = build_board(plan, q1, after_due).rows[project.pk]
    assert (row.light.colour, row.light.reason) == (RED, "县财政局（配合单位）报表逾期未报")
    assert {t.light.colour for t in row.targets} == {DONE}  # the lead's figures still read as they are
    # Before the due date nobody is late: the lead's figures decide.
    assert build_board(plan, q1, datetime.date(2023, 4, 5)).rows[project.pk].light.colour == DONE
    with time_machine.travel(datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC), tick=False):
        client.force_login(cast["cora"])
        board = client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
        page = client.get(reverse("oversight:project", args=[plan.pk, project.pk]) + "?q=1").content.decode()
    for shown in (board, page):
        assert "县财政局（配合单位）报表逾期未报" in shown
        assert "任一责任单位（牵头单位或配合单位）报表逾期未报为红灯" in shown  # the rule, stated


def test_a_light_from_a_report_not_yet_accepted_is_marked_until_it_is(client, cast, plan, q1):
    lena, cora = cast["lena"], cast["cora"]
    project = plan.projects.get(seq=1)
    _sent(lena.unit, q1, lena)
    row = build_board(plan, q1, datetime.date(2023, 4, 5)).rows[project.pk]
    assert row.light.colour == DONE and row.light.unreviewed
    with time_machine.travel(datetime.datetime(2023, 4, 5, 9, tzinfo=datetime.UTC), tick=False):
        client.force_login(cora)
        url = reverse("oversight:board", args=[plan.pk, 1])
        assert "含未审核数据" in client.get(url).content.decode()
        accept_report(lena.unit.reports.get(period=q1), cora)
        assert not build_board(plan, q1, datetime.date(2023, 4, 5)).rows[project.pk].light.unreviewed
        assert 'class="unreviewed"' not in client.get(url).content.decode()


def test_a_late_partner_does_not_undo_goals_the_lead_reported_met(cast, plan, q1):
    """Red on the board (a report is owed), yet done as far as the year end's 是否完成 goes."""
    project = plan.projects.get(seq=5)
    team = {a.unit.name: a.unit for a in project.assignments.select_related("unit")}
    _sent(team["县卫生健康局"], q1, cast["admin"], cast["cora"])
    row = build_board(plan, q1, datetime.date(2023, 4, 20)).rows[project.pk]
    assert row.light.colour == RED and row.done
