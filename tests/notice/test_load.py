"""read_text(): whatever file a clerk uploads, the notice's text comes back — or a
NoticeError that tells the clerk, in Chinese, what to upload instead."""

from __future__ import annotations

import io
import random
import re
import shutil
import sys
import time
import zipfile
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shishi.notice.errors import NoticeError
from shishi.notice.load import read_text
from shishi.notice.load_pdf import Line, strip_running_lines
from tests.notice.documents import (
    PDF_HEADER,
    SAMPLES,
    docx_with_body_xml,
    make_docx,
    make_encrypted_pdf,
    make_html,
    make_pdf,
    make_scanned_pdf,
    make_text_pdf,
    sample,
    split_notice,
)

NAMES = sorted(path.name for path in SAMPLES.glob("*.txt"))
# The samples that are Word's own text export (TAB per cell), or have no form at all.
WORD_EXPORTS = [name for name in NAMES if name != "zichuan-2024.txt"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def without_bookmarks(text: str) -> str:
    return re.sub(r"(?m)^\[bookmark: [^\]]+\]", "", text)


def missing_lines(expected: str, actual: str) -> list[str]:
    """Lines of `expected` not found, in order, in `actual` (whitespace ignored: PDFs wrap)."""
    haystack, position, missing = squeeze(actual), 0, []
    for line in without_bookmarks(expected).split("\n"):
        needle = squeeze(line)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(needle)
    return missing


def form_rows(text: str) -> list[list[str]]:
    """The attachment form as rows of cells, each cell's non-empty paragraphs squeezed together."""
    return [
        ["|".join(squeeze(p) for p in cell if p.strip()) for cell in row] for row in split_notice(text).rows
    ]


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr("shishi.notice.load_legacy.shutil.which", lambda name: None)


# --- plain text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_a_text_file_as_it_is(name):
    assert read_text(SAMPLES / name) == sample(name)


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM (Notepad)": lambda text: text.encode("utf-8-sig"),
    "utf-16 with BOM (Notepad's Unicode)": lambda text: text.encode("utf-16"),
    "utf-16-be with BOM": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk (Notepad's ANSI)": lambda text: text.encode("gbk"),
    "utf-8 with CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "gbk with CRLF": lambda text: text.replace("\n", "\r\n").encode("gbk"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", NAMES)
def test_it_decodes_every_encoding_offices_save_text_in(name, encoding):
    text = sample(name)
    assert read_text(ENCODINGS[encoding](text), filename="通知.txt") == text


def test_it_reads_gb2312_text():
    text = (
        "关于2024年为全区妇女儿童办好十件实事的通知\n一、推进巾帼就业创业创新。（责任单位：区人社局、区妇联）"
    )
    assert read_text(text.encode("gb2312")) == text


def test_it_reads_utf16_without_a_bom():
    text = "关于2024年为全区妇女儿童办实事的通知\nAttachment 1"
    assert read_text(text.encode("utf-16-le"), "a.txt") == text


def test_it_reads_a_utf8_file_cut_off_in_the_middle_of_a_character():
    data = sample("huantai-2023.txt").encode("utf-8")[:-2]
    assert read_text(data, "a.txt").startswith("\n桓台县人民政府办公室")


@pytest.mark.parametrize(
    "ending", ["\r\n", "\r", "\u2028", "\f"], ids=["CRLF", "CR", "LINE SEPARATOR", "FORM FEED"]
)
def test_it_ends_every_line_with_a_newline(ending):
    assert read_text(f"一、第一行{ending}二、第二行".encode(), "a.txt") == "一、第一行\n二、第二行"


def test_it_treats_an_unknown_extension_with_text_in_it_as_text():
    assert read_text("关于办实事的通知".encode("gbk"), "notice.dat") == "关于办实事的通知"


def test_it_reads_a_path_given_as_a_string(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_bytes("关于办实事的通知".encode("gbk"))
    assert read_text(str(path)) == "关于办实事的通知"


# --- Word ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", WORD_EXPORTS)
def test_it_reads_a_word_document_back_exactly_as_words_text_export(name):
    text = sample(name)
    assert read_text(make_docx(text), "通知.docx") == without_bookmarks(text)


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_the_attachment_form_of_a_word_document_as_table_rows(name):
    text = sample(name)
    result = read_text(make_docx(text))
    assert form_rows(result) == form_rows(text)
    assert missing_lines(text, result) == []


def test_it_renders_a_tab_separated_form_as_one_cell_per_line():
    result = read_text(make_docx(sample("zichuan-2024.txt")))
    assert "\t1\n\t推进巾帼就业创业创新\n\t区人社局\n区妇联\n\t\n\t\n\n\t2\n" in result


def test_it_reads_merged_cells_once():
    text = (
        "附件\n"
        "\t序号\n\t实事名称\n\t责任单位\n\t完成时限\n\n"
        "\t1\n\t实施甲项目\n\t县妇联\n\t\n\n"
        "\t2\n\t实施乙项目\n\t县教育局\n县财政局\n\t\n\n"
        "\t3\n\t实施丙项目\n\t团县委\n\t\n\n"
        "\n抄送：县委各部门"
    )
    assert read_text(make_docx(text, merge=True)) == (
        "附件\n"
        "\t序号\n\t实事名称\n\t责任单位\n\t完成时限\n\n"
        "\t1\n\t实施甲项目\n\t县妇联\n\t年底前\n\n"
        "\t2\n\t实施乙项目\n\t县教育局\n县财政局\n\t\n\n"
        "\t3\n\t实施丙项目\n\t团县委\n\t\n\n"
        "\t注：各责任单位于每季度末报送本表。\n\n"
        "\n抄送：县委各部门"
    )


def test_it_reads_a_sample_with_merged_cells_without_repeating_them():
    result = read_text(make_docx(sample("huantai-2023.txt"), merge=True))
    assert result.count("年底前") == 1
    assert result.count("注：各责任单位于每季度末报送本表。") == 1


def test_it_keeps_paragraphs_and_tables_in_document_order():
    text = "一、正文第一段\n附件\n\t序号\n\t实事名称\n\n\t1\n\t实施甲项目\n\n\n抄送：县委各部门"
    assert read_text(make_docx(text)) == text


def test_it_does_not_read_the_page_footer_into_the_text():
    assert "— 1 —" not in read_text(make_docx(sample("gaoqing-2021.txt")))


W_RUN = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param(
            '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/>'
            + W_RUN.format("九、实施关爱行动。")
            + '<w:bookmarkEnd w:id="0"/></w:p>',
            "九、实施关爱行动。",
            id="bookmark",
        ),
        pytest.param(
            "<w:p>"
            + W_RUN.format("联系人：齐冬梅")
            + "<w:r><w:tab/><w:t>联系电话</w:t><w:br/><w:t>5181763</w:t></w:r></w:p>",
            "联系人：齐冬梅\t联系电话\n5181763",
            id="tab and line break",
        ),
        pytest.param(
            "<w:sdt><w:sdtPr/><w:sdtContent><w:p>"
            + W_RUN.format("（此件公开发布）")
            + "</w:p></w:sdtContent></w:sdt>",
            "（此件公开发布）",
            id="block content control",
        ),
        pytest.param(
            "<w:p>"
            + W_RUN.format("填报单位：")
            + "<w:sdt><w:sdtContent>"
            + W_RUN.format("县妇联")
            + "</w:sdtContent></w:sdt></w:p>",
            "填报单位：县妇联",
            id="inline content control",
        ),
        pytest.param(
            "<w:p>"
            + W_RUN.format("（责任单位：县妇联")
            + "<w:del><w:r><w:delText>、县财政局</w:delText></w:r></w:del>"
            "<w:ins>" + W_RUN.format("、县民政局") + "</w:ins>" + W_RUN.format("）") + "</w:p>",
            "（责任单位：县妇联、县民政局）",
            id="tracked changes",
        ),
        pytest.param(
            "<w:p>"
            + W_RUN.format("第")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + W_RUN.format("2")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + W_RUN.format("页")
            + "</w:p>",
            "第2页",
            id="field shows its result, not its code",
        ),
        pytest.param(
            "<w:p>" + W_RUN.format("正文") + "<w:r><mc:AlternateContent>"
            '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p>'
            + W_RUN.format("文本框里的字")
            + "</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
            "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p>"
            + W_RUN.format("文本框里的字")
            + "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>",
            "正文\n文本框里的字",
            id="text box read once, not twice",
        ),
        pytest.param(
            "<w:p>"
            + W_RUN.format("签发")
            + '<w:hyperlink r:id="rId99" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships">' + W_RUN.format("人民网") + "</w:hyperlink></w:p>",
            "签发人民网",
            id="hyperlink",
        ),
    ],
)
def test_it_reads_the_text_inside_word_markup(body, expected):
    assert read_text(docx_with_body_xml(body)) == expected


CHINESE_LIST = """
<w:abstractNum w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
"""


def _numbered(text: str, level: int = 0) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr></w:pPr>'
        + W_RUN.format(text)
        + "</w:p>"
    )


def test_it_writes_out_word_list_numbers_that_are_not_in_the_text():
    # The gaoxinqu sample lost 六、 and 十、 this way in its text export.
    body = "".join(
        [
            _numbered("实施优质教育资源扩增赋能行动。"),
            _numbered("实施普惠托育服务提质扩容行动。"),
            _numbered("新建幼儿园", level=1),
            _numbered("实施儿童友好城市建设行动。"),
            "<w:p>" + W_RUN.format("（责任单位：组织人事部）") + "</w:p>",
        ]
    )
    assert read_text(docx_with_body_xml(body, CHINESE_LIST)) == (
        "一、实施优质教育资源扩增赋能行动。\n二、实施普惠托育服务提质扩容行动。\n（一）新建幼儿园\n"
        "三、实施儿童友好城市建设行动。\n（责任单位：组织人事部）"
    )


def test_it_counts_list_numbers_past_ten():
    body = "".join(_numbered(f"第{i}项") for i in range(1, 13))
    lines = read_text(docx_with_body_xml(body, CHINESE_LIST)).split("\n")
    assert lines[9:] == ["十、第10项", "十一、第11项", "十二、第12项"]


# --- PDF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_every_line_of_a_pdf(name):
    text = sample(name)
    result = read_text(make_pdf(text), "通知.pdf")
    assert missing_lines(text, result) == []
    assert "\r" not in result


@pytest.mark.parametrize("name", NAMES)
def test_it_drops_the_running_header_and_the_page_numbers_of_a_pdf(name):
    result = read_text(make_pdf(sample(name)))
    assert PDF_HEADER not in result
    assert not re.search(r"— \d+ —", result)


def test_it_keeps_the_wrapped_lines_of_a_pdf_as_they_are():
    result = read_text(make_pdf(sample("huantai-2023.txt")))
    assert "为深入贯彻落实党的二十大精神和习近平总书记关于妇女儿童工\n作的重要论述" in result


BODY = [
    "一、实施优质教育资源扩容提质行动。",
    "实施“强镇筑基”行动，优化教育资源布局，",
    "新改扩建幼儿园6所、中小学4所，",
    "二、实施普惠托育服务多元供给行动。",
    "落实普惠托育服务机构建设补贴，",
    "（责任单位：县卫生健康局）",
]


def _pages(*edges: tuple[str, str]) -> list[list[Line]]:
    """Pages with the given top and bottom lines around six lines of body text, positioned top to bottom."""
    pages = []
    for n, (top, bottom) in enumerate(edges):
        texts = [top, *[f"{line}（第{'一二三四五六七八九'[n]}页）" for line in BODY], bottom]
        pages.append([Line(text, 800 - 100 * i) for i, text in enumerate(texts)])
    return pages


def _texts(pages: list[list[Line]]) -> list[list[str]]:
    return [[line.text for line in page] for page in pages]


@pytest.mark.parametrize(
    "footers",
    [
        pytest.param(["— 1 —", "— 2 —", "— 3 —"], id="— 1 — (GB/T 9704)"),
        pytest.param(["- 1 -", "- 2 -", "- 3 -"], id="- 1 -"),
        pytest.param(["－1－", "－2－", "－3－"], id="full-width dashes"),
        pytest.param(["第1页 共3页", "第2页 共3页", "第3页 共3页"], id="第1页 共3页"),
        pytest.param(["第 1 页", "第 2 页", "第 3 页"], id="第 1 页"),
        pytest.param(["1/3", "2/3", "3/3"], id="1/3"),
        pytest.param(["1", "2", "3"], id="lone number"),
        pytest.param(["3", "4", "5"], id="lone number of a document starting on page 3"),
        pytest.param(["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"], id="Page 1 of 3"),
    ],
)
def test_it_recognises_page_numbers(footers):
    tops = ["各有关单位：", "为进一步推动全县妇女儿童事业健康发展，", "现将有关事项通知如下。"]
    pages = _pages(*zip(tops, footers))
    assert _texts(strip_running_lines(pages)) == [page[:-1] for page in _texts(pages)]


def test_it_drops_a_header_repeated_on_most_pages_even_with_a_page_number_in_it():
    pages = _pages(*[(f"高青县人民政府公报 第{i}期", f"— {i} —") for i in range(1, 6)])
    assert _texts(strip_running_lines(pages)) == [page[1:-1] for page in _texts(pages)]


def test_it_finds_the_footer_by_its_position_not_by_its_place_in_the_text():
    pages = [
        [Line("— 1 —", 50), Line("正文第一行", 700), Line("正文第二行", 672)],
        [Line("— 2 —", 50), Line("正文第三行", 700), Line("正文第四行", 672)],
    ]
    assert _texts(strip_running_lines(pages)) == [["正文第一行", "正文第二行"], ["正文第三行", "正文第四行"]]


@pytest.mark.parametrize(
    "pages",
    [
        pytest.param(
            [["序号 实事名称", "1", "实施甲项目"], ["9", "实施乙项目", "10"]],
            id="table numbers at page edges",
        ),
        pytest.param(
            [
                ["附件", "一、实施甲项目。"],
                ["附件", "二、实施乙项目。"],
                ["关于", "三、实施丙项目。"],
                ["其他", "四、实施丁项目。"],
                ["另行", "五、实施戊项目。"],
            ],
            id="a line at the top of only 2 of 5 pages",
        ),
        pytest.param([["一、实施甲项目。", "（责任单位：县妇联）"]], id="single page"),
    ],
)
def test_it_keeps_lines_that_only_look_like_page_furniture(pages):
    positioned = [[Line(text, 800 - 30 * i) for i, text in enumerate(page)] for page in pages]
    assert _texts(strip_running_lines(positioned)) == pages


def test_it_reads_a_pdf_whose_footers_say_page_x_of_y():
    pages = ["\n".join(BODY[i : i + 3]) + f"\n第 {i + 1} 页 共 3 页" for i in range(3)]
    result = read_text(make_text_pdf(pages))
    assert result.split("\n") == BODY[0:3] + BODY[1:4] + BODY[2:5]


# --- web pages -----------------------------------------------------------------------------------

PAGE_FURNITURE = [
    "当前位置",
    "首页",
    "政务服务",
    "请输入关键字",
    "最新动态",
    "2022年",
    "巾帼心向党",
    "发布时间",
    "浏览次数",
    "打印本页",
    "关闭窗口",
    "字体",
    "分享到",
    "微博",
    "版权所有",
    "ICP",
    "联系我们",
    "网站标识码",
    "统计代码",
    "_hmt",
    "font-family",
    "相关新闻",
    "淄博新闻网",
]


@pytest.mark.parametrize("encoding", ["utf-8", "gb2312", "gbk"])
@pytest.mark.parametrize("name", NAMES)
def test_it_reads_the_notice_out_of_a_government_page(name, encoding):
    text = sample(name)
    result = read_text(make_html(text, "gov", encoding), "content_123.shtml")
    assert squeeze(result) == squeeze(without_bookmarks(text)) or missing_lines(text, result) == []
    assert form_rows(result) == form_rows(text)
    assert [word for word in PAGE_FURNITURE if word in result] == []


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_a_news_page_that_reprints_the_notice(name):
    text = sample(name)
    result = read_text(make_html(text, "news"))
    assert result.startswith("重磅！今年的妇女儿童实事来了\n")
    assert missing_lines(text, result) == []
    assert [word for word in PAGE_FURNITURE if word in result] == []


@pytest.mark.parametrize("name", NAMES)
def test_it_finds_the_article_on_a_portal_laid_out_with_tables(name):
    text = sample(name)
    result = read_text(make_html(text, "tables", "gbk"), "index.htm")
    assert missing_lines(text, result) == []
    assert form_rows(result) == form_rows(text)
    assert [
        word for word in ["欢迎您", "县情概况", "热点新闻", "发布时间", "版权所有"] if word in result
    ] == []


def test_it_reads_a_single_file_web_page():
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = MIMEMultipart("related")
    page.attach(
        MIMEText(
            "<html><body><p>关于为妇女儿童办实事的通知</p><p>一、实施甲项目。</p></body></html>",
            "html",
            "gb2312",
        )
    )
    assert read_text(page.as_bytes(), "通知.mht") == "关于为妇女儿童办实事的通知\n一、实施甲项目。"


def test_it_keeps_the_line_structure_of_a_page():
    result = read_text(make_html(sample("huantai-2023.txt")))
    lines = result.split("\n")
    assert (
        "一、实施优质教育资源扩容提质行动。实施“强镇筑基”行动，优化教育资源布局，新改扩建幼儿园6所、中小学4所、中职学校1所，"
        "拓展学位3800个以上，推进教育优质均衡发展，提高教育基本公共服务能力水平。（责任单位：县教育体育局）"
        in lines
    )


def test_it_puts_the_headline_first_when_the_article_does_not_start_with_it():
    page = """<html><head><meta charset="utf-8">\
<title>关于2024年为全区妇女儿童办实事的通知_淄川区人民政府</title></head>
    <body><div class="nav"><a href="/">首页</a></div><h1>淄川区人民政府</h1>
    <div class="title"><h2>关于2024年为全区妇女儿童办实事的通知</h2></div>
    <div class="TRS_Editor"><p>各镇人民政府，各街道办事处：</p>\
<p>一、推进巾帼就业创业创新。（责任单位：区人社局）</p></div>
    </body></html>"""
    assert read_text(page.encode("utf-8"), "a.html").split("\n") == [
        "关于2024年为全区妇女儿童办实事的通知",
        "各镇人民政府，各街道办事处：",
        "一、推进巾帼就业创业创新。（责任单位：区人社局）",
    ]


def test_it_collapses_nbsp_and_full_width_spaces_inside_a_line():
    page = (
        "<html><body><div id='zoom'><p>&nbsp;&nbsp;　　单位：（盖章）"
        "&nbsp;&nbsp;&nbsp;　　填报时间：　年　月　日&nbsp;</p>"
        "<p>一、推进巾帼就业创业创新。</p></div></body></html>"
    )
    assert read_text(page.encode("utf-8")) == "单位：（盖章） 填报时间： 年 月 日\n一、推进巾帼就业创业创新。"


def test_it_joins_chinese_text_broken_across_lines_of_the_html_source():
    page = "<html><body><p>为进一步推动全区妇女\n    儿童事业健康发展，经区政府研究决定</p></body></html>"
    assert read_text(page.encode("utf-8")) == "为进一步推动全区妇女儿童事业健康发展，经区政府研究决定"


def test_it_decodes_a_page_by_its_meta_charset_even_when_the_name_says_nothing():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>关于为妇女儿童办实事的通知</p></body></html>"
    )
    assert read_text(page.encode("gb18030")) == "关于为妇女儿童办实事的通知"


def test_it_reads_a_web_page_saved_under_a_doc_name():
    page = "<html><body><p>关于为妇女儿童办实事的通知</p><p>一、实施甲项目。</p></body></html>"
    assert read_text(page.encode("utf-8"), "通知.doc") == "关于为妇女儿童办实事的通知\n一、实施甲项目。"


MALFORMED = {
    "unclosed tags": (
        b"<html><body><div><p>\xe4\xb8\x80\xe3\x80\x81\xe5\xae\x9e\xe6\x96\xbd<p><table><tr><td>1<td>"
    ),
    "stray closing tags": "</div></p><p>一、实施甲项目。</td></tr></table></body>".encode(),
    "truncated in a tag": make_html("一、实施甲项目。\n二、实施乙项目。")[:600],
    "NUL bytes": b"<html><body><p>\xe9\x80\x9a\x00\xe7\x9f\xa5</p></body></html>",
    "xml declaration": '<?xml version="1.0" encoding="utf-8"?><html><body><p>通知</p></body></html>'.encode(),
    "tables in tables": (
        "<html><body><table><tr><td><table><tr><td>通知</td></tr></table></td></tr></table>".encode()
    ),
    "deep nesting": b"<div>" * 3000 + "通知".encode() + b"</div>" * 10,
    "only markup": b"<html><body><div></div></body></html>",
    "a lone <p": b"<p",
}


@pytest.mark.parametrize("page", MALFORMED.values(), ids=MALFORMED.keys())
def test_it_does_not_crash_on_malformed_html(page):
    try:
        assert isinstance(read_text(page, "a.html"), str)
    except NoticeError as error:
        assert "请" in str(error)


# --- all formats alike ---------------------------------------------------------------------------

FORMATS = {
    "docx": lambda text: (make_docx(text), "通知.docx"),
    "pdf": lambda text: (make_pdf(text), "通知.pdf"),
    "government page": lambda text: (make_html(text, "gov", "gb2312"), "content.shtml"),
    "news page": lambda text: (make_html(text, "news"), None),
}


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_a_notice_gives_the_same_projects_in_every_format(name, file_format):
    from shishi.notice import load_notice, parse_notice

    text = sample(name)
    expected, notice = parse_notice(text), load_notice(*FORMATS[file_format](text))

    def projects(n):
        return [(p.seq, p.title, p.units) for p in n.projects]

    assert projects(notice) == projects(expected)
    # A PDF keeps no cells, only wrapped lines: the body's titles and units put the form together again.
    assert (notice.attachment and notice.attachment.rows) == (
        expected.attachment and expected.attachment.rows
    )


# --- files it cannot read ------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _ole2(*streams: str) -> bytes:
    """The start of a compound file (.doc/.wps/.xls): the OLE2 signature and directory entry names."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    return (
        header
        + b"".join(name.encode("utf-16-le") + bytes(64 - 2 * len(name)) for name in streams)
        + bytes(2048)
    )


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


# file, name, what the message must mention
UNREADABLE = {
    "empty file": (lambda: b"", "通知.txt", "空"),
    "empty file without a name": (lambda: b"", None, "空"),
    "only whitespace": (lambda: " \r\n\t\u3000".encode("utf-8"), "通知.txt", "没有文字"),
    "random bytes": (lambda: random.Random(7).randbytes(4096), "通知.txt", "无法识别"),
    "random bytes without a name": (lambda: random.Random(8).randbytes(4096), None, "无法识别"),
    "binary full of NULs": (lambda: b"\x00\x01\x02\x03" * 500, "通知.txt", "无法识别"),
    "a zip that is not a docx": (lambda: _zip({"通知.txt": b"hello"}), "通知.docx", "不是 Word"),
    "an Excel workbook": (lambda: _zip({"xl/workbook.xml": b"<workbook/>"}), "报表.xlsx", "Excel"),
    "a docx cut in half": (lambda: _half(make_docx(sample("huantai-2023.txt"))), "通知.docx", "损坏"),
    "a docx with broken XML": (
        lambda: _zip({"word/document.xml": b"<w:document><w:body><w:p>"}),
        "通知.docx",
        "损坏",
    ),
    "a docx without a body": (
        lambda: _zip(
            {
                "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"/>'
            }
        ),
        "通知.docx",
        "损坏",
    ),
    "a corrupt PDF": (lambda: b"%PDF-1.7\n" + random.Random(9).randbytes(3000), "通知.pdf", "损坏"),
    "a PDF cut in half": (lambda: _half(make_pdf(sample("zichuan-2024.txt"))), "通知.pdf", "PDF"),
    "an encrypted PDF": (make_encrypted_pdf, "通知.pdf", "密码"),
    "a scanned PDF": (make_scanned_pdf, "通知.pdf", "扫描"),
    "a .pdf name on text": (lambda: "关于办实事的通知".encode(), "通知.pdf", "不是 PDF"),
    "a .docx name on text": (lambda: "关于办实事的通知".encode(), "通知.docx", "不是 Word"),
    "an old Word .doc": (lambda: _ole2("Root Entry", "WordDocument", "1Table"), "通知.doc", ".docx"),
    "a WPS file": (lambda: _ole2("Root Entry", "WordDocument"), "通知.wps", ".docx"),
    "an OLE2 file without a name": (lambda: _ole2("Root Entry", "WordDocument"), None, ".docx"),
    "a password-protected docx": (
        lambda: _ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "通知.docx",
        "密码",
    ),
    "an old Excel .xls": (lambda: _ole2("Root Entry", "Workbook"), "报表.xls", "Excel"),
    "an RTF file": (
        lambda: rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 SimSun;}}\f0 \'b9\'d8\'d3\'da}",
        "通知.rtf",
        ".docx",
    ),
    "binary under a .doc name": (lambda: random.Random(10).randbytes(2000), "通知.doc", ".docx"),
}


@pytest.mark.usefixtures("no_soffice")
@pytest.mark.parametrize("make, filename, hint", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_it_tells_the_clerk_what_to_do_with_a_file_it_cannot_read(make, filename, hint):
    with pytest.raises(NoticeError) as caught:
        read_text(make(), filename)
    message = str(caught.value)
    assert hint in message
    assert "请" in message  # every message says what to do next


def test_it_asks_for_the_word_original_or_ocr_for_a_scanned_pdf():
    with pytest.raises(NoticeError, match=r"OCR") as caught:
        read_text(make_scanned_pdf(), "通知.pdf")
    assert "Word" in str(caught.value)


def test_it_refuses_a_pdf_with_too_many_pages():
    with pytest.raises(NoticeError, match="201 页"):
        read_text(make_text_pdf([f"第{i}页：关于为妇女儿童办实事的通知" for i in range(201)]))


def test_it_refuses_a_file_that_is_too_big(monkeypatch):
    monkeypatch.setattr("shishi.notice.load.MAX_BYTES", 1000)
    with pytest.raises(NoticeError, match="太大"):
        read_text(b"a" * 1001, "a.txt")


def test_it_says_when_the_file_is_not_there(tmp_path):
    with pytest.raises(NoticeError, match="找不到文件“通知.docx”"):
        read_text(tmp_path / "通知.docx")


def test_it_says_when_the_path_is_a_folder(tmp_path):
    with pytest.raises(NoticeError, match="文件夹"):
        read_text(tmp_path)


def test_it_reads_a_docx_from_a_path_with_its_own_name(tmp_path):
    path = tmp_path / "通知.docx"
    path.write_bytes(make_docx("关于办实事的通知"))
    assert read_text(path) == "关于办实事的通知"


# --- .doc and .wps through LibreOffice -----------------------------------------------------------


def _fake_soffice(tmp_path, monkeypatch, behaviour: str):
    """A stand-in for LibreOffice: converts by copying a prepared .docx, fails, or hangs."""
    converted = tmp_path / "converted.docx"
    converted.write_bytes(make_docx("关于2024年为全区妇女儿童办实事的通知\n一、推进巾帼就业创业创新。"))
    script = tmp_path / "soffice"
    script.write_text(f"""#!{sys.executable}
import shutil, sys, time
from pathlib import Path
args = sys.argv[1:]
assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
if {behaviour!r} == "hang":
    time.sleep(60)
if {behaviour!r} == "fail":
    sys.exit(1)
outdir = Path(args[args.index("--outdir") + 1])
shutil.copy({str(converted)!r}, outdir / (Path(args[-1]).stem + ".docx"))
""")
    script.chmod(0o755)
    monkeypatch.setattr(
        "shishi.notice.load_legacy.shutil.which", lambda name: str(script) if name == "soffice" else None
    )


@pytest.mark.parametrize("filename", ["通知.doc", "通知.wps", None])
def test_it_converts_an_old_word_file_with_libreoffice_when_it_is_installed(tmp_path, monkeypatch, filename):
    _fake_soffice(tmp_path, monkeypatch, "convert")
    result = read_text(_ole2("Root Entry", "WordDocument"), filename)
    assert result == "关于2024年为全区妇女儿童办实事的通知\n一、推进巾帼就业创业创新。"


def test_it_asks_for_a_docx_when_libreoffice_fails(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, "fail")
    with pytest.raises(NoticeError, match="另存为” .docx"):
        read_text(_ole2("Root Entry", "WordDocument"), "通知.doc")


def test_it_gives_up_on_libreoffice_when_it_hangs(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, "hang")
    monkeypatch.setattr("shishi.notice.load_legacy.SOFFICE_TIMEOUT", 1)
    started = time.monotonic()
    with pytest.raises(NoticeError, match=".docx"):
        read_text(_ole2("Root Entry", "WordDocument"), "通知.doc")
    assert time.monotonic() - started < 20


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed"
)
@pytest.mark.parametrize("extension", ["doc", "rtf"])
def test_it_reads_a_real_old_word_file_through_libreoffice(tmp_path, extension):
    import subprocess

    text = sample("gaoqing-2021.txt")
    source = tmp_path / "source.docx"
    source.write_bytes(make_docx(text))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            extension,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert read_text(tmp_path / f"source.{extension}") == text


# --- anything at all -----------------------------------------------------------------------------

_DOCX = make_docx(sample("zichuan-2024.txt"))
_PDF = make_pdf(sample("zichuan-2024.txt"))
_HTML = make_html(sample("zichuan-2024.txt"))


def _mutated(data: bytes):
    @st.composite
    def strategy(draw):
        buffer = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            buffer[draw(st.integers(0, len(buffer) - 1))] = draw(st.integers(0, 255))
        return bytes(buffer[: draw(st.integers(1, len(buffer)))])

    return strategy()


ANY_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(
        st.sampled_from(
            [
                b"%PDF-1.4\n",
                b"PK\x03\x04",
                bytes.fromhex("d0cf11e0a1b11ae1"),
                b"<html>",
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                b"{\\rtf1",
            ]
        ),
        st.binary(max_size=2000),
    ).map(b"".join),
    _mutated(_DOCX),
    _mutated(_PDF),
    _mutated(_HTML),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_BYTES, st.sampled_from([None, "a.txt", "a.pdf", "a.docx", "a.html", "a.doc"]))
def test_it_returns_text_or_raises_a_notice_error_for_any_bytes(data, filename):
    with mock.patch("shishi.notice.load_legacy.shutil.which", return_value=None):
        try:
            result = read_text(data, filename)
        except NoticeError as error:
            assert str(error)
        else:
            assert isinstance(result, str) and result.strip()
