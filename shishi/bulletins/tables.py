"""The bulletin's attachment: every unit's lines for the period in one table, each project with
its figures and its light, through the one exporter base (so the same table is also a CSV or an
XLSX).

The spreadsheet keeps a column for each thing (序号, 实事名称, 目标与完成情况, 亮灯, 责任单位, 措施,
完成时限). The printed table sets a project's name and its figures in one cell (名称 on top, a line
per target under it): that cell spans the project's unit lines anyway, and the column it frees
goes to the units' 措施, whose lines are what makes the table long (ten projects with thirty-two
unit lines took six pages with seven columns). To keep the demo's ten projects to three pages
of table, the printed table also: sets its type in 五号, the size GB/T 9704 leaves to a table
(小四 took five pages); says a light for lateness without naming the late units, which part 二
and part 三 of the text name; and, when every line has the same 完成时限, says it once in the
措施 column's heading and gives that column's width to the 措施."""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from shishi.documents.tables import Column, TableExporter, cell_value
from shishi.gbt9704 import SIZES, compact, fixed_widths
from shishi.oversight.lights import LATE_REASON

from .snapshot import NOTHING_SENT

TABLE_FONT_SIZE = SIZES["五号"]  # the body's 三号, or even 小四, would make the 措施 run for pages
TABLE_LINE = TABLE_FONT_SIZE * 1.25  # points
CELL_MARGIN = Cm(0.08)  # each side; Word's 0.19 cm would take 2.2 cm of the 15.6 cm from the text
COLUMNS = (  # `width` in characters, for the spreadsheet
    Column("序号", 5),
    Column("实事名称", 16),
    Column("目标与完成情况", 24),
    Column("亮灯", 14),
    Column("责任单位", 14),
    Column("本季度具体措施及任务进度情况", 40),
    Column("完成时限", 12),
)
PRINTED_COLUMNS = (
    Column("序号"),
    Column("实事名称及目标完成情况"),
    Column("亮灯"),
    Column("责任单位"),
    Column("本季度具体措施及任务进度情况"),
    Column("完成时限"),
)
# Fixed widths filling the 156 mm of the GB/T 9704 版心. 序号 about 1 cm: "10" fits on one line
# (at 0.67 cm it broke as 1 over 0); 完成时限 holds "2026年" on a line; 措施 gets the most.
DOCX_WIDTHS = (Cm(1.0), Cm(3.5), Cm(2.4), Cm(1.8), Cm(5.5), Cm(1.4))
# Every line with the same 完成时限 (the usual 年底): the column goes, the 措施 column's heading
# (repeated on every page) says it once, and its width goes to the 措施 (three lines a unit
# rather than five in the demo).
ONE_DEADLINE_WIDTHS = (Cm(1.0), Cm(3.4), Cm(2.0), Cm(1.9), Cm(7.3))
LATE_WORDS = "有单位逾期未报"
PROJECT_COLUMNS = 3  # 序号, 实事名称及目标完成情况, 亮灯: one cell for all the units of a project


class MergedLinesExporter(TableExporter):
    """序号 / 实事名称 / 目标与完成情况 / 亮灯 / 责任单位 / 本季度具体措施及任务进度情况 / 完成时限,
    from a snapshot's `table` (see snapshot.merged_lines). A bulletin issued before the figures
    and lights were added has five cells a row; they are read as the new seven with those empty."""

    columns = COLUMNS
    landscape = False

    def __init__(self, rows: list[list], title: str = "", filename: str = "export"):
        self._rows, self.title, self.filename = [widen(row) for row in rows], title, filename

    def rows(self):
        return iter(self._rows)

    def docx_table(self, document):
        return PrintedTable(self._rows).docx_table(document)


class PrintedTable(TableExporter):
    """The attachment as printed (see the module's note), from MergedLinesExporter's rows."""

    columns = PRINTED_COLUMNS
    landscape = False
    widths = DOCX_WIDTHS
    deadline = ""  # the one 完成时限 of every line, when they all say the same

    def __init__(self, rows: list[list]):
        self._rows = [printed(row) for row in rows]
        self.deadline = common_deadline(rows)
        if self.deadline:
            measures = Column(f"{PRINTED_COLUMNS[-2].title}（完成时限均为{self.deadline}）")
            self.columns, self.widths = (*PRINTED_COLUMNS[:-2], measures), ONE_DEADLINE_WIDTHS
            self._rows = [row[:-1] for row in self._rows]

    def rows(self):
        return iter(self._rows)

    def docx_table(self, document):
        """The base table, fitted to an official document's page: fixed column widths that fill
        the 版心, 小四 type, narrow cell margins, and none of the body paragraphs' 三号 size, fixed
        line pitch and first-line indent, which a table must not have."""
        table = super().docx_table(document)
        fixed_widths(table, self.widths, CELL_MARGIN)
        for index, row in enumerate(table.rows):
            for column, cell in enumerate(row.cells):
                if index == 0 or column == 0:
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                for paragraph in cell.paragraphs:
                    compact(paragraph)
                    # exactly 1.25 lines of 小四: single spacing follows the font's own line
                    # height, which for some CJK fonts is nearly 1.5 lines
                    paragraph.paragraph_format.line_spacing = Pt(TABLE_LINE)
                    if index == 0 or column == 0:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    elif paragraph.alignment is None:  # the body's justification spreads short cells
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    for run in paragraph.runs:
                        run.font.size = Pt(TABLE_FONT_SIZE)
                if index and column == 1:  # the project's name, above its figures
                    for run in cell.paragraphs[0].runs:
                        run.font.bold = True
            if index == 0:  # the heading row repeats on each page
                properties = row._tr.get_or_add_trPr()
                properties.append(properties.makeelement(qn("w:tblHeader"), {}))
        # Rows may break across pages: a project's merged cells keep its rows together, and
        # kept whole they left a third of a page empty before each long project.
        self._merge_projects(table)
        return table

    def _merge_projects(self, table) -> None:
        """One 序号, 名称及目标完成情况 and 亮灯 cell for all the units of a project."""
        start = 1
        seqs = [None] + [row[0] for row in self._rows]
        for index in range(2, len(seqs) + 1):
            if index < len(seqs) and seqs[index] == seqs[start]:
                continue
            if index - 1 > start:
                for column in range(PROJECT_COLUMNS):
                    for below in range(start + 1, index):
                        _empty(table.cell(below, column))
                    table.cell(start, column).merge(table.cell(index - 1, column))
            start = index


def printed(row: list) -> list:
    """A row of the seven columns as printed: the name with the figures under it, the light short."""
    seq, title, figures, light, *units = row
    named = "\n".join(str(cell_value(text)) for text in (title, figures) if text not in (None, ""))
    return [seq, named, short_light(light), *units]


def short_light(cell) -> str:
    r"""The 亮灯 cell as printed: a light for lateness says so without naming the units (part 二
    names them under the project, part 三 lists every late unit), which took a dozen lines of a
    narrow column; any other reason as it is.

    >>> short_light("红灯\n县妇联（牵头单位）、团县委（配合单位）报表逾期未报")
    '红灯\n有单位逾期未报'
    """
    lines = str(cell).split("\n") if cell not in (None, "") else []
    if len(lines) > 1 and lines[1].endswith(LATE_REASON):
        lines[1] = LATE_WORDS
    return "\n".join(lines)


def common_deadline(rows: list[list]) -> str:
    """The 完成时限 of every submitted line when all say the same, else "" (a line left blank, or
    two deadlines, keep the column). A project nobody reported has no deadline to count."""
    deadlines = {str(row[-1]).strip() for row in rows if row[-2] != NOTHING_SENT}
    return deadlines.pop() if len(deadlines) == 1 and "" not in deadlines else ""


def merged_rows(rows, colours: dict | None = None) -> list[dict]:
    """The table's rows as the preview page shows them, from MergedLinesExporter's rows: `project`
    (序号, 名称, 目标与完成情况, 亮灯, `span`: the number of unit lines it stands over, `colour`: its
    light's, from `colours` by 序号) on a project's first line only, `unit` (责任单位, 措施, 完成时限)
    on every line."""
    colours = colours or {}
    shown: list[dict] = []
    for row in rows:
        seq, title, figures, light, *unit = row
        if shown and shown[-1]["seq"] == seq:
            first = next(line for line in reversed(shown) if line["project"])
            first["project"]["span"] += 1
            shown.append({"seq": seq, "project": None, "unit": unit})
        else:
            project = {"seq": seq, "title": title, "figures": figures, "light": light, "span": 1}
            shown.append({"seq": seq, "project": dict(project, colour=colours.get(seq, "")), "unit": unit})
    return shown


def widen(row: list) -> list:
    """A row of a bulletin issued before figures and lights (序号, 实事名称, 责任单位, 措施, 完成时限)
    as a row of today's seven columns."""
    if len(row) == 5:
        return [row[0], row[1], "", "", *row[2:]]
    return list(row)


def _empty(cell) -> None:
    """Leave a cell with one empty paragraph, so that merging moves nothing into the kept cell."""
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    for run in cell.paragraphs[0].runs:
        run._r.getparent().remove(run._r)
