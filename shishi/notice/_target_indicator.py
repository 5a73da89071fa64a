"""Step 3 of `targets.py`: name what a commitment counts (its indicator)."""

from __future__ import annotations

from . import _target_words as words
from ._target_patterns import (
    _AGE,
    _BASELINE_TAIL,
    _BENEFICIARY_STOP,
    _ENUMERATION,
    _FOR_WHOM_END,
    _LEADING_DATE,
    _LEADING_FILLER,
    _LEADING_MARKER,
    _LEADING_REGION,
    _PER_MARKER_END,
    _PER_POPULATION_END,
    _PERSON,
    _PREPOSITION,
    _TAIL_STOP,
    _TRAILING_FILLER,
    _TRAILING_SEPARATORS,
    _VERB,
    _clause_end,
    _clause_start,
    _Found,
    _squash,
    verb_at_end,
)
from ._target_reading import _op_word_at_end


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
        verb = verb_at_end(prefix)
        word = _op_word_at_end(prefix[: -len(verb)]) if verb else None
        if word:
            prefix = prefix[: word.start()] + verb  # 每个乡镇｜至少｜建成
        prefix = _PER_POPULATION_END.sub("", prefix)  # 托位数比例达到｜每千人口
        prefix = _PER_MARKER_END.sub("", prefix)  # 给予｜每年
        prefix = prefix[:-1] if prefix.endswith(("了", "的")) else prefix  # 提高到了, 城市社区的
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
    # _VERB tries the longest verb first, so its match at a position is the longest verb there.
    own = _VERB.match(phrase)
    best = own.group() if own else ""
    if (
        phrase.startswith("新")
        and (after_new := _VERB.match(phrase, 1))
        and len(after_new.group()) + 1 > len(best)
    ):
        best = "新" + after_new.group()
    return best


def _ends_with_verb(phrase: str) -> bool:
    return bool(verb_at_end(phrase))


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
    tail = tail.removeprefix("的")
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
