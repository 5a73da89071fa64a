"""The bulletin's attachment: every unit's lines for the period in one table, through the one
exporter base (so the same table is also a CSV or an XLSX)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from shishi.documents.tables import Column, TableExporter

TABLE_FONT_SIZE = 12  # 小四: the body's 三号 would make the long 措施 column run for pages
PAGE_WIDTH_CM = 21.0 - 2.8 - 2.6  # GB/T 9704 版心: 156 mm between the margins


class MergedLinesExporter(TableExporter):
    """序号 / 实事名称 / 责任单位 / 本季度具体措施及任务进度情况 / 完成时限, from a snapshot's `table`."""

    columns = (
        Column("序号", 5.5),  # about 1 cm: "10" fits on one line (at 3.5 it broke as 1/0)
        Column("实事名称", 14),
        Column("责任单位", 13),
        Column("本季度具体措施及任务进度情况", 33),
        Column("完成时限", 16.5),
    )
    landscape = False

    def __init__(self, rows: list[list], title: str = "", filename: str = "export"):
        self._rows, self.title, self.filename = rows, title, filename

    def rows(self):
        return iter(self._rows)

    def docx_table(self, document):
        """The base table, fitted to an official document's page: the base sizes portrait tables
        for its own 22 mm margins and leaves the body paragraphs' 三号 size, fixed line pitch and
        first-line indent on the cells, which a table must not have."""
        table = super().docx_table(document)
        total = sum(column.width for column in self.columns)
        widths = [Cm(PAGE_WIDTH_CM * column.width / total) for column in self.columns]
        # LibreOffice sizes columns by the grid, Word by the cells: set both.
        for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            grid_column.set(qn("w:w"), str(width.twips))
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
                for paragraph in cell.paragraphs:
                    compact(paragraph)
                    if paragraph.alignment is None:  # the body's justification spreads short cells
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    for run in paragraph.runs:
                        run.font.size = Pt(TABLE_FONT_SIZE)
        for index, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            # The heading row repeats on each page; a unit's line is not cut in two by a page end.
            properties.append(properties.makeelement(qn("w:tblHeader" if index == 0 else "w:cantSplit"), {}))
        self._merge_projects(table)
        return table

    def _merge_projects(self, table) -> None:
        """One 序号 and 实事名称 cell for all the units of a project, as on the paper form."""
        start = 1
        seqs = [None] + [row[0] for row in self._rows]
        for index in range(2, len(seqs) + 1):
            if index < len(seqs) and seqs[index] == seqs[start]:
                continue
            if index - 1 > start:
                for column in (0, 1):
                    for below in range(start + 1, index):
                        _empty(table.cell(below, column))
                    table.cell(start, column).merge(table.cell(index - 1, column))
            start = index


def compact(paragraph) -> None:
    """Single spacing, no indent, off the page's character and line grid."""
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = fmt.space_after = Pt(0)
    properties = paragraph._p.get_or_add_pPr()
    indent = properties.find(qn("w:ind"))
    if indent is not None:
        indent.set(qn("w:firstLineChars"), "0")
    if properties.find(qn("w:snapToGrid")) is None:
        grid = properties.makeelement(qn("w:snapToGrid"), {qn("w:val"): "0"})
        properties.insert_element_before(grid, *_AFTER_SNAP_TO_GRID)


def _empty(cell) -> None:
    """Leave a cell with one empty paragraph, so that merging moves nothing into the kept cell."""
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    for run in cell.paragraphs[0].runs:
        run._r.getparent().remove(run._r)


# pPr children that come after w:snapToGrid in the schema's sequence (CT_PPrBase).
_AFTER_SNAP_TO_GRID = tuple(
    f"w:{name}"
    for name in (
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)
