"""HTML elements → lines: blocks become lines, forms become TAB-per-cell rows.

A form (a <table> of short cells) is written the way Word's text export writes
a table, so that one reader of attachment forms serves .docx and web pages: a
line per cell starting with a TAB, the cell's own lines joined by "\\n", an
empty line after each row. Tables used for page layout are read as blocks.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# A whole line that is only page tools: 【字体：大 中 小】【打印本页】【关闭窗口】…
_TOOL_LINE = re.compile(
    r"""
    ^ (?: [\s【】\[\]|｜/]
        | 字体 [:：]? | 字号 [:：]? | [大中小]
        | 打印 (?:本页|此页)? | 关闭 (?:窗口|本页)? | 返回顶部 | 收藏 | 分享到 [:：]?
        | 扫一扫在手机打开当前页 | 扫一扫
      )+ $
    """,
    re.VERBOSE,
)

_BLOCK_TAGS = {
    "html",
    "body",
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "center",
    "form",
    "fieldset",
    "address",
    "figure",
    "figcaption",
    "hr",
    "caption",
    "details",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "pre",
    "title",
    "legend",
}

SPACES = re.compile(r"[ \t\n\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
_SOURCE_BREAK = re.compile(
    r"""
    (?<= [\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef] )   # after a Chinese character or mark
    [ \t]* \n \s*                                                   # a line break of the HTML source
    (?= [\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef] )    # before one
    """,
    re.VERBOSE,
)

# A table whose cells are this long is page layout, not a form.
_LAYOUT_CELL_CHARS = 400


def render(element) -> list[str]:
    """The lines of an element and everything in it."""
    return _Renderer().render(element)


class _Renderer:
    """Block elements become lines; tables become TAB-per-cell rows."""

    def __init__(self, in_cell: bool = False):
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.in_cell = in_cell

    def render(self, element) -> list[str]:
        self.walk(element)
        self.flush()
        return _squeeze_blank(self.lines)

    def flush(self) -> None:
        line = _tidy("".join(self.buffer))
        self.buffer = []
        # A form's cell may well say just "中"; only running text has tool bars.
        if line and (self.in_cell or not _TOOL_LINE.match(line)):
            self.lines.append(line)

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            self.flush()
        elif tag == "table" and _is_form(element):
            self.flush()
            self.table(element)
        elif tag == "pre":
            self.flush()
            self.lines.extend(_tidy(line) for line in element.text_content().split("\n"))
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.children(element)
            self.flush()
        else:
            self.children(element)
        if element.tail:
            self.buffer.append(element.tail)

    def children(self, element) -> None:
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child)
            elif child.tail:
                self.buffer.append(child.tail)

    def table(self, table) -> None:
        for row in _rows(table):
            for cell in row:
                inner = _Renderer(in_cell=True)
                inner.children(cell)
                inner.flush()
                cell_lines = [line for line in inner.lines if line.strip()]
                self.lines.append("\t" + "\n".join(cell_lines))
            self.lines.append("")


def _rows(table) -> list[list]:
    rows = []
    for section in [table, *table.findall("thead"), *table.findall("tbody"), *table.findall("tfoot")]:
        for tr in section.findall("tr"):
            rows.append([c for c in tr if c.tag in ("td", "th")])
    return [row for row in rows if row]


def _is_form(table) -> bool:
    rows = _rows(table)
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return False
    for row in rows:
        for cell in row:
            if (
                cell.find(".//table") is not None
                or len(_CJK.findall(cell.text_content())) > _LAYOUT_CELL_CHARS
            ):
                return False
    return True


def _tidy(line: str) -> str:
    line = _SOURCE_BREAK.sub("", line)
    return SPACES.sub(" ", line).strip()


def _squeeze_blank(lines: list[str]) -> list[str]:
    # Keep the one empty line that ends a table row, never two in a row.
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    while result and not result[-1]:
        result.pop()
    return result
