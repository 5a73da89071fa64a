"""Files that claim far more than they weigh, built small and fast for the tests and for
bench/uploads.py: merged ranges to XFD1048576, tables of 600,000 rows, zip bombs, PDFs whose
few KB of content inflate to megabytes or that run JavaScript when opened.

Each starts from a real file (openpyxl, python-docx, pypdfium2) and changes its XML or objects
the way a hand-made hostile file would, so that the readers see real packages.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

HEADER = ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"]
ROW = [1, "实施优质教育资源扩容提质行动", "县教育体育局", "本季度开工3所幼儿园。", "2023年底"]


# --- packages ------------------------------------------------------------------------------------


def repack(data: bytes, change: dict[str, object], add: dict[str, bytes] | None = None) -> bytes:
    """The package with some parts changed: a part's new bytes, or a function of its old bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename in change:
                new = change[info.filename]
                part = new(part) if callable(new) else new
            archive.writestr(info.filename, part)
        for name, part in (add or {}).items():
            archive.writestr(name, part)
    return out.getvalue()


def bomb(size: int, name: str = "word/media/image1.png") -> dict[str, bytes]:
    """A part of `size` zero bytes, to add to a package: a few KB on disk."""
    return {name: b"\0" * size}


def many_parts(count: int) -> dict[str, bytes]:
    return {f"customXml/extra{i}.xml": b"<a/>" for i in range(count)}


# --- Excel ---------------------------------------------------------------------------------------


def xlsx(*rows, header=HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows or [ROW]:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def xlsx_merged(*refs: str, data: bytes | None = None) -> bytes:
    """The form with merged ranges written into the sheet's XML, as Excel writes them (openpyxl
    itself would build every cell of a large range while saving)."""
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    merged = f'<mergeCells count="{len(refs)}">{cells}</mergeCells>'.encode()
    return repack(
        data or xlsx(), {SHEET: lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merged, 1)}
    )


def xlsx_dimension(ref: str) -> bytes:
    """The form claiming a used range of `ref` (WPS writes A1:XFD1048576 for a formatted sheet)."""
    return repack(
        xlsx(),
        {
            SHEET: lambda xml: re.sub(
                rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), xml, count=1
            )
        },
    )


def xlsx_rows(count: int, first: int = 3) -> bytes:
    """The form with `count` more rows of one value each, written straight into the XML."""
    rows = b"".join(
        b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(first, first + count)
    )
    return repack(xlsx(), {SHEET: lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)})


def xlsx_wide_row(cells: int) -> bytes:
    """A third row of `cells` empty, styled cells."""
    row = b'<row r="3">' + b'<c s="0"/>' * cells + b"</row>"
    return repack(xlsx(), {SHEET: lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>", 1)})


# --- Word ----------------------------------------------------------------------------------------


def docx(*rows, header=HEADER, paragraphs=()) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(header))
    for cells in [header, *(rows or [ROW])]:
        row = table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = str(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCUMENT = "word/document.xml"


def docx_rows(count: int, vertical_merge: bool = False) -> bytes:
    """The form with `count` more table rows. With `vertical_merge`, every added row continues
    the merged cells of the row above in all its columns (Word's vMerge)."""
    if vertical_merge:
        cell = b"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        first = (
            b"<w:tr>"
            + b"".join(
                b'<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>'
                + text.encode()
                + b"</w:t></w:r></w:p></w:tc>"
                for text in ("2", "实施家庭教育提升行动", "县妇联", "开展讲座5场。", "年底")
            )
            + b"</w:tr>"
        )
    else:
        cell = b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        first = b""
    rows = first + (b"<w:tr>" + cell * 5 + b"</w:tr>") * count
    return repack(docx(), {DOCUMENT: lambda xml: xml.replace(b"</w:tbl>", rows + b"</w:tbl>", 1)})


def docx_paragraphs(text_xml: bytes) -> bytes:
    """A document whose body is the given paragraphs' XML."""
    return repack(
        docx(),
        {
            DOCUMENT: lambda xml: re.sub(
                rb"<w:body>.*<w:sectPr", b"<w:body>" + text_xml + b"<w:sectPr", xml, count=1, flags=re.DOTALL
            )
        },
    )


# --- PDF -----------------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of the given objects (numbered from 1) with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start)
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def pdf(
    pages: int = 1,
    content: bytes = b"BT /F1 12 Tf 72 700 Td (Stamped report) Tj ET",
    catalog: bytes = b"",
    page: bytes = b"",
    extra_objects: list[bytes] = (),
) -> bytes:
    """`pages` pages sharing one content stream; `catalog` and `page` add entries to those
    dictionaries, `extra_objects` are numbered from 4 + pages."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog + b" >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        stream(content),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources "
        + FONT
        + page
        + b" >>"
    ] * pages
    return raw_pdf(objects + list(extra_objects))


def pdf_content_bomb(inflated: int, pages: int = 1) -> bytes:
    """Pages whose content stream inflates to `inflated` bytes of text operators."""
    line = b"BT /F1 12 Tf 72 700 Td (The notice text here.) Tj ET\n"
    return pdf(pages, content=line * (inflated // len(line) + 1))


def pdf_with_packed_action() -> bytes:
    """An /OpenAction whose action dictionary sits in a compressed object stream, its type
    written with a name escape (/J#61vaScript): invisible to a search of the raw bytes."""
    action = b"<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>"
    header = b"5 0 "
    packed = zlib.compress(header + action)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
        % (len(header), len(packed))
        + packed
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    entries = [(0, 0, 65535)] + [(1, offset, 0) for offset in offsets] + [(2, 4, 0), (1, xref_at, 0)]
    table = b"".join(
        bytes([kind]) + offset.to_bytes(4, "big") + gen.to_bytes(2, "big") for kind, offset, gen in entries
    )
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    return bytes(out)


JS = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"
ACTIVE_PDFS = {
    "an /OpenAction running JavaScript": (lambda: pdf(catalog=b" /OpenAction " + JS), "脚本（JavaScript）"),
    "an action packed in an object stream, its name escaped": (pdf_with_packed_action, "脚本（JavaScript）"),
    "a /Launch action on opening": (
        lambda: pdf(catalog=b" /OpenAction << /S /Launch /F (cmd.exe) >>"),
        "Launch",
    ),
    "a page's additional action (/AA)": (lambda: pdf(page=b" /AA << /O " + JS + b" >>"), "（AA）"),
    "a document-level JavaScript name tree": (
        lambda: pdf(catalog=b" /Names << /JavaScript << /Names [(a) " + JS + b"] >> >>"),
        "脚本（JavaScript）",
    ),
    "an embedded file": (
        lambda: pdf(
            catalog=b" /Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec"
            b" /F (a.exe) /EF << /F 5 0 R >> >>] >> >>",
            extra_objects=[stream(b"MZ", b" /Type /EmbeddedFile")],
        ),
        "嵌入的文件",
    ),
    "a form that submits its data": (
        lambda: pdf(catalog=b" /OpenAction << /S /SubmitForm /F (http://x.invalid) >>"),
        "SubmitForm",
    ),
}
LINK = (
    b" /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] "
    b"/A << /S /URI /URI (https://www.gov.cn/) >> >>]"
)
PLAIN_PDFS = {
    "a web link, as Word exports any address": lambda: pdf(page=LINK),
    "an /OpenAction that only goes to the first page": lambda: pdf(catalog=b" /OpenAction [4 0 R /Fit]"),
}


# --- text ----------------------------------------------------------------------------------------


def notice_text(projects: int) -> str:
    """A notice with `projects` numbered projects, each with its own unit."""
    items = "".join(
        f"{n}、实施第{n}项行动，新建幼儿园{n}所。（责任单位：县第{n}局）\n" for n in range(1, projects + 1)
    )
    return "关于2024年为全县妇女儿童办实事的通知\n各镇人民政府，县政府各部门：\n" + items
