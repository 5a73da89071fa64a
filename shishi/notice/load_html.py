"""Text of a web page that publishes a notice: the article, not the page around it.

Government portals put the notice in their CMS's container (div.TRS_Editor,
#zoom, #UCAP-CONTENT, .pages_content, .article-content…)
surrounded by navigation, breadcrumbs, a sidebar of other news and a footer of
版权所有 / ICP备案 / 联系我们. We take a known container when there is one and
otherwise the smallest element that holds most of the page's Chinese text
outside links. The headline usually sits above that container, so it is put
back as the first line when the article does not start with it.

readability-lxml finds the same article on the pages in our tests, but it
scores paragraphs by ASCII commas, which Chinese text has none of, and its
clean-up removes blocks it judges poor, which can take a form of short cells
with it. A list of known containers and a plain walk down the text counts are
predictable, and easy to extend when a portal is missed.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from shishi.notice import bounds
from shishi.notice.load_html_render import SPACES, render
from shishi.notice.load_text import decode_text, normalise_newlines

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_META_CHARSET = re.compile(
    rb"""
      <meta [^>]*? charset \s* = \s* ["']? \s* ([\w.:-]+)     # <meta charset=gb2312> and http-equiv
    | <\?xml [^>]*? encoding \s* = \s* ["'] ([\w.:-]+)        # XHTML's XML declaration
    """,
    re.VERBOSE | re.IGNORECASE,
)

# CMS containers that hold the article body, best first.
_CONTAINERS = (
    "//*[@id='UCAP-CONTENT' or @id='ucap-content' or @id='zoom' or @id='Zoom' or @id='fontzoom'"
    " or @id='zoomcon' or @id='vsb_content' or @id='mainText' or @id='artibody' or @id='article']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' pages_content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' article-content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' article_content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' Custom_UnionStyle ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' wzcon ')"
    " or @itemprop='articleBody']",
    "//article",
)

# Never part of an article.
_JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "svg",
    "canvas",
    "select",
    "button",
    "input",
    "textarea",
    "link",
    "meta",
    "map",
    "audio",
    "video",
    "head",
)

# Page furniture, recognised by a word in its class or id.
_FURNITURE = re.compile(
    r"""
    (?: ^ | [\s_-] )               # a whole word of the class or id
    (?: nav | navbar | menu | breadcrumbs? | crumbs? | location | position | dqwz   # 当前位置
      | footer | foot | copyright | banquan                                         # 版权
      | share | bdshare | fenxiang                                                  # 分享
      | sidebar | aside | related | xgwz | xgxw | xglj                              # 相关文章/新闻/链接
      | comments? | print | toolbar | tools | search | login | banner | logo
      | friendlinks? | links | qrcode | ewm | erweima                              # 二维码
    )
    (?: $ | [\s_-] )
    """,
    re.VERBOSE | re.IGNORECASE,
)

# What a document's or a news report's headline says, unlike a site's or a column's name.
_TITLE_WORDS = re.compile(r"通知|通报|决定|意见|方案|办法|公告|批复|实事|妇女儿童")

# Elements that may hold a whole article; below them are paragraphs.
_CONTAINER_TAGS = {
    "body",
    "div",
    "section",
    "article",
    "main",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "center",
    "form",
    "font",
    "span",
}


def html_text(data: bytes, declared: str | None = None) -> str:
    """The article of a page; `declared` is a charset known from outside the page (MIME headers)."""
    bounds.check_text_bytes(data)
    bounds.check_markup(
        data, bounds.CHECK_NOTICE, bounds.MAX_HTML_NODES
    )  # each costs a few Python steps below
    root = _parse(decode_html(data, declared))
    if root is None:
        return ""
    headline = _headline(root)
    _remove_junk(root)
    counts = _Counts(root)
    main = _main_element(root, counts)
    lines = render(main)
    if headline and not _starts_with(lines, headline):
        lines.insert(0, headline)
    return "\n".join(lines)


def decode_html(data: bytes, declared: str | None = None) -> str:
    match = _META_CHARSET.search(data[:8192])
    if match:
        declared = (match.group(1) or match.group(2)).decode("ascii", "replace")
    return decode_text(data, declared=declared)


def _parse(html: str):
    # lxml refuses str input that still carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", normalise_newlines(html))
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _headline(root) -> str | None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("articletitle", "og:title") and _TITLE_WORDS.search(meta.get("content") or ""):
            return _squash(meta.get("content"))
    # "关于…的通知_高青县人民政府": the site's name follows a separator, and the
    # site's name is often an <h1> too, so only the part before it counts.
    title = _squash(root.findtext(".//title") or "")
    first = re.split(r"\s*[_|｜]\s*|\s+-\s+|\s*——\s*|\s*--\s*", title)[0]
    headings = [
        _squash(element.text_content())
        for element in root.xpath(
            "//h1 | //h2 | //h3 | //*[contains(translate(@class, 'TITLE', 'title'), 'title')"
            " or contains(translate(@id, 'TITLE', 'title'), 'title')]"
        )
    ]
    headings = [h for h in headings if _TITLE_WORDS.search(h) and 6 <= len(_CJK.findall(h)) and len(h) <= 100]
    in_title = [h for h in headings if h in first]
    if in_title:
        return max(in_title, key=len)
    if headings:
        return headings[0]
    return first if _TITLE_WORDS.search(first) else None


def _remove_junk(root) -> None:
    for element in list(root.iter(*_JUNK_TAGS)):
        _drop(element)
    for element in list(root.iter(etree.Element)):
        if element.getparent() is None or not isinstance(element.tag, str):
            continue
        style = (element.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None:
            _drop(element)
    counts = _Counts(root)
    for element in list(root.iter()):
        if element.getparent() is None or not isinstance(element.tag, str):
            continue
        marked = element.tag in ("nav", "footer", "aside") or _FURNITURE.search(
            f"{element.get('class') or ''} {element.get('id') or ''}"
        )
        # A long text with a furniture-like class is the article in odd clothes.
        if marked and (counts.own(element) < 300 or counts.link_share(element) > 0.5):
            _drop(element)


def _drop(element) -> None:
    # drop_tree keeps the tail text, which belongs to the parent.
    if element.getparent() is not None:
        element.drop_tree()


class _Counts:
    """Chinese characters under each element, outside links and inside them."""

    def __init__(self, root):
        self.text: dict = {}
        self.links: dict = {}
        self._count(root, in_link=False)

    def _count(self, element, in_link: bool) -> tuple[int, int]:
        in_link = in_link or element.tag == "a"
        own = len(_CJK.findall(element.text or ""))
        text, links = (0, own) if in_link else (own, 0)
        for child in element:
            if isinstance(child.tag, str):
                t, l = self._count(child, in_link)
                text, links = text + t, links + l
            tail = len(_CJK.findall(child.tail or ""))
            if in_link:
                links += tail
            else:
                text += tail
        self.text[element], self.links[element] = text, links
        return text, links

    def own(self, element) -> int:
        return self.text.get(element, 0)

    def link_share(self, element) -> float:
        total = self.text.get(element, 0) + self.links.get(element, 0)
        return self.links.get(element, 0) / total if total else 0.0


def _main_element(root, counts: _Counts):
    body = root.find("body")
    if body is None:
        body = root
    total = counts.own(body)
    for query in _CONTAINERS:
        found = [e for e in root.xpath(query) if isinstance(e.tag, str)]
        if found:
            best = max(found, key=counts.own)
            if counts.own(best) >= max(20, 0.25 * total):
                return best
    # The smallest element that still holds most of the text outside links.
    current = body
    while True:
        children = [c for c in current if isinstance(c.tag, str)]
        if not children:
            return current
        child = max(children, key=counts.own)
        if counts.own(child) < 0.7 * total or child.tag not in _CONTAINER_TAGS:
            return current
        current = child


def _squash(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _starts_with(lines: list[str], headline: str) -> bool:
    target = re.sub(r"\s+", "", headline)
    opening = re.sub(r"\s+", "", "".join(lines[:8]))
    return target in opening
