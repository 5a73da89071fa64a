"""Real documents built from notice text, for the loader's tests.

`make_docx`, `make_pdf` and `make_html` turn the text of a notice (like the
files in samples/notices/) into the file a clerk would upload: a Word document
with the attachment form as a real table, an official-style PDF with a running
header and "— 2 —" page numbers, a government web page with its navigation,
sidebar and footer. `split_notice` reads the attachment form out of the text in
the two styles the samples show, so a test can compare what went in with what
the loader gives back.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).parents[2] / "samples" / "notices"

Cell = list[str]  # the cell's paragraphs
Row = list[Cell]

_BOOKMARK = re.compile(r"^\[bookmark: ([^\]]+)\]")


@dataclass
class Layout:
    """A notice's text cut around its attachment form."""

    before: list[str]
    rows: list[Row] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def split_notice(text: str) -> Layout:
    """Find the 序号/实事名称/责任单位 form after the line "附件".

    Two styles occur. Word's text export (huantai, gaoqing-2021, gaoxinqu): each
    cell on its own line starting with a TAB, continuation lines without one,
    an empty line after each row. A tab-separated export (zichuan): one row per
    line, the cell's paragraphs joined by spaces.
    """
    lines = text.split("\n")
    attachment = next((i for i, line in enumerate(lines) if line.strip() == "附件"), None)
    if attachment is None:
        return Layout(lines)
    for i in range(attachment + 1, len(lines)):
        if lines[i].startswith("\t"):
            return _tab_per_cell(lines, i)
        if "\t" in lines[i] and "序号" in lines[i]:
            return _tab_separated(lines, i)
    return Layout(lines)


def _tab_per_cell(lines: list[str], start: int) -> Layout:
    rows: list[Row] = []
    i = start
    while i < len(lines) and lines[i].startswith("\t"):
        row: Row = []
        while i < len(lines) and lines[i].startswith("\t"):
            cell = [lines[i][1:]]
            i += 1
            while i < len(lines) and not lines[i].startswith("\t"):
                if lines[i].strip():
                    cell.append(lines[i])
                elif (
                    # One empty line between two paragraphs of a non-empty cell
                    # is part of the cell (gaoqing-2021 spaces its unit lists).
                    any(p.strip() for p in cell)
                    and i + 1 < len(lines)
                    and lines[i + 1].strip()
                    and not lines[i + 1].startswith("\t")
                ):
                    cell.append(lines[i])
                else:
                    break
                i += 1
            row.append(cell)
        rows.append(row)
        if i < len(lines) and not lines[i].strip():
            i += 1  # the empty line that ends the row
    return Layout(lines[:start], rows, lines[i:])


def _tab_separated(lines: list[str], start: int) -> Layout:
    rows: list[Row] = []
    i = start
    while i < len(lines) and "\t" in lines[i]:
        rows.append([cell.split(" ") if cell else [""] for cell in lines[i].split("\t")])
        i += 1
    return Layout(lines[:start], rows, lines[i:])


def headline(text: str) -> str:
    """The notice's title line: 关于……的通知, joined when it wraps before 通知."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if line.startswith("关于") and "通知" in "".join(lines[i : i + 2]):
            if not line.endswith("通知") and i + 1 < len(lines) and len(lines[i + 1]) <= 4:
                return line + lines[i + 1]
            return line
    return lines[0]


# --- Word ----------------------------------------------------------------------------------------


def make_docx(text: str, bookmark: bool = True, merge: bool = False) -> bytes:
    """A .docx: a paragraph per line, the attachment form as a Word table.

    A "[bookmark: NAME]" at the start of a line (Word's export shows _GoBack
    that way) becomes a real w:bookmarkStart; with `bookmark`, a _GoBack
    bookmark is also put in the middle of the first project's paragraph. With
    `merge`, the 完成时限 column is one cell merged down all data rows holding
    "年底前", and a note row spanning all columns ends the table. The footer
    carries a page number that must not show up in the text.
    """
    import docx

    layout = split_notice(text)
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    bookmarked = not bookmark
    for line in layout.before:
        paragraph = _docx_paragraph(document, line)
        if not bookmarked and re.match(r"^[一二三四五六七八九十]+、", line):
            _bookmark_inside(paragraph, line)
            bookmarked = True
    if layout.rows:
        _docx_table(document, layout.rows, merge)
    for line in layout.after:
        _docx_paragraph(document, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_paragraph(container, line: str):
    match = _BOOKMARK.match(line)
    paragraph = container.add_paragraph()
    if match:
        _add_bookmark(paragraph, match.group(1))
        line = line[match.end() :]
    if line:
        paragraph.add_run(line)
    return paragraph


def _bookmark_inside(paragraph, line: str) -> None:
    # Split the text into two runs with the bookmark between them, as Word does
    # when the cursor was left there.
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    middle = len(line) // 2
    paragraph.add_run(line[:middle])
    _add_bookmark(paragraph, "_GoBack")
    paragraph.add_run(line[middle:])


def _add_bookmark(paragraph, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    paragraph._p.append(start)
    paragraph._p.append(end)


def _docx_table(document, rows: list[Row], merge: bool) -> None:
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows) + (1 if merge else 0), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, paragraphs in enumerate(row):
            _fill(table.cell(r, c), paragraphs)
        if len(row) < columns:
            table.cell(r, len(row) - 1).merge(table.cell(r, columns - 1))
    if merge:
        last = columns - 1
        for r in range(1, len(rows)):
            _fill(table.cell(r, last), [""])
        table.cell(1, last).merge(table.cell(len(rows) - 1, last))
        _fill(table.cell(1, last), ["年底前"])
        note = table.cell(len(rows), 0).merge(table.cell(len(rows), last))
        _fill(note, ["注：各责任单位于每季度末报送本表。"])


def _fill(cell, paragraphs: Cell) -> None:
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first = cell.paragraphs[0]
    for run in list(first.runs):
        run._r.getparent().remove(run._r)
    if paragraphs and paragraphs[0]:
        first.add_run(paragraphs[0])
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def docx_with_body_xml(body_xml: str, numbering_xml: str = "") -> bytes:
    """A .docx whose body is the given WordprocessingML (namespaces w, mc, wps, v declared);
    `numbering_xml` (w:abstractNum and w:num elements) is added to numbering.xml."""
    import docx
    from lxml import etree

    document = docx.Document()
    if numbering_xml:
        numbering = document.part.numbering_part.element
        for element in etree.fromstring(f'<w:numbering xmlns:w="{_W_NS}">{numbering_xml}</w:numbering>'):
            numbering.append(element)
    body = document.element.body
    wrapper = etree.fromstring(
        f'<w:body xmlns:w="{_W_NS}"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">' + body_xml + "</w:body>"
    )
    section = body[-1]
    for child in list(body):
        body.remove(child)
    for child in wrapper:
        body.append(child)
    body.append(section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- PDF -----------------------------------------------------------------------------------------

PDF_HEADER = "政府信息公开 · 妇女儿童工作"
CHARS_PER_LINE = 28


def make_pdf(text: str, header: str = PDF_HEADER, per_line: int = CHARS_PER_LINE) -> bytes:
    """An official-style A4 text PDF: 16 pt 宋体, lines wrapped every `per_line`
    characters, the form as a ruled table, a running `header` at the top and
    "— n —" at the bottom of every page. Header and footer are drawn before the
    body, so they come first in the content stream, as in many real PDFs."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _cid_font()
    body = ParagraphStyle("body", fontName=font, fontSize=16, leading=28)
    small = ParagraphStyle("cell", fontName=font, fontSize=12, leading=16, wordWrap="CJK")
    layout = split_notice(text)

    def lines(block: list[str]):
        for line in block:
            line = line.strip()
            if not line:
                yield Spacer(1, 6)
            for chunk in wrap(line, per_line):
                yield Paragraph(html.escape(chunk), body)

    story = list(lines(layout.before))
    if layout.rows:
        columns = max(len(row) for row in layout.rows)
        widths = [40, 150, 140, 90, 64][:columns] + [64] * (columns - 5)
        data = [
            [
                Paragraph(_cell_markup(cell, max(2, (widths[c] - 12) // 12 - 2)), small)
                for c, cell in enumerate(row)
            ]
            for row in layout.rows
        ]
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            )
        )
        story.append(table)
    story.extend(lines(layout.after))

    width, height = A4

    def furniture(canvas, document):
        canvas.saveState()
        canvas.setFont(font, 10.5)
        canvas.drawCentredString(width / 2, height - 50, header)
        canvas.setFont(font, 14)
        canvas.drawCentredString(width / 2, 45, f"— {document.page} —")
        canvas.restoreState()

    buffer = io.BytesIO()
    # Room for a few half-width digits more than `per_line` full-width characters,
    # so that reportlab never wraps a line a second time.
    margin = (width - per_line * 16 - 40) / 2
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=100,
        bottomMargin=95,
    ).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


_NO_LINE_START = set("，。、；：？！）》〉”’」』〕】…%％")


def wrap(line: str, per_line: int = CHARS_PER_LINE) -> list[str]:
    """Cut a line every `per_line` characters, keeping closing punctuation on the line
    before it as typesetting does (a line never starts with "，" or "）")."""
    chunks: list[str] = []
    for start in range(0, len(line), per_line):
        chunk = line[start : start + per_line]
        while chunks and chunk and chunk[0] in _NO_LINE_START:
            chunks[-1] += chunk[0]
            chunk = chunk[1:]
        if chunk:
            chunks.append(chunk)
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        # PDFium drops a lone character drawn in a font that is not embedded
        # (as reportlab's built-in STSong-Light is not), so never leave one.
        last = chunks.pop()
        chunks[-1] += last
    return chunks


def _cell_markup(cell: Cell, per_line: int) -> str:
    lines = [chunk for p in cell if p.strip() for chunk in wrap(p.strip(), per_line)]
    return "<br/>".join(html.escape(line) for line in lines)


def make_scanned_pdf(pages: int = 2) -> bytes:
    """What a scanner gives: pages of drawing (a red stamp, ruled lines, blocks of "ink"), no text layer."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    for _page in range(pages):
        canvas.setFillColor(colors.red)
        canvas.rect(150, 720, 300, 40, fill=1, stroke=0)
        canvas.setFillColor(colors.black)
        for line in range(22):
            y = 660 - line * 26
            canvas.rect(80, y, 430 - (line % 5) * 30, 12, fill=1, stroke=0)
        canvas.setStrokeColor(colors.red)
        canvas.circle(420, 150, 55, stroke=1, fill=0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_text_pdf(pages: list[str]) -> bytes:
    """A plain PDF with the given text on each page, one line per "\\n"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    font = _cid_font()
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    for page in pages:
        canvas.setFont(font, 14)
        for i, line in enumerate(page.split("\n")):
            canvas.drawString(72, A4[1] - 80 - 26 * i, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_encrypted_pdf(text: str = "关于2024年为全区妇女儿童办实事的通知") -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas as pdf_canvas

    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    canvas.setFont(_cid_font(), 14)
    canvas.drawString(72, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


# --- web page ------------------------------------------------------------------------------------

SITE = "高青县人民政府"


def make_html(text: str, kind: str = "gov", encoding: str = "utf-8") -> bytes:
    """A page publishing the notice, encoded in `encoding` and saying so in a <meta>.

    kind "gov": a county portal — logo and search, menu, 当前位置 breadcrumbs, a
    sidebar teasing other notices, the headline in an <h1> above a tool bar,
    the notice in div#zoom > div.TRS_Editor with &nbsp;/全角 indents, the form
    as a <table>, then share buttons and a 版权所有/ICP备案/联系我们 footer.
    kind "news": a news site reprinting it — HTML5 <header>/<nav>, an <article>
    with its own headline and an introduction, an <aside> of related news, <footer>.
    kind "tables": an older portal laid out with nested tables and <font> tags,
    no CMS container and a <title> that is only the site's name.
    """
    title = headline(text)
    layout = split_notice(text)
    body = _html_body(layout, indent="&nbsp;&nbsp;&nbsp;&nbsp;" if kind == "gov" else "　　")
    charset = {"gbk": "gb2312", "gb18030": "gb2312"}.get(encoding, encoding)
    if kind == "gov":
        page = _GOV_PAGE.format(charset=charset, title=html.escape(title), site=SITE, body=body)
    elif kind == "news":
        page = _NEWS_PAGE.format(charset=charset, title=html.escape(title), body=body)
    elif kind == "tables":
        page = _TABLES_PAGE.format(charset=charset, title=html.escape(title), site=SITE, body=body)
    else:
        raise ValueError(kind)
    # Pages that say gb2312 are routinely saved with GBK-only characters.
    codec = "gb18030" if encoding in ("gb2312", "gbk", "gb18030") else encoding
    return page.encode(codec)


def _html_body(layout: Layout, indent: str) -> str:
    parts = [_html_lines(layout.before, indent)]
    if layout.rows:
        parts.append('<table border="1" cellspacing="0" cellpadding="0" width="600"><tbody>')
        for r, row in enumerate(layout.rows):
            parts.append("<tr>")
            for cell in row:
                paragraphs = [html.escape(p.strip()) for p in cell if p.strip()]
                if r % 2:  # both ways of breaking a cell occur in the wild
                    inner = "<br />".join(paragraphs) or "&nbsp;"
                else:
                    inner = "".join(f'<p align="center">{p}</p>' for p in paragraphs) or "<p>&nbsp;</p>"
                parts.append(f'<td valign="middle">{inner}</td>')
            parts.append("</tr>")
        parts.append("</tbody></table>")
    parts.append(_html_lines(layout.after, indent))
    return "\n".join(parts)


def _html_lines(lines: list[str], indent: str) -> str:
    out = []
    for line in lines:
        line = line.strip()
        if not line:
            out.append("<p>&nbsp;</p>")
        elif re.match(r"^[一二三四五六七八九十]+、", line):
            # Project headings are often bold with the rest of the paragraph plain.
            head, _, rest = line.partition("。")
            out.append(
                f'<p style="text-indent:2em">{indent}<strong>{html.escape(head)}。</strong>'
                f'<span style="font-family:仿宋">{html.escape(rest)}</span></p>'
            )
        else:
            out.append(f'<p style="text-indent:2em;line-height:2">{indent}{html.escape(line)}</p>')
    return "\n".join(out)


_GOV_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}_{site}</title>
<meta name="SiteName" content="{site}" />
<link rel="stylesheet" href="/css/style.css" />
<style>.TRS_Editor P{{margin:0;line-height:2}} .nav li{{float:left}}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计代码</div>");</script>
</head>
<body>
<div class="top">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="{site}" />{site}</a></div>
  <div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" />\
<button>搜索</button></form></div>
</div>
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjgq/">走进{site}</a></li>
</ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>\
 &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="main">
  <div class="left-side">
    <h3>最新动态</h3>
    <ul>
      <li><a href="/a/1.html">关于2022年为全县妇女儿童办实事的通知</a><span>2023-03-01</span></li>
      <li><a href="/a/2.html">县妇联召开三八国际妇女节表彰大会</a><span>2024-03-08</span></li>
      <li><a href="/a/3.html">关于做好春季学期学生资助工作的通知</a><span>2024-02-20</span></li>
    </ul>
    <div class="side-news"><p>县妇联近日组织开展“巾帼心向党”主题活动，全县妇女代表参加。</p></div>
  </div>
  <div class="content-box">
    <h1 class="article-title">{title}</h1>
    <div class="info">发布时间：2024-03-28&nbsp;&nbsp;来源：{site}办公室\
&nbsp;&nbsp;浏览次数：<span id="hits">128</span></div>
    <div class="tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】\
&nbsp;【<a href="javascript:window.print()">打印本页</a>】\
【<a href="javascript:window.close()">关闭窗口</a>】</div>
    <div id="zoom"><div class="TRS_Editor">
{body}
    </div></div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  </div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/map/">网站地图</a></p>
  <p>主办单位：{site}办公室&nbsp;&nbsp;版权所有&copy;2024 {site}</p>
  <p><a href="https://beian.miit.gov.cn/">鲁ICP备05012345号-1</a>\
&nbsp;&nbsp;网站标识码：3703220001&nbsp;&nbsp;鲁公网安备 37032202000123号</p>
</div>
</body>
</html>
"""

_NEWS_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>重磅！今年的妇女儿童实事来了 - 淄博新闻网</title>
<meta property="og:site_name" content="淄博新闻网">
<script src="/js/jquery.min.js"></script>
<script>window.ads = ["热点推荐"];</script>
</head>
<body>
<header class="site-header"><a class="logo" href="/">淄博新闻网</a>
<nav><a href="/">首页</a> <a href="/zb/">淄博</a> <a href="/sh/">社会</a>\
 <a href="/ms/">民生</a></nav></header>
<main class="wrap">
<article>
<h1>重磅！今年的妇女儿童实事来了</h1>
<p class="meta"><span>2024-03-30 09:12</span> <span>来源：淄博日报</span> <span>编辑：王晓</span></p>
<p>　　近日，《{title}》印发，明确今年为妇女儿童办好十件实事。全文如下：</p>
{body}
<p class="editor">（责任编辑：王晓）</p>
</article>
<aside class="related"><h3>相关新闻</h3><ul>
<li><a href="/n/1.html">我市召开妇女儿童工作会议</a></li>
<li><a href="/n/2.html">城乡适龄妇女“两癌”筛查全面启动</a></li>
</ul></aside>
</main>
<footer><p>版权所有 淄博新闻网 未经授权禁止复制</p>\
<p>鲁ICP备12345678号 | <a href="/contact">联系我们</a></p></footer>
</body>
</html>
"""

_TABLES_PAGE = """<html>
<head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{site}</title></head>
<body bgcolor="#ffffff">
<table width="1000" align="center" border="0">
<tr><td colspan="2"><img src="/images/top.jpg">{site}欢迎您！今天是\
<script>document.write(new Date())</script></td></tr>
<tr>
<td width="200" valign="top">
  <table width="100%"><tr><td><a href="/xqgk/">县情概况</a></td></tr>\
<tr><td><a href="/zwgk/">政务公开</a></td></tr>
  <tr><td>热点新闻：县妇联召开三八国际妇女节表彰大会，全县妇女代表参加。</td></tr></table>
</td>
<td valign="top">
  <table width="100%">
  <tr><td align="center" class="bt_title"><font size="5" color="#cc0000"><b>{title}</b></font></td></tr>
  <tr><td align="center"><font size="2">【发布时间：2024-03-28】【来源：县政府办公室】</font></td></tr>
  <tr><td><font size="3">
{body}
  </font></td></tr>
  </table>
</td>
</tr>
<tr><td colspan="2" align="center">版权所有：{site}办公室 鲁ICP备05001234号 联系电话：0533-6961234</td></tr>
</table>
</body>
</html>
"""
