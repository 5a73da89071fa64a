"""Warnings about the notice itself."""

import pytest

from shishi.notice import parse_notice
from shishi.notice.checks import same_unit

HEAD = "某某县人民政府办公室\n关于2025年为全县妇女儿童办实事的通知\n各有关单位：\n通知如下。\n"


def _codes(body):
    return [(w.code, w.project) for w in parse_notice(HEAD + body).warnings]


def test_a_project_without_its_numeral_is_kept_and_warned_about():
    body = (
        "一、甲行动。内容。（责任单位：县教育局）\n乙行动。内容。（责任单位：县民政局）\n三、丙行动。内容。（责任单位：县妇联）\n"
        "四、丁行动。内容。（责任单位：县妇联）\n"
    )
    notice = parse_notice(HEAD + body)
    assert [p.title for p in notice.projects] == ["甲行动", "乙行动", "丙行动", "丁行动"]
    assert ("missing-numeral", 2) in _codes(body)


def test_a_numbering_gap_is_warned_about():
    body = (
        "一、甲。（责任单位：县教育局）\n二、乙。（责任单位：县妇联）\n"
        "四、丁。（责任单位：县妇联）\n五、戊。（责任单位：县妇联）\n"
    )
    assert ("numbering-gap", 4) in _codes(body)


def test_a_project_without_units_is_warned_about():
    body = "一、甲。（责任单位：县教育局）\n二、乙。没有写单位。\n三、丙。（责任单位：县妇联）\n"
    assert ("no-units", 2) in _codes(body)


def test_a_text_without_a_list_says_so():
    assert _codes("这是一段没有编号的文字。") == [("no-projects", None)]


def test_an_attachment_that_disagrees_with_the_body_is_warned_about():
    body = (
        "一、甲行动。（责任单位：区教育局）\n二、乙行动。（责任单位：区妇联）\n三、丙行动。（责任单位：区妇联）\n"
        "附件\n进展情况报表\n序号\t实事名称\t责任单位\n1\t甲行动\t区教体局\n2\t乙活动\t区妇联\n4\t丁行动\t区妇联\n"
    )
    codes = _codes(body)
    assert ("attachment-units-mismatch", 1) in codes
    assert ("unit-variant", 1) in codes
    assert ("attachment-title-mismatch", 2) in codes
    assert ("attachment-missing-row", 3) in codes


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("区教体局", "区教育和体育局", True),
        ("县卫健局", "县卫生健康局", True),
        ("县教育体育局", "县教育和体育局", True),
        ("区人社局", "区人防局", False),
        ("县妇联", "县总工会", False),
        ("县检察院", "高新区检察院", False),
        ("县委", "县委宣传部", False),
    ],
)
def test_it_knows_two_spellings_of_one_unit(first, second, same):
    assert same_unit(first, second) is same
