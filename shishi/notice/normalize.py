"""Clean extracted text so that the structure reader sees one spelling of everything.

What arrives here is whatever a Word export, a PDF text layer or a web page gave us:
full-width digits, stray spaces between characters, `[bookmark: _GoBack]` markers,
traditional characters on mirror sites. Line structure is kept: the reader needs it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import clean_text

# Full-width digits, letters and the few symbols that matter for numbers become ASCII;
# Chinese punctuation (，。：（）) stays as it is because the reader keys on it.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update(
    {ord("％"): "%", ord("．"): ".", ord("＋"): "+", ord("－"): "-", ord("／"): "/", ord("＠"): "@"}
)
_WIDTH.update({ord(c): " " for c in "\u3000\xa0\u2002\u2003\u2009\u202f"})
_WIDTH.update({ord(c): None for c in "\ufeff\u200b\u200c\u200d\u2060\xad"})
_WIDTH.update({ord("\r"): None, ord("\f"): "\n", ord("\v"): "\n"})

_WIDE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_WIDTH)) + "]+")


def _narrow(match: re.Match) -> str:
    return match.group().translate(_WIDTH)


_ARTEFACTS = re.compile(
    r"""
      \[bookmark:[^\]]*\]      # Word's hidden bookmarks, exported as text
    | \{\\[a-z]+[^}]*\}        # stray RTF control groups
    """,
    re.VERBOSE | re.MULTILINE,
)

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"，。、；：？！“”‘’（）《》〔〕【】—…·"
# Spaces that a PDF or a justified Word line put between characters of one sentence.
_STRAY_SPACE = re.compile(
    rf"""
    (?<=[{_CJK}{_CJK_PUNCT}0-9%A-Za-z])   # after a character of the sentence
    [ \t]+
    (?=[{_CJK}{_CJK_PUNCT}])              # before a Chinese character or mark
    |
    (?<=[{_CJK}{_CJK_PUNCT}])
    [ \t]+
    (?=[0-9A-Za-z%])                      # before a digit or Latin letter (关于 2024年)
    """,
    re.VERBOSE,
)

# Characters common in traditional text and never used in simplified text.
_TRADITIONAL_MARKERS = set("為婦兒實辦關於單縣區務護學習進協會體後這個們來說時間問題經濟動員類應發")
_TRADITIONAL = re.compile("[" + "".join(sorted(_TRADITIONAL_MARKERS)) + "]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: most notices are already simplified

    return opencc.OpenCC("t2s")


# A pinyin gloss a mirror site writes after a character: `服務(wù)`, `1.6萬(wàn)名`. It always
# carries a tone mark, which no unit, code or English word in a notice has.
_PINYIN_GLOSS = re.compile(
    rf"""
    (?<=[{_CJK}])                                   # right after a Chinese character
    [(（]
    (?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])         # with a tone mark somewhere
    [a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{{1,7}}          # one syllable
    [)）]
    """,
    re.VERBOSE,
)


# A portal's breadcrumbs left in pasted text: `首页 > 新闻中心 > 本地要闻`.
_BREADCRUMBS = re.compile(
    r"""
    (?:^|(?<=\s))
    (?:首页|当前位置[:：]?|您当前的位置[:：]?|您的位置[:：]?)   # where the trail starts
    (?:\s*[>＞»›]\s*[^\s>＞»›|]{1,12})+                    # > 新闻中心 > 本地要闻
    """,
    re.VERBOSE | re.MULTILINE,
)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified when the text is written in them.

    A simplified notice is returned unchanged: converting it anyway would touch rare
    characters that both scripts share. Pinyin glosses go first, whatever the script.

    >>> to_simplified("為婦女兒童服務(wù)，新增1.6萬(wàn)名")
    '为妇女儿童服务，新增1.6万名'
    """
    if "(" in text or "（" in text:
        text = _PINYIN_GLOSS.sub("", text)
    hits = len(_TRADITIONAL.findall(text))
    if hits < 3:
        return text
    return _t2s().convert(text)


# A web page's layout table flattened to pipes (`| ||||||`), and a lone pipe on its own line.
_PIPE_DEBRIS = re.compile(
    r"""
      (?:[ \t]*\|){2,}[ \t]*     # two pipes or more with nothing between them
    | ^[ \t]*\|[ \t]*$          # a lone pipe
    """,
    re.VERBOSE | re.MULTILINE,
)


def _pipe_debris(line: str) -> str:
    """The line without layout pipes, unless it is a table row written with pipes
    (`1|新建幼儿园|市教育局`: three cells or more, not mostly empty)."""
    cells = line.split("|")
    filled = sum(1 for cell in cells if cell.strip())
    empty = sum(1 for cell in cells[1:-1] if not cell.strip())
    if filled >= 3 and empty <= filled // 2:
        return line
    return _PIPE_DEBRIS.sub(" ", line).strip(" ")  # a cell's edge was a break: keep it as a space


def normalize_characters(text: str) -> str:
    """One spelling for digits, spaces and line breaks; artefacts removed.

    >>> normalize_characters("筛查率达到８５％以上\\r\\n[bookmark: _GoBack]九、")
    '筛查率达到85%以上\\n九、'
    """
    text = clean_text(text)
    if _WIDE.search(text):  # a few characters to change: a substitution beats str.translate's walk
        text = _WIDE.sub(_narrow, text)
    text = text.replace("｜", "|")
    text = _ARTEFACTS.sub("", text)
    if "|" in text:
        text = "\n".join(_pipe_debris(line) if "|" in line else line for line in text.split("\n"))
    text = to_simplified(text)
    return _BREADCRUMBS.sub("", text) if ">" in text or "＞" in text or "»" in text else text


def collapse_spaces(line: str) -> str:
    """Drop spaces that split a sentence, keep spaces between Latin words.

    >>> collapse_spaces("关于 2024年为全县妇女儿童办实事的通知")
    '关于2024年为全县妇女儿童办实事的通知'
    >>> collapse_spaces("盖章 PDF版报县妇儿工委办公室")
    '盖章PDF版报县妇儿工委办公室'
    """
    if " " not in line and "\t" not in line:
        return line.strip()
    return _STRAY_SPACE.sub("", line).strip()


# Where a web page that lost its line breaks had a paragraph break: a space after the end
# of a sentence or a closing bracket, or a space before a list marker (一、 （二） 3.).
_FLATTENED_BREAK = re.compile(
    r"""
    (?<=[。！？；：:）)」”])[ \t\u3000]+(?=\S)                       # after a sentence or a bracket
    | (?<=通知|公告|通报|决定|\d号|\d日)[ \t\u3000]+(?=\S)             # after a title, a doc number, a date
    | [ \t\u3000]+(?=发布时间|发布日期|来源[:：]|【打印|【关闭)         # before a page's by-line and tools
    | [ \t\u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]
                       |\d{1,2}[.、](?!\d)))                                     # before a marker
    """,
    re.VERBOSE,
)
_LONG_LINE = 200


def split_flattened(line: str) -> list[str]:
    """A very long line with paragraph breaks turned into spaces, cut back into paragraphs.

    >>> split_flattened("请认真组织实施。 费县2024年工作方案 一、开展筛查。" + "甲" * 200)[:2]
    ['请认真组织实施。', '费县2024年工作方案']
    """
    if len(line) < _LONG_LINE or line.startswith("\t"):
        return [line]
    return [piece for piece in _FLATTENED_BREAK.split(line) if piece.strip()]


def lines_of(text: str) -> list[str]:
    """Normalised text split into lines with trailing spaces removed (leading tabs kept: an
    empty table cell stays a "\t" line, not the empty line that ends a row)."""
    lines = []
    for line in normalize_characters(text).split("\n"):
        lines += [piece.rstrip() or piece[:1].replace(" ", "") for piece in split_flattened(line)]
    return lines
