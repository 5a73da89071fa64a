"""Steps 1 and 2 of `targets.py`: read a number with what surrounds it, and decide whether it is
a commitment at all (not an age, a date, an ordinal, a quoted name, a set phrase).
"""

from __future__ import annotations

import re

from . import _target_words as words
from ._target_patterns import (
    _BASELINE_BEFORE,
    _CHANGE_AFTER,
    _CLAUSE_BREAKS,
    _LOOK_BACK,
    _PER_MARKER,
    _PER_MARKER_END,
    _PER_POPULATION,
    _PER_POPULATION_END,
    _ROUND_NUMBERS,
    _SPACE,
    _STANDARD_WORDS,
    _TRAILING_OP,
    _clause_start,
    _Found,
    _inside,
    verb_at_end,
)
from .numerals import parse_number


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
    if match["range"]:
        op = ">="  # 建成6—8个: at least the low end
    if op_start is not None:
        start = op_start
    kind = _kind(text, start, unit, per)
    if unit not in words.MONEY_UNITS:
        per = ""  # 4.5个/千人: the denominator made it a rate; the unit stays 个
    return _Found(start, _last_end(match), value, unit + per, kind, op)


def _last_end(match: re.Match) -> int:
    end = match.end("number")
    for group in ("range", "infix", "unit", "per", "after"):
        if match[group]:
            end = match.end(group)
    return end


def _rejected(text: str, match: re.Match, unit: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether a number with a unit is something other than a commitment."""
    start = match.start("number")
    if unit in words.NON_TARGET_UNITS:
        return True  # 3岁以下, 2024年, 24小时, 第五届, 35-64岁
    if match["range"] and not _counted_range(match, unit):
        return True  # 1-3级, 5-9年级: a range of anything but a count
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
    if unit in words.FREQUENCY_UNITS and _FREQUENCY_BEFORE.search(text, _clause_start(text, start), start):
        return True  # 每季度开展1次回访: how often, not how many
    if _threshold(match, before, after):
        return True  # 行政村、20户以上自然村: which villages, not how many
    if match["chinese"] is not None:
        return _chinese_rejected(text, match, unit, before)
    return False


# `每季度…1次`: a period before a count of times makes it a frequency.
_FREQUENCY_BEFORE = re.compile(r"每(?:个)?(?:年|月|季度|季|周|学期|半年|天|日)")


def _counted_range(match: re.Match, unit: str) -> bool:
    """`建成6—8个`, `培训200—300人次`: a range of a count, read as its low end; the high end must
    be the larger (`2023-2024` is no range of counts) and written the same way as the low one."""
    high = match["range"].strip().lstrip("-—–~～至到").strip()
    low = match["arabic"] or match["chinese"]
    if low is None or unit not in words.COUNT_UNITS + words.PERCENT_UNITS + words.MONEY_UNITS:
        return False
    if high[:1].isdigit() != low[:1].isdigit():
        return False
    low_value, high_value = parse_number(low), parse_number(high)
    return low_value is not None and high_value is not None and low_value < high_value


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
    after_verb = bool(verb_at_end(before))
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
        verb = verb_at_end(before) or None
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
