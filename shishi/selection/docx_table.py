"""The tables of the selection's documents: 四号 type in fixed columns that fill the GB/T 9704
版心, names flush left and figures and boxes centred, the heading row repeated on each page."""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from shishi import gbt9704

TABLE_SIZE = gbt9704.SIZES["四号"]
CELL_MARGIN = Cm(0.1)


def table(
    document,
    header: list[str],
    rows: list[list[str]],
    widths,
    *,
    tall: bool = False,
    left=(1, 2),
    size: float = TABLE_SIZE,
):
    """A table of 四号 type in fixed columns; the `left` columns (names) set flush left, the rest
    (numbers, boxes) centred."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    gbt9704.fixed_widths(table, widths, CELL_MARGIN)
    for index, values in enumerate([header, *rows]):
        row = table.rows[index]
        if tall and index:  # room for a pen's mark
            row.height, row.height_rule = Cm(1.2), WD_ROW_HEIGHT_RULE.AT_LEAST
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            gbt9704.compact(paragraph)
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if index and column in left else WD_ALIGN_PARAGRAPH.CENTER
            )
            font = gbt9704.HEADING_FONT if index == 0 else gbt9704.BODY_FONT
            gbt9704.run(paragraph, value, font, size)
        if index == 0:  # the heading row repeats on each page
            properties = row._tr.get_or_add_trPr()
            properties.append(properties.makeelement(qn("w:tblHeader"), {}))
    return table
