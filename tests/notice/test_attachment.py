"""The attached progress form in its three shapes: Word cells, tab rows and PDF lines."""

from shishi.notice.attachment import read_attachment

TITLES = ["实施优质教育资源扩容提质行动", "实施普惠托育服务多元供给行动"]
UNITS = ["县教育体育局", "县卫生健康局", "县总工会", "市住房公积金管理中心桓台分中心"]

WORD_CELLS = """ 附件

2023年为全县妇女儿童办实事工作进展情况报表

\t序号
\t实事名称
\t责任单位
\t本季度具体措施
及任务进度情况
\t完成时限

\t1
\t实施优质教育资源扩容
提质行动
\t县教育体育局
\t
\t

\t2
\t实施普惠托育服务多元
供给行动
\t县卫生健康局
县总工会
市住房公积金管理中心
桓台分中心
\t
\t
"""

TAB_ROWS = """附件
2023 年为全县妇女儿童办实事工作进展 情况报表
序号\t实事名称\t责任单位\t具体措施 及任务进度情况\t完成 时限
1\t实施优质教育资源扩容提质行动\t县教育体育局\t\t
2\t实施普惠托育服务多元供给行动\t县卫生健康局 县总工会 市住房公积金管理中心桓台分中心\t\t
"""

PDF_LINES = """ 附件

2023年为全县妇女儿童办实事工作进展情况报表

序号 实事名称 责任单位
本季度具体措施

及任务进度情况
完成时限

1
实施优质教育资源扩容

提质行动
县教育体育局

2 实施普惠托育服务多元供给行动
县卫生健康局

县总工会

市住房公积金管理中心

桓台分中心

抄送：县委各部门。
"""


def _rows(text):
    attachment = read_attachment(text.split("\n"), TITLES, UNITS)
    return attachment.title, [(row.seq, row.title, row.units) for row in attachment.rows]


EXPECTED = (
    "2023年为全县妇女儿童办实事工作进展情况报表",
    [
        (1, "实施优质教育资源扩容提质行动", ["县教育体育局"]),
        (2, "实施普惠托育服务多元供给行动", ["县卫生健康局", "县总工会", "市住房公积金管理中心桓台分中心"]),
    ],
)


def test_it_reads_word_cells_with_wrapped_titles_and_unit_names():
    assert _rows(WORD_CELLS) == EXPECTED


def test_it_reads_tab_separated_rows_with_units_separated_by_spaces():
    assert _rows(TAB_ROWS) == EXPECTED


def test_it_reads_pdf_lines():
    assert _rows(PDF_LINES) == EXPECTED


def test_a_title_unlike_the_body_is_still_read_up_to_its_units():
    text = "附件\n进展情况报表\n1\n开展美学\n教育活动\n县妇联\n县农业农村局\n"
    attachment = read_attachment(text.split("\n"), ["实施其他行动"], [])
    assert [(r.title, r.units) for r in attachment.rows] == [("开展美学教育活动", ["县妇联", "县农业农村局"])]


def test_a_group_of_units_stays_whole():
    text = "附件\n进展情况报表\n1\n实施优质教育资源扩增赋能行动\n教育和体育事业中心\n\n各街道、镇、中心\n"
    attachment = read_attachment(text.split("\n"), ["实施优质教育资源扩增赋能行动"], ["教育和体育事业中心"])
    assert attachment.rows[0].units == ["教育和体育事业中心", "各街道、镇、中心"]


def test_no_form_gives_none():
    assert read_attachment(["附件", ""], [], []) is None
