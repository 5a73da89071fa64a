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
- the figures column this system adds (量化指标及累计完成值), kept as written: services.py
  reads the figures out of it (progress.written_figures) and checks them as the web form does;
  a form without that column (the notice's own attachment) brings back no figures;
- files saved by WPS under a .doc or .wps name that are really .docx (the content decides,
  never the name), and real old binary .doc/.xls files, which this reader cannot open.

Anyone with a unit's log-in can upload here, so the reader bounds its work before spending
it (shishi/notice/bounds.py): the sizes the zip declares, the elements of the XML it parses,
then the rows, cells and merged ranges of the table, counted while the sheet streams past —
never building what a file merely claims (a 5 KB .xlsx can merge C10:AN20009, a 359 KB .docx
can hold a table of 600,000 rows).
"""

from __future__ import annotations

import datetime
import io
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import cn2an
from lxml import etree

from shishi.notice import bounds

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = bounds.MAX_TABLE_ROWS
MAX_COLUMNS = bounds.MAX_COLUMNS
HEADER_SEARCH_ROWS = 30
NOT_OUR_FORM = "请检查是否为本系统的报表。"

# Which heading names which column, in the order a heading is tried: the first key whose
# words appear in a heading cell takes that column.
HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("seq", ("序号", "编号")),
    ("figures", ("完成值", "指标")),  # 量化指标及累计完成值, the column this system adds
    ("measures", ("具体措施", "进度情况", "进展情况", "工作进展", "措施")),
    ("deadline", ("完成时限", "时限", "完成时间")),
    ("units", ("责任单位", "牵头单位", "承办单位")),
    ("title", ("实事名称", "项目名称", "实事项目", "名称", "实事")),
)

OLE2_MAGIC = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls/.wps/.et, and password-protected Office files
)


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
    figures: str = ""  # the 量化指标及累计完成值 cell as written; a form without that column has none

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
        raise FormError(
            "这是旧版Word/Excel/WPS格式的文件（或设置了密码）：请在Word或WPS中“另存为”.docx或.xlsx格式（不设密码）后再上传。"
        )
    try:
        kind = _zip_kind(data)
        rows = _docx_rows(data) if kind == "docx" else _xlsx_rows(data)
    except bounds.OverLimit as exc:
        raise FormError(str(exc)) from None
    if not any(row.title or row.seq is not None for row in rows):
        raise FormError("报表表格中没有任何实事行：请在表头下方逐行填写序号、实事名称和进展情况。")
    return rows


def _zip_kind(data: bytes) -> str:
    not_a_form = "无法读取这个文件：请上传Word（.docx）或Excel（.xlsx）格式的进展情况报表。"
    if not data.startswith(b"PK"):
        raise FormError(not_a_form)
    try:
        with bounds.open_zip(data, NOT_OUR_FORM) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise FormError("文件已损坏，无法打开：请在Word或WPS中重新保存后再上传。") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise FormError(not_a_form)


# --- Word ---------------------------------------------------------------------------------------


def _docx_rows(data: bytes) -> list[FormRow]:
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = bounds.read_xml_member(archive, "word/document.xml", NOT_OUR_FORM)
    try:
        # python-docx's own parser and element classes, so that a cell's text is what
        # python-docx's cell.text gives; its Table and _Row objects are not used (see _word_grid).
        body = parse_xml(xml).find(qn("w:body"))
    except Exception:  # lxml errors on a broken part
        raise FormError("Word文件已损坏，无法打开：请在Word或WPS中重新保存后再上传。") from None
    if body is None:
        raise FormError("Word文件已损坏，无法打开：请在Word或WPS中重新保存后再上传。")
    tables = body.findall(qn("w:tbl"))  # the body's own tables, as document.tables gives them
    rows = [row for table in tables for row in table.findall(qn("w:tr"))]
    bounds.check_rows(len(rows), NOT_OUR_FORM)
    bounds.check_cells(sum(len(row.findall(qn("w:tc"))) for row in rows), NOT_OUR_FORM)
    return _rows_from_grids(_word_grid(table) for table in tables)


def _word_grid(table) -> list[list[str]]:
    """The table's rows as python-docx's row.cells reads them, in one pass.

    A cell spanning several grid columns is repeated once per column, and a cell continuing a
    vertical merge reads as the cell it continues, so column positions are the same in every
    row, merged or not. python-docx finds the continued cell by walking up the rows, one
    search per row of the merge; here the top cell of each grid column is carried down.
    """
    grid: list[list[str]] = []
    above: dict[int, tuple[str, int]] = {}  # grid offset → (text, span) of the cell there
    for row in table.tr_lst:
        cells: list[str] = []
        offset = row.grid_before
        current: dict[int, tuple[str, int]] = {}
        for tc in row.tc_lst:
            span = max(1, tc.grid_span)
            if tc.vMerge == "continue":
                text, span = above.get(offset, ("", span))
            else:
                text = "\n".join(_paragraph_text(p) for p in tc.iterchildren(_W + "p"))
            current[offset] = (text, span)
            cells.extend([text] * max(0, min(span, MAX_COLUMNS - len(cells))))
            offset += span
            if offset > MAX_COLUMNS:
                break  # a span of a million columns is read as far as a form can reach
        above = current
        grid.append(cells)
    return grid


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {_W + tag for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")}


def _paragraph_text(p) -> str:
    """python-docx's paragraph.text (runs and hyperlinks' runs, each text element as its str:
    w:t its text, w:tab a TAB, a line break "\\n"), without its XPath query per element, which
    cost 1.3 s on a table at the bounds."""
    parts = []
    for child in p:
        runs = (
            [child]
            if child.tag == _W + "r"
            else child.iterchildren(_W + "r")
            if child.tag == _W + "hyperlink"
            else ()
        )
        for run in runs:
            parts.extend(str(element) for element in run if element.tag in _RUN_TEXT)
    return "".join(parts)


# --- Excel ---------------------------------------------------------------------------------------

SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass
class _Shape:
    """What a sheet holds, counted from its XML before anything is built."""

    height: int  # the last row with a value in it, or covered by a merged range
    width: int  # the same for columns, at most MAX_COLUMNS
    merged: list[tuple[int, int, int, int]]  # (first row, first column, last row, last column), from 1


def _xlsx_rows(data: bytes) -> list[FormRow]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {
            name: bounds.read_xml_member(archive, name, NOT_OUR_FORM)
            for name in archive.namelist()
            if name.lower().endswith((".xml", ".rels"))
        }
    try:
        # read_only streams each sheet and never builds a cell the file merely claims; it
        # knows no merged ranges, so _sheet_shape reads those from the sheet's XML.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:
        raise FormError("Excel文件已损坏，无法打开：请在Excel或WPS中重新保存后再上传。") from None
    try:
        grids = []
        paths = _sheet_paths(parts)
        for sheet in book.worksheets:
            xml = parts.get(paths.get(sheet.title, ""))
            if xml is not None:
                grids.append(_sheet_grid(sheet, _sheet_shape(xml)))
    except (FormError, bounds.OverLimit):
        raise
    except Exception:
        raise FormError("Excel文件已损坏，无法打开：请在Excel或WPS中重新保存后再上传。") from None
    finally:
        book.close()
    return _rows_from_grids(grids)


RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_paths(parts: dict[str, bytes]) -> dict[str, str]:
    """Each sheet's name → the zip part holding it, as the workbook and its relationships say
    (openpyxl keeps the part's name only privately). Parts already passed the bounds."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        workbook = etree.fromstring(parts["xl/workbook.xml"], parser)
        relationships = etree.fromstring(parts["xl/_rels/workbook.xml.rels"], parser)
    except (KeyError, etree.XMLSyntaxError):
        raise FormError("Excel文件已损坏，无法打开：请在Excel或WPS中重新保存后再上传。") from None
    targets = {}
    for relationship in relationships.iter(RELATIONSHIPS + "Relationship"):
        target = relationship.get("Target") or ""
        # Relative to xl/ as Excel writes it, or absolute from the package's root as some programs do.
        targets[relationship.get("Id")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
    return {
        sheet.get("name"): targets.get(sheet.get(OFFICE_RELATIONSHIP_ID), "")
        for sheet in workbook.iter(SHEET + "sheet")
    }


def _sheet_shape(xml: bytes) -> _Shape:
    """Rows, cells and merged ranges of a sheet, counted as its XML streams past: refused at the
    first bound passed, before openpyxl reads a value."""
    height = width = cells = row_number = 0
    merged: list[tuple[int, int, int, int]] = []
    events = etree.iterparse(
        io.BytesIO(xml),
        events=("end",),
        tag=(SHEET + "row", SHEET + "mergeCell"),
        resolve_entities=False,
        no_network=True,
    )
    for _event, element in events:
        if element.tag == SHEET + "row":
            row_number = _number(element.get("r"), row_number + 1)
            column = 0
            for cell in element.iterchildren(SHEET + "c"):
                cells += 1
                column = _column(cell.get("r"), column + 1)
                if _has_value(cell):
                    height, width = max(height, row_number), max(width, column)
            bounds.check_cells(cells, NOT_OUR_FORM)
            bounds.check_rows(height, NOT_OUR_FORM)
            # Rows already counted are dropped, so the tree never holds more than one.
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        else:
            merged.append(_merged_range(element.get("ref") or ""))
            if len(merged) > bounds.MAX_MERGED_RANGES:
                raise bounds.OverLimit(f"表格中的合并单元格超过{bounds.MAX_MERGED_RANGES}处，{NOT_OUR_FORM}")
    merged = [m for m in merged if m[0] <= m[2] and m[1] <= m[3]]
    for _top, _left, bottom, _right in merged:
        bounds.check_rows(bottom, NOT_OUR_FORM)  # a merged range reaching row 20009 makes a table that long
    height = max([height] + [bottom for _top, _left, bottom, _right in merged])
    width = min(MAX_COLUMNS, max([width] + [right for _top, _left, _bottom, right in merged]))
    # Spreading a merged value costs its area: overlapping ranges must not multiply it.
    bounds.check_cells(
        sum(
            (bottom - top + 1) * (min(right, width) - left + 1)
            for top, left, bottom, right in merged
            if left <= width
        ),
        NOT_OUR_FORM,
    )
    return _Shape(height, width, merged)


def _has_value(cell) -> bool:
    value = cell.find(SHEET + "v")
    return (value is not None and bool(value.text)) or cell.find(SHEET + "is") is not None


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else default


def _column(reference: str | None, default: int) -> int:
    """The column of a cell reference: "AB12" → 28."""
    letters = re.match(r"[A-Z]{1,3}", reference or "")
    if not letters:
        return default
    column = 0
    for letter in letters.group():
        column = column * 26 + ord(letter) - 64
    return column


def _merged_range(ref: str) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of "C10:AN20009"; empty for nonsense."""
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?", ref.strip())
    if not match:
        return (1, 1, 0, 0)
    left, top = _column(match.group(1), 1), int(match.group(2))
    right, bottom = (_column(match.group(3), 1), int(match.group(4))) if match.group(3) else (left, top)
    return (min(top, bottom), min(left, right), max(top, bottom), max(left, right))


def _sheet_grid(sheet, shape: _Shape) -> list[list[str]]:
    height, width = shape.height, shape.width
    if not height or not width:
        return []  # openpyxl would take a missing bound from the sheet's claimed dimension
    grid = [
        [_cell_text(value) for value in row]
        for row in sheet.iter_rows(min_row=1, max_row=height, min_col=1, max_col=width, values_only=True)
    ]
    # Rows past the last one in the file (covered only by a merged range) are not streamed.
    grid += [[""] * width for _ in range(height - len(grid))]
    for cells in grid:
        cells += [""] * (width - len(cells))
    # Excel keeps a merged range's value in its top-left cell only; spread it over the range
    # so that a merged 责任单位 or 序号 reads the same in every row it covers, as in Word.
    for top, left, bottom, right in shape.merged:
        if left > width:
            continue
        value = grid[top - 1][left - 1]
        for r in range(top - 1, bottom):
            for c in range(left - 1, min(right, width)):
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
            if (
                heading
                and columns
                and parse_seq(cells[columns["seq"]] if "seq" in columns else "") is not None
            ):
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
        figures=at("figures"),
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
