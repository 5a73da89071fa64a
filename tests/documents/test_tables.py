"""The one exporter base: the same table as CSV, XLSX and Word, read back with the libraries."""

import csv
import io

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from shishi.documents.tables import Column, TableExporter


class People(TableExporter):
    title = "2023年为全县妇女儿童办实事工作进展情况报表"
    columns = (Column("序号", 6), Column("实事名称", 24), Column("责任单位", 16))

    def above_table(self):
        return ["单位（盖章）：县妇联"]

    def rows(self):
        yield (1, "实施优质教育资源扩容提质行动", "县教育体育局")
        yield (2, "实施普惠托育服务多元供给行动", "县卫生健康局\n县总工会")


def test_csv_has_a_bom_for_excel_and_every_row():
    data = People().to_csv()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "实事名称", "责任单位"] and rows[2][2] == "县卫生健康局\n县总工会"


def test_xlsx_is_a4_landscape_with_title_lines_and_table():
    sheet = load_workbook(io.BytesIO(People().to_xlsx())).active
    assert sheet["A1"].value == People.title
    assert sheet["A2"].value == "单位（盖章）：县妇联"
    assert [c.value for c in sheet[3]] == ["序号", "实事名称", "责任单位"]
    assert sheet["B5"].value == "实施普惠托育服务多元供给行动"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet["B4"].font.name == "仿宋_GB2312"


def test_docx_is_landscape_with_chinese_fonts_named_for_word_and_wps():
    document = Document(io.BytesIO(People().to_docx()))
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert document.paragraphs[0].text == People.title
    title_fonts = document.paragraphs[0].runs[0]._element.rPr.find(qn("w:rFonts"))
    assert title_fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "实事名称", "责任单位"]
    assert [p.text for p in table.rows[2].cells[2].paragraphs] == ["县卫生健康局", "县总工会"]


# --- opt-in refinements: off by default, so that every existing table renders as before ----------


class Wrapped(People):
    columns = (Column("序号", 6, align="center"), Column("实事名称", 24), Column("责任单位", 16))
    repeat_header = True
    fit_row_heights = True

    def rows(self):
        yield (1, "一行", "县教育体育局")
        yield (2, "两行", "县卫生健康局\n县总工会")


def test_word_grid_follows_the_column_widths_for_libreoffice_and_wps():
    table = Document(io.BytesIO(People().to_docx())).tables[0]
    widths = [column.width.cm for column in table.columns]
    assert [round(w / widths[0], 2) for w in widths] == [1, 4, 2.67]  # 6 : 24 : 16


def test_by_default_no_repeated_header_no_row_heights_and_no_alignment():
    document = Document(io.BytesIO(People().to_docx()))
    assert (
        document.tables[0].rows[0]._tr.trPr is None
        or document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is None
    )
    assert document.tables[0].rows[1].cells[0].paragraphs[0].alignment is None
    sheet = load_workbook(io.BytesIO(People().to_xlsx())).active
    assert sheet.row_dimensions[5].height is None and sheet["A4"].alignment.horizontal is None


def test_the_refinements_repeat_the_header_align_cells_and_fit_row_heights():
    document = Document(io.BytesIO(Wrapped().to_docx()))
    assert document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert str(document.tables[0].rows[1].cells[0].paragraphs[0].alignment) == "CENTER (1)"
    sheet = load_workbook(io.BytesIO(Wrapped().to_xlsx())).active
    assert sheet["A4"].alignment.horizontal == "center"
    one_line, two_lines = sheet.row_dimensions[4].height, sheet.row_dimensions[5].height
    assert one_line and two_lines > one_line  # 县卫生健康局\n县总工会 takes two lines


def test_a_long_line_wraps_within_its_column_when_fitting_row_heights():
    from shishi.documents.tables import display_width, xlsx_row_height

    columns = (Column("实事名称", 11),)
    assert display_width("实施优质教育资源扩容提质行动") == 28
    assert xlsx_row_height(["实施优质教育资源扩容提质行动"], columns, 10) == xlsx_row_height(
        ["甲\n乙\n丙"], columns, 10
    )
