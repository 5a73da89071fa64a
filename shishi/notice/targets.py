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

The steps live in their own modules: the patterns in `_target_patterns.py`, steps 1 and 2 in
`_target_reading.py`, step 3 in `_target_indicator.py`, the `unreadable-target` warning in
`_target_warnings.py`, the word tables in `_target_words.py`. This module puts them together.
"""

from __future__ import annotations

from ._target_indicator import _indicator
from ._target_patterns import _QUANTITY, _QUOTED, _clause_end, _clause_start, _Found
from ._target_reading import _read
from ._target_warnings import _unreadable, unreadable_numbers
from .model import Target
from .numerals import half_width

__all__ = ["extract_targets", "unreadable_numbers", "_unreadable"]


def extract_targets(body: str) -> list[Target]:
    """Every quantitative commitment in a project body, in text order. Never raises.

    >>> [(t.indicator, t.op, t.value, t.unit, t.kind) for t in extract_targets(
    ...     "新改扩建幼儿园6所、中小学4所，拓展学位3800个以上。")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('新改扩建幼儿园', '=', 6, '所', 'count'), ('新改扩建中小学', '=', 4, '所', 'count'),
     ('拓展学位', '>=', 3800, '个', 'count')]
    >>> [(t.indicator, t.value, t.unit, t.kind)
    ...  for t in extract_targets("每千人口3岁以下婴幼儿托位数达到3.9个")]
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
    while start < number_start and (
        text[start] in "、，,；;。：:"
        or text[start].isspace()
        or (text[start] in "和及" and text[start + 1 : start + 2].isdigit())
    ):
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
