"""What a clerk does to the form in Word, WPS or Excel, done with python-docx and openpyxl."""

from __future__ import annotations

import io

from docx import Document
from lxml import etree
from openpyxl import Workbook, load_workbook

SEQ, TITLE, UNITS, MEASURES, FIGURES, DEADLINE = range(6)  # the form's columns


class WordForm:
    """The exported .docx, opened for editing: rows are addressed by their 序号."""

    def __init__(self, data: bytes):
        self.document = Document(io.BytesIO(data))
        self.table = self.document.tables[0]

    def row_of(self, seq: int):
        return next(row for row in self.table.rows[1:] if row.cells[SEQ].text.strip() == str(seq))

    def text_of(self, seq: int, column: int) -> str:
        return self.row_of(seq).cells[column].text

    def type_into(self, seq: int, column: int, text: str) -> None:
        """Type text into a cell, pressing Enter between lines (one paragraph per line)."""
        cell = self.row_of(seq).cells[column]
        first, *rest = text.split("\n")
        for paragraph in cell.paragraphs[1:]:
            paragraph._element.getparent().remove(paragraph._element)
        cell.paragraphs[0].text = first
        for line in rest:
            cell.add_paragraph(line)

    def swap_rows(self, seq_a: int, seq_b: int) -> None:
        """Drag one row below another: the <w:tr> elements trade places."""
        a, b = self.row_of(seq_a)._tr, self.row_of(seq_b)._tr
        marker = etree.Element("marker")
        a.addprevious(marker)
        b.addprevious(a)
        marker.addprevious(b)
        marker.getparent().remove(marker)

    def merge_units_of_adjacent_rows(self, upper_seq: int) -> None:
        """Select the 责任单位 cells of a row and the row below it, and merge them."""
        rows = list(self.table.rows)
        index = next(i for i, row in enumerate(rows) if row.cells[SEQ].text.strip() == str(upper_seq))
        self.table.cell(index, UNITS).merge(self.table.cell(index + 1, UNITS))

    def add_row(self, *cells: str) -> None:
        row = self.table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = text

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


class ExcelForm:
    """The exported .xlsx, opened for editing: the table starts under the header row."""

    def __init__(self, data: bytes):
        self.book = load_workbook(io.BytesIO(data))
        self.sheet = self.book.active
        self.header = next(r for r in range(1, 10) if self.sheet.cell(r, 1).value == "序号")

    def row_of(self, seq: int) -> int:
        return next(
            r for r in range(self.header + 1, self.sheet.max_row + 1) if self.sheet.cell(r, 1).value == seq
        )

    def text_of(self, seq: int, column: int) -> str:
        return self.sheet.cell(self.row_of(seq), column + 1).value or ""

    def type_into(self, seq: int, column: int, text: str) -> None:
        self.sheet.cell(self.row_of(seq), column + 1).value = text  # Alt+Enter makes the \n

    def swap_rows(self, seq_a: int, seq_b: int) -> None:
        a, b = self.row_of(seq_a), self.row_of(seq_b)
        for column in range(1, DEADLINE + 2):
            first, second = self.sheet.cell(a, column), self.sheet.cell(b, column)
            first.value, second.value = second.value, first.value

    def merge_units_of_adjacent_rows(self, upper_seq: int) -> None:
        row = self.row_of(upper_seq)
        self.sheet.merge_cells(start_row=row, start_column=UNITS + 1, end_row=row + 1, end_column=UNITS + 1)

    def add_row(self, *cells) -> None:
        self.sheet.append(list(cells))

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def docx_without_table() -> bytes:
    document = Document()
    document.add_paragraph("2023年为全县妇女儿童办实事工作进展情况报表")
    document.add_paragraph("一季度我单位完成了各项工作。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_without_header() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["县教育体育局", "一季度"])
    sheet.append([1, "幼儿园开工3所"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
