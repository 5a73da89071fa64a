"""Bytes → str for plain-text notices, and the checks every loader shares.

Chinese government offices save text as UTF-8 (new systems, web exports) or
GBK/GB2312 (Notepad on an older Windows, "ANSI"); Notepad's "Unicode" is UTF-16
with a BOM. GB18030 is a superset of GBK and GB2312, so one codec reads both.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from shishi.notice.errors import NoticeError

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings we accept from charset-normalizer's guess. A notice is Chinese; a
# guess of, say, cp1252 or koi8-r for a file that is neither UTF-8 nor GB18030
# means the bytes are not text, and showing mojibake would only mislead.
_PLAUSIBLE = {
    "utf_8",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "utf_32_le",
    "utf_32_be",
    "gb18030",
    "gbk",
    "gb2312",
    "hz",
    "big5",
    "big5hkscs",
    "cp950",
    "ascii",
}

# At most this share of the visible characters may be control, unassigned,
# private-use or replacement characters before we call the result garbage.
_MAX_BAD_SHARE = 0.05
# A decode with replacement characters is still usable for a file damaged in a
# few places (typically cut off in the middle of a multi-byte character).
_MAX_REPLACED_SHARE = 0.005

_KEEP_CONTROLS = frozenset("\t\n\r\f\v")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode the bytes of a text file; `declared` is a charset named by the file itself.

    >>> decode_text("通知".encode("gbk"))
    '通知'
    >>> decode_text(b"\\xef\\xbb\\xbfline one\\r\\nline two")
    'line one\\nline two'
    """
    text = _decode(data, declared)
    if text is None or not looks_like_text(text):
        raise NoticeError(
            "无法识别文件中的文字：它不是可读的文本文件，可能是损坏的文件或其他格式的文件。"
            "请上传通知的 Word（.docx）、PDF 或 TXT 文件。"
        )
    return normalise_newlines(text)


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None

    text = _utf16_without_bom(data)
    if text is not None:
        return text

    for encoding in _candidates(declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "utf-8" and chinese_share(text) < 0.5:
            # A few GBK characters can happen to be valid UTF-8 ("通知" is
            # CD A8 D6 AA: two Greek and Hebrew marks); prefer the Chinese reading.
            try:
                other = data.decode("gb18030")
            except UnicodeDecodeError:
                return text
            return other if chinese_share(other) > chinese_share(text) else text
        return text

    # Lightly damaged files: a truncated UTF-8 or GBK file fails a strict decode
    # only at the cut, and would otherwise be rejected outright.
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(1, _MAX_REPLACED_SHARE * len(text)):
            return text

    return _guess(data)


def _candidates(declared: str | None) -> list[str]:
    # Valid UTF-8 with Chinese in it is practically never anything else, while a
    # page that declares GB2312 may have been re-saved as UTF-8 without its
    # <meta> being updated; so UTF-8 comes first even before the declaration.
    candidates = ["utf-8"]
    if declared:
        candidates.append(canonical_encoding(declared))
    candidates.append("gb18030")
    return candidates


def canonical_encoding(label: str) -> str:
    """The codec to use for a charset label found in a file.

    Pages that say GB2312 or GBK routinely contain characters only GBK or
    GB18030 has, so every label of that family decodes as GB18030.

    >>> canonical_encoding("GB2312")
    'gb18030'
    >>> canonical_encoding("utf8")
    'utf-8'
    """
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return "utf-8"
    if name in ("gb2312", "gbk", "gb18030", "cp936", "hz"):
        return "gb18030"
    return name


def _utf16_without_bom(data: bytes) -> str | None:
    # Text in UTF-16 without a BOM has a zero byte in every other position for
    # ASCII and many zero bytes overall; GB18030 would "decode" it as control
    # characters, so try UTF-16 first when the zero bytes line up.
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        encoding = "utf-16-le"
    elif even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> str | None:
    # Only a tie-breaker: UTF-8 and GB18030 have both failed at this point.
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data[:200_000]).best()
    except Exception:  # the detector is heuristic code; never let it decide our errors
        return None
    if best is None or best.encoding not in _PLAUSIBLE:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_CHINESE = re.compile(
    r"""
      [\u3400-\u9fff\uf900-\ufaff]   # ideographs
    | [\u3000-\u303f]                 # CJK punctuation: 、。〔〕《》
    | [\uff00-\uffef]                 # full-width forms: ，：（）％
    | [\u2010-\u2027]                 # dashes, quotes, ellipsis: —“”…
    """,
    re.VERBOSE,
)


def chinese_share(text: str) -> float:
    """Share of the non-ASCII characters that Chinese text is made of (1.0 for ASCII only)."""
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    if not non_ascii:
        return 1.0
    return len(_CHINESE.findall(text)) / non_ascii


def looks_like_text(text: str) -> bool:
    """False for text that is mostly control characters, unassigned code points or "�"."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return True  # empty is a different complaint, made by the caller
    bad = sum(1 for ch in visible if _is_bad(ch))
    return bad <= _MAX_BAD_SHARE * len(visible)


def _is_bad(ch: str) -> bool:
    if ch == "\ufffd":
        return True
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch not in _KEEP_CONTROLS
    return category in ("Cs", "Co", "Cn")


_LINE_BREAKS = re.compile(
    r"""
      \r\n          # Windows
    | \r            # classic Mac OS, and PDFs that end lines with CR only
    | [\u2028\u2029\x85]  # Unicode line and paragraph separators, NEL
    | [\v\f]              # Word's manual line break and page break in its text exports
    """,
    re.VERBOSE,
)

_CONTROLS = re.compile(
    r"""
    [\x00-\x08\x0e-\x1f\x7f]   # C0 controls except TAB, LF, VT, FF, CR; and DEL
    | [\ufeff\u200b]          # BOM left inside the text; zero-width space
    """,
    re.VERBOSE,
)


def normalise_newlines(text: str) -> str:
    """Line endings to "\\n" and stray control characters removed.

    >>> normalise_newlines("a\\r\\nb\\rc\\x00d")
    'a\\nb\\ncd'
    """
    text = _LINE_BREAKS.sub("\n", text)
    return _CONTROLS.sub("", text)


def require_words(text: str, message: str) -> str:
    """Raise NoticeError(message) when the text has nothing but whitespace."""
    if not text.strip():
        raise NoticeError(message)
    return text
