"""The files a clerk would upload, made from one 民生实事 fixture text (tests/notice/fixtures/minsheng/).

A fixture is plain text; its list of projects may be a table written with `|` between the cells
(a category row is a line of its own between the rows). `variants()` makes from it:
- txt-pipes: the text as written;
- txt-word: the text as Word's text export writes the table (a line per cell starting with a TAB);
- txt-cells: the table as copied from a web page, every cell on a line of its own;
- docx: a Word document, the table a real table (category rows merged across all columns);
- html: a county portal's page, the table a <table> (category rows with colspan);
- pdf: an official-style PDF, the table ruled, cells wrapped, category rows spanned.
Without a table, the docx, html and pdf variants come from documents.py.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.notice import documents

FIXTURES = Path(__file__).parent / "fixtures" / "minsheng"


@dataclass
class Shape:
    before: list[str]
    rows: list[list[str]] = field(default_factory=list)  # a category row has one cell
    after: list[str] = field(default_factory=list)


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def shape(text: str) -> Shape:
    lines = text.split("\n")
    rows_at = [i for i, line in enumerate(lines) if sum(1 for cell in line.split("|") if cell.strip()) >= 3]
    if not rows_at:
        return Shape(lines)
    first, last = rows_at[0], rows_at[-1]
    rows = [line.split("|") if "|" in line else [line] for line in lines[first : last + 1]]
    return Shape(lines[:first], rows, lines[last + 1 :])


def variants(name: str) -> dict[str, tuple[bytes, str]]:
    """Every upload made from the fixture: format → (bytes, file name)."""
    return variants_of(fixture(name), name)


def variants_of(text: str, name: str) -> dict[str, tuple[bytes, str]]:
    """Every upload made from a fixture's text, named `name` (a name starting web- is only pasted)."""
    layout = shape(text)
    if name.startswith("web-"):  # text as a web page gives it: only ever pasted
        return {"txt": (text.encode("utf-8"), f"{name}.txt")}
    if not layout.rows:
        return {
            "txt": (text.encode("utf-8"), f"{name}.txt"),
            "docx": (documents.make_docx(text, bookmark=False), f"{name}.docx"),
            "html": (documents.make_html(text), f"{name}.html"),
            "pdf": (documents.make_pdf(text), f"{name}.pdf"),
        }
    return {
        "txt-pipes": (text.encode("utf-8"), f"{name}.txt"),
        "txt-word": (_word_text(layout).encode("utf-8"), f"{name}.txt"),
        "txt-cells": (_cell_lines(layout).encode("utf-8"), f"{name}.txt"),
        "docx": (_docx(layout), f"{name}.docx"),
        "html": (_html(layout), f"{name}.html"),
        "pdf": (_pdf(layout), f"{name}.pdf"),
    }


def _word_text(layout: Shape) -> str:
    lines = list(layout.before)
    for row in layout.rows:
        lines += ["\t" + cell for cell in row] + [""]
    return "\n".join(lines + layout.after)


def _cell_lines(layout: Shape) -> str:
    """The table as copied from a web page: every cell on a line of its own."""
    return "\n".join(layout.before + [cell for row in layout.rows for cell in row] + layout.after)


def _docx(layout: Shape) -> bytes:
    import docx

    document = docx.Document()
    for line in layout.before:
        document.add_paragraph(line)
    columns = max(len(row) for row in layout.rows)
    table = document.add_table(rows=len(layout.rows), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(layout.rows):
        if len(row) == 1:
            cell = table.cell(r, 0).merge(table.cell(r, columns - 1))
            documents._fill(cell, row)
            continue
        for c, text in enumerate(row):
            documents._fill(table.cell(r, c), [text])
    for line in layout.after:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(layout: Shape) -> bytes:
    columns = max(len(row) for row in layout.rows)
    parts = [f'<p style="text-indent:2em">{html.escape(line)}</p>' for line in layout.before if line.strip()]
    parts.append('<table border="1" cellspacing="0"><tbody>')
    for row in layout.rows:
        if len(row) == 1:
            parts.append(f'<tr><td colspan="{columns}"><strong>{html.escape(row[0])}</strong></td></tr>')
        else:
            parts.append("<tr>" + "".join(f"<td><p>{html.escape(cell)}</p></td>" for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    parts += [f"<p>{html.escape(line)}</p>" for line in layout.after if line.strip()]
    title = documents.headline("\n".join(layout.before))
    page = documents._GOV_PAGE.format(
        charset="utf-8", title=html.escape(title), site="临川市人民政府", body="\n".join(parts)
    )
    return page.encode("utf-8")


def _pdf(layout: Shape) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = documents._cid_font()
    body = ParagraphStyle("body", fontName=font, fontSize=14, leading=24, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName=font, fontSize=10, leading=13, wordWrap="CJK")
    story = [Paragraph(html.escape(line), body) if line.strip() else Spacer(1, 6) for line in layout.before]
    columns = max(len(row) for row in layout.rows)
    width, height = landscape(A4)
    widths = _column_widths(layout.rows, columns, width - 80)
    data, spans = [], []
    for r, row in enumerate(layout.rows):
        if len(row) == 1:
            data.append([Paragraph(html.escape(row[0]), small)] + [""] * (columns - 1))
            spans.append(("SPAN", (0, r), (columns - 1, r)))
        else:
            data.append([Paragraph(html.escape(cell), small) for cell in row])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]
        )
    )
    story.append(table)
    story += [Paragraph(html.escape(line), body) for line in layout.after if line.strip()]

    def furniture(canvas, document):
        canvas.saveState()
        canvas.setFont(font, 10)
        canvas.drawCentredString(width / 2, 30, f"— {document.page} —")
        canvas.restoreState()

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=(width, height), leftMargin=40, rightMargin=40, topMargin=50, bottomMargin=50
    ).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


def _column_widths(rows: list[list[str]], columns: int, total: float) -> list[float]:
    """Narrow columns for numbers and dates, wide ones for the content, as clerks lay them out."""
    longest = [max((len(row[c]) for row in rows if len(row) == columns), default=2) for c in range(columns)]
    weights = [min(max(n, 3), 40) for n in longest]
    return [total * w / sum(weights) for w in weights]


def long_table_notice(count: int) -> str:
    """A county notice listing `count` projects as a pipe table (the bench's and the tests' long list)."""
    kinds = [
        ("新建村级综合服务中心", "新建村级综合服务中心{n}个，建筑面积不少于300平方米。", "县民政局"),
        ("改造农村公路", "改造提升农村公路{n}公里，实施危桥改造2座。", "县交通运输局"),
        ("建设农村供水工程", "新建改造供水管网{n}公里，惠及群众1.2万人。", "县水务局"),
        ("开展“两癌”免费筛查", "为{n}00名适龄妇女免费开展“两癌”筛查。", "县卫生健康局"),
    ]
    lines = [
        "青山县人民政府办公室",
        "关于下达2024年镇村民生实事项目计划的通知",
        "青政办发〔2024〕12号",
        "各镇人民政府、街道办事处，县政府有关部门：",
        "现将2024年镇村民生实事项目计划下达给你们，请认真组织实施。",
        "附件",
        "序号|项目名称|主要内容|年度投资（万元）|牵头单位|配合单位|完成时限",
    ]
    for n in range(1, count + 1):
        title, content, lead = kinds[n % len(kinds)]
        lines.append(
            f"{n}|{title}（第{n}批）|{content.format(n=n % 9 + 1)}|{n * 10}|{lead}"
            "|县财政局、各镇（街道）|2024年12月底"
        )
    return "\n".join(lines)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)
