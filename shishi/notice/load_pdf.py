"""Text of a PDF, page by page, without running headers and page numbers.

Lines are kept as PDFium extracts them — an official document wraps every 28
characters or so, and joining the wrapped lines is the normaliser's job.
What goes are the lines that belong to the page rather than the notice: the
"— 3 —" page numbers of GB/T 9704 documents and headers or footers repeated
on most pages. PDFium returns text in content-stream order, where a footer
drawn first comes out first, so "top" and "bottom" lines are found by their
position on the page, not by their place in the text.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from shishi.notice import bounds, pdf_objects
from shishi.notice.errors import NoticeError
from shishi.notice.load_pdf_tables import find_grid, may_hold_table, table_lines
from shishi.notice.load_text import looks_like_text, normalise_newlines

MAX_PAGES = bounds.MAX_PDF_PAGES
# How many lines at each edge of a page may be a header, footer or page number.
EDGE_LINES = 2
# Fewer letters than this per page on average means the pages are images.
MIN_CHARS_PER_PAGE = 15

# PDFium is not thread-safe, and a web server may read two uploads at once.
_PDFIUM_LOCK = threading.Lock()

_CORRUPT = (
    "PDF 文件已损坏或不完整，无法读取。"
    "请重新下载或重新导出 PDF 后再上传，也可以改为上传通知的 Word（.docx）文件。"
)


@dataclass
class Line:
    text: str
    y: float | None = None  # vertical centre in PDF points, bottom = 0; None when unknown
    cell: bool = False  # a line of a ruled table read cell by cell (load_pdf_tables.py)


def pdf_text(data: bytes, max_pages: int = MAX_PAGES) -> str:
    _check_work(data, max_pages)
    with _PDFIUM_LOCK:
        pages = _extract(data, max_pages)
    kept = strip_running_lines(pages)
    text = "\n".join("\n".join(line.text for line in page) for page in kept)
    if _letters(text) < MIN_CHARS_PER_PAGE * len(pages):
        raise NoticeError(
            "这个 PDF 没有可读取的文字，看起来是扫描件或图片。"
            "请上传带文字的 PDF（由 Word 或 WPS 直接导出的），"
            "最好直接上传通知的 Word 原件（.docx）；如只有纸质件，请先做文字识别（OCR）。"
        )
    if not looks_like_text(text):
        # Fonts without a ToUnicode map give private-use or unassigned code points.
        raise NoticeError(
            "这个 PDF 中的文字无法正确提取（导出时使用了特殊字体）。"
            "请上传通知的 Word 原件（.docx），或用 Word/WPS 重新导出 PDF 后再上传。"
        )
    return text


def _check_work(data: bytes, max_pages: int) -> None:
    """Refuse a PDF with too many pages or too much page content before PDFium parses it: a
    content stream of a few KB can inflate to hundreds of MB, all of which PDFium would parse."""
    try:
        reader = pdf_objects.open_pdf(data)
        pages = len(reader.pages)
        if pages > max_pages:
            raise NoticeError(_too_many_pages(pages, max_pages))
        pdf_objects.check_content(reader, bounds.CHECK_NOTICE)
    except pdf_objects.Unreadable:
        return  # PDFium, which reads more damaged files than pypdf, says what is wrong


def _too_many_pages(count: int, max_pages: int) -> str:
    return (
        f"这个 PDF 有 {count} 页，超过了 {max_pages} 页的上限，不像是一份通知。"
        "请只上传通知本身（正文和附件）。"
    )


def _extract(data: bytes, max_pages: int) -> list[list[Line]]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise NoticeError(
                "这个 PDF 设置了打开密码，无法读取。"
                "请取消密码后重新导出 PDF，或上传通知的 Word（.docx）文件。"
            ) from e
        raise NoticeError(_CORRUPT) from e
    try:
        count = len(pdf)
        if count == 0:
            raise NoticeError(_CORRUPT)
        if count > max_pages:
            raise NoticeError(_too_many_pages(count, max_pages))
        pages, characters = [], 0
        for i in range(count):
            # A table that runs on without repeating its header: look for rules on the next page too.
            pages.append(
                _page_lines(pdf, i, expect_table=bool(pages) and any(line.cell for line in pages[-1]))
            )
            characters += sum(len(line.text) for line in pages[-1])
            bounds.check_characters(characters)
        return pages
    except pdfium.PdfiumError as e:
        raise NoticeError(_CORRUPT) from e
    finally:
        pdf.close()


def _page_lines(pdf, index: int, expect_table: bool = False) -> list[Line]:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return _with_table(page, textpage, _lines(textpage), expect_table)
        finally:
            textpage.close()
    finally:
        page.close()


def _with_table(page, textpage, lines: list[Line], expect_table: bool = False) -> list[Line]:
    """The page's lines with a ruled table's lines replaced by its cells, where it stood."""
    if not expect_table and not may_hold_table("\n".join(line.text for line in lines)):
        return lines
    grid = find_grid(page)
    if grid is None:
        return lines
    inside = {
        i for i, line in enumerate(lines) if line.y is not None and grid.bottom - 1 <= line.y <= grid.top + 1
    }
    if not inside:
        return lines
    cells = [Line(text, None, cell=True) for text in table_lines(grid, textpage)]
    at = min(inside)  # the table goes where its first line was
    return lines[:at] + cells + [line for i, line in enumerate(lines[at:], at) if i not in inside]


def _lines(textpage) -> list[Line]:
    text = textpage.get_text_range()
    # Character boxes are addressed by PDFium's character index; it matches the
    # string index unless a character fell outside the BMP, then we go without.
    positioned = len(text) == textpage.count_chars()
    lines, pos = [], 0
    while True:
        match = _LINE.match(text, pos)
        raw, end_of_line = match.group(1), match.group(2)
        y = None
        if positioned and raw.strip():
            first = pos + len(raw) - len(raw.lstrip())
            left, bottom, right, top = textpage.get_charbox(first)
            y = (bottom + top) / 2
        lines.append(Line(_clean(raw), y))
        if not end_of_line:
            return lines
        pos = match.end()


_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n)?")


def _clean(line: str) -> str:
    return normalise_newlines(line).replace("\n", "").replace("\ufffe", "").replace("\uffff", "")


_PAGE_NUMBER = re.compile(
    r"""
    ^ (?:
        [-—–―─－~·•]+ \s* \d{1,4} \s* [-—–―─－~·•]+     # — 3 —   - 3 -   ·3·
      | 第 \s* \d{1,4} \s* 页 (?: \s* [,，/]? \s* 共 \s* \d{1,4} \s* 页 )?   # 第3页  第3页 共5页
      | 共 \s* \d{1,4} \s* 页 \s* [,，]? \s* 第 \s* \d{1,4} \s* 页          # 共5页 第3页
      | \d{1,4} \s* / \s* \d{1,4}                      # 3/5
      | (?i: page) \s* \d{1,4} (?: \s* (?i: of | /) \s* \d{1,4} )?   # Page 3 of 5
    ) $
    """,
    re.VERBOSE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")


def strip_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and headers/footers repeated at the edges of most pages.

    A lone number counts as a page number only where its difference from the
    page's position agrees with most pages; elsewhere it is a table's 序号.
    """
    edges = [_edge_indexes(page) for page in pages]
    running = _running_keys(pages, edges)
    offset = _page_number_offset(pages, edges)
    result = []
    for number, (page, edge) in enumerate(zip(pages, edges), start=1):
        drop = set()
        for i in edge:
            text = page[i].text.strip()
            if (
                _key(text) in running
                or _PAGE_NUMBER.match(text)
                or (offset is not None and _BARE_NUMBER.match(text) and int(text) - number == offset)
            ):
                drop.add(i)
        result.append([line for i, line in enumerate(page) if i not in drop])
    return result


def _edge_indexes(page: list[Line]) -> set[int]:
    filled = [i for i, line in enumerate(page) if line.text.strip() and not line.cell]
    if filled and all(page[i].y is not None for i in filled):
        # Highest y is the top of the page; ties keep text order.
        filled.sort(key=lambda i: -page[i].y)
    # On a page of a few lines, two at each edge would be all of them.
    k = EDGE_LINES if len(filled) >= 3 * EDGE_LINES else 1
    return set(filled[:k]) | set(filled[-k:])


def _key(text: str) -> str:
    # Headers often carry the page number ("…公报 第3页"): compare without digits.
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _running_keys(pages: list[list[Line]], edges: list[set[int]]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts = Counter()
    for page, edge in zip(pages, edges):
        counts.update({_key(page[i].text) for i in edge} - {""})
    needed = max(2, math.ceil(0.6 * len(pages)))
    return {key for key, n in counts.items() if n >= needed}


def _page_number_offset(pages: list[list[Line]], edges: list[set[int]]) -> int | None:
    offsets = Counter()
    for number, (page, edge) in enumerate(zip(pages, edges), start=1):
        found = {int(page[i].text.strip()) - number for i in edge if _BARE_NUMBER.match(page[i].text.strip())}
        offsets.update(found)
    if not offsets:
        return None
    offset, n = offsets.most_common(1)[0]
    # One page agreeing with itself proves nothing in a longer document.
    needed = 1 if len(pages) == 1 else max(2, math.ceil(0.5 * len(pages)))
    return offset if n >= needed else None


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())
