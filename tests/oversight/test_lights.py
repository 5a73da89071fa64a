"""The light rule, stated as a table, and lights on the board at quarter boundaries."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from shishi.oversight.board import build_board
from shishi.oversight.lights import DONE, GREEN, GREY, RED, YELLOW, expected_progress, target_light
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

# op, goal, figure, quarter, colour — goal 100 makes the figure the percentage.
RULE = [
    (">=", 100, 25, 1, GREEN, "on schedule at the end of Q1"),
    (">=", 100, 16, 1, GREEN, "9 points behind is still green"),
    (">=", 100, 15, 1, YELLOW, "10 points behind turns yellow"),
    (">=", 100, 20, 2, YELLOW, "exactly 30 points behind is still yellow"),
    (">=", 100, 19, 2, RED, "31 points behind is red"),
    (">=", 100, 50, 3, YELLOW, "25 points behind in Q3"),
    (">=", 100, 100, 1, DONE, "goal met early is done"),
    ("=", 6, 6, 4, DONE, "a plain figure met is done"),
    ("~", 12000, 11000, 4, GREEN, "about-goals: 91.7% at year end is within 10 points"),
    ("<=", 5, 4, 2, GREEN, "staying within an at-most goal is on track"),
    ("<=", 5, 6, 2, RED, "over an at-most goal is behind"),
    ("<=", 5, 4, 4, DONE, "within an at-most goal at year end is done"),
    (">=", 0, 0, 2, DONE, "a zero goal is met"),
]


@pytest.mark.parametrize("op, goal, figure, quarter, colour, why", RULE, ids=[r[5] for r in RULE])
def test_the_light_rule(op, goal, figure, quarter, colour, why):
    light = target_light(op, D(goal), D(figure), quarter)
    assert light.colour == colour, light.reason
    assert light.reason  # the page says why


def test_a_late_report_is_red_whatever_the_figure():
    assert target_light(">=", D(100), D(25), 1, late=True).colour == RED
    assert target_light(">=", D(100), None, 1, late=True).colour == RED


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
