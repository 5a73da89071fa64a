"""Find the numbered items (the projects) in running text.

An official notice numbers its projects `一、二、…`; a news report may use `1.`, `（一）`,
`第一件`, `一是` or `①`, and an interpretation page nests the projects under its own
`一、背景 二、主要内容` headings. So every marker style is tried and the best run wins:
the longest sequence counting up from one, with a bonus for runs whose items carry a
units clause (the official notice beats a teaser list of the same items above it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from .units import find_units_clauses


@dataclass(frozen=True)
class MarkerStyle:
    name: str
    pattern: re.Pattern
    rank: int  # heading level in Chinese official writing: 一、 > （一） > 1. > 一是
    line_start_only: bool = False


def _style(name: str, regex: str, rank: int, line_start_only: bool = False) -> MarkerStyle:
    return MarkerStyle(name, re.compile(regex, re.VERBOSE), rank, line_start_only)


_CN = "一二三四五六七八九十"
STYLES = (
    _style("numeral", rf"(?P<n>[{_CN}]{{1,3}})\s*[、．.](?!\d)", 0),
    _style("nth", rf"第(?P<n>[{_CN}]{{1,3}}|\d{{1,2}})(?:件|项|条)(?:民生实事|实事|事)?\s*[、：:，,．.]?", 0),
    _style("bracketed", rf"[（(](?P<n>[{_CN}]{{1,3}})[）)]", 1),
    _style("arabic", r"(?P<n>\d{1,2})\s*(?:[、．.](?![\d.])|[)）])", 2),
    _style("circled", r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])", 2),
    # News graphics and 民生实事 lists: `1 医疗卫生` (the space is gone once spaces are
    # collapsed), but not a line that opens with a quantity (`5个示范点`, `10月起`).
    _style(
        "arabic_bare",
        r"(?P<n>\d{1,2})(?=[\u4e00-\u9fff“])(?![月日时年岁个名所家人万千百亿元场次处项件条户期号])",
        2,
        line_start_only=True,
    ),
    _style("shi", rf"(?P<n>[{_CN}]{{1,3}})是(?![非否])", 3),
)
# Where an inline marker may stand: after a colon, semicolon, full stop, comma or a closing
# bracket (the units clause of the item before), or after a space on a flattened page.
_INLINE_BEFORE = re.compile(r"(?:[：:；;。，,）)]\s*|\s)$")


@dataclass
class Marker:
    style: MarkerStyle
    number: int
    start: int  # offset of the marker in the text
    end: int  # offset just past it: the item text starts here
    category: str | None = None  # the heading the item stands under (`一、教育惠民领域`)


@lru_cache(maxsize=256)  # a few dozen numerals (一 … 六十, ①…) occur at all
def _number(raw: str) -> int | None:
    if raw in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(raw) + 1
    try:
        return int(cn2an.cn2an(raw, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _candidates(text: str, style: MarkerStyle, inline: bool) -> list[Marker]:
    found = []
    for match in style.pattern.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        at_line_start = not text[line_start : match.start()].strip()
        if inline:
            if style.line_start_only:
                continue
            if not at_line_start and not _INLINE_BEFORE.search(
                text[max(0, match.start() - 3) : match.start()]
            ):
                continue
        elif not at_line_start:
            continue
        number = _number(match.group("n"))
        if number is not None and 0 < number <= 60:
            found.append(Marker(style, number, match.start(), match.end()))
    return found


class _Scan:
    """One text's markers per style and where its units clauses start, found once and shared by
    every run and section that `find_items` tries."""

    def __init__(self, text: str):
        self.text = text
        self.clauses = [clause.start for clause in find_units_clauses(text)]
        self.found: dict[tuple[str, bool], list[Marker]] = {}
        self.headings: dict[int, list[tuple[Marker, str]]] = {}

    def candidates(self, style: MarkerStyle, inline: bool) -> list[Marker]:
        key = (style.name, inline)
        if key not in self.found:
            self.found[key] = _candidates(self.text, style, inline)
        return self.found[key]

    def has_clause(self, start: int, end: int) -> bool:
        index = bisect_left(self.clauses, start)
        return index < len(self.clauses) and self.clauses[index] < end


# How far numbering may jump between two items that both carry a units clause (`六、…（责任单位：…）`
# then `九、…（责任单位：…）`): the list goes on, and checks.py warns about the gap. A jump costs a
# little, so that a run counting by one wins over one that jumps across it.
_LONGEST_JUMP = 10
_JUMP_COST = 0.25


def _best_run(
    markers: list[Marker], text: str, scan: _Scan | None = None, offset: int = 0
) -> tuple[float, list[Marker]]:
    """The best counting-up run among the markers: steps of one, or two over a lost numeral, or
    up to `_LONGEST_JUMP` between items of the same shape (each with its units clause).
    `scan` knows the units clauses of the text `text` is part of, at `offset` in it.

    >>> items = "\\n".join(f"{n}.新建幼儿园{n}所。（责任单位：县教育局）" for n in (1, 2, 3, 6, 7))
    >>> [m.number for m in _best_run(_candidates(items, STYLES[3], False), items)[1]]
    [1, 2, 3, 6, 7]
    """
    if not markers:
        return 0.0, []
    weights = []
    for index, marker in enumerate(markers):
        following = markers[index + 1].start if index + 1 < len(markers) else min(len(text), marker.end + 800)
        if scan is not None:
            clause = scan.has_clause(offset + marker.end, offset + following)
        else:
            clause = bool(find_units_clauses(text[marker.end : following]))
        weights.append(1.0 + (0.5 if clause else 0.0))
    best: list[tuple[float, int]] = []  # per marker: (score of best run ending here, previous index)
    for i, marker in enumerate(markers):
        score, previous = (weights[i], -1) if marker.number <= 2 else (float("-inf"), -1)
        for j in range(i):
            step = marker.number - markers[j].number
            if 1 <= step <= 2:
                candidate = best[j][0] + weights[i]
            elif 2 < step <= _LONGEST_JUMP and weights[i] > 1 and weights[j] > 1:
                candidate = best[j][0] + weights[i] - _JUMP_COST
            else:
                continue
            if candidate > score:
                score, previous = candidate, j
        best.append((score, previous))
    end = max(range(len(markers)), key=lambda i: (best[i][0], i))
    if best[end][0] == float("-inf"):
        return 0.0, []
    run, cursor = [], end
    while cursor >= 0:
        run.append(markers[cursor])
        cursor = best[cursor][1]
    return best[end][0], run[::-1]


def find_items(text: str) -> list[Marker]:
    """The markers of the projects in `text`, in order; empty when there is no list.

    >>> [m.number for m in find_items("通知如下。\\n一、建幼儿园。\\n二、建学校。\\n三、建公园。")]
    [1, 2, 3]

    Items under category headings may count from 1 again under each heading:

    >>> found = find_items("一、教育\\n1.新建幼儿园。\\n2.新建学校。\\n二、医疗\\n1.新建医院。")
    >>> [(m.number, m.category) for m in found]
    [(1, '教育'), (2, '教育'), (1, '医疗')]
    """
    scan = _Scan(text)
    for inline in (False, True):
        runs = [_best_run(scan.candidates(style, inline), text, scan) for style in STYLES]
        runs = [
            (score, run) for score, run in runs if len(run) >= 3 or (run and not inline and score > len(run))
        ]
        sectioned = _sectioned_run(scan) if not inline else (0.0, [])
        if sectioned[1] and (not runs or sectioned[0] > max(score for score, _ in runs)):
            return sectioned[1]
        if runs:
            score, run = max(runs, key=lambda pair: pair[0])
            return _with_categories(_innermost(run, [r for _, r in runs]), scan)
    return []


# A category heading's words: short, no sentence inside (`教育惠民领域`, `医疗卫生（3项）`).
_HEADING_TEXT = re.compile(r"^[^，,。；;：:]{2,24}[。：:]?$")
_ITEM_COUNT = re.compile(r"[（(]\s*(?:共)?\s*[0-9一二三四五六七八九十]+\s*(?:项|件)\s*[）)]$")


def _headings(scan: _Scan, rank_below: int) -> list[tuple[Marker, str]]:
    """Category headings at line starts, of a higher rank than items of `rank_below`."""
    if rank_below in scan.headings:
        return scan.headings[rank_below]
    found = scan.headings[rank_below] = []
    text = scan.text
    for style in STYLES:
        if style.rank >= rank_below or style.name == "shi":
            continue
        for marker in scan.candidates(style, False):
            line_end = text.find("\n", marker.end)
            words = text[marker.end : line_end if line_end >= 0 else len(text)].strip()
            if _HEADING_TEXT.match(words) and not find_units_clauses(words):
                found.append((marker, _ITEM_COUNT.sub("", words.rstrip("。：:")).strip()))
    return found


def _with_categories(run: list[Marker], scan: _Scan) -> list[Marker]:
    """Name each item's category when a heading stands right above the first item."""
    if not run:
        return run
    text = scan.text
    headings = [(m, words) for m, words in _headings(scan, run[0].style.rank) if m.start < run[-1].start]
    first = [
        h for h in headings if h[0].start < run[0].start and not text[h[0].end : run[0].start].count("\n") > 1
    ]
    if not first:
        return run
    headings = [h for h in headings if h[0].start >= first[-1][0].start]
    for marker in run:
        above = [words for heading, words in headings if heading.start < marker.start]
        marker.category = above[-1] if above else None
    return run


def empty_categories(text: str, markers: list[Marker]) -> list[str]:
    """The category headings between the list's first heading and its last item that no item
    stands under (`二、医疗健康领域` straight before `三、民生保障领域`), in order. Only headings of
    the style of the first item's heading count, so a note numbered otherwise is not one.

    >>> unit = "（责任单位：县教育局）"
    >>> text = (f"一、教育\\n1.新建幼儿园。{unit}\\n2.新建学校。{unit}"
    ...         f"\\n二、医疗\\n三、民生\\n1.改造小区。{unit}")
    >>> empty_categories(text, find_items(text))
    ['医疗']
    """
    if not markers or markers[0].category is None:
        return []
    scan = _Scan(text)
    last = markers[-1].start
    headings = [(m, words) for m, words in _headings(scan, markers[0].style.rank) if m.start < last]
    first = [h for h in headings if h[0].start < markers[0].start and h[1] == markers[0].category]
    if not first:
        return []
    style = first[-1][0].style.name
    headings = [h for h in headings if h[0].start >= first[-1][0].start and h[0].style.name == style]
    empty = []
    for index, (heading, words) in enumerate(headings):
        end = headings[index + 1][0].start if index + 1 < len(headings) else len(text)
        if not any(heading.start < marker.start < end for marker in markers):
            empty.append(words)
    return empty


def _sectioned_run(scan: _Scan) -> tuple[float, list[Marker]]:
    """Items numbered from 1 again under each category heading (`一、教育惠民领域` / `1.` `2.` /
    `二、医疗卫生领域` / `1.` …): the run of headings of one style, each with its own run of
    items of one lower-ranked style. Scored as the items' runs together."""
    best: tuple[float, list[Marker]] = (0.0, [])
    text = scan.text
    for item_style in STYLES:
        if item_style.rank == 0 or item_style.name == "shi":
            continue
        headings = _headings(scan, item_style.rank)
        for heading_style in {m.style.name for m, _ in headings}:
            own = [(m, w) for m, w in headings if m.style.name == heading_style]
            _, run = _best_run([m for m, _ in own], text, scan)
            if len(run) < 2:
                continue
            words = {m.start: w for m, w in own}
            score, items, empty = 0.0, [], 0
            for index, heading in enumerate(run):
                end = run[index + 1].start if index + 1 < len(run) else len(text)
                section = text[heading.end : end]
                section_score, section_run = _best_run(
                    [m for m in _candidates(section, item_style, False) if m.number >= 1],
                    section,
                    scan,
                    heading.end,
                )
                empty += not section_run
                for marker in section_run:
                    items.append(
                        Marker(
                            marker.style,
                            marker.number,
                            marker.start + heading.end,
                            marker.end + heading.end,
                            words[heading.start],
                        )
                    )
                score += section_score
            restarts = sum(1 for a, b in zip(items, items[1:]) if b.number <= a.number)
            if len(items) >= 3 and restarts and empty * 2 < len(run) and score > best[0]:
                best = (score, items)
    return best


def _innermost(run: list[Marker], others: list[list[Marker]]) -> list[Marker]:
    """Prefer a list nested inside one item of `run`: `二、主要内容` holding `（一）…（十）`."""
    bounds = [(m.start, run[i + 1].start if i + 1 < len(run) else 10**9) for i, m in enumerate(run)]
    for other in others:
        # Sub-points inside one project of a long list are not the list.
        if other is run or len(other) < max(3, len(run)):
            continue
        if any(start <= other[0].start and other[-1].start < end for start, end in bounds):
            return _innermost(other, [o for o in others if o is not run])
    return run


def split_semicolon_list(text: str) -> list[tuple[int, int]]:
    """Spans of the items of the longest `；`-separated list in one paragraph (three or more).

    A news report may list the projects as one sentence: `…分别是：新建幼儿园6所；…；…。`
    """
    best: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start = offset
        offset += len(paragraph) + 1
        if paragraph.count("；") < 2:
            continue
        colon = max(paragraph.find("："), paragraph.find(":"))
        cursor = start + colon + 1 if 0 <= colon < paragraph.find("；") else start
        spans = []
        for piece in re.split(r"(；)", text[cursor : start + len(paragraph)]):
            if piece != "；":
                spans.append((cursor, cursor + len(piece)))
            cursor += len(piece)
        spans = [(a, b) for a, b in spans if len(text[a:b].strip(" 。")) >= 4]
        if len(spans) > len(best):
            best = spans
    return best if len(best) >= 3 else []


# A line that announces the list: `现将…通知如下：`, `具体项目如下。`
_ANNOUNCES = re.compile(r"(?:[：:]|如下[。：:]?)$")


def split_units_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of unnumbered projects that each end with their units clause (three or more):
    `新建城北幼儿园项目。新增学位360个。（牵头单位：县教育局）`, one project per paragraph, or a
    heading sentence on its own line above its body. The list starts after the line that
    announces it, or at the paragraph (and its short heading line) of the first clause."""
    clauses = find_units_clauses(text)
    if len(clauses) < 3:
        return []
    first_line = text.rfind("\n", 0, clauses[0].start) + 1
    start = first_line
    before = text[:first_line].rstrip("\n").split("\n")
    offset = first_line
    for line in reversed(before):
        offset -= len(line) + 1
        if _ANNOUNCES.search(line.strip()):
            start = offset + len(line) + 1
            break
        if len(line.strip()) > 30 or re.search(r"[。；]", line.strip()[:-1]):
            break
        start = max(0, offset + 0)  # a short heading line above the first body
    spans = []
    cursor = start
    for clause in clauses:
        item = text[cursor : clause.end]
        if len(item.strip(" \n。；")) > len(text[clause.start : clause.end]) + 4:
            spans.append((cursor + len(item) - len(item.lstrip(" \n")), clause.end))
        cursor = clause.end
        while cursor < len(text) and text[cursor] in "。；; \n":
            cursor += 1
    return spans if len(spans) >= 3 else []


# A paragraph that ends an unnumbered list in a news story.
_AFTER_LIST = re.compile(
    r"^(?:据|记者|此外|另外|同时|下一步|目前|今年以来|（记者|\(记者|责任编辑|编辑|来源|分享)"
)


def split_paragraph_list(text: str) -> list[tuple[int, int]]:
    """Spans of an unnumbered list: three or more paragraphs after a line that announces them
    (`入选2024年度10件民生实事项目的有：`), up to the paragraph that goes back to the story."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    best: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if not line.rstrip().endswith(("：", ":")):
            continue
        spans = []
        for following in range(index + 1, len(lines)):
            item = lines[following].strip()
            if not item:
                continue
            if _AFTER_LIST.match(item) or item.endswith(("：", ":")) or len(item) < 4:
                break
            spans.append((offsets[following], offsets[following] + len(lines[following])))
        if len(spans) > len(best):
            best = spans
    return best if len(best) >= 3 else []


# Section headings of an interpretation page (解读), which are not projects.
SECTION_HEADINGS = re.compile(
    r"^(?:起草|出台|制定|编制|政策)?(?:背景|依据|目的|意义|目的意义|过程|必要性|内容|主要内容|内容简介|主要内容解读|内容解读|"
    r"特色|亮点|特色解读|创新点|主要措施|保障措施|工作要求|组织实施|解读机关|联系方式|解读机关及联系方式|名词解释|关键词)"
)
_ENUMERATION_START = re.compile(r"(?:主要包括|具体包括|包括|分别是|分别为|涵盖|即)[:：]?")


def split_enumeration(text: str) -> list[tuple[int, int]]:
    """Spans of projects named in one sentence: `主要包括开展…、开展…、开展…。` (three or more)."""
    best: list[tuple[int, int]] = []
    for start in _ENUMERATION_START.finditer(text):
        end = re.search(r"[。；\n]", text[start.end() :])
        stop = start.end() + (end.start() if end else len(text) - start.end())
        spans, cursor, depth = [], start.end(), 0
        for index in range(start.end(), stop):
            ch = text[index]
            depth += ch in "“（(《" and 1 or 0
            depth -= ch in "”）)》" and 1 or 0
            if ch == "、" and depth <= 0:
                spans.append((cursor, index))
                cursor = index + 1
        spans.append((cursor, stop))
        spans = [(a, b) for a, b in spans if b - a >= 4]
        if len(spans) > len(best):
            best = spans
    return best if len(best) >= 3 else []


def is_higher_heading(line: str, rank: int) -> bool:
    """Whether `line` opens a heading above items of `rank` (`三、工作要求` after `（十）…`)."""
    return any(style.rank < rank and style.pattern.match(line) for style in STYLES if style.name != "nth")
