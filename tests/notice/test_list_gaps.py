"""Where a 民生实事 list is irregular: a category with nothing under it, numbering that jumps,
a table with several money columns. Each case is written by hand in real government wording and
read in every format a clerk uploads (tests/notice/minsheng.py makes them from the text)."""

from __future__ import annotations

import pytest

from shishi.notice import load_notice
from tests.notice.minsheng import variants_of

HEAD = [
    "青山县人民政府办公室",
    "关于下达2024年县级民生实事项目的通知",
    "青政办发〔2024〕8号",
    "",
    "各镇人民政府、街道办事处，县政府有关部门：",
    "经县十八届人大三次会议票决通过，现将2024年县级民生实事项目下达给你们，请认真组织实施。",
    "各牵头单位于每季度末5日前将进展情况报县政府办公室。",
    "",
    "附件",
    "2024年县级民生实事项目表",
]
CLOSING = ["各有关单位要认真组织实施，确保按期完成。", "", "青山县人民政府办公室", "2024年2月20日"]
TABLE_HEADER = "序号|项目名称|建设内容|年度投资（万元）|牵头单位|配合单位|完成时限"
ROWS = [
    "{n}|新建城南幼儿园|新建幼儿园1所，新增学位270个。|1200|县教育局|县财政局|2024年12月底",
    "{n}|实施课后服务提质工程|课后服务覆盖率达到100%。|300|县教育局|各镇（街道）|2024年9月底",
    "{n}|改造老旧小区|改造老旧小区12个，惠及居民3000户。|800|县住房城乡建设局|各街道|2024年11月底",
    "{n}|建设城市口袋公园|建设口袋公园8个。|600|县城市管理局|县自然资源局|2024年10月底",
]


def _table(*lines: str) -> str:
    """A notice whose attachment is the table `lines` (a row as ROWS writes it, or a category)."""
    return "\n".join(HEAD + [TABLE_HEADER, *lines] + CLOSING)


def _rows(*numbers: int) -> list[str]:
    return [ROWS[i % len(ROWS)].format(n=n) for i, n in enumerate(numbers)]


def _formats(text: str, name: str) -> list:
    return [pytest.param(text, fmt, id=f"{name}-{fmt}") for fmt in variants_of(text, name)]


_READ: dict[tuple[str, str], object] = {}


def _read(text: str, fmt: str):
    if (text, fmt) not in _READ:
        data, filename = variants_of(text, "case")[fmt]
        _READ[(text, fmt)] = load_notice(data, filename)
    return _READ[(text, fmt)]


def _warnings(notice, code: str) -> list[str]:
    return [w.message for w in notice.warnings if w.code == code]


# --- A category heading with no projects under it --------------------------------------------------

NUMBERED_CATEGORIES = "\n".join(
    [
        *HEAD[:6],
        "一、教育惠民领域",
        "1.新建城北幼儿园，新增学位360个。（牵头单位：县教育局；配合单位：县财政局）",
        "2.实施中小学校课后服务提质工程，课后服务覆盖率达到100%。（牵头单位：县教育局）",
        "二、医疗健康领域",
        "三、民生保障领域",
        "1.改造农村困难群众危房150户。（牵头单位：县住房城乡建设局；配合单位：各镇（街道））",
        "2.建设城市社区嵌入式养老服务中心5处。（牵头单位：县民政局）",
        *CLOSING,
    ]
)

EXAMPLES_EMPTY_CATEGORY = [
    *_formats(
        _table("一、教育惠民", *_rows(1, 2), "二、医疗健康", "三、民生保障", *_rows(3, 4)), "table-one-empty"
    ),
    *_formats(
        _table("一、教育惠民", *_rows(1, 2), "二、医疗健康", "三、文化体育", "四、民生保障", *_rows(3, 4)),
        "table-two-empty",
    ),
    *_formats(NUMBERED_CATEGORIES, "numbered-one-empty"),
]
EXPECTED_EMPTY = {
    "table-one-empty": (["医疗健康"], ["教育惠民", "教育惠民", "民生保障", "民生保障"]),
    "table-two-empty": (["医疗健康", "文化体育"], ["教育惠民", "教育惠民", "民生保障", "民生保障"]),
    "numbered-one-empty": (
        ["医疗健康领域"],
        ["教育惠民领域", "教育惠民领域", "民生保障领域", "民生保障领域"],
    ),
}


@pytest.mark.parametrize("text, fmt", EXAMPLES_EMPTY_CATEGORY)
def test_a_category_with_no_projects_under_it_is_warned_about(request, text, fmt):
    empty, categories = EXPECTED_EMPTY[request.node.callspec.id.rsplit("-", 1)[0].removesuffix("-txt")]
    notice = _read(text, fmt)
    assert [p.category for p in notice.projects] == categories
    messages = _warnings(notice, "empty-category")
    assert len(messages) == len(empty)
    for name, message in zip(empty, messages):
        assert f"类别“{name}”下没有实事项目" in message


@pytest.mark.parametrize(
    "text, fmt",
    [
        *_formats(
            _table("一、教育惠民", *_rows(1, 2), "二、民生保障", *_rows(3, 4)), "table-every-category-used"
        ),
        *_formats(
            NUMBERED_CATEGORIES.replace("二、医疗健康领域\n三、民生保障领域", "二、民生保障领域"),
            "numbered-every-category-used",
        ),
    ],
)
def test_a_category_with_projects_is_not_warned_about(text, fmt):
    notice = _read(text, fmt)
    assert len(notice.projects) == 4 and not _warnings(notice, "empty-category")


# --- Numbering that jumps --------------------------------------------------------------------------

_ITEMS = [
    "新建城南幼儿园，新增学位270个。（责任单位：县教育局）",
    "改造老旧小区12个，惠及居民3000户。（牵头单位：县住房城乡建设局；配合单位：各街道）",
    "为1.2万名适龄妇女免费开展“两癌”筛查。（牵头单位：县卫生健康局；配合单位：县妇联）",
    "新增城区公共停车泊位800个。（责任单位：县公安局交警大队、县城市管理局）",
    "建设城市口袋公园8个。（责任单位：县城市管理局）",
    "新建改造农村公路30公里。（责任单位：县交通运输局）",
    "建设社区嵌入式养老服务中心5处。（牵头单位：县民政局；配合单位：各镇（街道））",
    "新建城市书房3处。（责任单位：县文化和旅游局）",
]
_CN = "一二三四五六七八九十"


def _numbered(numbers: list[int], marker, tail: list[str] = ()) -> str:
    items = [f"{marker(n)}{_ITEMS[i % len(_ITEMS)]}" for i, n in enumerate(numbers)]
    return "\n".join([*HEAD[:5], "现将有关事项通知如下：", *items, *tail, *CLOSING])


def _numeral(n: int) -> str:
    return f"{_CN[n - 1]}、"


def _arabic(n: int) -> str:
    return f"{n}."


EXAMPLES_GAPS = [
    # (text, seqs read, gap warnings)
    pytest.param(
        _numbered([1, 2, 3, 4, 5, 6, 9, 10], _numeral),
        [1, 2, 3, 4, 5, 6, 9, 10],
        ["序号从6跳到9。"],
        id="一、… 六、 then 九、 with units brackets",
    ),
    pytest.param(
        _numbered([1, 2, 3, 4, 7, 8], _arabic),
        [1, 2, 3, 4, 7, 8],
        ["序号从4跳到7。"],
        id="1. … 4. then 7. with units brackets",
    ),
    pytest.param(
        _numbered([1, 2, 3, 5, 6], _arabic),
        [1, 2, 3, 5, 6],
        ["序号从3跳到5。"],
        id="a lost numeral (3 then 5), as before",
    ),
    pytest.param(
        _numbered([1, 2, 3, 4, 5, 6], _numeral, ["九、工作要求。各单位要加强领导，确保按期完成。"]),
        [1, 2, 3, 4, 5, 6],
        [],
        id="a later section of another shape still ends the list",
    ),
]


@pytest.mark.parametrize("text, seqs, gaps", EXAMPLES_GAPS)
@pytest.mark.parametrize("fmt", ["txt", "docx", "html", "pdf"])
def test_numbering_that_jumps_does_not_end_a_list_of_the_same_shape(text, seqs, gaps, fmt):
    notice = _read(text, fmt)
    assert [p.seq for p in notice.projects] == seqs
    assert all(p.units for p in notice.projects)
    assert _warnings(notice, "numbering-gap") == gaps
    assert not any("九、工作要求" in p.body or "各单位要" in p.body for p in notice.projects)


# --- Several money columns -------------------------------------------------------------------------


def _money_table(header: str, *rows: str) -> str:
    return "\n".join(HEAD + [header, *rows] + CLOSING)


MONEY_TABLES = {  # name → (text, investment per project in 万元)
    "总投资 then 年度投资": (
        _money_table(
            "序号|项目名称|建设内容|总投资（万元）|年度投资（万元）|牵头单位|完成时限",
            "1|新建城南幼儿园|新建幼儿园1所，新增学位270个。|5000|1200|县教育局|2024年12月底",
            "2|改造老旧小区|改造老旧小区12个。|2600|800|县住房城乡建设局|2024年11月底",
        ),
        [1200, 800],
    ),
    "本年计划投资 in 亿元 before 总投资": (
        _money_table(
            "序号|项目名称|建设内容|本年计划投资（亿元）|总投资（亿元）|责任单位",
            "1|新建城南幼儿园|新建幼儿园1所，新增学位270个。|0.12|0.5|县教育局",
            "2|改造老旧小区|改造老旧小区12个。|0.08|0.26|县住房城乡建设局",
        ),
        [1200, 800],
    ),
    "当年投资 with the unit in the cell": (
        _money_table(
            "序号|项目名称|建设内容|计划总投资|当年投资|责任单位",
            "1|新建城南幼儿园|新建幼儿园1所，新增学位270个。|5000万元|1200万元|县教育局",
            "2|改造老旧小区|改造老旧小区12个。|2.6亿元|1.2亿元|县住房城乡建设局",
        ),
        [1200, 12000],
    ),
    "2024年投资 beside 总投资": (
        _money_table(
            "序号|项目名称|建设内容|总投资（万元）|2024年投资（万元）|责任单位",
            "1|新建城南幼儿园|新建幼儿园1所，新增学位270个。|5000|1200|县教育局",
            "2|改造老旧小区|改造老旧小区12个。|2600|800|县住房城乡建设局",
        ),
        [1200, 800],
    ),
    "one money column, 总投资": (
        _money_table(
            "序号|项目名称|建设内容|总投资（万元）|责任单位",
            "1|新建城南幼儿园|新建幼儿园1所，新增学位270个。|5000|县教育局",
            "2|改造老旧小区|改造老旧小区12个。|2600|县住房城乡建设局",
        ),
        [5000, 2600],
    ),
}
EXAMPLES_MONEY = [
    pytest.param(text, fmt, investments, id=f"{name}-{fmt}")
    for name, (text, investments) in MONEY_TABLES.items()
    for fmt in ("txt-pipes", "txt-cells", "docx", "html", "pdf")
]


@pytest.mark.parametrize("text, fmt, investments", EXAMPLES_MONEY)
def test_the_annual_money_column_is_the_investment_not_the_sum(text, fmt, investments):
    notice = _read(text, fmt)
    assert notice.list_source == "table"
    assert [p.investment for p in notice.projects] == investments
