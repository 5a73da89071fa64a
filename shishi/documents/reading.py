"""Read a filled-in progress form (进展情况报表) back: the rows of its table, from .docx or .xlsx.

Pure Python over python-docx and openpyxl, no Django. Forms come back in the shapes people
give them, so the reader looks for the table by its headings rather than by position:

- the form exported by this system, unchanged but for the text typed into it;
- the notice's blank attachment filled by hand in Word or WPS: rows reordered, rows of other
  units' projects left in, the 责任单位 cells of neighbouring rows merged into one;
- the title typed inside the table as a first merged row, headings wrapped onto two lines
  (本季度具体措施\\n及任务进度情况), the heading row repeated after a page break;
- 序号 written as 1, 1., １, （一） or 一, or stored by Excel as the float 1.0;
- a note across the whole width under the last row (填表说明, 填报人：…);
- files saved by WPS under a .doc or .wps name that are really .docx (the content decides,
  never the name), and real old binary .doc/.xls files, which this reader cannot open.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import cn2an

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a small zip that unpacks to gigabytes is refused
MAX_ROWS = 2000  # an xlsx "used range" can claim a million formatted rows
MAX_COLUMNS = 40
HEADER_SEARCH_ROWS = 30

# Which heading names which column, in the order a heading is tried: the first key whose
# words appear in a heading cell takes that column.
HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("seq", ("序号", "编号")),
    ("measures", ("具体措施", "进度情况", "进展情况", "工作进展", "措施")),
    ("deadline", ("完成时限", "时限", "完成时间")),
    ("units", ("责任单位", "牵头单位", "承办单位")),
    ("title", ("实事名称", "项目名称", "实事项目", "名称", "实事")),
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls/.wps/.et, and password-protected Office files


class FormError(Exception):
    """The file cannot be read as a progress form; the message says why, for a person."""


@dataclass(frozen=True)
class FormRow:
    """One row of the form's table as written in the file."""

    number: int  # the row's place among the table's rows, from 1, to point a person at it
    seq: int | None
    seq_text: str
    title: str
    units: str
    measures: str
    deadline: str

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FormRow:
        return cls(**data)


def read_form(data: bytes) -> list[FormRow]:
    """The rows of the progress form in a .docx or .xlsx file, recognised by content."""
    if not data:
        raise FormError("上传的文件是空的。")
    if len(data) > MAX_BYTES:
        raise FormError(f"文件不能超过{MAX_BYTES // (1024 * 1024)}MB。")
    if data.startswith(OLE2_MAGIC):
        raise FormError("这是旧版Word/Excel/WPS格式的文件（或设置了密码）：请在Word或WPS中“另存为”.docx或.xlsx格式（不设密码）后再上传。")
    kind = _zip_kind(data)
    rows = _docx_rows(data) if kind == "docx" else _xlsx_rows(data)
    if not any(row.title or row.seq is not None for row in rows):
        raise FormError("报表表格中没有任何实事行：请在表头下方逐行填写序号、实事名称和进展情况。")
    return rows


def _zip_kind(data: bytes) -> str:
    not_a_form = "无法读取这个文件：请上传Word（.docx）或Excel（.xlsx）格式的进展情况报表。"
    if not data.startswith(b"PK"):
        raise FormError(not_a_form)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FormError("文件内容过大，无法读取。")
    except zipfile.BadZipFile:
        raise FormError("文件已损坏，无法打开：请在Word或WPS中重新保存后再上传。") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise FormError(not_a_form)


# --- Word ----------------------------------------------------------------------------------------

def _docx_rows(data: bytes) -> list[FormRow]:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    except Exception:  # python-docx raises anything from KeyError to lxml errors on a broken package
        raise FormError("Word文件已损坏，无法打开：请在Word或WPS中重新保存后再上传。") from None
    # A merged cell is returned once per grid column (python-docx repeats it), so column
    # positions are the same in every row, merged or not.
    return _rows_from_grids(tables)


# --- Excel ---------------------------------------------------------------------------------------

def _xlsx_rows(data: bytes) -> list[FormRow]:
    from openpyxl import load_workbook

    try:
        # Not read_only: merged ranges are only known to a fully loaded sheet.
        book = load_workbook(io.BytesIO(data), data_only=True)
        grids = [_sheet_grid(sheet) for sheet in book.worksheets]
    except FormError:
        raise
    except Exception:
        raise FormError("Excel文件已损坏，无法打开：请在Excel或WPS中重新保存后再上传。") from None
    return _rows_from_grids(grids)


def _sheet_grid(sheet) -> list[list[str]]:
    height, width = min(sheet.max_row, MAX_ROWS), min(sheet.max_column, MAX_COLUMNS)
    grid = [
        [_cell_text(value) for value in row]
        for row in sheet.iter_rows(min_row=1, max_row=height, max_col=width, values_only=True)
    ]
    # Excel keeps a merged range's value in its top-left cell only; spread it over the range
    # so that a merged 责任单位 or 序号 reads the same in every row it covers, as in Word.
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= height or left >= width:
            continue
        value = grid[top][left]
        for r in range(top, min(merged.max_row, height)):
            for c in range(left, min(merged.max_col, width)):
                grid[r][c] = value
    return grid


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):  # a typed 2023年12月31日 becomes a date
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():  # 序号 1 comes back as 1.0
        return str(int(value))
    return str(value)


# --- the table, whatever the file --------------------------------------------------------------

def _rows_from_grids(grids: Iterable[Sequence[Sequence[str]]]) -> list[FormRow]:
    rows: list[FormRow] = []
    found_header = False
    for grid in grids:
        columns: dict[str, int] | None = None
        for position, cells in enumerate(grid):
            cells = [_clean(text) for text in cells]
            heading = _header_columns(cells) if position < HEADER_SEARCH_ROWS or columns else None
            if heading and columns and parse_seq(cells[columns["seq"]] if "seq" in columns else "") is not None:
                heading = None  # a numbered project row whose words merely look like headings
            if heading:  # the header, or the header repeated after a page break
                columns, found_header = heading, True
                continue
            if columns is None:
                continue
            row = _row(cells, columns, len(rows) + 1)
            if row is not None:
                rows.append(row)
    if not found_header:
        raise FormError(
            "文件中没有找到进展情况报表的表格（表头应有“序号”“实事名称”“本季度具体措施及任务进度情况”等栏目）。"
            "请使用本系统导出的报表，或通知附件中的报表填写后上传。"
        )
    return rows


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions by heading, if this row is the header: it names at least the
    project (实事名称) and what was done (具体措施…)."""
    filled = [text for text in cells if text]
    if len(set(filled)) < 2:
        return None  # the title typed into a merged first row names 实事 and 进展情况 too
    columns: dict[str, int] = {}
    for index, text in enumerate(cells):
        compact = re.sub(r"\s+", "", text)
        if not compact or len(compact) > 30:
            continue
        for key, words in HEADINGS:
            if key not in columns and any(word in compact for word in words):
                columns[key] = index
                break
    if "title" in columns and "measures" in columns and columns["title"] != columns["measures"]:
        return columns
    return None


def _row(cells: list[str], columns: dict[str, int], number: int) -> FormRow | None:
    def at(key: str) -> str:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    filled = [text for text in cells if text]
    if not filled:
        return None
    if len(cells) > 1 and len(filled) == len(cells) and len(set(filled)) == 1:
        return None  # one cell merged across the whole table: a note, not a project
    seq_text = re.sub(r"\s+", "", at("seq"))
    return FormRow(
        number=number,
        seq=parse_seq(seq_text),
        seq_text=seq_text,
        title=re.sub(r"\s+", "", at("title")),  # a name wrapped in its cell is still one name
        units=at("units"),
        measures=at("measures"),
        deadline=at("deadline"),
    )


def _clean(text: str) -> str:
    """Line breaks as \\n, no trailing spaces, no non-breaking spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u000b", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def parse_seq(text: str) -> int | None:
    """A project number as people write it.

    >>> [parse_seq(t) for t in ("1", "１", "3.", "（一）", "十", "2、", "", "合计")]
    [1, 1, 3, 1, 10, 2, None, None]
    """
    text = unicodedata.normalize("NFKC", text).strip().strip("()（）.、,，: ")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"[零一二两三四五六七八九十百]+", text):
        try:
            return int(cn2an.cn2an(text, "normal"))
        except (ValueError, KeyError):
            return None
    return None
