"""Numbers as notices write them: `3800`, `１０`, `1.8万`, `43000余`, `十`, `三千零九十八`.

Chinese numerals are read by cn2an; this module only decides what is a numeral at all
and puts Arabic figures and their 万/亿 multipliers together exactly (with `Decimal`, so
`1.15万` is 11500 and not 11499.999…). Percent signs and 百分之 belong to the caller.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

# Chinese numeral characters, ordinary and financial (大写) forms.
CHINESE_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CHINESE_PLACES = "十百千万亿拾佰仟"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + CHINESE_PLACES

# Multipliers written after Arabic digits: `1.8万`, `1.2亿`, `3千万`.
MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}

# Full-width digits, letters and number signs → ASCII, one character for one, so that
# offsets in the converted text are offsets in the original.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_HALF_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_HALF_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_HALF_WIDTH.update({ord(c): h for c, h in zip("％．＋－／～＠\u3000", "%.+-/~@ ")})
_WIDE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_HALF_WIDTH)) + "]+")

# Approximation marks after a figure that do not change its value.
_APPROX_SUFFIX = re.compile(r"(?:余|多|以上|以下|以内|左右)+$")

_ARABIC = re.compile(
    r"""
    (?P<digits>
        [0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?   # 10,000 and 1,234.5: thousands commas
      | [0-9]+(?:\.[0-9]+)?                     # 3800, 1.8
    )
    (?P<multiplier>万亿|千万|百万|亿|万|千|百)?     # 1.8万, 421万, 1.2亿
    """,
    re.VERBOSE,
)

_CHINESE = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")
_SPACES = re.compile(r"\s+")


def half_width(text: str) -> str:
    """Full-width digits, letters, ％ and ． as ASCII; the length never changes.

    >>> half_width("筛查率达到８５％以上")
    '筛查率达到85%以上'
    """
    return _WIDE.sub(lambda match: match.group().translate(_HALF_WIDTH), text) if _WIDE.search(text) else text


def parse_number(text: str) -> int | float | None:
    """The value of a numeral, or None when `text` is not one. Never raises.

    An integral value comes back as an `int`.

    >>> parse_number("3800")
    3800
    >>> parse_number("１０")
    10
    >>> parse_number("1.8万")
    18000
    >>> parse_number("421万")
    4210000
    >>> parse_number("43000余")
    43000
    >>> parse_number("3.9")
    3.9
    >>> parse_number("一百二十")
    120
    >>> parse_number("两")
    2
    >>> parse_number("三千零九十八")
    3098
    >>> parse_number("三八") is None  # 三八妇女节: read digit by digit, not a number
    True
    >>> parse_number("百分之九十") is None  # percentages are the caller's business
    True
    """
    if not isinstance(text, str):
        return None
    compact = _SPACES.sub("", half_width(text))
    compact = _APPROX_SUFFIX.sub("", compact)
    if not compact:
        return None
    arabic = _ARABIC.fullmatch(compact)
    if arabic:
        return _arabic_value(arabic["digits"], arabic["multiplier"])
    if _CHINESE.fullmatch(compact):
        return _chinese_value(compact)
    if compact[0].isascii() and compact[0].isdigit():
        # Mixed forms such as 3万5千: cn2an's smart mode reads them.
        return _cn2an(compact) if _CHINESE.search(compact) else None
    return None


def _arabic_value(digits: str, multiplier: str | None) -> int | float | None:
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    return _plain(value)


def _chinese_value(numeral: str) -> int | float | None:
    """A run of Chinese numeral characters, or None when it is not one number."""
    if len(numeral) > 1 and not any(ch in CHINESE_PLACES for ch in numeral):
        # 三八, 六一, 二〇二三: digits read one by one are names and years, not counts.
        return None
    if numeral[0] in "百千万亿佰仟":
        # cn2an would refuse them anyway; 百 alone is "a hundred" only in slogans (百场巡讲).
        return None
    return _cn2an(numeral)


def _cn2an(numeral: str) -> int | float | None:
    try:
        value = cn2an.cn2an(numeral, "smart")
    except Exception:  # cn2an raises ValueError, and worse on odd input: never let it out
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return _plain(Decimal(str(value)))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> int | float | None:
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
