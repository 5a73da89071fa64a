"""The bulletin as a document: GB/T 9704 page and type, the figures of the board, the chart and
the merged table, read back from the .docx with python-docx."""

from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, Mm

from shishi.bulletins.services import preview_bulletin
from shishi.bulletins.tables import MergedLinesExporter
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
        ("（三）实施儿童友好城市建设行动", "楷体_GB2312", "KaiTi", 16),  # a project behind: told in full
        ("为推动《", "仿宋_GB2312", "SimSun", 16),
    ],
    ids=["title", "heading", "subheading", "body"],
)
def test_each_kind_of_text_has_its_chinese_font_in_the_east_asian_slot(document, starts, east, latin, size):
    run = paragraph_starting(document, starts).runs[0]
    assert (east_asian(run), ascii_font(run), run.font.size.pt) == (east, latin, size)


def test_the_title_is_centred(document):
    title = paragraph_starting(document, "关于2023年")
    assert title.text == "关于2023年为妇女儿童办实事第一季度进展情况的通报"
    assert title.alignment == 1  # centre


# -- 版头 and 版记 -------------------------------------------------------------------------------------


def colour(run) -> str | None:
    found = run._element.rPr.find(qn("w:color"))
    return None if found is None else found.get(qn("w:val"))


def test_it_opens_with_the_red_masthead_the_number_the_office_and_the_date(document):
    mark, number, office = document.paragraphs[:3]
    assert mark.text == "桓台县为妇女儿童办实事调度通报" and mark.alignment == 1
    run = mark.runs[0]
    assert (east_asian(run), colour(run)) == ("方正小标宋简体", "E60012")
    assert run.font.size.pt * len(mark.text) <= 442  # one line of the 版心
    assert number.text == "（预览稿，尚未印发）" and number.alignment == 1
    assert office.text == "桓台县妇女儿童工作委员会办公室\t2023年4月20日"
    rule = document.paragraphs[3]._p.find(".//" + qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "E60012" and rule.get(qn("w:val")) == "single"
    assert document.paragraphs[4].text.startswith("关于2023年")  # the title right under the rule


def test_the_masthead_of_a_long_region_name_stays_on_one_line():
    from shishi.gbt9704 import masthead_size

    size, scale = masthead_size("淄博高新技术产业开发区为妇女儿童办实事调度通报")
    assert size == 22 and size * 23 * scale / 100 <= 442


def imprint_lines(document) -> list[str]:
    box = document.element.body.find(".//" + qn("w:txbxContent"))
    return ["".join(t.text for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p"))]


def test_it_ends_with_the_imprint_at_the_foot_of_the_last_page(document):
    lines = [line for line in imprint_lines(document) if line]
    assert lines == [
        "抄送：桓台县妇女儿童工作委员会各成员单位。",
        "桓台县妇女儿童工作委员会办公室2023年4月20日印发",
    ]
    anchor = document.element.body.find(".//" + qn("wp:anchor"))
    position = anchor.find(qn("wp:positionV"))
    assert position.get("relativeFrom") == "margin" and position.find(qn("wp:align")).text == "bottom"
    # anchored in the document's last paragraph, after the attachment's table
    assert document.paragraphs[-1]._p.find(".//" + qn("wp:anchor")) is anchor


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


def test_the_office_and_date_of_the_imprint_stand_one_character_in(document):
    box = document.element.body.find(".//" + qn("w:txbxContent"))
    issued = [p for p in box.iter(qn("w:p")) if "印发" in "".join(t.text for t in p.iter(qn("w:t")))][0]
    indent = issued.find(qn("w:pPr")).find(qn("w:ind"))
    assert (indent.get(qn("w:leftChars")), indent.get(qn("w:rightChars"))) == ("100", "100")


# -- content -----------------------------------------------------------------------------------------


def test_the_headline_figures_are_the_boards(quarter, draft, document):
    board = build_board(quarter["plan"], quarter["period"], TODAY)
    colours = [row.light.colour for row in board.rows.values()]
    expected = {colour: colours.count(colour) for colour in ("done", "green", "yellow", "red", "grey")}
    headline = draft.snapshot["headline"]
    assert {colour: headline[colour] for colour in expected} == expected
    assert expected["green"] >= 1 and expected["red"] >= 1  # the scene has both
    text = paragraph_starting(document, "2023年共实施").text
    assert (
        f"已完成{expected['done']}项，按序时进度推进（绿灯）{expected['green']}项，"
        f"进度滞后{expected['yellow'] + expected['red']}项"
        f"（其中黄灯{expected['yellow']}项、红灯{expected['red']}项），"
        f"牵头单位尚未报送{expected['grey']}项"
    ) in text


def test_each_project_behind_says_its_lead_unit_and_its_light_and_leaves_figures_to_the_table(document):
    """Figures are in the attachment's table, target by target; the body says how each project
    behind stands (listing them in both places made ten projects run to nine pages)."""
    late = paragraph_starting(document, "（三）").text  # 县妇联 leads and has only a draft
    assert late.startswith("（三）实施儿童友好城市建设行动（县妇联牵头）。红灯，县妇联（牵头单位）")
    assert late.endswith("报表逾期未报。") and "目标" not in late
    assert any(p.text == "各项实事的指标、目标值、完成数和亮灯原因见附件。" for p in document.paragraphs)


def test_the_projects_on_schedule_are_named_together_with_their_lead_units(draft, document):
    """Only the projects behind or not reported get a paragraph each; the green and the done are
    named in one, their reasons left to the table (the demo's ten projects: three pages of text
    rather than four)."""
    on_track = [p for p in draft.snapshot["projects"] if p["light"]["colour"] in ("green", "done")]
    assert on_track  # the scene has one: 县教育体育局's project 1
    assert not any(p.text.startswith("（一）") for p in document.paragraphs)
    together = next(p.text for p in document.paragraphs if "（一）实施优质教育资源扩容提质行动" in p.text)
    assert together.startswith("其余实事中，")
    assert "（一）实施优质教育资源扩容提质行动（县教育体育局牵头）" in together
    told = [p for p in document.paragraphs if re.match(r"（[一二三四五六七八九十]+）", p.text)]
    assert len(told) == len(draft.snapshot["projects"]) - len(on_track)


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
    caption = paragraph_starting(document, "横轴为实事序号").text
    assert "横轴为实事序号，柱高为完成目标的比例" in caption and "虚线为序时进度25%" in caption


def test_the_merged_table_has_every_project_its_submitted_lines_and_units_in_order(document):
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "实事名称及目标完成情况",
        "亮灯",
        "责任单位",
        "本季度具体措施及任务进度情况（完成时限均为2023年12月31日）",
    ]  # every line says 2023年12月31日: the heading, repeated on each page, says it once
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [(row[0], row[3]) for row in rows] == [
        ("1", "县教育体育局"),
        ("2", "县卫生健康局"),  # nobody reported it: one row, under its lead unit, says so
        ("3", "县教育体育局"),
        ("4", "县教育体育局"),
        ("5", "县财政局"),
        ("6", "县人力资源社会保障局"),
        ("7", "县教育体育局"),
        ("8", "县文化和旅游局"),
        ("9", "县教育体育局"),
        ("10", "县教育体育局"),
    ]
    assert rows[1][4] == "本季度责任单位均未报送" and "红灯" in rows[1][2]
    assert rows[0][4] == "教体局一季度完成3所幼儿园主体工程。"
    everything = "".join("".join(row) for row in rows)
    for never in ("卫健局", "妇联尚未报送的草稿"):  # a returned report and a draft are not submitted lines
        assert never not in everything


def test_each_project_in_the_table_has_its_figures_and_its_light(draft, document):
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows[1:]]
    first = rows[0]
    named = first[1].split("\n")
    assert named[0] == "实施优质教育资源扩容提质行动"  # the name, then a line per target
    assert (
        "新改扩建幼儿园：目标6所，完成3所（50%）" in named
        and "拓展学位：目标≥3800个，完成950个（25%）" in named
    )
    light = draft.snapshot["projects"][0]["light"]
    assert first[2].startswith(light["name"]) and light["reason"] in first[2]
    late = next(row for row in rows if row[0] == "3")  # 县妇联 leads and has only a draft
    assert late[2] == "红灯\n有单位逾期未报"  # part 二 and part 三 name the late units
    data = MergedLinesExporter(draft.snapshot["table"]).to_csv().decode("utf-8-sig")
    spreadsheet = list(csv.reader(io.StringIO(data)))  # a column each, as before
    assert spreadsheet[1][:3] == ["1", "实施优质教育资源扩容提质行动", named[1] + "\n" + "\n".join(named[2:])]


def test_the_table_columns_have_fixed_widths_that_fill_the_text_block(document):
    table = document.tables[0]
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(widths) == 5 and abs(sum(widths) - Mm(156).twips) < 10
    assert all(
        run.font.size.pt == 10.5 for cell in table.rows[1].cells for p in cell.paragraphs for run in p.runs
    )


def test_a_bulletin_issued_before_figures_and_lights_still_renders(draft):
    from shishi.bulletins.document import render

    old = dict(draft.snapshot, format=1, table=[row[:2] + row[4:] for row in draft.snapshot["table"]])
    for key in ("mark", "copies_to", "correction", "reason"):
        old.pop(key)
    old["rules"] = {"yellow": 10, "red": 30}
    document = Document(io.BytesIO(render(old)))
    assert document.paragraphs[0].text == "桓台县为妇女儿童办实事调度通报"
    assert [c.text for c in document.tables[0].rows[1].cells][3] == "县教育体育局"


def test_the_number_column_holds_two_digits_on_one_line(document):
    """At 0.67 cm the column broke "10" into "1" over "0"; two digits of 五号 and the cell's
    margins need about 1 cm."""
    width = document.tables[0].columns[0].width
    assert Emu(width).cm >= 1.0


def test_a_projects_units_share_one_merged_number_and_title_cell(quarter):
    """Project 5: the lead's and a partner's lines under one 序号 and 实事名称."""
    from shishi.bulletins.tables import MergedLinesExporter

    rows = [
        [
            5,
            "实施适龄妇女“两癌”免费筛查和救助行动",
            "免费筛查：目标18000人",
            "绿灯",
            "县卫生健康局",
            "甲",
            "",
        ],
        [5, "实施适龄妇女“两癌”免费筛查和救助行动", "免费筛查：目标18000人", "绿灯", "县财政局", "乙", ""],
        [6, "实施巾帼创业就业强基赋能行动", "无数值指标", "红灯", "县人力资源社会保障局", "丙", ""],
    ]
    document = Document()
    table = MergedLinesExporter(rows).docx_table(document)
    assert table.cell(1, 1)._tc is table.cell(2, 1)._tc  # one cell spans both rows
    assert table.cell(1, 1).text == "实施适龄妇女“两癌”免费筛查和救助行动\n免费筛查：目标18000人"
    assert table.cell(1, 1).paragraphs[0].runs[0].font.bold  # the name stands out above the figures
    assert table.cell(1, 2)._tc is table.cell(2, 2)._tc  # and its light
    assert table.cell(3, 1)._tc is not table.cell(2, 1)._tc
    assert [table.cell(r, 3).text for r in (1, 2, 3)] == ["县卫生健康局", "县财政局", "县人力资源社会保障局"]


def test_the_same_table_exports_as_csv_through_the_exporter_base(draft):
    from shishi.bulletins.tables import MergedLinesExporter

    csv = MergedLinesExporter(draft.snapshot["table"]).to_csv().decode("utf-8-sig")
    assert (
        csv.splitlines()[0]
        == "序号,实事名称,目标与完成情况,亮灯,责任单位,本季度具体措施及任务进度情况,完成时限"
    )
    assert "教体局一季度完成3所幼儿园主体工程。" in csv


def test_a_bulletin_made_before_the_quarter_ends_reports_up_to_its_own_day(quarter):
    from shishi.bulletins.document import parts

    early = preview_bulletin(quarter["plan"], quarter["plan"].periods.get(quarter=2), TODAY)
    opening = next(part.text for part in parts(early.snapshot) if part.text.startswith("为推动"))
    assert "现将截至2023年4月20日的工作进展通报如下" in opening  # not 6月30日, still ahead
    late = parts(preview_bulletin(quarter["plan"], quarter["period"], TODAY).snapshot)
    assert any("现将截至2023年3月31日的工作进展" in part.text for part in late)


def test_a_preview_is_marked_as_such_and_takes_no_number(draft, document):
    assert draft.snapshot["number"] is None
    assert any(p.text == "（预览稿，尚未印发）" for p in document.paragraphs)


def test_the_printed_table_keeps_the_deadline_column_when_the_lines_differ():
    from shishi.bulletins.tables import PrintedTable

    row = [1, "实事", "", "绿灯", "县妇联", "措施", "2023年12月31日"]
    one = PrintedTable([row, [2, "另一项", "", "绿灯", "县教育体育局", "措施", "2023年12月31日"]])
    assert one.deadline == "2023年12月31日" and [c.title for c in one.columns][-1] != "完成时限"
    for other in ("11月底", ""):  # another deadline, or a line that left it blank
        two = PrintedTable([row, [2, "另一项", "", "绿灯", "县教育体育局", "措施", other]])
        assert two.deadline == "" and two.columns[-1].title == "完成时限" and len(list(two.rows())[0]) == 6
