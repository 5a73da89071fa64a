"""Text any document can hold: one function, used where text comes in (forms) and where it goes
out (.docx, .xlsx, CSV).

Word and WPS paste a manual line break (Shift+Enter) as "\\x0b" and a page break as "\\x0c";
text copied out of other programs brings stray control characters ("\\x01", "\\x1f"…). XML 1.0,
which .docx and .xlsx are made of, forbids all of those (and lone surrogates, "\\ufffe" and
"\\uffff"): python-docx and openpyxl refuse to write them, so one such character in a stored
measure made every document holding it fail. Pure Python, no Django: every app may import it.
"""

from __future__ import annotations

import re

# Every way of ending a line that Word, WPS, browsers and old Macs produce, to one "\n".
_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"

# What str.translate does to each character: line breaks become "\n"; every other control
# character (C0 but TAB and LF, DEL, C1), lone surrogates and the two non-characters XML 1.0
# excludes are dropped.
_TABLE: dict[int, str | None] = {
    **{code: None for code in range(0x00, 0x20) if chr(code) not in "\t\n"},
    **{code: None for code in range(0x7F, 0xA0)},
    **{code: None for code in range(0xD800, 0xE000)},
    0xFFFE: None,
    0xFFFF: None,
    **{ord(ch): "\n" for ch in _LINE_BREAKS},
}


# Any character the table changes: most text has none, and a search in C is far cheaper than
# str.translate's look-up of every character.
_CHANGED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]+")


def clean_text(text: str) -> str:
    """The text with every line break as "\\n" and the characters no document may hold removed.

    "\\r\\n", "\\r", "\\x0b" (Word's manual line break), "\\x0c" (page break), "\\x85", "\\u2028" and
    "\\u2029" become "\\n"; other control characters, lone surrogates, "\\ufffe" and "\\uffff" go;
    tabs, line feeds and all other text stay as they are. Cleaning twice changes nothing.

    >>> clean_text("第一行\\x0b第二行\\r\\n第三行")
    '第一行\\n第二行\\n第三行'
    >>> clean_text("完成\\x01 3所\\x1f幼儿园\\t（已验收）\\x7f")
    '完成 3所幼儿园\\t（已验收）'
    >>> clean_text("")
    ''
    """
    text = text.replace("\r\n", "\n")
    return (
        _CHANGED.sub(lambda match: match.group().translate(_TABLE), text) if _CHANGED.search(text) else text
    )
