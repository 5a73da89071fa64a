"""The figures column's lines as written, and as people retype them (progress.written_figures)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shishi.documents.progress import BLANK_FIGURE, Figure, WrittenFigure, written_figures

# What this system writes, read back unchanged.
EXAMPLES_AS_WRITTEN = [
    (Figure("新改扩建幼儿园", "6所", "所", Decimal("4")), WrittenFigure("新改扩建幼儿园", "4所")),
    (Figure("拓展学位", "≥3800个", "个"), WrittenFigure("拓展学位", "个")),
    (
        Figure("适龄妇女宫颈癌、乳腺癌筛查率", "≥85%", "%", Decimal("86.5")),
        WrittenFigure("适龄妇女宫颈癌、乳腺癌筛查率", "86.5%"),
    ),
    (Figure("寻找“最美家庭”", "60户", "户", Decimal("100")), WrittenFigure("寻找“最美家庭”", "100户")),
    (Figure("已删除的指标", "", "处", Decimal("2")), WrittenFigure("已删除的指标", "2处")),
]

# What clerks make of a line when they type over it in Word, WPS or Excel, or by pen.
EXAMPLES_RETYPED = [
    ("新改扩建幼儿园：目标6所，完成4所。", WrittenFigure("新改扩建幼儿园", "4所")),
    ("新改扩建幼儿园:目标6所,完成 4 所", WrittenFigure("新改扩建幼儿园", "4 所")),
    ("新改扩建幼儿园：目标6所，已完成4所", WrittenFigure("新改扩建幼儿园", "4所")),
    ("拓展学位：累计完成值：1,200", WrittenFigure("拓展学位", "1,200")),
    ("新改扩建中小学完成3所", WrittenFigure("", "3所")),
    ("完成率：目标≥95%，完成90%", WrittenFigure("完成率", "90%")),
    (f"新建适儿化带状公园：目标1处，完成{BLANK_FIGURE}处", WrittenFigure("新建适儿化带状公园", "处")),
]

# Lines that are no figures: a note, a project without targets.
EXAMPLES_NOT_FIGURES = ["", "备注：数据截至3月25日", "（无量化指标）", "目标6所"]


@pytest.mark.parametrize(
    "figure, read", EXAMPLES_AS_WRITTEN, ids=[figure.indicator for figure, _ in EXAMPLES_AS_WRITTEN]
)
def test_it_reads_back_what_it_writes(figure, read):
    assert written_figures(figure.text) == [read]


@pytest.mark.parametrize("line, read", EXAMPLES_RETYPED, ids=[line for line, _ in EXAMPLES_RETYPED])
def test_it_reads_a_line_as_clerks_retype_it(line, read):
    assert written_figures(line) == [read]


@pytest.mark.parametrize("line", EXAMPLES_NOT_FIGURES, ids=repr)
def test_a_line_without_完成_is_no_figure(line):
    assert written_figures(line) == []


def test_it_reads_a_cell_line_by_line():
    cell = "新改扩建幼儿园：目标6所，完成4所\n备注：另有2所在建\n拓展学位：目标≥3800个，完成1200个"
    assert written_figures(cell) == [
        WrittenFigure("新改扩建幼儿园", "4所"),
        WrittenFigure("拓展学位", "1200个"),
    ]
