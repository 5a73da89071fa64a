"""Which project a row is about: by 序号 and 实事名称, the name deciding, on 桓台县's ten projects.

The uploading unit is 县教育体育局, on projects 1, 3, 4, 7, 9 and 10.
"""

from __future__ import annotations

import pytest

from shishi.documents.matching import BY_SEQ, BY_TITLE, EXACT, FUZZY, Candidate, match_rows
from shishi.documents.reading import FormRow

TITLES = {
    1: "实施优质教育资源扩容提质行动",
    2: "实施普惠托育服务多元供给行动",
    3: "实施儿童友好城市建设行动",
    4: "实施“心希望”健康服务行动",
    5: "实施适龄妇女“两癌”免费筛查和救助行动",
    6: "实施巾帼创业就业强基赋能行动",
    7: "实施家家幸福安康文明创建行动",
    8: "实施“文润童心”文化素养提升行动",
    9: "实施妇女儿童关爱品质提升行动",
    10: "实施妇幼健康全生命周期管理行动",
}
OURS = {1, 3, 4, 7, 9, 10}
CANDIDATES = [Candidate(100 + seq, seq, title, seq in OURS) for seq, title in TITLES.items()]


def row(seq_text: str, title: str, measures: str = "有内容", number: int = 1) -> FormRow:
    from shishi.documents.reading import parse_seq

    return FormRow(number, parse_seq(seq_text), seq_text, title, "", measures, "")


# (序号, 实事名称) → (matched project's 序号 or None, how, flagged)
EXAMPLES = [
    pytest.param("1", "实施优质教育资源扩容提质行动", 1, EXACT, False, id="exact"),
    pytest.param("4", '实施"心希望"健康服务行动', 4, EXACT, False, id="straight-quotes-for-curly"),
    pytest.param("４", "实施＂心希望＂ 健康服务行动", 4, EXACT, False, id="full-width-and-a-space"),
    pytest.param("", "实施儿童友好城市建设行动", 3, BY_TITLE, False, id="no-number"),
    pytest.param("8", "实施儿童友好城市建设行动", 3, BY_TITLE, True, id="number-disagrees-name-decides"),
    pytest.param("1", "优质教育资源扩容提质", 1, FUZZY, False, id="shortened-name"),
    pytest.param("7", "家家幸福安康文明创建", 7, FUZZY, False, id="frame-left-off"),
    pytest.param("", "实施妇幼健康全生命周期管理工程", 10, FUZZY, True, id="retyped-name-no-number"),
    pytest.param("3", "心希望健康服务", 4, FUZZY, True, id="shortened-name-wrong-number"),
    pytest.param("9", "妇女儿童关爱", 9, FUZZY, False, id="partial-name-right-number"),
    pytest.param("5", "两癌筛查", None, "", False, id="not-ours-with-text"),
    pytest.param("10", "妇幼保健", 10, FUZZY, False, id="near-name-right-number"),
    pytest.param("10", "", 10, BY_SEQ, True, id="number-only"),
    pytest.param("11", "开展“三八”维权周活动", None, "", False, id="unknown-project"),
    pytest.param("", "其他工作", None, "", False, id="unknown-name-no-number"),
]


@pytest.mark.parametrize("seq_text, title, expected_seq, how, flagged", EXAMPLES)
def test_it_matches_a_row(seq_text, title, expected_seq, how, flagged):
    result = match_rows([row(seq_text, title)], CANDIDATES)
    if expected_seq is None:
        assert not result.matched and len(result.unmatched) == 1
        assert result.unmatched[0].note
        return
    ((project_id, match),) = result.matched.items()
    assert (project_id - 100, match.how, match.flagged) == (expected_seq, how, flagged)
    assert not flagged or match.note


def test_a_row_of_another_units_project_is_listed_when_written_in_and_ignored_when_empty():
    rows = [row("2", TITLES[2], "配合摸排托育机构", 1), row("5", TITLES[5], "", 2)]
    result = match_rows(rows, CANDIDATES)
    assert [m.row.number for m in result.unmatched] == [1]
    assert "本单位不是第2项" in result.unmatched[0].note
    assert [m.row.number for m in result.ignored] == [2]


def test_two_rows_for_one_project_keep_the_surer_one_and_list_the_other():
    rows = [row("1", "扩容提质", "模糊的一行", 1), row("1", TITLES[1], "确切的一行", 2)]
    result = match_rows(rows, CANDIDATES)
    assert result.matched[101].row.number == 2
    assert [(m.row.number, "只采用第2行" in m.note) for m in result.unmatched] == [(1, True)]


def test_a_row_with_text_beats_an_empty_copy_of_the_same_project():
    rows = [row("1", TITLES[1], "", 1), row("1", TITLES[1], "写了内容", 2)]
    assert match_rows(rows, CANDIDATES).matched[101].row.measures == "写了内容"


def test_a_weak_name_is_taken_for_the_numbered_project_and_flagged():
    """两癌筛查 is too far from 适龄妇女“两癌”免费筛查和救助 to be found by name alone; the
    number says which project, the clerk is asked to check."""
    candidates = [Candidate(c.project_id, c.seq, c.title, True) for c in CANDIDATES]
    ((project_id, match),) = match_rows([row("5", "两癌筛查")], candidates).matched.items()
    assert (project_id, match.how, match.flagged) == (105, FUZZY, True)


def test_a_name_close_to_two_projects_is_not_guessed():
    candidates = [
        Candidate(1, 1, "实施儿童健康服务行动", True),
        Candidate(2, 2, "实施妇女健康服务行动", True),
        Candidate(3, 3, "实施家庭文明创建行动", True),
    ]
    result = match_rows([row("", "健康服务")], candidates)
    assert not result.matched and "无法确定" in result.unmatched[0].note


def test_an_empty_row_without_a_project_is_not_listed():
    assert match_rows([row("", "", "")], CANDIDATES).unmatched == []
