"""Fragments that look like a commitment whose number cannot be read (`unreadable-target`)."""

from __future__ import annotations

import re

from . import _target_words as words
from ._target_patterns import _CLAUSE_BREAKS, _CN, _QUOTED, _alternation, _inside
from .numerals import half_width, parse_number

_UNIT_WORDS = _alternation(
    ("人次", "场次", "个", "所", "名", "人", "场", "处", "家", "户", "间", "条", "期", "项", "元", "%")
)

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
