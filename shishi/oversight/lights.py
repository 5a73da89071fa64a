"""亮灯: the colour of a target or a project, by a rule the page states.

Progress is the figure reached as a share of the goal (for an at-most goal such as
`不超过5%`, staying within it is full progress). Expected progress is the elapsed share of
the year at the end of the period being looked at (Q1 25 %, Q2 50 %, Q3 75 %, Q4 100 %).

- done:   the goal is met;
- green:  on or ahead of schedule, or behind by less than the plan's yellow threshold (10 points);
- yellow: behind by the yellow threshold up to the red threshold (10–30 points);
- red:    behind by more than the red threshold (30 points), or the report is late;
- grey:   nothing reported yet.
A target without a figure follows the unit's self-assessment (done / on schedule / behind).
A project takes the worst colour of its targets; it is done when all of them are.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DONE, GREEN, YELLOW, RED, GREY = "done", "green", "yellow", "red", "grey"
SEVERITY = {DONE: 0, GREEN: 1, GREY: 2, YELLOW: 3, RED: 4}
NAMES = {DONE: "已完成", GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯", GREY: "未报"}


@dataclass(frozen=True)
class Light:
    colour: str
    progress: Decimal | None  # percent of the goal reached
    expected: Decimal  # percent of the year elapsed
    reason: str

    @property
    def name(self) -> str:
        return NAMES[self.colour]


def expected_progress(quarter: int) -> Decimal:
    """The share of the year that has elapsed at the end of a quarter, in percent."""
    return Decimal(25 * max(0, min(4, quarter)))


def target_light(
    op: str,
    goal: Decimal,
    figure: Decimal | None,
    quarter: int,
    *,
    yellow: int = 10,
    red: int = 30,
    late: bool = False,
    assessment: str = "",
    numeric: bool = True,
) -> Light:
    """`numeric=False` for a project with no figure to reach at all (only the unit's word counts)."""
    expected = expected_progress(quarter)
    if figure is None:
        return _by_assessment(assessment, expected, late, "未填写本指标数值" if numeric else "无数值指标")
    if op == "<=":
        progress = Decimal(100) if figure <= goal else Decimal(0)
    elif goal > 0:
        progress = (figure / goal * 100).quantize(Decimal("0.1"))
    else:
        progress = Decimal(100)
    met = figure >= goal if op != "<=" else quarter >= 4 and figure <= goal
    if met:
        return Light(DONE, progress, expected, f"已达到目标（{_pct(progress)}）")
    if late:
        return Light(RED, progress, expected, "报表逾期未报")
    behind = expected - min(progress, Decimal(100))
    if behind > red:
        colour, words = RED, f"落后序时进度{_pts(behind)}个百分点，超过{red}个百分点"
    elif behind >= yellow:
        colour, words = YELLOW, f"落后序时进度{_pts(behind)}个百分点（{yellow}–{red}个百分点为黄灯）"
    else:
        colour, words = (
            GREEN,
            (
                "达到或超过序时进度"
                if behind <= 0
                else f"落后序时进度{_pts(behind)}个百分点，不足{yellow}个百分点"
            ),
        )
    return Light(colour, progress, expected, f"完成{_pct(progress)}，序时进度{_pct(expected)}：{words}")


def _by_assessment(assessment: str, expected: Decimal, late: bool, why: str) -> Light:
    if late:
        return Light(RED, None, expected, "报表逾期未报")
    if assessment == "done":
        return Light(DONE, None, expected, f"{why}，填报单位自评：已完成")
    if assessment == "on_schedule":
        return Light(GREEN, None, expected, f"{why}，填报单位自评：按计划推进")
    if assessment == "behind":
        return Light(YELLOW, None, expected, f"{why}，填报单位自评：进度滞后")
    return Light(GREY, None, expected, "牵头单位尚未报送")


def project_light(lights: list[Light], expected: Decimal) -> Light:
    """The worst of the targets' lights; done when every target is done."""
    if not lights:
        return Light(GREY, None, expected, "尚未报送")
    if all(light.colour == DONE for light in lights):
        return Light(DONE, None, expected, "全部指标已完成")
    worst = max(lights, key=lambda light: SEVERITY[light.colour])
    if len(lights) == 1 or all(
        light.colour == worst.colour and light.reason == worst.reason for light in lights
    ):
        return Light(worst.colour, worst.progress, expected, worst.reason)
    return Light(worst.colour, worst.progress, expected, f"最差的指标：{worst.reason}")


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _pts(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1')).normalize():f}"
