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
