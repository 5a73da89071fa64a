"""Patterns and shared helpers of `targets.py`: what a quantity looks like, and what around it
is a date, an age, a marker, a region or a filler. Word lists live in `_target_words.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import _target_words as words
from .numerals import CHINESE_NUMERAL_CHARS

_CN = CHINESE_NUMERAL_CHARS
# A place value alone before 余/多: `百余场`, `千余人`, `万余名`.
_ROUND_NUMBERS = {"百": 100, "千": 1000, "万": 10000}


def _alternation(items) -> str:
    """A regex alternation that tries the longest word first."""
    return "|".join(re.escape(item) for item in sorted(set(items), key=len, reverse=True))


def _unit_pattern() -> str:
    """Every unit word, longest first, each guarded against the nouns it starts (人口, 家庭)."""
    every = words.COUNT_UNITS + words.MONEY_UNITS + words.PERCENT_UNITS + words.RATE_UNITS
    units = []
    for unit in sorted(set(every + words.NON_TARGET_UNITS), key=len, reverse=True):
        not_before = words.UNIT_NOT_BEFORE.get(unit)
        units.append(re.escape(unit) + (f"(?![{not_before}])" if not_before else ""))
    return "|".join(units)


_QUANTITY = re.compile(
    rf"""
    (?P<number>
        百分之\s*(?P<percent_of>[0-9]+(?:\.[0-9]+)?|[{_CN}]+)  # 百分之九十: a percentage by itself
      | (?<![0-9A-Za-z.])                                      # not the tail of a code or a garbled 1..8
        (?P<arabic>
            [0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?            # 10,000: thousands commas
          | [0-9]+(?:\.[0-9]+)?                                # 3800, 1.8
        )
        (?P<multiplier>\s*(?:万亿|千万|百万|亿|万|千(?![米克瓦])))?  # 1.8万, 421万, 1.2亿
      | (?P<chinese>[{_CN}]+)                                  # 十, 一百二十, 八十五
    )
    (?P<range>\s*[-—–~～至到]\s*(?:[0-9]+(?:\.[0-9]+)?|[{_CN}]+))?  # 35-64, 0—17: a range
    (?P<infix>\s*[余多])?                                      # 43000余名, 100多人
    (?P<unit>\s*(?:/\s*(?:[0-9]+|十)?\s*[万千]|{_unit_pattern()}))?  # 所, 人次, %, 元, 岁, /10万
    (?P<per>(?:\s*[/·]\s*(?:{_alternation(words.PER_WORDS)}))*)  # 元/月/人: a standard
    (?P<after>\s*(?:{_alternation(words.OPS_AFTER)}))?        # 以上, 以内, 左右
    """,
    re.VERBOSE,
)

# Text inside quotation marks or title marks: names, slogans and models, never counts.
_QUOTED = re.compile(
    r"""
      “[^“”。]{0,40}”      # “5+2”, “一米高度”, “1名留守困境儿童+N个帮扶群体”
    | ‘[^‘’。]{0,40}’
    | "[^"。]{0,40}"
    | 「[^「」。]{0,40}」
    | 『[^『』。]{0,40}』
    | 《[^《》。]{0,60}》    # titles of documents and programmes
    """,
    re.VERBOSE,
)

# Marks that end a clause; an indicator never reaches across one.
_CLAUSE_BREAKS = "，,。；;：:！!？?"
_CLAUSE_BREAK = re.compile(f"[{_CLAUSE_BREAKS}]")
# Longer runs without a comma are not prose (a table flattened into one line): cut them.
_LONGEST_CLAUSE = 200
# How far before a number its operator, ordinal or denominator can stand.
_LOOK_BACK = 40

# Ages at the start of a phrase: `35-64岁城乡适龄妇女`, `0—17周岁有康复需求的…`.
_AGE = re.compile(
    rf"""
    [0-9{_CN}]+                             # 35, 三
    (?:[-—–~～至到][0-9{_CN}]+)?             # -64
    周?岁                                   # 岁, 周岁
    (?:及以下|及以上|以下|以上|以内)?         # 3岁以下
    (?:的)?
    """,
    re.VERBOSE,
)

# Dates and periods at the start of a clause: `2024年底`, `到2025年`, `年内`.
_LEADING_DATE = re.compile(
    r"""
    (?:到|至|截至)?                         # 到2025年
    [0-9]{4}\s*年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?  # 2024年, 2024年6月
    (?:底前|年底|底|末|内|前|度)?
    """,
    re.VERBOSE,
)

# List markers inside a body: `1.`, `（2）`, `三、`, `一是`.
_LEADING_MARKER = re.compile(
    r"""
      [0-9]{1,2}[.、)）]                       # 1.  2、  3)
    | [（(](?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})[）)]  # （1） （一）
    | [一二三四五六七八九十]{1,2}(?:、|是)        # 三、 一是
    """,
    re.VERBOSE,
)

# The whole region, or a person-marker, at the start: `全县`, `我区`, `全区域`.
_LEADING_REGION = re.compile(
    r"""
    (?:全|我)                               # 全, 我
    (?:县|区|市|镇|乡|省|州|旗|盟|街道)       # 县, 区, 街道
    (?:域|范围内|内)?                        # 全区域, 全县范围内
    """,
    re.VERBOSE,
)

# Per-unit markers that make a standard: `每人`, `每年`, `每人每月`.
_PER_MARKER = re.compile(
    r"""
    每(?:人|年|月|户|生|名|例|床|天|学期|个)   # 每人, 每年, 每生
    (?:每(?:年|月|天|学期))?                 # 每人每月
    """,
    re.VERBOSE,
)
_PER_MARKER_END = re.compile(f"(?:{_PER_MARKER.pattern})$", re.VERBOSE)

# A denominator that makes a rate: `每千人口`, `每万人`, `每10万名`.
_PER_POPULATION = re.compile(
    rf"""
    每\s*(?:[0-9]+|[{_CN}]+)\s*[万千百]?\s*  # 每千, 每10万
    (?:人口|常住人口|人|名|户|个)             # 人口, 人, 名
    """,
    re.VERBOSE,
)
_PER_POPULATION_END = re.compile(f"(?:{_PER_POPULATION.pattern})$", re.VERBOSE)

# `由去年的45%｜提高到50%`, `从2所｜增加到5所`: a starting point, not a commitment.
_BASELINE_BEFORE = re.compile(r"(?:由|从)[^，。；,;:：]{0,10}$")
_CHANGE_AFTER = re.compile(r"提高|增加|提升|上升|下降|降低|增长|扩大|减少|增至|提至|降至")

# The same starting point left at the end of an indicator: `覆盖率由去年的45%`.
_BASELINE_TAIL = re.compile(
    r"""
    (?:由|从)                   # 由, 从
    [^，。；,;:：]{0,10}?        # 去年的
    [0-9][0-9.,]*\s*            # 45
    (?:%|‰|[^\s，。；,;0-9]{0,3}) # %, 所
    $
    """,
    re.VERBOSE,
)

# Money words that turn an amount into a per-person standard: `生活费标准…`, `人均`.
_STANDARD_WORDS = re.compile(r"标准|人均|生均|户均")

# `免费为｜50万名适龄妇女…`: a beneficiary preposition right before the number.
_FOR_WHOM_END = re.compile(
    rf"""
    (?<![成作认行因称视更即促致])   # not 成为, 作为, 认为, 促使
    (?:为|给|向|使|让)             # 为
    (?:{_LEADING_REGION.pattern})?  # 全县, 我区
    $
    """,
    re.VERBOSE,
)

_LEADING_FILLER = re.compile(rf"(?:{_alternation(words.LEADING_FILLERS)})(?![率数量])")
_TRAILING_FILLER = re.compile(rf"(?:{_alternation(words.TRAILING_FILLERS)})$")
_TRAILING_OP = re.compile(rf"(?:{_alternation(words.OPS_BEFORE)})$")
_VERB = re.compile(_alternation(words.VERBS))
# The verbs by their last character, in the table's order: `verb_at_end` looks at a handful.
_VERBS_BY_LAST: dict[str, tuple[str, ...]] = {}
for _verb in words.VERBS:
    _VERBS_BY_LAST[_verb[-1]] = _VERBS_BY_LAST.get(_verb[-1], ()) + (_verb,)
_TAIL_STOP = re.compile(_alternation(words.TAIL_STOPS + words.STRICT_OPS))
_BENEFICIARY_STOP = re.compile(_alternation(words.BENEFICIARY_STOPS))
_PERSON = re.compile(_alternation(words.PERSON_NOUNS))
_ENUMERATION = re.compile(f"^(?:{_alternation(words.ENUMERATION_SEPARATORS)})")
_TRAILING_SEPARATORS = re.compile(f"(?:{_alternation(words.ENUMERATION_SEPARATORS)})+$")
_PREPOSITION = re.compile(_alternation(words.BENEFICIARY_PREPOSITIONS + words.PREPOSITIONS))
_SPACE = re.compile(r"\s+")


@dataclass
class _Found:
    """A target before its indicator is named, plus what the naming needs."""

    start: int  # of the text (an operator word before the number included)
    end: int
    value: int | float
    unit: str
    kind: str
    op: str
    verb: str = ""  # the verb the indicator starts with, carried into enumerations
    indicator: str = ""


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls in one of `spans` (sorted, not overlapping)."""
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding `position` starts; a clause is never read past `_LONGEST_CLAUSE`."""
    low = max(0, position - _LONGEST_CLAUSE)
    for index in range(position - 1, low - 1, -1):
        if text[index] in _CLAUSE_BREAKS:
            return index + 1
    return low


def _clause_end(text: str, position: int) -> int:
    end = min(len(text), position + _LONGEST_CLAUSE)
    match = _CLAUSE_BREAK.search(text, position, end)
    return match.start() if match else end


def _squash(fragment: str) -> str:
    return _SPACE.sub("", fragment)


def verb_at_end(text: str) -> str:
    """The first verb of the table (in its order) that `text` ends with, or ''."""
    for verb in _VERBS_BY_LAST.get(text[-1:], ()):
        if text.endswith(verb):
            return verb
    return ""
