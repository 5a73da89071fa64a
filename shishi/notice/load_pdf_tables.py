"""Ruled tables on a PDF page, read cell by cell.

PDFium gives a table's text in drawing order: a row's cells run into one line (`提质行动 县教育
体育局`) and wrapped cells interleave, so the columns cannot be told apart from the text. Word,
WPS and reportlab draw a table's rules as path objects; their horizontal and vertical lines give
the grid, and PDFium reads the text inside each cell's rectangle (`get_text_bounded`). A cell
is merged across columns where no vertical rule runs through its row, and across rows where no
horizontal rule runs under it: its text goes into the first row, the rows it covers get an
empty cell, as Word's text export writes a vertical merge.

The cells come out as load_docx writes a Word table (a line per cell starting with a TAB, an
empty line after each row), so every reader after this one sees one shape of table.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_raw

# Words of a header row; a page without two of them holds no list of projects worth the work.
_HEADER_WORDS = re.compile(
    r"序\s*号|名\s*称|责\s*任\s*单\s*位|牵\s*头|内\s*容|完\s*成\s*时\s*限|投\s*资|任\s*务"
)
# Rules thinner than this are lines; a cell is at least this long.
_THIN = 3.0
_SHORTEST_RULE = 8.0
# Rules this close are one (a double line, a thin rectangle's two edges).
_SAME_RULE = 2.5
# Paths with more segments than this are drawings, not rules.
_MOST_SEGMENTS = 64


@dataclass
class Grid:
    xs: list[float]  # column rules, left to right
    ys: list[float]  # row rules, top to bottom
    horizontal: list[tuple[float, float, float]]  # (y, x0, x1)
    vertical: list[tuple[float, float, float]]  # (x, y0, y1)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


def may_hold_table(text: str) -> bool:
    """A cheap test on the page's text before any path is looked at."""
    return len(_HEADER_WORDS.findall(text)) >= 2


def find_grid(page) -> Grid | None:
    """The grid of the ruled table on `page`, or None when the page has none."""
    horizontal, vertical = _rules(page)
    xs = _cluster([x for x, _, _ in vertical])
    ys = sorted(_cluster([y for y, _, _ in horizontal]), reverse=True)
    if len(xs) < 3 or len(ys) < 3:
        return None
    return Grid(xs, ys, horizontal, vertical)


def table_lines(grid: Grid, textpage) -> list[str]:
    """The cells of the grid as TAB-per-cell lines, an empty line after each row."""
    lines: list[str] = []
    rows = len(grid.ys) - 1
    for row in range(rows):
        top, bottom = grid.ys[row], grid.ys[row + 1]
        middle = (top + bottom) / 2
        start = 0
        cells = []
        for column in range(1, len(grid.xs)):
            x = grid.xs[column]
            if column < len(grid.xs) - 1 and not _vertical_at(grid, x, middle):
                continue  # no rule here in this row: the cell spans the next column too
            left, right = grid.xs[start], x
            start = column
            centre = (left + right) / 2
            if row and not _horizontal_at(grid, top, centre):
                cells.append("")  # continues the cell above it
                continue
            low = row + 1
            while low < rows and not _horizontal_at(grid, grid.ys[low], centre):
                low += 1
            text = textpage.get_text_bounded(left + 0.5, grid.ys[low] + 0.5, right - 0.5, top - 0.5)
            cells.append(_cell_text(text))
        if any(cells):
            lines += ["\t" + cell for cell in cells] + [""]
    return lines


def _cell_text(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in re.split(r"\r\n|\r|\n", text)]
    return "\n".join(line for line in lines if line).replace("\ufffe", "").replace("\x02", "")


def _vertical_at(grid: Grid, x: float, y: float) -> bool:
    return any(abs(vx - x) <= _SAME_RULE and y0 - 1 <= y <= y1 + 1 for vx, y0, y1 in grid.vertical)


def _horizontal_at(grid: Grid, y: float, x: float) -> bool:
    return any(abs(hy - y) <= _SAME_RULE and x0 - 1 <= x <= x1 + 1 for hy, x0, x1 in grid.horizontal)


def _cluster(values: list[float]) -> list[float]:
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= _SAME_RULE:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return [sum(c) / len(c) for c in clusters]


def _rules(page) -> tuple[list, list]:
    """Horizontal and vertical rules drawn on the page, from its path objects."""
    horizontal, vertical = [], []
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height <= _THIN and width >= _SHORTEST_RULE:
            horizontal.append(((bottom + top) / 2, left, right))
        elif width <= _THIN and height >= _SHORTEST_RULE:
            vertical.append(((left + right) / 2, bottom, top))
        elif width >= _SHORTEST_RULE and height >= _SHORTEST_RULE:
            _segments(obj, horizontal, vertical)  # a cell's box or a whole grid in one path
    return horizontal, vertical


def _segments(obj, horizontal: list, vertical: list) -> None:
    count = pdfium_raw.FPDFPath_CountSegments(obj.raw)
    if not 0 < count <= _MOST_SEGMENTS:
        return
    matrix = obj.get_matrix()
    a, b, c, d, e, f = matrix.get()
    x, y = ctypes.c_float(), ctypes.c_float()
    previous = start = None
    for index in range(count):
        segment = pdfium_raw.FPDFPath_GetPathSegment(obj.raw, index)
        if not pdfium_raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_raw.FPDFPathSegment_GetType(segment)
        if kind == pdfium_raw.FPDF_SEGMENT_LINETO and previous is not None:
            _add_rule(previous, point, horizontal, vertical)
        if kind == pdfium_raw.FPDF_SEGMENT_MOVETO:
            start = point
        previous = point
        if pdfium_raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_rule(point, start, horizontal, vertical)


def _add_rule(p: tuple[float, float], q: tuple[float, float], horizontal: list, vertical: list) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= _SHORTEST_RULE:
        horizontal.append((y0, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= _SHORTEST_RULE:
        vertical.append((x0, min(y0, y1), max(y0, y1)))
