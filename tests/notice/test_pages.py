"""Pages that are not the official notice but carry its list: reprints, interpretations,
news reports (1. / 一是 / 第一件 / ；), traditional-character mirrors, other cities' brackets."""

from pathlib import Path

import pytest

from shishi.notice import parse_notice

PAGES = Path(__file__).parent / "pages"


def _read(name):
    return parse_notice((PAGES / name).read_text(encoding="utf-8"))


# page, titles, units per project (None: not checked), year, region
CASES = [
    (
        "news-reprint.txt",
        ["实施优质教育资源扩容提质行动", "实施普惠托育服务多元供给行动", "实施儿童友好城市建设行动"],
        [["县教育体育局"], ["县卫生健康局", "县总工会"], ["县妇联", "县教育体育局"]],
        2023,
        "桓台县",
    ),
    (
        "interpretation.txt",
        [
            "推进巾帼就业创业创新",
            "实施“爱心妈妈”关爱行动",
            "实施家庭品质提升工程",
            "实施孤困境儿童生活救助活动",
        ],
        [[], [], [], []],
        2024,
        None,
    ),
    (
        "interpretation-zichuan-2025.txt",
        [
            "支持妇女就业创业",
            "优化教育资源布局",
            "加强女性健康保障",
            "关爱困难儿童群体",
            "深化“爱心妈妈”结对关爱",
        ],
        [[], [], [], [], []],
        2025,
        "淄川区",
    ),
    (
        "interpretation-enumeration.txt",
        [
            "开展0-6岁儿童孤独症筛查",
            "开展适龄妇女“两癌”免费筛查和低收入“两癌”妇女救助",
            "开展妇女儿童体质监测",
            "扩增基础教育学位资源",
            "实施事实无人抚养儿童助学工程",
            "开展巾帼就业创业服务活动",
            "维护农村集体产权制度改革中妇女合法权益",
            "开展残疾儿童康复救助",
            "落实“两令”制度",
            "实施“青鸟计划,共创未来”大学生实践关爱项目",
        ],
        None,
        2023,
        "河东区",
    ),
    (
        "news-yishi.txt",
        [
            "推进巾帼就业创业创新",
            "实施“爱心妈妈”关爱行动",
            "实施家庭品质提升工程",
            "实施孤困境儿童生活救助活动",
            "免费实施孕前优生健康和“两癌”检查",
        ],
        None,
        2024,
        "淄川区",
    ),
    (
        "news-diyijian.txt",
        [
            "实施教育资源扩增优化工程",
            "实施巾帼促就业计划",
            "实施适龄妇女“两癌”免费筛查和救助行动",
            "实施家庭教育指导服务行动",
        ],
        None,
        2024,
        "高青县",
    ),
    (
        "news-semicolon.txt",
        [
            "新建改扩建幼儿园10所",
            "新增普惠托位2000个",
            "为3万名适龄妇女免费开展“两癌”筛查",
            "建设城市书房15处",
            "发放困境儿童基本生活费800万元",
        ],
        None,
        2025,
        None,
    ),
    (
        "mirror-traditional.txt",
        [
            "实施优质教育资源扩容提质行动",
            "实施适龄妇女“两癌”免费筛查和救助行动",
            "实施“希望小屋”儿童关爱项目",
        ],
        [["县教育体育局"], ["县卫生健康局", "县妇联", "县财政局"], ["团县委"]],
        2023,
        None,
    ),
    (
        "flattened-web-page.txt",
        [
            "开展0-6岁儿童孤独症筛查",
            "开展适龄妇女“两癌”免费筛查和低收入“两癌”妇女救助",
            "开展妇女儿童体质监测",
            "加强孤困儿童关爱帮扶,持续深化“孤困儿童关爱一包到底”",
            "实施儿童友好城市建设",
        ],
        [
            ["县卫生健康局", "各乡镇人民政府", "费城街道办事处"],
            [
                "县卫生健康局",
                "县妇联",
                "县委宣传部",
                "县发改局",
                "县公安局",
                "县民政局",
                "县财政局",
                "县农业农村局",
                "县医保局",
            ],
            ["县体育中心"],
            ["县民政局"],
            ["县妇联", "县住建局"],
        ],
        2024,
        "费县",
    ),
    (
        "minsheng-changzhou.txt",
        ["“常有善育”工程", "“常有优学”工程", "“常有健康”工程", "“常有颐养”工程", "就业创业促进工程"],
        None,
        2024,
        "常州市",
    ),
    (
        "minsheng-nanjing.txt",
        [
            "组织线上线下招聘会",
            "做好25家南京青年人才驿站建设运营",
            "帮扶退役军人就业创业不少于1000人次",
            "建成就业服务站45家",
            "向新入工会的新就业形态劳动者赠送“宁工享”医疗互助保障项目",
            "新建8个交通“宁小蜂驿站”",
        ],
        None,
        2024,
        None,
    ),
    ("minsheng-zhejiang.txt", ["医疗卫生", "教育助学", "养老帮困", "关爱儿童", "就业创业"], None, 2024, None),
    (
        "lead-units.txt",
        [
            "新建城市书房10处",
            "新增普惠托位2000个",
            "为3万名适龄妇女免费开展“两癌”筛查",
            "培训家政服务人员2000人次",
        ],
        [
            ["市文化和旅游局", "市教育局", "各区县人民政府", "市财政局"],
            ["市卫生健康委", "市发展改革委", "市财政局"],
            ["市卫生健康委", "市妇联", "市财政局"],
            ["市人力资源社会保障局", "市商务局", "市妇联"],
        ],
        2025,
        "某某市",
    ),
]


@pytest.mark.parametrize("page, titles, units, year, region", CASES, ids=[c[0] for c in CASES])
def test_it_reads_the_list_of_projects_from_the_page(page, titles, units, year, region):
    notice = _read(page)
    assert [p.title for p in notice.projects] == titles
    assert [p.seq for p in notice.projects] == list(range(1, len(titles) + 1))
    if units is not None:
        assert [p.units for p in notice.projects] == units
    assert (notice.year, notice.region) == (year, region)


def test_the_teaser_list_above_a_reprinted_notice_is_not_taken_for_the_projects():
    notice = _read("news-reprint.txt")
    assert notice.doc_number == "桓政办字〔2023〕9号"
    assert notice.reporting.frequency == "quarterly"


def test_leads_named_apart_are_the_lead_units():
    notice = _read("lead-units.txt")
    assert [p.lead_units for p in notice.projects] == [
        ["市文化和旅游局", "市教育局"],
        ["市卫生健康委"],
        ["市卫生健康委"],
        ["市人力资源社会保障局"],
    ]
    assert notice.reporting.deadline == "2025-11-30"
    assert notice.reporting.supervision is True
    assert notice.issued_on == "2025-02-18"


def test_a_page_that_lost_its_line_breaks_is_cut_back_into_paragraphs():
    """A county site (modelled on 费县's 2024 page) prints the whole notice on one line with
    its layout table flattened to pipes; leads are named apart in ASCII brackets."""
    notice = _read("flattened-web-page.txt")
    assert (notice.issuer, notice.title) == (
        "费县人民政府办公室",
        "关于印发费县2024年关爱妇女儿童十件实事工作方案的通知",
    )
    assert (notice.doc_number, notice.issued_on) == ("费政办字〔2024〕6号", "2024-04-29")
    assert notice.addressees == "各乡镇(街道)人民政府(办事处),县政府各部门、单位,重点企业"
    assert notice.projects[1].lead_units == ["县卫生健康局", "县妇联"]
    assert [(t.value, t.unit) for t in notice.projects[0].targets] == [(30000, "名"), (60, "%")]


def test_a_heading_over_its_paragraph_keeps_the_paragraphs_commitments():
    notice = _read("minsheng-zhejiang.txt")
    assert notice.projects[4].body.startswith("就业创业。新增残疾人就业1万人以上")
    assert (10000, "人") in [(t.value, t.unit) for t in notice.projects[4].targets]


def test_category_headings_between_items_are_not_part_of_an_item():
    notice = _read("minsheng-nanjing.txt")
    assert "关爱新就业形态群体" not in notice.projects[3].body


def test_a_traditional_mirror_is_read_in_simplified_characters():
    notice = _read("mirror-traditional.txt")
    assert notice.title == "关于2023年为全县妇女儿童办实事的通知"
    assert notice.reporting.to == "县妇儿工委办公室"
