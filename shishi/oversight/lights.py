"""亮灯: the colour of a target or a project, by one rule, stated here and on every page that shows it.

Progress is the figure reached as a share of the goal (for an at-most goal such as
`不超过5%`, staying within it is full progress). Expected progress is the elapsed share of
the year at the end of the period being looked at (Q1 25 %, Q2 50 %, Q3 75 %, Q4 100 %).

- done:   the goal is met;
- green:  on or ahead of schedule, or behind by less than the plan's yellow threshold (10 points);
- yellow: behind by the yellow threshold up to the red threshold (10–30 points);
- red:    behind by more than the red threshold (30 points);
- grey:   nothing reported yet.
A target without a figure follows the unit's self-assessment (done / on schedule / behind).
A project takes the worst colour of its targets; it is done when all of them are.

Lateness: a project is red when **any** of its responsible units, lead or partner, has not sent
its report by the quarter's due date (reporting.states: late), whatever the figures say; the
reason names each late unit and its role: `县财政局（配合单位）报表逾期未报`. Every unit on a
project owes its report, so a missing partner report is as much a lapse as a missing lead one.

Figures: a project's figures are its lead unit's (`Project.lead_assignment`), from a report
that is submitted or accepted. A light judged on a report that is submitted but not yet
accepted says so (`Light.unreviewed`, shown as 含未审核数据); the public page reads accepted
reports only, so its lights never carry the mark.

Reasons are written for people: whole percents and points (`完成67%，落后序时进度8个百分点`),
one decimal only below 1, or where rounding would cross a threshold or reach 100%.

The board, the project page, the bulletin, 督办 and the public page all take their lights from
here through shishi/oversight/board.py; nothing else computes one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

DONE, GREEN, YELLOW, RED, GREY = "done", "green", "yellow", "red", "grey"
SEVERITY = {DONE: 0, GREEN: 1, GREY: 2, YELLOW: 3, RED: 4}
NAMES = {DONE: "已完成", GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯", GREY: "未报"}
UNREVIEWED = "含未审核数据"
UNREVIEWED_TITLE = "亮灯所用的完成值或自评来自已报送、尚未审核通过的报表"
LATE_REASON = "报表逾期未报"  # how every reason for lateness ends: `县财政局（配合单位）报表逾期未报`


@dataclass(frozen=True)
class Light:
    colour: str
    progress: Decimal | None  # percent of the goal reached
    expected: Decimal  # percent of the year elapsed
    reason: str
    unreviewed: bool = False  # judged on a report submitted but not yet accepted

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
    unreviewed: bool = False,
) -> Light:
    """A target's light from the lead unit's figure. `late`: the lead unit's report is overdue.
    `numeric=False` for a project with no figure to reach at all (only the unit's word counts).
    `unreviewed`: the figure or assessment comes from a report not yet accepted."""
    expected = expected_progress(quarter)
    if late:
        return Light(RED, None, expected, f"牵头单位{LATE_REASON}")
    if figure is None:
        why = "未填写本指标数值" if numeric else "无数值指标"
        return _by_assessment(assessment, expected, why, unreviewed)
    if op == "<=":
        share = Decimal(100) if figure <= goal else Decimal(0)
    elif goal > 0:
        share = figure / goal * 100
    else:
        share = Decimal(100)
    progress = share.quantize(Decimal("0.1"), ROUND_HALF_UP)
    met = figure >= goal if op != "<=" else quarter >= 4 and figure <= goal
    if met:
        return Light(DONE, progress, expected, f"已达到目标（完成{percent(share)}%）", unreviewed)
    behind = expected - min(share, Decimal(100))

    def colour_of(points: Decimal) -> str:
        return RED if points > red else YELLOW if points >= yellow else GREEN

    colour = colour_of(behind)
    if op == "<=":  # a ceiling: the share is all or nothing, so say which
        reason = "在目标上限以内" if figure <= goal else "超出目标上限"
    else:
        done = f"完成{percent(share, met=False)}%"
        if behind == 0:
            reason = f"{done}，达到序时进度"
        elif behind < 0:
            reason = f"{done}，超过序时进度{percent(-behind)}个百分点"
        else:
            reason = f"{done}，落后序时进度{_points(behind, colour_of, expected, share)}个百分点"
    return Light(colour, progress, expected, reason, unreviewed)


def _by_assessment(assessment: str, expected: Decimal, why: str, unreviewed: bool) -> Light:
    if assessment == "done":
        return Light(DONE, None, expected, f"{why}，填报单位自评：已完成", unreviewed)
    if assessment == "on_schedule":
        return Light(GREEN, None, expected, f"{why}，填报单位自评：按计划推进", unreviewed)
    if assessment == "behind":
        return Light(YELLOW, None, expected, f"{why}，填报单位自评：进度滞后", unreviewed)
    return Light(GREY, None, expected, "牵头单位尚未报送")


def project_light(lights: list[Light], expected: Decimal, *, late: Sequence[str] = ()) -> Light:
    """The worst of the targets' lights; done when every target is done. `late`: the project's
    units whose report is overdue, as `县财政局（配合单位）`: any of them makes the project red."""
    if late:
        return Light(RED, None, expected, f"{'、'.join(late)}{LATE_REASON}")
    if not lights:
        return Light(GREY, None, expected, "尚未报送")
    unreviewed = any(light.unreviewed for light in lights)
    if all(light.colour == DONE for light in lights):
        return Light(DONE, None, expected, "全部指标已完成", unreviewed)
    worst = max(lights, key=lambda light: SEVERITY[light.colour])
    if len(lights) == 1 or all(
        light.colour == worst.colour and light.reason == worst.reason for light in lights
    ):
        return Light(worst.colour, worst.progress, expected, worst.reason, unreviewed)
    return Light(worst.colour, worst.progress, expected, f"最差的指标：{worst.reason}", unreviewed)


def rule_text(yellow: int, red: int) -> str:
    """The rule in one sentence, as the board, the project page and the bulletin state it, with a
    plan's thresholds (`Plan.yellow_points`, `Plan.red_points`).

    >>> "落后不足10个百分点为绿灯，10—30个百分点为黄灯，超过30个百分点为红灯" in rule_text(10, 30)
    True
    """
    return (
        "亮灯规则：指标完成值占目标值的比例与序时进度（第一季度末25%，第二季度末50%，第三季度末75%，"
        f"年底100%）比较，落后不足{yellow}个百分点为绿灯，{yellow}—{red}个百分点为黄灯，"
        f"超过{red}个百分点为红灯；任一责任单位（牵头单位或配合单位）报表逾期未报为红灯，"
        "并写明逾期的单位；达到目标为“已完成”；没有数值的指标按牵头单位自评。"
        f"完成值取牵头单位已报送的报表，其中尚未审核通过的标注“{UNREVIEWED}”。"
    )


def late_unit_words(name: str, role_name: str) -> str:
    """How a late unit is named in a light's reason: `县财政局（配合单位）`."""
    return f"{name}（{role_name}）"


def percent(share: Decimal, *, met: bool = True) -> str:
    """A share in percent as people write it: whole (`67`), one decimal below 1 (`0.3`), never
    `100` for a goal not yet met (`99.6`).

    >>> [percent(Decimal(x)) for x in ("66.66", "0.26", "0.01", "120", "0")]
    ['67', '0.3', '不足0.1', '120', '0']
    >>> percent(Decimal("99.6"), met=False)
    '99.6'
    """
    if share <= 0:
        return "0"
    whole = share.quantize(Decimal(1), ROUND_HALF_UP)
    if share < Decimal("0.05"):
        return "不足0.1"
    if share < 1:
        return f"{share.quantize(Decimal('0.1'), ROUND_HALF_UP):f}"
    if not met and whole >= 100 > share:
        return f"{min(share.quantize(Decimal('0.1'), ROUND_DOWN), Decimal('99.9')):f}"
    return f"{whole:f}"


def _points(behind: Decimal, colour_of, expected: Decimal, share: Decimal) -> str:
    """Points behind, whole unless that is below 1 or rounding would cross into another colour
    (9.6 behind on a green light stays `9.6`: 10 reads as yellow; 30.04 on a red one `30.04`) or
    say that nothing was done (99.5 behind of 100 after 0.5 % is not `100`; after 不足0.1% it is)."""
    if share < Decimal("0.05"):
        expected += 1
    for places in ("1", "0.1", "0.01"):
        shown = behind.quantize(Decimal(places), ROUND_HALF_UP)
        if 0 < shown < expected and colour_of(shown) == colour_of(behind) and (places != "1" or behind >= 1):
            return f"{shown.normalize():f}"
    return f"{behind.normalize():f}"
