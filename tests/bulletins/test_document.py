"""The bulletin as a document: GB/T 9704 page and type, the figures of the board, the chart and
the merged table, read back from the .docx with python-docx."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, Mm

from shishi.bulletins.services import preview_bulletin
from shishi.oversight.board import build_board
from tests.bulletins.conftest import TODAY


@pytest.fixture
def draft(quarter):
    return preview_bulletin(quarter["plan"], quarter["period"], TODAY)


@pytest.fixture
def document(draft):
    return Document(io.BytesIO(draft.data))


def paragraph_starting(document, text: str):
    return next(p for p in document.paragraphs if p.text.startswith(text))


def east_asian(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def ascii_font(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:ascii"))


# -- page --------------------------------------------------------------------------------------


def test_it_lays_out_an_a4_portrait_page_with_the_standard_margins(document):
    section = document.sections[0]
    sizes = {
        name: round(getattr(section, name).mm, 1)
        for name in (  # Word keeps twips: 0.02 mm steps
            "page_width",
            "page_height",
            "top_margin",
            "bottom_margin",
            "left_margin",
            "right_margin",
        )
    }
    assert sizes == {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }


def test_it_fits_22_lines_of_28_characters_of_sanhao_on_the_page(document):
    """Worked out from what the document says, not from the code's constants."""
    section, normal = document.sections[0], document.styles["Normal"]
    pitch = normal.paragraph_format.line_spacing
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert pitch.twips == 579  # 28.95 pt
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    height = Emu(section.page_height - section.top_margin - section.bottom_margin)
    assert int(height.pt // pitch.pt) == 22
    condensed = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    width = Emu(section.page_width - section.left_margin - section.right_margin)
    assert normal.font.size.pt == 16
    assert int(width.pt // (normal.font.size.pt + condensed)) == 28


def test_body_paragraphs_start_two_characters_in(document):
    indent = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    assert document.styles["Normal"].paragraph_format.first_line_indent.pt == 32


# -- type --------------------------------------------------------------------------------------------


def test_the_normal_style_names_fangsong_in_the_east_asian_slot(document):
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:ascii")) == "SimSun"


@pytest.mark.parametrize(
    "starts, east, latin, size",
    [
        ("关于2023年为妇女儿童办实事第一季度进展情况的通报", "方正小标宋简体", "SimSun", 22),
        ("一、总体情况", "黑体", "SimHei", 16),
        ("（一）实施优质教育资源扩容提质行动", "楷体_GB2312", "KaiTi", 16),
        ("为推动《", "仿宋_GB2312", "SimSun", 16),
    ],
    ids=["title", "heading", "subheading", "body"],
)
def test_each_kind_of_text_has_its_chinese_font_in_the_east_asian_slot(document, starts, east, latin, size):
    run = paragraph_starting(document, starts).runs[0]
    assert (east_asian(run), ascii_font(run), run.font.size.pt) == (east, latin, size)


def test_the_title_is_centred(document):
    title = document.paragraphs[0]
    assert title.text == "关于2023年为妇女儿童办实事第一季度进展情况的通报"
    assert title.alignment == 1  # centre


def test_pages_are_numbered_by_a_page_field_between_dashes_on_both_sides_of_the_sheet(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, 2), (section.even_page_footer, 0)):  # right on odd, left on even
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —" and paragraph.alignment == side
        xml = paragraph._p.xml
        assert 'w:fldCharType="begin"' in xml and "<w:instrText" in xml and " PAGE " in xml
        number = paragraph.runs[2]
        assert (east_asian(number), number.font.size.pt) == ("宋体", 14)


# -- content -----------------------------------------------------------------------------------------


def test_the_headline_figures_are_the_boards(quarter, draft, document):
    board = build_board(quarter["plan"], quarter["period"], TODAY)
    colours = [row.light.colour for row in board.rows.values()]
    expected = {colour: colours.count(colour) for colour in ("done", "green", "yellow", "red", "grey")}
    headline = draft.snapshot["headline"]
    assert {colour: headline[colour] for colour in expected} == expected
    assert expected["green"] >= 1 and expected["red"] >= 1 and expected["grey"] >= 1  # the scene has each
    text = paragraph_starting(document, "2023年共实施").text
    assert (
        f"已完成{expected['done']}项，按序时进度推进（绿灯）{expected['green']}项，"
        f"进度滞后{expected['yellow'] + expected['red']}项"
        f"（其中黄灯{expected['yellow']}项、红灯{expected['red']}项），"
        f"牵头单位尚未报送{expected['grey']}项"
    ) in text


def test_each_project_says_its_figures_against_its_goals_and_its_light(document):
    project = paragraph_starting(document, "（一）实施优质教育资源扩容提质行动").text
    assert "牵头单位：县教育体育局" in project
    assert "新改扩建幼儿园目标6所，累计完成3所，为目标的50%" in project
    assert "拓展学位目标≥3800个，累计完成950个，为目标的25%" in project
    assert "亮灯：绿灯" in project
    late = paragraph_starting(document, "（三）").text  # 县妇联 leads and has only a draft
    assert "亮灯：红灯（报表逾期未报）" in late


def test_it_names_the_late_units_and_counts_the_reviewed_reports(quarter, document):
    late = paragraph_starting(document, "逾期未报送的单位：").text
    assert "县妇联" in late and "县教育体育局" not in late and "县卫生健康局" not in late
    counts = paragraph_starting(document, "第一季度应报送单位").text
    assert "审核通过1个、待审核1个）" in counts and "退回修改1个" in counts


def test_the_chart_is_a_png_in_the_document_with_its_numbering_explained(document):
    assert len(document.inline_shapes) == 1
    picture = document.inline_shapes[0]
    blip = picture._inline.graphic.graphicData.pic.blipFill.blip
    image = document.part.related_parts[blip.embed].blob
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.width == Mm(150)
    caption = paragraph_starting(document, "图中横轴数字为实事序号").text
    assert "1—实施优质教育资源扩容提质行动" in caption and "10—实施妇幼健康全生命周期管理行动" in caption


def test_the_merged_table_has_every_submitted_line_by_project_and_units_in_order(document):
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "实事名称",
        "责任单位",
        "本季度具体措施及任务进度情况",
        "完成时限",
    ]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [(row[0], row[2]) for row in rows] == [
        ("1", "县教育体育局"),
        ("3", "县教育体育局"),
        ("4", "县教育体育局"),
        ("5", "县财政局"),
        ("7", "县教育体育局"),
        ("9", "县教育体育局"),
        ("10", "县教育体育局"),
    ]
    assert rows[0][3] == "教体局一季度完成3所幼儿园主体工程。" and rows[0][4] == "2023年12月31日"
    everything = "".join("".join(row) for row in rows)
    for never in ("卫健局", "妇联尚未报送的草稿"):  # a returned report and a draft are not submitted lines
        assert never not in everything


def test_the_number_column_holds_two_digits_on_one_line(document):
    """At 0.67 cm the column broke "10" into "1" over "0"; two digits of 五号 and the cell's
    margins need about 1 cm."""
    width = document.tables[0].columns[0].width
    assert Emu(width).cm >= 1.0


def test_a_projects_units_share_one_merged_number_and_title_cell(quarter):
    """Project 5: the lead's and a partner's lines under one 序号 and 实事名称."""
    from shishi.bulletins.tables import MergedLinesExporter

    rows = [
        [5, "实施适龄妇女“两癌”免费筛查和救助行动", "县卫生健康局", "甲", ""],
        [5, "实施适龄妇女“两癌”免费筛查和救助行动", "县财政局", "乙", ""],
        [6, "实施巾帼创业就业强基赋能行动", "县人力资源社会保障局", "丙", ""],
    ]
    document = Document()
    table = MergedLinesExporter(rows).docx_table(document)
    assert table.cell(1, 1)._tc is table.cell(2, 1)._tc  # one cell spans both rows
    assert table.cell(1, 1).text == "实施适龄妇女“两癌”免费筛查和救助行动"
    assert table.cell(3, 1)._tc is not table.cell(2, 1)._tc
    assert [table.cell(r, 2).text for r in (1, 2, 3)] == ["县卫生健康局", "县财政局", "县人力资源社会保障局"]


def test_the_same_table_exports_as_csv_through_the_exporter_base(draft):
    from shishi.bulletins.tables import MergedLinesExporter

    csv = MergedLinesExporter(draft.snapshot["table"]).to_csv().decode("utf-8-sig")
    assert csv.splitlines()[0] == "序号,实事名称,责任单位,本季度具体措施及任务进度情况,完成时限"
    assert "教体局一季度完成3所幼儿园主体工程。" in csv


def test_a_preview_is_marked_as_such_and_takes_no_number(draft, document):
    assert draft.snapshot["number"] is None
    assert any(p.text == "（预览稿，尚未印发）" for p in document.paragraphs)
