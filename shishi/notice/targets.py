"""Quantitative commitments (指标) inside one project body, with their offsets.

A target is a number with a unit that the notice commits to: `新改扩建幼儿园6所`,
`筛查率达到85%以上`, `发放基本生活费421万元`, `1848元/月/人`. Reading one takes three steps:

1. find every number with what surrounds it (`_QUANTITY`: operator words, 余/多, unit,
   `/月/人`, 以上/以内/左右);
2. drop what is not a commitment (`_rejected`): ages and age ranges, dates, durations,
   ordinals (第五届), denominators (每千人口), anything inside quotes (“5+2”, “一米高度”),
   slogans (百场巡讲, 千家万户) and set phrases with Chinese numerals (一对一, 三位一体);
3. name what the number counts (`_indicator`), see there for the rule.

Offsets always refer to the body as given: full-width digits are read through a copy
converted one character for one (`numerals.half_width`), and spaces or line breaks left
by a PDF inside a phrase (`不少于 50\\n人`) are allowed wherever they can fall.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import _target_words as words
from .model import Target
from .numerals import CHINESE_NUMERAL_CHARS, half_width, parse_number

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


def extract_targets(body: str) -> list[Target]:
    """Every quantitative commitment in a project body, in text order. Never raises.

    >>> [(t.indicator, t.op, t.value, t.unit, t.kind) for t in extract_targets(
    ...     "新改扩建幼儿园6所、中小学4所，拓展学位3800个以上。")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('新改扩建幼儿园', '=', 6, '所', 'count'), ('新改扩建中小学', '=', 4, '所', 'count'),
     ('拓展学位', '>=', 3800, '个', 'count')]
    >>> [(t.indicator, t.value, t.unit, t.kind) for t in extract_targets("每千人口3岁以下婴幼儿托位数达到3.9个")]
    [('每千人口3岁以下婴幼儿托位数', 3.9, '个', 'rate')]
    >>> t = extract_targets("筛查率达到85%以上，免费筛查1.8万人")[1]
    >>> (t.text, t.value, t.span)
    ('免费筛查1.8万人', 18000, (11, 20))
    """
    if not isinstance(body, str) or not body:
        return []
    try:
        return _extract(body)
    except Exception:  # a parser bug must not stop a notice from loading: no targets instead
        return []


def _extract(body: str) -> list[Target]:
    text = half_width(body)
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found = [f for m in _QUANTITY.finditer(text) if (f := _read(text, m, quoted)) is not None]
    for index, item in enumerate(found):
        following = found[index + 1].start if index + 1 < len(found) else len(text)
        _indicator(text, item, found[:index], following)
    targets, previous_end = [], 0
    for index, f in enumerate(found):
        following = found[index + 1].start if index + 1 < len(found) else len(text)
        start = _phrase_start(text, f.start, previous_end)
        end = _phrase_end(text, start, f, following)
        targets.append(Target(body[start:end], f.indicator, f.op, f.value, f.unit, f.kind, (start, end)))
        previous_end = end
    return targets


def _phrase_start(text: str, number_start: int, previous_end: int) -> int:
    """Where the commitment is written from: its clause, or the last enumeration item
    (`新改扩建幼儿园6所、｜中小学4所`), so that `text` reads as the commitment itself."""
    start = max(_clause_start(text, number_start), previous_end)
    while start < number_start and (text[start] in "、，,；;。：:" or text[start].isspace()
                                    or (text[start] in "和及" and text[start + 1 : start + 2].isdigit())):
        start += 1
    return start


def _phrase_end(text: str, start: int, item: _Found, following: int) -> int:
    """Where the commitment's words end: after the figure, or after the noun it counts when
    the noun follows the figure (`维修改造16所｜中小学`, `为全县94名｜…残疾儿童`)."""
    tail = item.indicator[-2:]
    if not tail or tail in text[start : item.end]:
        return item.end
    region = text[item.end : min(_clause_end(text, item.end), following)]
    found = region.rfind(tail)
    return item.end + found + len(tail) if found >= 0 else item.end


# --- Step 1 and 2: the number, and whether it is a commitment ----------------------------


def _read(text: str, match: re.Match, quoted: list[tuple[int, int]]) -> _Found | None:
    """A candidate target from one `_QUANTITY` match, or None when it is not one."""
    unit = _SPACE.sub("", match["unit"] or "")
    percent_of = match["percent_of"]
    if percent_of is not None:
        value = parse_number(percent_of)
        unit = "%"
    elif not unit:
        return None
    elif match["arabic"] is not None:
        value = parse_number(match["arabic"] + _SPACE.sub("", match["multiplier"] or ""))
    elif match["chinese"] in _ROUND_NUMBERS and match["infix"]:
        value = _ROUND_NUMBERS[match["chinese"]]  # 百余场, 千余人: a round figure and more
    else:
        value = parse_number(match["chinese"])
    if value is None or _rejected(text, match, unit, quoted):
        return None

    unit = words.UNIT_ALIASES.get(unit, unit)
    per = _SPACE.sub("", match["per"] or "")
    start = match.start("number")
    op, op_start = _operator(text, match)
    if op_start is not None:
        start = op_start
    kind = _kind(text, start, unit, per)
    if unit not in words.MONEY_UNITS:
        per = ""  # 4.5个/千人: the denominator made it a rate; the unit stays 个
    return _Found(start, _last_end(match), value, unit + per, kind, op)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls in one of `spans` (sorted, not overlapping)."""
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _last_end(match: re.Match) -> int:
    end = match.end("number")
    for group in ("range", "infix", "unit", "per", "after"):
        if match[group]:
            end = match.end(group)
    return end


def _rejected(text: str, match: re.Match, unit: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether a number with a unit is something other than a commitment."""
    start = match.start("number")
    if unit in words.NON_TARGET_UNITS or match["range"]:
        return True  # 3岁以下, 2024年, 24小时, 第五届; 35-64岁 and any range
    if _inside(quoted, start):
        return True  # “5+2”, “一米高度”
    before = text[max(0, start - _LOOK_BACK) : start].rstrip()
    if before.endswith(("第", "每", "前", "+", "/", "#", "No.", "№")):
        return True  # ordinals, denominators (每千人口), ranks (前10名), formulas (5+2)
    after = text[_last_end(match) :].lstrip()
    if after.startswith("+") or (unit == "对" and after[:1].isdigit()):
        return True  # 1+N, 1对1
    if _BASELINE_BEFORE.search(before) and _CHANGE_AFTER.match(after):
        return True  # 由去年的45%提高到50%: 45% is where it starts
    if _threshold(match, before, after):
        return True  # 行政村、20户以上自然村: which villages, not how many
    if match["chinese"] is not None:
        return _chinese_rejected(text, match, unit, before)
    return False


def _threshold(match: re.Match, before: str, after: str) -> bool:
    """`实现全市行政村、20户以上自然村…覆盖`: a size that picks things out, inside a list of them."""
    if not match["after"] or _SPACE.sub("", match["after"]) not in ("以上", "及以上", "以下", "及以下"):
        return False
    opens_noun = bool(after) and after[0] not in _CLAUSE_BREAKS + "的"
    return opens_noun and before.endswith(("、", "和", "及"))


def _chinese_rejected(text: str, match: re.Match, unit: str, before: str) -> bool:
    """Chinese numerals are mostly set phrases in notices (一对一, 三位一体, 四项促就业计划).

    Set phrases and frequencies (视力筛查两次) are dropped; a numeral written out in several
    characters (一万名) is a count; a one-character numeral counts only when it follows a verb
    (`建成一处…`) or closes its clause (`新建幼儿园十所。`).
    """
    numeral = match["chinese"]
    rest = text[_last_end(match) :].lstrip()
    phrase = numeral + unit + rest[:8]
    unit_on = phrase[len(numeral) :]
    if any(phrase.startswith(idiom) or unit_on.startswith(idiom) for idiom in words.CHINESE_IDIOMS):
        return True  # 一批, 一张网, 十件实事
    if rest.startswith("一"):
        return True  # 一对一, 三位一体, 一户一策, 一校一讲师
    if unit in words.FREQUENCY_UNITS:
        return True  # 视力筛查两次: how often, not how many
    if before.endswith(words.VAGUE_BEFORE):
        return True  # 几十所, 数百人, 上千名
    if len(numeral) > 1 or match["infix"]:
        return False
    before = _TRAILING_OP.sub("", before).rstrip()
    after_verb = any(before.endswith(verb) for verb in words.VERBS)
    closes_clause = not rest or rest[0] in _CLAUSE_BREAKS
    return not (after_verb or closes_clause)


def _operator(text: str, match: re.Match) -> tuple[str, int | None]:
    """The operator and, when a word just before the number sets it, where that word starts.

    A word after the number (以上, 以内, 左右) or between number and unit (余, 多) wins over
    a word before it; `达到85%以上` is `>=` either way.
    """
    after = _SPACE.sub("", match["after"] or "")
    infix = _SPACE.sub("", match["infix"] or "")
    window = max(0, match.start("number") - _LOOK_BACK)
    before = text[window : match.start("number")].rstrip()
    word = _op_word_at_end(before)
    op_start = window + word.start() if word else None
    if word is None:
        # `达到每千人口3.8个`, `至少建成1所`: the word stands before a denominator or a verb.
        per = _PER_POPULATION_END.search(before) or _PER_MARKER_END.search(before)
        verb = next((v for v in words.VERBS if before.endswith(v)), None)
        if per:
            word = _op_word_at_end(before[: per.start()].rstrip())
        elif verb:
            word = _op_word_at_end(before[: -len(verb)].rstrip())
    if after:
        return words.OPS_AFTER[after], op_start
    if infix:
        return words.OPS_INFIX[infix], op_start
    if word:
        return words.OPS_BEFORE[word.group()], op_start
    return "=", None


def _op_word_at_end(fragment: str) -> re.Match | None:
    word = _TRAILING_OP.search(fragment)
    if word and fragment[: word.start()].endswith(words.OP_NOT_AFTER.get(word.group(), ())):
        return None  # 附近, 节约: part of another word
    return word


def _kind(text: str, start: int, unit: str, per: str) -> str:
    clause = text[_clause_start(text, start) : start]
    if per.lstrip("/·") in words.PER_POPULATION_WORDS and unit not in words.MONEY_UNITS:
        return "rate"
    if unit in words.PERCENT_UNITS:
        return "percent"
    if unit in words.RATE_UNITS or unit.startswith("/"):
        return "rate"
    if unit in words.MONEY_UNITS:
        if per or _PER_MARKER.search(clause) or _STANDARD_WORDS.search(clause):
            return "standard"
        return "money"
    if _PER_POPULATION.search(clause):
        return "rate"
    return "count"


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


# --- Step 3: the indicator ---------------------------------------------------------------


def _indicator(text: str, item: _Found, earlier: list[_Found], following: int) -> None:
    """Name what `item` counts: the shortest phrase of its clause that says what it is.

    The rule, in order:
    - an enumeration item after `、`/`和` under an earlier target of the same clause takes
      that target's verb: `新改扩建幼儿园6所、中小学4所` → 新改扩建中小学;
    - the text from the clause start (or the previous target) to the number, without
      fillers at the front (全县, 年内, 力争, 实现, 2024年底, a preposition before the verb)
      and linking words at the end (达到, 为, 提高到, 每千人口, 每年), is the indicator when the
      number closes its clause (`拓展学位3800个以上` → 拓展学位);
    - when a noun follows the number (`打造2处新型儿童公共阅读空间`), the words before the
      number and that noun make the indicator (打造新型儿童公共阅读空间); modifiers ending in
      的 are dropped (`建造1家开放共享、规范运营的城市书房` → 建造城市书房);
    - `为94名…儿童提供…` counts people: the indicator is who they are, cut to the head noun
      after the last 的 and 等 (残疾儿童和孤独症儿童);
    - a number opening a clause after a comma (`建成3个…社区，10处儿童友好基地`) takes the verb
      of the previous clause's target; with nothing at all around it (`…行动，完成1000家以上`)
      the previous clause is the indicator.
    """
    clause_start = _clause_start(text, item.start)
    clause_end = _clause_end(text, item.end)
    previous = earlier[-1] if earlier else None
    same_clause = previous is not None and previous.end > clause_start
    prefix = _squash(text[previous.end if same_clause else clause_start : item.start])
    tail = _squash(text[item.end : min(clause_end, following)])
    if _ENUMERATION.match(tail):
        tail = ""  # 宫颈癌筛查6万人｜、乳腺癌筛查6万人: the next item's noun, not this one's
    elif following < clause_end:
        tail = _strip_separators(tail)  # 1.5万元康复训练补助｜和｜2500元

    if same_clause:
        named = _enumeration_item(prefix, tail, previous)
        if named is not None:
            item.indicator, item.verb = named
            return
        verb_at = _VERB.search(prefix)
        if verb_at:
            prefix = prefix[verb_at.start() :]  # 为190余名孤困境儿童｜发放基本生活费421万元
    item.indicator, item.verb = _clause_indicator(
        text, prefix, tail, item.kind, clause_start, earlier, previous if same_clause else None
    )
    if not item.indicator:
        item.indicator = _previous_clause(text, clause_start)


def _enumeration_item(prefix: str, tail: str, previous: _Found) -> tuple[str, str] | None:
    """(indicator, verb) of an item that continues an enumeration, or None if it does not."""
    separator = _ENUMERATION.match(prefix)
    if separator:  # 幼儿园6所｜、中小学｜4所
        noun = _strip_trailing(prefix[separator.end() :])
        if not noun and not tail:  # 老旧小区450个｜、｜4200栋
            return previous.indicator, previous.verb
        verb = "" if _has_verb(noun) else previous.verb
        return verb + (noun or _tail_noun(tail)), verb
    if prefix and _strip_separators(prefix) != prefix:  # 16所中小学｜、｜2所幼儿园
        noun = _tail_noun(tail)
        return (previous.verb + noun, previous.verb) if noun else (previous.indicator, previous.verb)
    return None


def _clause_indicator(
    text: str,
    prefix: str,
    tail: str,
    kind: str,
    clause_start: int,
    earlier: list[_Found],
    previous: _Found | None,
) -> tuple[str, str]:
    """(indicator, verb) from the words before the number and the noun after it."""
    prefix, for_whom = _strip_leading(prefix)
    if tail and not for_whom:
        end = _FOR_WHOM_END.search(prefix)
        for_whom = end is not None  # 免费为｜50万名适龄妇女提供…
    prefix = _strip_trailing(prefix)
    if not tail:
        indicator = _compress(prefix) or (previous.indicator if previous else "")
        return indicator, _verb_prefix(indicator)
    if for_whom:
        return _beneficiaries(tail), ""
    if not prefix:
        # `…社区，10处儿童友好基地`: a bare noun continues the previous clause's verb;
        # `…，近1000名儿童受益` has its own.
        verb = "" if _has_verb(tail) else _carried_verb(text, clause_start, earlier)
        return verb + (_tail_noun(tail) or tail), verb
    if kind in ("percent", "rate") and not _ends_with_verb(prefix):
        # `筛查率达到85%以上的…`: a share is named by what comes before it.
        indicator = _compress(prefix)
        return indicator, _verb_prefix(indicator)
    return prefix + _tail_noun(tail), prefix


def _previous_clause(text: str, clause_start: int) -> str:
    """`实施…“示范食堂”建设行动，完成1000家以上`: the clause before names the count."""
    if clause_start == 0 or text[clause_start - 1] not in "，,":
        return ""
    start = _clause_start(text, clause_start - 1)
    phrase, _ = _strip_leading(_squash(text[start : clause_start - 1]))
    return _strip_trailing(phrase)


def _has_verb(phrase: str) -> bool:
    """Whether `phrase` holds a verb of its own (服务, 建设 in nouns do not count)."""
    return any(m.group() not in words.NOUN_LIKE_VERBS for m in _VERB.finditer(phrase))


def _squash(fragment: str) -> str:
    return _SPACE.sub("", fragment)


def _strip_separators(fragment: str) -> str:
    return _TRAILING_SEPARATORS.sub("", fragment)


def _strip_leading(prefix: str) -> tuple[str, bool]:
    """Drop what opens a clause without naming anything; say whether it names beneficiaries."""
    for_whom = False
    while prefix:
        before = prefix
        for pattern in (_LEADING_MARKER, _LEADING_DATE, _LEADING_REGION, _LEADING_FILLER):
            match = pattern.match(prefix)
            if match and match.end() > 0:
                prefix = prefix[match.end() :]
        preposition = _PREPOSITION.match(prefix)
        if preposition and not _verb_prefix(prefix):
            word = preposition.group()
            verb = _VERB.search(prefix, len(word))
            if verb:
                prefix = prefix[verb.start() :]  # 在社区｜创建, 为困难妇女｜发放
            elif word in words.BENEFICIARY_PREPOSITIONS:
                for_whom = True
                prefix = prefix[len(word) :]
            else:
                prefix = prefix[len(word) :]  # 按照｜预防接种门诊总数
        if prefix == before:
            break
    if for_whom:
        prefix = _LEADING_REGION.sub("", prefix)
    return prefix, for_whom


def _strip_trailing(prefix: str) -> str:
    while prefix:
        before = prefix
        word = _op_word_at_end(prefix)
        if word:
            prefix = prefix[: word.start()]
        verb = next((v for v in words.VERBS if prefix.endswith(v)), "")
        word = _op_word_at_end(prefix[: -len(verb)]) if verb else None
        if word:
            prefix = prefix[: word.start()] + verb  # 每个乡镇｜至少｜建成
        prefix = _PER_POPULATION_END.sub("", prefix)  # 托位数比例达到｜每千人口
        prefix = _PER_MARKER_END.sub("", prefix)  # 给予｜每年
        prefix = re.sub("[了的]$", "", prefix)  # 提高到了, 城市社区的
        prefix = _BASELINE_TAIL.sub("", prefix)  # 覆盖率｜由去年的45%｜提高到
        match = _TRAILING_FILLER.search(prefix)
        if match and not prefix[: match.start()].endswith(words.OP_NOT_AFTER.get(match.group(), ())):
            prefix = prefix[: match.start()]  # 送达 stays
        if prefix == before:
            return prefix
    return prefix


def _verb_prefix(phrase: str) -> str:
    """The longest verb of the table that `phrase` starts with (`新` allowed before it), or ''.

    >>> _verb_prefix("新改扩建幼儿园"), _verb_prefix("新创建示范村"), _verb_prefix("幼儿园")
    ('新改扩建', '新创建', '')
    """
    new = "新" if phrase.startswith("新") else ""
    best = ""
    for verb in words.VERBS:
        for candidate in (verb, new + verb):
            if phrase.startswith(candidate) and len(candidate) > len(best):
                best = candidate
    return best


def _ends_with_verb(phrase: str) -> bool:
    return any(phrase.endswith(verb) for verb in words.VERBS)


def _after_last(phrase: str, marks: str) -> str:
    """The part of `phrase` after the last of `marks` outside quotes, if that part is not empty."""
    depth = 0
    cut = -1
    for index, char in enumerate(phrase):
        if char in "“‘《「『":
            depth += 1
        elif char in "”’》」』":
            depth = max(0, depth - 1)
        elif depth == 0 and char in marks and index + 1 < len(phrase):
            cut = index
    return phrase[cut + 1 :] if cut >= 0 else phrase


def _compress(phrase: str) -> str:
    """`开展各类戏曲演出、…等文化活动` → 开展文化活动: a verb keeps only its head noun."""
    verb = _verb_prefix(phrase)
    if verb and len(phrase) > len(verb):
        return verb + _after_last(phrase[len(verb) :], "的等")
    return phrase


def _tail_noun(tail: str) -> str:
    """The noun a number counts when it comes after it: `2处｜新型儿童公共阅读空间，`."""
    tail = re.sub(r"^的", "", tail)
    age = _AGE.match(tail)
    if age:
        tail = tail[age.end() :]
    stop = _TAIL_STOP.search(tail)
    if stop:
        tail = _strip_separators(tail[: stop.start()])  # 临时停车区域并｜提供服务
    return _after_last(tail, "的")


def _beneficiaries(tail: str) -> str:
    """Who is counted in `为94名有康复需求的…儿童提供…`: cut to the head noun."""
    stop = _BENEFICIARY_STOP.search(tail, 1)
    if stop:
        tail = tail[: stop.start()]
    people = list(_PERSON.finditer(tail))
    if people:
        tail = tail[: people[-1].end()]
    tail = _after_last(tail, "的")
    age = _AGE.match(tail)
    if age:
        tail = tail[age.end() :]
    return _after_last(tail, "等")


def _carried_verb(text: str, clause_start: int, earlier: list[_Found]) -> str:
    """`建成3个…社区，10处儿童友好基地`: the verb of the previous clause, across one comma."""
    if clause_start == 0 or text[clause_start - 1] not in "，,":
        return ""
    previous_start = _clause_start(text, clause_start - 1)
    for item in reversed(earlier):
        if previous_start <= item.start < clause_start:
            return item.verb
    return ""


# --- Warnings ----------------------------------------------------------------------------

_UNIT_WORDS = _alternation(("人次", "场次", "个", "所", "名", "人", "场", "处", "家", "户", "间", "条", "期", "项", "元", "%"))

_UNREADABLE = re.compile(
    rf"""
      [0-9]+\s*\.\s*\.[.\s]*[0-9]+\s*[万亿]?\s*(?:{_UNIT_WORDS})   # 1..8万人: a garbled decimal
    | [0-9]+\.[0-9]+\.[0-9]+\s*[万亿]?\s*(?:{_UNIT_WORDS})         # 1.8.2万人
    | (?:{_alternation(words.OPS_BEFORE)})\s*(?:{_UNIT_WORDS})      # 达到%以上: no figure
      (?=\s*(?:以上|以内|以下|左右|[，。；、,;]|$))
    | (?:{_alternation(words.STRICT_OPS)})\s*(?:{_UNIT_WORDS})(?![均口员])  # 不少于场活动: never without one
    | [^\s0-9{_CN}，。；、,;:：%.]{{1,2}}%                              # 占比%: percent with no figure
    | 百分之(?![0-9{_CN}])                                           # 百分之 with nothing after
    | (?:新改扩建|改扩建|新建|扩建|建成)                              # 新建幼儿园所: the figure is missing
      [^\s，。；、0-9{_CN}]{{0,8}}?(?:幼儿园|中小学|小学|中学|学校)所
      (?=以上|[，。；、,;]|$)
    """,
    re.VERBOSE,
)

# One item of an enumeration with its figure: `中小学4所`.
_ITEM_WITH_FIGURE = re.compile(rf"[0-9{_CN}]+\s*[余多]?\s*({_UNIT_WORDS})(?:以上)?$")
# One item of an enumeration that ends with a unit word but has no figure: `幼儿园所`.
_ITEM_WITHOUT_FIGURE = re.compile(rf"^[^0-9{_CN}]{{2,}}?({_UNIT_WORDS})(?:以上)?$")


def unreadable_numbers(body: str) -> list[str]:
    """Fragments that look like a commitment whose number cannot be read. Never raises.

    Conservative on purpose: a warning the coordinator learns to ignore is worse than none.

    >>> unreadable_numbers("免费筛查1..8万人，新建幼儿园所、中小学4所，筛查率达到八十五％以上。")
    ['1..8万人', '新建幼儿园所']
    """
    if not isinstance(body, str) or not body:
        return []
    try:
        return _unreadable(half_width(body), body)
    except Exception:
        return []


def _unreadable(text: str, body: str) -> list[str]:
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    spans = []
    for match in _UNREADABLE.finditer(text):
        if not _inside(quoted, match.start()):
            spans.append(match.span())
    spans += _enumeration_gaps(text)
    spans += _unreadable_chinese(text, quoted)
    fragments = []
    for start, end in sorted(set(spans)):
        fragment = body[start:end].strip()
        if fragment and fragment not in fragments:
            fragments.append(fragment)
    return fragments


def _enumeration_gaps(text: str) -> list[tuple[int, int]]:
    """`新改扩建幼儿园所、中小学4所`: an item without the figure its siblings have."""
    gaps = []
    offset = 0
    for clause in re.split(f"([{_CLAUSE_BREAKS}])", text):
        items, position = [], offset
        for piece in clause.split("、"):
            items.append((position, piece))
            position += len(piece) + 1
        offset += len(clause)
        if len(items) < 2:
            continue
        with_figure = {m.group(1) for _, piece in items if (m := _ITEM_WITH_FIGURE.search(piece.strip()))}
        for start, piece in items:
            bare = _ITEM_WITHOUT_FIGURE.match(piece.strip())
            if bare and bare.group(1) in with_figure and not piece.rstrip().endswith("托幼园所"):
                lead = len(piece) - len(piece.lstrip())
                gaps.append((start + lead, start + len(piece.rstrip())))
    return gaps


def _unreadable_chinese(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A run of Chinese numerals before a unit that is not one number (`十十所`)."""
    spans = []
    for match in re.finditer(rf"(?<![{_CN}])([{_CN}]{{2,}})\s*({_UNIT_WORDS})", text):
        numeral = match.group(1)
        if numeral[0] in "百千万亿" or _inside(quoted, match.start()):
            continue
        if not any(ch in "十百千万亿" for ch in numeral):
            continue  # 三八, 六一: names, not numbers
        if parse_number(numeral) is None and text[max(0, match.start() - 1)] != "第":
            spans.append(match.span())
    return spans
