"""One exporter base for every table the system hands out: CSV, XLSX and Word.

An exporter says what its table is (`title`, `columns`, `rows()`); rendering to each format
is written once here. Word tables use the fonts Chinese offices have (仿宋_GB2312 in the East
Asian font slot, SimSun for Latin text), named by shishi/gbt9704.py's helpers, so that Word and
WPS pick them up.

Every cell, heading, title and line goes through the same two steps on its way out, whatever
the format: `clean_text` (stored text may hold Word's "\\x0b" and other characters no .docx or
.xlsx may hold) and, for spreadsheets, the formula guard: a text a spreadsheet would run as a
formula (=, +, -, @, a tab or CR first; also their full-width twins, which some programs map)
gets a leading apostrophe in CSV (OWASP's advice), and in XLSX is a string cell marked with
Excel's quotePrefix, which is what Excel itself stores when a person types '=…: the cell shows
the text exactly, and a form read back in (reading.py) gets the text without an apostrophe.
Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from shishi.formulas import reads_as_formula
from shishi.gbt9704 import BODY_FONT, TITLE_FONT, set_east_asian_font, set_run_font
from shishi.notice.text import clean_text

# Characters Excel refuses in a sheet's name, as their full-width twins (as a Chinese title writes them).
_SHEET_NAME = str.maketrans(
    {"/": "／", "\\": "＼", "?": "？", "*": "＊", "[": "［", "]": "］", ":": "：", "\n": None, "\t": None}
)


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 12  # in characters for xlsx; docx widths follow the same proportions
    align: str = ""  # "center" or "right" for the body cells; "" leaves each program's default


class TableExporter:
    """Subclass and give `title`, `columns` and `rows()`. Cells are str, numbers or None."""

    title: str = ""
    columns: Sequence[Column] = ()
    filename: str = "export"
    landscape: bool = True
    # Opt-in refinements, off by default so that existing tables render exactly as before:
    repeat_header: bool = False  # Word: the heading row repeats at the top of every page
    fit_row_heights: bool = False  # Excel: rows as tall as their wrapped text (LibreOffice and
    # WPS do not grow a row for wrapped text on their own, so long text would be cut off)
    docx_cell_size: float | None = None  # Word: points for the body cells (None: the body's 12)

    def rows(self) -> Iterable[Sequence]:
        raise NotImplementedError

    def above_table(self) -> list[str]:
        """Lines between the title and the table (单位（盖章）, 填报时间…)."""
        return []

    # --- CSV -------------------------------------------------------------------------------
    def to_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([csv_cell(c.title) for c in self.columns])
        for row in self.rows():
            writer.writerow([csv_cell(cell) for cell in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8

    # --- XLSX ------------------------------------------------------------------------------
    def to_xlsx(self) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = sheet_name(self.title)
        width = len(self.columns)
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        row_number = 1
        if self.title:
            xlsx_cell(sheet, 1, 1, self.title).font = Font(name=TITLE_FONT, size=16)
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
            sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
            if self.fit_row_heights:
                sheet.row_dimensions[1].height = line_height(16)
            row_number = 2
        for line in self.above_table():
            xlsx_cell(sheet, row_number, 1, line).font = Font(name=BODY_FONT, size=12)
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
            if self.fit_row_heights:
                sheet.row_dimensions[row_number].height = line_height(12)
            row_number += 1
        header_row = row_number
        for index, column in enumerate(self.columns, 1):
            cell = xlsx_cell(sheet, header_row, index, column.title)
            cell.font = Font(name=BODY_FONT, size=12, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        for offset, row in enumerate(self.rows(), 1):
            row = [cell_value(value) for value in row]
            for index, (value, column) in enumerate(zip(row, self.columns), 1):
                cell = xlsx_cell(sheet, header_row + offset, index, value)
                cell.font = Font(name=BODY_FONT, size=11)
                cell.alignment = Alignment(vertical="top", wrap_text=True, horizontal=column.align or None)
                cell.border = border
            if self.fit_row_heights:
                sheet.row_dimensions[header_row + offset].height = xlsx_row_height(row, self.columns, 11)
        if self.fit_row_heights:
            sheet.row_dimensions[header_row].height = xlsx_row_height(
                [cell_value(c.title) for c in self.columns], self.columns, 12
            )
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.page_setup.orientation = "landscape" if self.landscape else "portrait"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToHeight = 0
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    # --- Word ------------------------------------------------------------------------------
    def to_docx(self) -> bytes:
        document = Document()
        section = document.sections[0]
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.2))
        section.top_margin = section.bottom_margin = Cm(2.0)
        set_east_asian_font(document.styles["Normal"], BODY_FONT, 12)
        if self.title:
            heading = document.add_paragraph()
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = heading.add_run(clean_text(self.title))
            set_run_font(run, TITLE_FONT, 18)
        for line in self.above_table():
            document.add_paragraph(clean_text(line))  # a "\n" becomes a line break (w:br)
        self.docx_table(document)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def docx_table(self, document):
        """Add this exporter's table to a Word document (also used inside other documents)."""
        table = document.add_table(rows=1, cols=len(self.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        usable = 25.3 if self.landscape else 16.6  # cm between the margins
        total = sum(c.width for c in self.columns) or 1
        for grid_column, column in zip(table.columns, self.columns):
            # The grid too, not only the cells: LibreOffice and WPS lay a table out by its grid
            # (python-docx makes it even), Word by its cells.
            grid_column.width = Cm(usable * column.width / total)
        if self.repeat_header:
            header_properties = table.rows[0]._tr.get_or_add_trPr()
            header_properties.append(header_properties.makeelement(qn("w:tblHeader"), {}))
        for cell, column in zip(table.rows[0].cells, self.columns):
            cell.width = Cm(usable * column.width / total)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(paragraph.add_run(clean_text(column.title)), BODY_FONT, 12, bold=True)
        for row in self.rows():
            cells = table.add_row().cells
            for cell, value, column in zip(cells, row, self.columns):
                cell.width = Cm(usable * column.width / total)
                lines = ("" if value is None else str(cell_value(value))).split("\n")
                cell.paragraphs[0].add_run(lines[0])
                for line in lines[1:]:
                    cell.add_paragraph(line)
                if self.docx_cell_size:
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(self.docx_cell_size)
                if column.align:
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = DOCX_ALIGN[column.align]
        return table


DOCX_ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


# --- one cell on its way out ---------------------------------------------------------------------


def cell_value(value):
    """A cell as every format gets it: numbers, dates and None as they are, anything else as
    cleaned text (str() first: choice labels are lazy strings).

    >>> cell_value("完成\\x0b3所\\x01"), cell_value(-5), cell_value(None)
    ('完成\\n3所', -5, None)
    """
    if value is None or isinstance(value, (int, float, Decimal, datetime.date, datetime.time)):
        return value
    return clean_text(str(value))


def csv_cell(value):
    """A CSV cell: cleaned, and text that would read as a formula behind an apostrophe.

    >>> csv_cell('=HYPERLINK("http://evil.example/")'), csv_cell(None), csv_cell(-5)
    ('\\'=HYPERLINK("http://evil.example/")', '', -5)
    """
    value = cell_value(value)
    if value is None:
        return ""
    return "'" + value if reads_as_formula(value) else value


def xlsx_cell(sheet, row: int, column: int, value):
    """Write one cell: cleaned; text that would read as a formula stays a string cell (openpyxl
    makes any str starting with "=" a formula) with Excel's quotePrefix, so that it shows as
    written and stays text when someone edits it."""
    value = cell_value(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if reads_as_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def sheet_name(title: str) -> str:
    """A title Excel accepts as a sheet's name: at most 31 characters, none of / \\ ? * [ ] :

    >>> sheet_name("2023/2024年[实事]:进展"), sheet_name("")
    ('2023／2024年［实事］：进展', 'sheet')
    """
    name = clean_text(title or "").translate(_SHEET_NAME).strip().strip("'")[:31]
    return name or "sheet"


def display_width(text: str) -> int:
    """Width in Excel's character units: a 汉字 or full-width sign takes two.

    >>> display_width("县妇联"), display_width("2023年")
    (6, 6)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def xlsx_row_height(row: Sequence, columns: Sequence[Column], size: float) -> float:
    """Points for a row whose cells wrap their text within their columns' widths.

    openpyxl cannot measure text, and neither Excel nor WPS grows a row for wrapped text when the
    file is opened, so the height is estimated on the generous side: a cut-off 责任单位 is worse
    than a little white space. A column's width counts characters of the default 11 pt font
    ("0" is about 7 px); a 汉字 of `size` points is about size × 4/3 px, so two units at
    10.5 pt and proportionally more above. A line takes 1.5 × the size (Noto Sans CJK, which
    LibreOffice uses for 仿宋 where it is missing, is 1.45 em tall; 仿宋 and SimSun less).

    >>> xlsx_row_height(["县妇联"], [Column("责任单位", 17)], 11)
    20.5
    >>> xlsx_row_height(["县妇联\\n县卫生健康局\\n县教育体育局"], [Column("责任单位", 17)], 11)
    53.5
    """
    lines = 1
    for value, column in zip(row, columns):
        usable = max(column.width - 1, 1)  # Excel keeps a little padding in every cell
        text = "" if value is None else str(value)
        lines = max(
            lines,
            sum(max(1, math.ceil(display_width(line) * size / 10.5 / usable)) for line in text.split("\n")),
        )
    return line_height(size, lines)


def line_height(size: float, lines: int = 1) -> float:
    """Points for `lines` lines of text of `size` points, with the cell's padding (xlsx_row_height)."""
    return round(lines * size * 1.5 + 4, 1)
