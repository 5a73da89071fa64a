"""Finding the numbered list of projects among every numbering style."""

import pytest

from shishi.notice.items import find_items, split_semicolon_list


def _numbers(text):
    return [m.number for m in find_items(text)]


@pytest.mark.parametrize(
    "text, numbers",
    [
        pytest.param("前言：\n一、甲。\n二、乙。\n三、丙。", [1, 2, 3], id="numeral"),
        pytest.param("前言：\n（一）甲。\n（二）乙。\n（三）丙。", [1, 2, 3], id="bracketed"),
        pytest.param("前言：\n1.甲。\n2.乙。\n3．丙。", [1, 2, 3], id="arabic"),
        pytest.param("前言：\n1、甲。\n2、乙。\n3、丙。", [1, 2, 3], id="arabic-comma"),
        pytest.param("前言：\n第一件：甲。\n第二件：乙。\n第三件：丙。", [1, 2, 3], id="nth"),
        pytest.param("今年办好实事：一是甲；二是乙；三是丙。", [1, 2, 3], id="yishi-inline"),
        pytest.param("前言：\n①甲。\n②乙。\n③丙。", [1, 2, 3], id="circled"),
        pytest.param("前言：\n一、甲。\n二、乙。\n四、丁。\n五、戊。", [1, 2, 4, 5], id="a-lost-numeral"),
        pytest.param("前言：\n十、甲。\n十一、乙。\n十二、丙。", [], id="not-counting-from-one"),
    ],
)
def test_it_finds_the_list_in_any_numbering_style(text, numbers):
    assert _numbers(text) == numbers


def test_a_decimal_at_line_start_is_not_a_marker():
    assert _numbers("前言：\n1.8万人参加。\n2.5万元。\n3.2个。") == []


def test_sub_points_inside_one_project_do_not_replace_the_list():
    text = "\n".join(["一、甲。", "1.子一。", "2.子二。", "3.子三。", "二、乙。", "三、丙。", "四、丁。"])
    assert [m.style.name for m in find_items(text)] == ["numeral"] * 4


def test_a_list_nested_under_one_heading_is_the_list():
    text = "\n".join(
        ["一、背景", "说明。", "二、主要内容", "（一）甲。", "（二）乙。", "（三）丙。", "三、要求"]
    )
    assert [m.style.name for m in find_items(text)] == ["bracketed"] * 3


def test_it_splits_a_semicolon_list():
    text = "今年的实事分别是：新建幼儿园6所；新增托位2000个；建设书房15处。"
    assert [text[a:b] for a, b in split_semicolon_list(text)] == [
        "新建幼儿园6所",
        "新增托位2000个",
        "建设书房15处。",
    ]


def test_two_semicolons_are_not_a_list():
    assert split_semicolon_list("甲乙丙丁；戊己庚辛；壬癸。") == []
