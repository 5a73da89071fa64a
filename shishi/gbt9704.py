"""An official document's page per GB/T 9704-2012 (党政机关公文格式), for python-docx: the page,
the type, the red masthead (版头), the page numbers and the 版记. Any document the office sends
(the bulletin; later ballots, announcements, draft notices) starts from `new_document()`.

Pure python-docx, no Django and no app: every app may import it. The settings, and why:

- A4 portrait; margins top 37 mm (天头), bottom 35 mm, left 28 mm (订口), right 26 mm: the
  standard's 版心 of 156 × 225 mm.
- 22 lines of 28 characters: the body's line spacing is fixed at exactly 28.95 pt (579 twips;
  22 × 28.95 pt = 636.9 pt fits the 637.8 pt of the 版心), and the section's document grid has
  the same line pitch (type "lines", linePitch 579). 28 characters of 三号 (16 pt) need 448 pt
  but the 版心 is 442.2 pt wide, so every character is condensed by 0.25 pt (w:spacing −5,
  in twentieths of a point): 28 × 15.75 pt = 441 pt fits, a 29th does not. Word's character grid
  (linesAndChars with charSpace −848) would say the same to Word and WPS, but LibreOffice lays a
  16 pt character over two 15.79 pt grid cells and prints 14 characters a line, so the grid
  gives only the lines. Tables, pictures, the title, the masthead and the footer are taken off
  the grid (`compact`).
- Fonts: title 方正小标宋简体 二号 (22 pt) centred; body 仿宋_GB2312 三号 (16 pt); 一、 headings 黑体,
  （一） headings 楷体_GB2312; each Chinese font sits in the East Asian slot, with a Latin font
  named for the ASCII slots, so that Word and WPS pick the Chinese font for 汉字.
- First line indented by 2 characters (firstLineChars 200, and 32 pt for readers that ignore it).
- Page numbers (7.5): a PAGE field in the footer as `— 1 —`, 四号 (14 pt) 半角宋体; odd pages on
  the right and even pages on the left, one character in from the edge (different odd and even
  footers). The footer sits 25 mm above the page's lower edge, which puts the dashes about 7 mm
  below the 版心 as the standard asks.
- Widow control is off: it would move lines between pages and break the 22-line page.
- The red masthead (`masthead`, 7.2): the 发文机关标志 in red 小标宋, as large as fits one line
  of the 版心 (at most 小初); the 期号 under it; the issuing office and the date on one line
  (左右各空一字); a red rule as wide as the 版心 under them. A bulletin's head (简报式) stands at
  the top of the 版心: the 35 mm above the 标志 that 7.2.4 gives a 文件 head would cost a
  quarter of the first page. The title follows two lines below the rule (7.3.1).
- The 版记 (`imprint`, 7.4): 抄送 and 印发机关／印发日期 in 四号 仿宋 between a thick first rule
  and a thick last rule (0.35 mm) with a thin rule (0.25 mm) between them, the last rule on the
  lower edge of the 版心 of the last page: a frame anchored to the bottom of the 版心.
- Every text goes in through `clean_text`: stored text may hold Word's manual line break
  ("\\x0b", written here as a line break) or other characters no .docx may hold.
- `fixed_zip`: the .docx zipped with fixed timestamps, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from shishi.notice.text import clean_text

# --- the page ------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)  # 版心
FOOTER_DISTANCE = Mm(25)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = Pt(28.95)  # 579 twips
CONDENSED = -5  # twentieths of a point taken off each character's advance

# --- the type ------------------------------------------------------------------------------------

# 字号 in points, as Chinese word processors name them.
SIZES = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
}
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, IMPRINT_SIZE = (
    SIZES["三号"],
    SIZES["二号"],
    SIZES["四号"],
    SIZES["四号"],
)
MASTHEAD_SIZE = SIZES["小初"]  # the largest the 发文机关标志 is set; longer names are set smaller
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"
HEADING_FONT, SUBHEADING_FONT, PAGE_NUMBER_FONT = "黑体", "楷体_GB2312", "宋体"
FALLBACK_LATIN = "SimSun"
# The ASCII slot of each Chinese font: what Word and WPS use for digits and Latin letters.
LATIN = {HEADING_FONT: "SimHei", SUBHEADING_FONT: "KaiTi", PAGE_NUMBER_FONT: "SimSun"}
# 红色油墨 Y80% M80% (5.2) as a screen colour; the same red for the 标志 and the rules.
RED = RGBColor(0xE6, 0x00, 0x12)
RED_HEX = "E60012"
# Rules in eighths of a point (w:sz): 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt; the masthead's red rule 1.5 pt.
THICK_RULE, THIN_RULE, MASTHEAD_RULE = 8, 6, 12


def characters_per_line(size: float = BODY_SIZE, condensed: int = CONDENSED) -> int:
    return int(Emu(TEXT_WIDTH).pt // (size + condensed / 20))


def lines_per_page() -> int:
    return int(Emu(PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM).pt // LINE_PITCH.pt)


def new_document(title: str = "", author: str = "", when: datetime.datetime | None = None):
    """An empty official document: page, styles, page numbers, and its properties."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _footers(document)
    core = document.core_properties
    core.title = clean_text(title)
    core.author = core.last_modified_by = clean_text(author)
    if when is not None:
        core.created = core.modified = when
    core.revision = 1
    return document


# --- the parts of a document -----------------------------------------------------------------------


def masthead(document, mark: str, number: str, issuer: str, date: str) -> None:
    """The red 版头: 发文机关标志 (`mark`, e.g. 桓台县为妇女儿童办实事调度通报), the 期号 line
    (`number`, e.g. 第3期), the issuing office on the left and the date on the right, and the red
    rule as wide as the 版心. The title that follows should start two lines lower (`title(...,
    space_before=2)`)."""
    mark = clean_text(mark)
    paragraph = document.add_paragraph()
    compact(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size, scale = masthead_size(mark)
    paragraph.paragraph_format.line_spacing = Pt(size * 1.25)
    run_ = run(paragraph, mark, TITLE_FONT, size, colour=RED)
    if scale < 100:  # condensed sideways as a masthead is, rather than set smaller than 二号
        run_._r.get_or_add_rPr().append(_element("w:w", {"w:val": str(scale)}))
        _order_rpr(run_._r.rPr)
    issue = centred(document, number, BODY_FONT, BODY_SIZE)
    issue.paragraph_format.space_before = Pt(BODY_SIZE * 0.5)
    line = body(document, "", indent=False)
    line.paragraph_format.space_before = Pt(BODY_SIZE * 0.25)
    _indent_sides(line, 1, 1)
    # A right tab at the right indent: the date ends one character in from the 版心's edge.
    # Tab positions count from the page's text margin, not from the indent.
    line.paragraph_format.tab_stops.add_tab_stop(Emu(TEXT_WIDTH) - Pt(BODY_SIZE), WD_TAB_ALIGNMENT.RIGHT)
    run(line, f"{issuer}\t{date}", BODY_FONT)
    rule = document.add_paragraph()
    compact(rule)
    rule.paragraph_format.line_spacing = Pt(4)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _border(rule, "bottom", MASTHEAD_RULE, RED_HEX)


def masthead_size(mark: str) -> tuple[float, int]:
    """The 标志's size in points, and its horizontal scale in percent: 小初 when it fits the 版心,
    else the size that fills it, but not below 二号 (a longer name is condensed sideways instead).

    >>> masthead_size("桓台县为妇女儿童办实事调度通报")
    (28, 100)
    >>> masthead_size("淄博高新技术产业开发区为妇女儿童办实事调度通报")
    (22, 85)
    """
    room = Emu(TEXT_WIDTH).pt * 0.98
    count = max(len(mark), 1)
    if count * MASTHEAD_SIZE <= room:
        return MASTHEAD_SIZE, 100
    size = int(room // count)  # whole points
    if size >= TITLE_SIZE:
        return size, 100
    return TITLE_SIZE, int(100 * room / (count * TITLE_SIZE))


def title(document, text: str, size: float = TITLE_SIZE, *, space_before: float = 0):
    """A centred 小标宋 title; `space_before` in body lines (two after the masthead's rule)."""
    paragraph = document.add_paragraph()
    compact(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(size * 1.6)
    if space_before:
        paragraph.paragraph_format.space_before = Pt(space_before * LINE_PITCH.pt)
    run(paragraph, text, TITLE_FONT, size)
    return paragraph


def centred(document, text: str, font: str = BODY_FONT, size: float = BODY_SIZE):
    paragraph = body(document, "", indent=False)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(paragraph, text, font, size)
    return paragraph


def heading(document, text: str, font: str = HEADING_FONT):
    """一、 headings in 黑体 (`font=SUBHEADING_FONT` for （一） headings in 楷体)."""
    paragraph = body(document, "")
    paragraph.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    run(paragraph, text, font)
    return paragraph


def body(document, text: str = "", *, indent: bool = True):
    """A body paragraph: the Normal style already is 仿宋_GB2312 三号 on the 28.95 pt pitch."""
    paragraph = document.add_paragraph()
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    if text:
        run(paragraph, text, BODY_FONT)
    return paragraph


def attachment_heading(document, label: str = "附件"):
    """ "附件" (and its number) in 三号黑体 at the top left of a new page (7.3.7)."""
    paragraph = body(document, "", indent=False)
    paragraph.paragraph_format.page_break_before = True
    run(paragraph, label, HEADING_FONT)
    return paragraph


def signature(document, issuer: str, date: str) -> None:
    """署名右空二字; the date below it starts two characters to the right of the 署名's first
    character (7.3.5.2). Half-width digits count as half a character."""
    name = body(document, issuer, indent=False)
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent_sides(name, 0, 2)
    width = sum(0.5 if character.isascii() else 1 for character in date)
    when = body(document, date, indent=False)
    when.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent_sides(when, 0, max(2, len(issuer) - width))


def imprint(document, issuer: str, date: str, copies_to: str = "") -> None:
    """The 版记 at the foot of the last page (7.4): `抄送：…。` when there is a copy list, then the
    issuing office (左空一字) and `2023年4月20日印发` (右空一字), between the rules.

    A text box anchored to the bottom of the 版心 (DrawingML, wrapped top and bottom) holds it, so
    that it sits there however far the text above it runs. The rules are paragraphs of their own,
    because a paragraph's border runs only between its indents and the rules are as wide as the
    版心 while the text is indented. (A floating table or a w:framePr frame would be simpler, but
    LibreOffice lays both inline.)"""
    copies_to = clean_text(copies_to).strip().rstrip("。")
    lines = [_rule(document, THICK_RULE)]
    height = 0.0
    if copies_to:
        paragraph = _imprint_line(document)
        # 回行时与冒号后的首字对齐: a hanging indent of the three characters of "抄送：".
        _indent_sides(paragraph, 4, 1, size=IMPRINT_SIZE, hanging=3)
        run(paragraph, f"抄送：{copies_to}。", BODY_FONT, IMPRINT_SIZE)
        per_line = int((Emu(TEXT_WIDTH).pt - 5 * IMPRINT_SIZE) // IMPRINT_SIZE)
        height += -(-(len(copies_to) + 4) // per_line) * IMPRINT_LINE + 4
        lines += [paragraph, _rule(document, THIN_RULE)]
    paragraph = _imprint_line(document)
    _indent_sides(paragraph, 1, 1, size=IMPRINT_SIZE)
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        Emu(TEXT_WIDTH) - Pt(IMPRINT_SIZE), WD_TAB_ALIGNMENT.RIGHT
    )
    run(paragraph, f"{issuer}\t{date}印发", BODY_FONT, IMPRINT_SIZE)
    lines += [paragraph, _rule(document, THICK_RULE)]
    height += IMPRINT_LINE + 4 + 3 * 2
    anchor = document.add_paragraph()  # the box's anchor: a line of 1 pt, the document's last
    compact(anchor)
    anchor.paragraph_format.line_spacing = Pt(1)
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    box = parse_xml(_BOX.format(width=Emu(TEXT_WIDTH), height=Pt(height)))
    content = box.find(".//" + qn("w:txbxContent"))
    for line in lines:
        content.append(line._p)  # moved out of the body into the box
    anchor.add_run()._r.append(box)


IMPRINT_LINE = IMPRINT_SIZE * 1.5  # points
# The 版记's box: centred on the 版心, its foot on the 版心's foot, text above and below it only.
_BOX = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
    'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
    '<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    "<wp:wrapTopAndBottom/>"
    '<wp:docPr id="9704" name="版记"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/>'
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
    "<wps:txbx><w:txbxContent/></wps:txbx>"
    '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b">'
    "<a:spAutoFit/></wps:bodyPr>"
    "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
)


def _imprint_line(document):
    paragraph = document.add_paragraph()
    compact(paragraph)
    paragraph.paragraph_format.line_spacing = Pt(IMPRINT_LINE)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def _rule(document, size: int):
    """A rule as wide as the 版心: an empty paragraph of 1 pt with a bottom border."""
    paragraph = document.add_paragraph()
    compact(paragraph)
    paragraph.paragraph_format.line_spacing = Pt(1)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _border(paragraph, "bottom", size, "000000", space=0)
    return paragraph


def fixed_widths(table, widths, cell_margin=None) -> None:
    """Fixed column widths (Lengths) for a table, kept however long its text, and optionally
    narrower left and right cell margins. LibreOffice and WPS size columns by the grid, Word by
    the cells: both are set."""
    properties = table._tbl.tblPr
    _set_child(properties, _element("w:tblLayout", {"w:type": "fixed"}))
    _set_child(properties, _element("w:tblW", {"w:w": str(sum(w.twips for w in widths)), "w:type": "dxa"}))
    if cell_margin is not None:
        margins = _element("w:tblCellMar", {})
        for side in ("left", "right"):
            margins.append(_element(f"w:{side}", {"w:w": str(cell_margin.twips), "w:type": "dxa"}))
        _set_child(properties, margins)
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_column.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


# --- runs and paragraphs ---------------------------------------------------------------------------


def run(paragraph, text: str, font: str = BODY_FONT, size: float = BODY_SIZE, *, bold=False, colour=None):
    """A run of `text` in a Chinese `font`: in the East Asian slot, with its Latin twin for digits."""
    run_ = paragraph.add_run(clean_text(text))  # a "\n" becomes a line break (w:br)
    set_run_font(run_, font, size, bold=bold)
    latin = LATIN.get(font)
    if latin:
        fonts = run_._element.rPr.find(qn("w:rFonts"))
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
    if colour is not None:
        run_.font.color.rgb = colour
    return run_


def set_run_font(run_, name: str, size: float, bold: bool = False) -> None:
    """Name the Chinese font in the East Asian slot: Word and WPS use it for 汉字."""
    run_.font.name = FALLBACK_LATIN
    run_.font.size = Pt(size)
    run_.font.bold = bold
    run_._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def set_east_asian_font(style, name: str, size: float) -> None:
    style.font.name = FALLBACK_LATIN
    style.font.size = Pt(size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), name)


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
        _insert_ppr(properties, _element("w:snapToGrid", {"w:val": "0"}))


def chinese_date(day: datetime.date | str) -> str:
    """`2023年4月20日`: the year in full, month and day without a leading zero (7.3.5.4).

    >>> chinese_date("2023-04-09")
    '2023年4月9日'
    """
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


def fixed_zip(data: bytes, day: datetime.date) -> bytes:
    """The same archive, every entry dated `day`: zip entries otherwise carry the time of writing."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item.filename))
    return buffer.getvalue()


def save(document, day: datetime.date) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), day)


# --- page set-up ---------------------------------------------------------------------------------------


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))
    document.settings.odd_and_even_pages_header_footer = True


def _styles(document) -> None:
    normal = document.styles["Normal"]
    set_east_asian_font(normal, BODY_FONT, BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.line_spacing = LINE_PITCH  # a Length: the rule becomes "exactly"
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * BODY_SIZE)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    normal.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    normal.element.rPr.append(_element("w:spacing", {"w:val": str(CONDENSED)}))
    _order_rpr(normal.element.rPr)


def _footers(document) -> None:
    section = document.sections[0]
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)  # odd pages
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, alignment) -> None:
    compact(paragraph)
    paragraph.alignment = alignment
    # One character in from the edge on the side the number sits.
    side = "right" if alignment == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    setattr(paragraph.paragraph_format, f"{side}_indent", Pt(PAGE_NUMBER_SIZE))
    run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run_ = run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if kind:
            run_._r.append(_element("w:fldChar", {"w:fldCharType": kind}))
        elif text == " PAGE ":
            instruction = _element("w:instrText", {"xml:space": "preserve"})
            instruction.text = text
            run_._r.append(instruction)
        else:
            run_.text = text
    run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _indent_sides(paragraph, left: float, right: float, *, size: float = BODY_SIZE, hanging: float = 0):
    """Indents in characters of `size` (and in points, for readers that ignore the Chars forms)."""
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Pt(left * size), Pt(right * size)
    fmt.first_line_indent = Pt(-hanging * size)
    indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
    indent.set(qn("w:leftChars"), str(round(left * 100)))
    indent.set(qn("w:rightChars"), str(round(right * 100)))
    if hanging:
        indent.set(qn("w:hangingChars"), str(round(hanging * 100)))
        indent.attrib.pop(qn("w:firstLineChars"), None)
    else:
        indent.set(qn("w:firstLineChars"), "0")


def _border(paragraph, side: str, size: int, colour: str, space: int = 1) -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = _element("w:pBdr", {})
        _insert_ppr(properties, borders)
    borders.append(
        _element(
            f"w:{side}", {"w:val": "single", "w:sz": str(size), "w:space": str(space), "w:color": colour}
        )
    )


def _element(tag: str, attributes: dict):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element


def _set_child(parent, element) -> None:
    """Put `element` in `parent` in the schema's order (tblPr's children), replacing its like."""
    old = parent.find(element.tag)
    if old is not None:
        parent.remove(old)
    parent.append(element)
    _order(parent, _TBLPR_ORDER)


def _insert_ppr(properties, element) -> None:
    properties.append(element)
    _order(properties, _PPR_ORDER)


def _order_rpr(properties) -> None:
    _order(properties, _RPR_ORDER)


def _order(parent, order: tuple[str, ...]) -> None:
    """Sort the children of `parent` in the schema's sequence (unknown ones last, as they were)."""
    rank = {qn(f"w:{name}"): index for index, name in enumerate(order)}
    children = list(parent)
    for child in children:
        parent.remove(child)
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(rank))):
        parent.append(child)


# The children of pPr, rPr and tblPr in the schema's order (CT_PPr, CT_RPr, CT_TblPr): Word refuses
# a file whose elements come in another order.
_PPR_ORDER = tuple(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange".split()
)
_RPR_ORDER = tuple(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath".split()
)
_TBLPR_ORDER = tuple(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription".split()
)
