"""`parse_number`: the numerals notices write, and what is not a numeral at all."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shishi.notice import numerals
from shishi.notice.numerals import half_width, parse_number

# Figures exactly as the five sample notices write them.
EXAMPLES_SAMPLES = [
    pytest.param("20000", 20000, id="gaoqing-2021 两癌 20000人次"),
    pytest.param("43000余", 43000, id="gaoqing-2021 43000余名"),
    pytest.param("1万", 10000, id="gaoqing-2021 每年1万元"),
    pytest.param("1.5万", 15000, id="gaoqing-2021 1.5万元"),
    pytest.param("３", 3, id="gaoqing-2021 full-width ３岁"),
    pytest.param("１０", 10, id="gaoqing-2021 full-width 10％"),
    pytest.param("3.8", 3.8, id="gaoxinqu-2023 每千人口3.8个"),
    pytest.param("1.2万", 12000, id="gaoxinqu-2023 约1.2万人"),
    pytest.param("3.9", 3.9, id="huantai-2023 每千人口3.9个"),
    pytest.param("1.8万", 18000, id="huantai-2023 1.8万人"),
    pytest.param("421万", 4210000, id="zichuan-2024 421万元"),
    pytest.param("2万", 20000, id="zichuan-2024 2万名"),
    pytest.param("60余", 60, id="zichuan-2024 60余场"),
    pytest.param("50 ", 50, id="gaoqing-2024 不少于 50 人"),
]

# Chinese and mixed numerals as other cities' notices write them.
EXAMPLES_OTHER_CITIES = [
    pytest.param("十", 10, id="十所"),
    pytest.param("两", 2, id="两所"),
    pytest.param("二十", 20, id="二十个"),
    pytest.param("一百二十", 120, id="一百二十人"),
    pytest.param("三千零九十八", 3098, id="三千零九十八户"),
    pytest.param("十万", 100000, id="十万元"),
    pytest.param("两万", 20000, id="两万人次"),
    pytest.param("一万二", 12000, id="一万二 colloquial"),
    pytest.param("八十五", 85, id="八十五％"),
    pytest.param("1.15万", 11500, id="1.15万 exact, not 11499.99"),
    pytest.param("1.2亿", 120000000, id="1.2亿元"),
    pytest.param("3千万", 30000000, id="3千万元"),
    pytest.param("10,000", 10000, id="thousands comma"),
    pytest.param("１.５万", 15000, id="full-width digits with 万"),
    pytest.param("100多", 100, id="100多人"),
    pytest.param("3万5千", 35000, id="mixed 3万5千 via cn2an"),
    pytest.param("0.5", 0.5, id="decimal below one"),
]

# Strings that are not one number: names, years, slogans, percentages, garbage.
EXAMPLES_NOT_NUMBERS = [
    pytest.param("三八", id="三八 (妇女节) read digit by digit"),
    pytest.param("六一", id="六一 (儿童节)"),
    pytest.param("二〇二三", id="year in Chinese digits"),
    pytest.param("十四五", id="十四五 (plan name)"),
    pytest.param("四五十", id="四五十 approximate, not one number"),
    pytest.param("百", id="百 alone (百场巡讲)"),
    pytest.param("万", id="万 alone (万名妇女)"),
    pytest.param("百分之九十", id="percent is the caller's business"),
    pytest.param("85%", id="percent sign is the caller's business"),
    pytest.param("1..8万", id="garbled decimal"),
    pytest.param(".5", id="leading dot"),
    pytest.param("", id="empty"),
    pytest.param("   ", id="spaces"),
    pytest.param("所", id="a unit alone"),
    pytest.param("5+2", id="formula"),
]


@pytest.mark.parametrize("text, expected", EXAMPLES_SAMPLES + EXAMPLES_OTHER_CITIES)
def test_it_reads_the_number(text, expected):
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)  # integral values come back as int


@pytest.mark.parametrize("text", EXAMPLES_NOT_NUMBERS)
def test_it_returns_none_for_what_is_not_a_number(text):
    assert parse_number(text) is None


def test_it_returns_none_for_what_is_not_a_string():
    assert parse_number(None) is None  # type: ignore[arg-type]
    assert parse_number(12) is None  # type: ignore[arg-type]


def test_half_width_keeps_the_length():
    text = "筛查率达到８５％以上，１．５万元"
    assert half_width(text) == "筛查率达到85%以上，1.5万元"
    assert len(half_width(text)) == len(text)


def test_the_docstrings_hold():
    failures, _ = doctest.testmod(numerals)
    assert failures == 0


@settings(deadline=None, max_examples=300)
@given(st.text() | st.text(alphabet="0123456789.,，万亿千百十零〇一二两三四五六七八九余多以上左右 ％％１２"))
def test_it_never_raises(text):
    value = parse_number(text)
    assert value is None or isinstance(value, (int, float))
