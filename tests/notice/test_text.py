"""clean_text: any stored text made fit for a .docx or an .xlsx (XML 1.0), line breaks kept."""

from __future__ import annotations

import doctest

import pytest

from shishi.notice import text
from shishi.notice.text import clean_text

EXAMPLES = [
    # (what was stored, what a document gets)
    ("完成3所幼儿园", "完成3所幼儿园"),
    ("第一行\x0b第二行", "第一行\n第二行"),  # Word/WPS manual line break, pasted into a textarea
    ("第一页\x0c第二页", "第一页\n第二页"),  # page break
    ("浏览器\r\n换行", "浏览器\n换行"),
    ("老式\r换行", "老式\n换行"),
    ("两个\r\n\r\n空行", "两个\n\n空行"),
    ("NEL\x85LS\u2028PS\u2029", "NEL\nLS\nPS\n"),
    ("\x01开头\x1f结尾\x7f", "开头结尾"),
    ("\x00空字符", "空字符"),
    ("C1\x80\x9f控制符", "C1控制符"),
    ("非字符\ufffe\uffff", "非字符"),
    ("孤立代理\ud800\udfff", "孤立代理"),
    ("制表符\t保留\n换行保留", "制表符\t保留\n换行保留"),
    ("＝＋－＠=+-@ 不是控制符", "＝＋－＠=+-@ 不是控制符"),  # formula signs are the exporter's business
    ("😀 𠀀 ≥ ≤ ％", "😀 𠀀 ≥ ≤ ％"),  # astral characters are fine in XML
]


@pytest.mark.parametrize(("stored", "written"), EXAMPLES, ids=[repr(s)[1:-1][:24] for s, _ in EXAMPLES])
def test_it_cleans(stored, written):
    assert clean_text(stored) == written


def test_what_it_leaves_is_always_a_legal_xml_character():
    everything = "".join(chr(code) for code in range(0x110000))
    cleaned = clean_text(everything)
    illegal = [hex(ord(ch)) for ch in cleaned if not _xml_char(ch)]
    assert illegal == []
    assert cleaned.count("\n") == 1 + 6  # "\n" itself, and \r \x0b \x0c \x85 \u2028 \u2029


def test_cleaning_twice_changes_nothing():
    stored = "".join(chr(code) for code in range(0x200)) + "\u2028\ufffe"
    assert clean_text(clean_text(stored)) == clean_text(stored)


def test_its_examples_hold():
    failures, _ = doctest.testmod(text)
    assert failures == 0


def _xml_char(ch: str) -> bool:
    """XML 1.0's Char production."""
    code = ord(ch)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
