"""The responsible-units clause: every form seen in real notices, read into units and leads."""

import pytest

from shishi.notice.units import find_units_clauses, parse_units

# (text, units, lead units)
EXAMPLES_SAMPLES = [
    ("（责任单位：县教育体育局）", ["县教育体育局"], ["县教育体育局"]),
    (
        "（责任单位：县卫生健康局、县总工会、县住房城乡建设局、市住房公积金管理中心桓台分中心）",
        ["县卫生健康局", "县总工会", "县住房城乡建设局", "市住房公积金管理中心桓台分中心"],
        ["县卫生健康局"],
    ),
    ("（责\n\n任单位：县卫生健康局、县妇联）", ["县卫生健康局", "县妇联"], ["县卫生健康局"]),
    (
        "（责任单位：\n\n县人力资源社会保障局、县妇联）",
        ["县人力资源社会保障局", "县妇联"],
        ["县人力资源社会保障局"],
    ),
    (
        "（责任单位：县妇联、团\n\n县委、市医疗保障局高青分局）",
        ["县妇联", "团县委", "市医疗保障局高青分局"],
        ["县妇联"],
    ),
    (
        "（责任单位：县妇联、县司法局、县检察院、县总工会）。",
        ["县妇联", "县司法局", "县检察院", "县总工会"],
        ["县妇联"],
    ),
]
EXAMPLES_OTHER_CITIES = [
    (
        "（牵头单位：市文化和旅游局、市教育局，责任单位：各区县人民政府、市财政局）",
        ["市文化和旅游局", "市教育局", "各区县人民政府", "市财政局"],
        ["市文化和旅游局", "市教育局"],
    ),
    (
        "（牵头单位：市卫生健康委；配合单位：市发展改革委、市财政局）",
        ["市卫生健康委", "市发展改革委", "市财政局"],
        ["市卫生健康委"],
    ),
    (
        "（责任单位：市卫生健康委（牵头）、市妇联、市财政局）",
        ["市卫生健康委", "市妇联", "市财政局"],
        ["市卫生健康委"],
    ),
    ("(责任单位:区民政局,区残联)", ["区民政局", "区残联"], ["区民政局"]),
    (
        "（责任单位：县妇联（县妇儿工委办公室）、县教育局等）",
        ["县妇联（县妇儿工委办公室）", "县教育局"],
        ["县妇联（县妇儿工委办公室）"],
    ),
    (
        "责任单位：市人力资源社会保障局、市商务局、市妇联",
        ["市人力资源社会保障局", "市商务局", "市妇联"],
        ["市人力资源社会保障局"],
    ),
    ("（牵头部门：区教育局；责任部门：各镇街）", ["区教育局", "各镇街"], ["区教育局"]),
]


@pytest.mark.parametrize(
    "text, units, leads",
    [pytest.param(*case, id=case[0][:24]) for case in EXAMPLES_SAMPLES + EXAMPLES_OTHER_CITIES],
)
def test_it_reads_units_and_leads(text, units, leads):
    clauses = find_units_clauses(text)
    assert len(clauses) == 1
    assert clauses[0].units == units
    assert clauses[0].lead_units == leads


def test_it_finds_a_clause_on_its_own_paragraph_and_reports_its_span():
    text = "推进巾帼就业创业创新。\n\n（责任单位：区人社局、区妇联）"
    (clause,) = find_units_clauses(text)
    assert text[clause.start : clause.end] == "（责任单位：区人社局、区妇联）"


def test_it_ignores_a_label_inside_a_sentence_without_a_bracket():
    assert find_units_clauses("明确责任单位：要求各部门落实") == []


def test_an_unclosed_bracket_takes_only_its_line():
    text = "（责任单位：县教育局、县财政局\n二、实施托育行动。"
    (clause,) = find_units_clauses(text)
    assert clause.units == ["县教育局", "县财政局"]


def test_it_keeps_each_unit_once():
    assert parse_units("责任单位：县妇联、县妇联、县教育局")[0] == ["县妇联", "县教育局"]
