"""Text of a .docx, paragraphs and tables in document order.

We read the package XML ourselves rather than through python-docx's object
model: `Document.paragraphs` and `Document.tables` lose the order between
them, `row.cells` repeats merged cells, and python-docx refuses macro-enabled
documents (.docm) and templates that clerks also upload. The body is walked
child by child, so content controls (w:sdt), tracked insertions and text boxes
are read where they stand.

Tables come out as Word's own text export shows them (see
samples/notices/huantai-2023.txt): every cell on a line of its own starting
with a TAB, the cell's paragraphs joined with "\\n", an empty line after each
row. A cell that continues a vertical merge is an empty "\\t" line; a cell
spanning several grid columns is one line.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

from shishi.notice import bounds
from shishi.notice.errors import NoticeError
from shishi.notice.load_docx_numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

CORRUPT = (
    "Word 文件已损坏，无法读取（{detail}）。请用 Word 或 WPS 打开后重新“另存为” .docx，或改为上传 PDF 文件。"
)

# Elements that only wrap other content; we read straight through them.
_BLOCK_WRAPPERS = {W + "customXml", W + "ins", W + "moveTo", W + "sdtContent"}
_INLINE_WRAPPERS = {
    W + "hyperlink",
    W + "ins",
    W + "moveTo",
    W + "smartTag",
    W + "customXml",
    W + "fldSimple",
    W + "dir",
    W + "bdo",
    W + "sdtContent",
}

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)


def docx_text(data: bytes) -> str:
    """All text of the document body; raises NoticeError for a damaged file."""
    try:
        archive = bounds.open_zip(data, bounds.CHECK_NOTICE)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise NoticeError(CORRUPT.format(detail="压缩结构不完整")) from e
    with archive:
        main = _main_part(archive)
        if main is None:
            raise NoticeError(CORRUPT.format(detail="缺少正文部分"))
        document = _parse(archive, main, required=True)
        folder = posixpath.dirname(main)
        numbering = Numbering.from_xml(
            _parse(archive, posixpath.join(folder, "numbering.xml")),
            _parse(archive, posixpath.join(folder, "styles.xml")),
        )
    body = document.find(W + "body")
    if body is None:
        raise NoticeError(CORRUPT.format(detail="缺少正文部分"))
    # Counted in C before the walk below spends Python time on each row.
    bounds.check_rows(sum(1 for _row in body.iter(W + "tr")), bounds.CHECK_NOTICE)
    return "\n".join(_Reader(numbering).blocks(body))


def is_docx(archive: zipfile.ZipFile) -> bool:
    return _main_part(archive) is not None


def _main_part(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    # The package relationships name the main part; almost always word/document.xml,
    # but some generators call it word/document2.xml.
    if "_rels/.rels" in names:
        try:
            rels = etree.fromstring(
                bounds.read_xml_member(archive, "_rels/.rels", bounds.CHECK_NOTICE), _XML_PARSER
            )
            for rel in rels.iter(REL + "Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    target = rel.get("Target", "").lstrip("/")
                    if target in names and target.startswith("word/"):
                        return target
        except (etree.XMLSyntaxError, ValueError, KeyError, zipfile.BadZipFile):
            pass
    return "word/document.xml" if "word/document.xml" in names else None


def _parse(archive: zipfile.ZipFile, name: str, required: bool = False):
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise NoticeError(CORRUPT.format(detail="缺少正文部分")) from None
        return None
    try:
        return etree.fromstring(
            bounds.read_xml_member(archive, info.filename, bounds.CHECK_NOTICE), _XML_PARSER
        )
    except bounds.OverLimit:
        raise
    except Exception as e:  # zlib, CRC, XML syntax: all mean a damaged file
        if required:
            raise NoticeError(CORRUPT.format(detail="正文内容不完整")) from e
        return None  # losing list numbers is better than refusing the file


class _Reader:
    def __init__(self, numbering: Numbering):
        self.numbering = numbering

    def blocks(self, container, nested: bool = False) -> list[str]:
        """Lines of a body, cell or text box: one per paragraph, plus table lines."""
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag == W + "p":
                lines.extend(self.paragraph(child, nested))
            elif tag == W + "tbl":
                lines.extend(self.table(child, nested))
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    lines.extend(self.blocks(content, nested))
            elif tag in _BLOCK_WRAPPERS:
                lines.extend(self.blocks(child, nested))
            elif tag == MC + "AlternateContent":
                lines.extend(self.blocks(_choice(child), nested))
            # Everything else (sectPr, bookmarks, w:del, proofErr, altChunk…) has no body text.
        return lines

    def paragraph(self, p, nested: bool) -> list[str]:
        parts = [self.numbering.label(p)]
        self.inline(p, parts)
        lines = ["".join(parts)]
        for box in _text_boxes(p):
            lines.extend(self.blocks(box, nested))
        return lines

    def inline(self, element, out: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self.run(child, out)
            elif tag in _INLINE_WRAPPERS:
                self.inline(child, out)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, out)
            elif tag == MC + "AlternateContent":
                self.inline(_choice(child), out)
            elif tag in (M + "oMath", M + "oMathPara"):
                out.extend(t.text or "" for t in child.iter(M + "t"))
            # w:del and w:moveFrom are tracked deletions: not part of the text.

    def run(self, r, out: list[str]) -> None:
        for child in r:
            tag = child.tag
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            # w:instrText is a field's code (PAGE, HYPERLINK…), its result is in w:t;
            # w:delText is deleted; drawings hold text boxes, read by paragraph().

    def table(self, tbl, nested: bool) -> list[str]:
        lines: list[str] = []
        for row in _children(tbl, W + "tr"):
            if row.find(f"{W}trPr/{W}del") is not None:
                continue
            for cell in _children(row, W + "tc"):
                # Tabs and indents inside a cell would read as the start of another cell.
                cell_lines = [] if _continues_merge(cell) else _trim(self.blocks(cell, True))
                text = "\n".join(line.strip().replace("\t", " ") for line in cell_lines)
                # A table inside a cell is flattened into the cell's lines: its own
                # TAB lines would read as cells of the outer row.
                lines.append(text if nested else "\t" + text)
            if not nested:
                lines.append("")
        return lines


def _children(element, tag: str):
    """Direct children with `tag`, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            yield from _children(child, tag)


def _continues_merge(cell) -> bool:
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(W + "val", "continue") == "continue"


def _trim(lines: list[str]) -> list[str]:
    # Word cells end with an empty paragraph often enough; an empty line inside
    # the TAB rendering would read as the end of the row.
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _choice(alternate):
    # mc:Choice is what Word shows; mc:Fallback repeats it for old readers.
    for branch in alternate:
        if branch.tag == MC + "Choice":
            return branch
    for branch in alternate:
        if branch.tag == MC + "Fallback":
            return branch
    return []


def _text_boxes(p):
    boxes = []
    for box in p.iter(W + "txbxContent"):
        parent = box.getparent()
        inside_other = False
        while parent is not None and parent is not p:
            # Skip the legacy VML copy of a box and boxes inside boxes (read with their box).
            if parent.tag in (MC + "Fallback", W + "txbxContent"):
                inside_other = True
                break
            parent = parent.getparent()
        if not inside_other:
            boxes.append(box)
    return boxes
