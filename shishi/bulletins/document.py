"""The bulletin as a Word document laid out per GB/T 9704-2012 (党政机关公文格式).

Rendered from a snapshot (snapshot.py) and nothing else, so that an issued bulletin can be made
again word for word. The settings, and why:

- A4 portrait; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: the standard's 版心 of
  156 × 225 mm.
- 22 lines of 28 characters: the body's line spacing is fixed at exactly 28.95 pt (579 twips;
  22 × 28.95 pt = 636.9 pt fits the 637.8 pt of the 版心), and the section's document grid has
  the same line pitch (type "lines", linePitch 579). 28 characters of 三号 (16 pt) need 448 pt
  but the 版心 is 442.2 pt wide, so every character is condensed by 0.25 pt (w:spacing −5,
  in twentieths of a point): 28 × 15.75 pt = 441 pt fits, a 29th does not. Word's character grid
  (linesAndChars with charSpace −848) would say the same to Word and WPS, but LibreOffice lays a
  16 pt character over two 15.79 pt grid cells and prints 14 characters a line, so the grid
  gives only the lines. Tables, the chart, the title and the footer are taken off the grid.
- Fonts: title 方正小标宋简体 二号 (22 pt) centred; body 仿宋_GB2312 三号 (16 pt); 一、 headings 黑体,
  （一） headings 楷体_GB2312; each Chinese font sits in the East Asian slot, with a Latin font
  named for the ASCII slots (see shishi.documents.tables.set_run_font).
- First line indented by 2 characters (firstLineChars 200, and 32 pt for readers that ignore it).
- Page numbers: a PAGE field in the footer as `— 1 —`, 四号 (14 pt) 半角宋体; odd pages on the right
  and even pages on the left, one character in from the edge (different odd and even footers).
  The footer sits 25 mm above the page's lower edge, which puts the dashes about 7 mm below the
  版心 as the standard asks.
- Widow control is off: it would move lines between pages and break the 22-line page.
- The .docx is zipped with fixed timestamps (the bulletin's date), so the same snapshot gives the
  same bytes.
- Every text goes in through `clean_text`: a snapshot holds what was stored, and stored text may
  hold Word's manual line break ("\\x0b", written here as a line break) or other characters no
  .docx may hold. The snapshot itself is kept as it was.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import cn2an
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt

from shishi.documents.tables import BODY_FONT, TITLE_FONT, set_east_asian_font, set_run_font
from shishi.notice.text import clean_text

from .chart import progress_chart
from .tables import MergedLinesExporter, compact

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
FOOTER_DISTANCE = Mm(25)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = Pt(28.95)  # 579 twips
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16, 22, 14
HEADING_FONT, SUBHEADING_FONT, PAGE_NUMBER_FONT = "黑体", "楷体_GB2312", "宋体"
# The ASCII slot of each Chinese font: what Word and WPS use for digits and Latin letters.
LATIN = {HEADING_FONT: "SimHei", SUBHEADING_FONT: "KaiTi", PAGE_NUMBER_FONT: "SimSun"}
CHART_WIDTH = Cm(15)
COLOUR_WORDS = "蓝色为已完成，绿色、黄色、红色为相应亮灯，灰色为未报送"


CONDENSED = -5  # twentieths of a point taken off each character's advance


def characters_per_line(size: float = BODY_SIZE, condensed: int = CONDENSED) -> int:
    width = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT).pt
    return int(width // (size + condensed / 20))


def lines_per_page() -> int:
    return int(Emu(PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM).pt // LINE_PITCH.pt)


def render(snapshot: dict) -> bytes:
    document = Document()
    _page_setup(document)
    _styles(document)
    _footers(document)
    _core_properties(document, snapshot)
    period, plan = snapshot["period"], snapshot["plan"]

    _title(document, snapshot["title"], TITLE_SIZE)
    number = f"第{snapshot['number']}期" if snapshot["number"] else "（预览稿，尚未印发）"
    _centred(document, number, SUBHEADING_FONT, BODY_SIZE)
    _body(document, "")
    source = f"《{plan['title']}》" + (f"（{plan['doc_number']}）" if plan["doc_number"] else "")
    _body(
        document,
        f"为推动{source}确定的各项实事落实落地，根据各责任单位报送的{period['name']}进展情况，"
        f"现将截至{_date(period['ends_on'])}的工作进展通报如下。",
    )

    _heading(document, "一、总体情况")
    _body(document, headline_text(snapshot))
    rules = snapshot["rules"]
    _body(
        document,
        f"亮灯规则：指标完成值占目标值的比例与序时进度比较，落后不足{rules['yellow']}个百分点为绿灯，"
        f"{rules['yellow']}—{rules['red']}个百分点为黄灯，超过{rules['red']}个百分点或牵头单位报表逾期为红灯，"
        f"达到目标为已完成；没有数值的指标按牵头单位自评。",
    )
    _chart(document, snapshot)

    _heading(document, "二、各项实事进展情况")
    for index, project in enumerate(snapshot["projects"], 1):
        paragraph = _body(document, "")
        _run(paragraph, f"（{_chinese(index)}）{project['title']}。", SUBHEADING_FONT)
        _run(paragraph, project_text(project), BODY_FONT)

    _heading(document, "三、报送情况")
    _body(document, units_text(snapshot))
    late = snapshot["late_units"]
    _body(
        document,
        f"逾期未报送的单位：{'、'.join(late)}。请上述单位尽快报送。" if late else "没有逾期未报送的单位。",
    )

    attachment = f"{plan['year']}年为妇女儿童办实事{period['name']}进展情况汇总表"
    _body(document, "")
    _body(document, f"附件：{attachment}")
    _body(document, "")
    _body(document, "")
    _signature(document, snapshot["issuer"], _date(snapshot["date"]))

    heading = _body(document, "", indent=False)
    heading.paragraph_format.page_break_before = True
    _run(heading, "附件", HEADING_FONT)
    _title(document, attachment, TITLE_SIZE)
    exporter = MergedLinesExporter(snapshot["table"], title=attachment)
    exporter.docx_table(document)
    if not snapshot["table"]:
        _body(document, "本季度尚无已报送的报表。")

    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), datetime.date.fromisoformat(snapshot["date"]))


# --- what the paragraphs say -------------------------------------------------------------------


def headline_text(snapshot: dict) -> str:
    h, period = snapshot["headline"], snapshot["period"]
    behind = h["yellow"] + h["red"]
    return (
        f"{snapshot['plan']['year']}年共实施为妇女儿童办实事{h['projects']}项。对照{period['name']}末"
        f"{snapshot['expected']}%的序时进度，已完成{h['done']}项，按序时进度推进（绿灯）{h['green']}项，"
        f"进度滞后{behind}项（其中黄灯{h['yellow']}项、红灯{h['red']}项），牵头单位尚未报送{h['grey']}项。"
    )


def project_text(project: dict) -> str:
    parts = [f"牵头单位：{project['lead'] or '未明确'}。"]
    if project["targets"]:
        parts.append("；".join(_target_text(target) for target in project["targets"]) + "。")
        if project["assessment"]:
            parts.append(f"牵头单位自评：{project['assessment']}。")
    light = project["light"]
    parts.append(f"亮灯：{light['name']}（{light['reason']}）。")
    return "".join(parts)


def _target_text(target: dict) -> str:
    said = f"{target['indicator']}目标{target['goal']}"
    figure, progress = target["figure"], target["light"]["progress"]
    if figure is None:
        return f"{said}，暂无完成数"
    reached = f"{figure}{target['unit']}"
    verb = "达到" if target["kind"] in ("percent", "rate") else "累计完成"
    if target["op"] == "<=":
        return f"{said}，{verb}{reached}（{'在目标以内' if progress == '100' else '超出目标'}）"
    return f"{said}，{verb}{reached}，为目标的{progress}%"


def units_text(snapshot: dict) -> str:
    u, period = snapshot["units"], snapshot["period"]
    parts = [
        f"{period['name']}应报送单位{u['total']}个。截至{_date(snapshot['date'])}，"
        f"已报送{u['submitted'] + u['accepted']}个"
        f"（其中审核通过{u['accepted']}个、待审核{u['submitted']}个），"
        f"退回修改{u['returned']}个"
    ]
    if u["draft"]:
        parts.append(f"正在填写{u['draft']}个")
    if u["not_started"]:
        parts.append(f"尚未开始填报{u['not_started']}个")
    parts.append(f"逾期未报送{u['late']}个")
    return "，".join(parts) + "。"


def chart_caption(snapshot: dict) -> str:
    names = "；".join(f"{p['seq']}—{p['title']}" for p in snapshot["projects"])
    return (
        f"图中横轴数字为实事序号，与第二部分各项实事依次对应：{names}。柱高为该项实事完成目标的比例"
        f"（以完成比例最低的指标计，与亮灯一致），柱的颜色即亮灯颜色（{COLOUR_WORDS}）；"
        f"标“—”的实事没有可比较的完成数；虚线为序时进度{snapshot['expected']}%。"
    )


# --- layout ------------------------------------------------------------------------------------------


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
    normal.element.rPr.insert_element_before(
        _element("w:spacing", {"w:val": str(CONDENSED)}), *_AFTER_SPACING
    )


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
    _run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if kind:
            run._r.append(_element("w:fldChar", {"w:fldCharType": kind}))
        elif text == " PAGE ":
            instruction = _element("w:instrText", {"xml:space": "preserve"})
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    _run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _core_properties(document, snapshot: dict) -> None:
    when = datetime.datetime.fromisoformat(snapshot["issued_at"] or f"{snapshot['date']}T00:00:00+00:00")
    core = document.core_properties
    core.title = clean_text(snapshot["title"])
    core.author = core.last_modified_by = clean_text(snapshot["issuer"])
    core.created = core.modified = when
    core.revision = 1


def _title(document, text: str, size: float):
    paragraph = document.add_paragraph()
    compact(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(size * 1.6)
    _run(paragraph, text, TITLE_FONT, size)
    return paragraph


def _centred(document, text: str, font: str, size: float):
    paragraph = _body(document, "", indent=False)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, font, size)
    return paragraph


def _heading(document, text: str):
    paragraph = _body(document, "")
    _run(paragraph, text, HEADING_FONT)
    return paragraph


def _body(document, text: str, *, indent: bool = True):
    """A body paragraph: the Normal style already is 仿宋_GB2312 三号 on the 28.95 pt pitch."""
    paragraph = document.add_paragraph()
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    if text:
        _run(paragraph, text, BODY_FONT)
    return paragraph


def _run(paragraph, text: str, font: str, size: float = BODY_SIZE):
    run = paragraph.add_run(clean_text(text))  # a "\n" becomes a line break (w:br)
    set_run_font(run, font, size)
    latin = LATIN.get(font)
    if latin:  # set_run_font names SimSun for the ASCII slots; 黑体 and 楷体 have their own
        fonts = run._element.rPr.find(qn("w:rFonts"))
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
    return run


def _chart(document, snapshot: dict) -> None:
    png = progress_chart(snapshot["projects"], snapshot["expected"])
    paragraph = document.add_paragraph()
    compact(paragraph)  # an exact line pitch would crop the picture to one line
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run().add_picture(io.BytesIO(png), width=CHART_WIDTH)
    described = paragraph._p.find(".//" + qn("wp:docPr"))
    if described is not None:  # what a screen reader says for the picture
        described.set("descr", f"各项实事完成进度柱状图，虚线为序时进度{snapshot['expected']}%")
    _centred(document, f"图1　{snapshot['period']['name']}各项实事完成进度", BODY_FONT, BODY_SIZE)
    _body(document, chart_caption(snapshot))


def _signature(document, issuer: str, date: str) -> None:
    """署名右空二字; the date below it starts two characters to the right of the 署名's first
    character (GB/T 9704-2012 7.3.5.3). Half-width digits count as half a character."""
    name = _body(document, issuer, indent=False)
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent_right(name, 2)
    width = sum(0.5 if character.isascii() else 1 for character in date)
    when = _body(document, date, indent=False)
    when.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent_right(when, max(2, len(issuer) - width))


def _indent_right(paragraph, characters: float) -> None:
    paragraph.paragraph_format.right_indent = Pt(characters * BODY_SIZE)
    paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:rightChars"), str(round(characters * 100)))


# rPr children that come after w:spacing in the schema's sequence (CT_RPr).
_AFTER_SPACING = tuple(
    f"w:{name}"
    for name in (
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    )
)


def _element(tag: str, attributes: dict):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element


def _date(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _chinese(number: int) -> str:
    return cn2an.an2cn(number)


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
