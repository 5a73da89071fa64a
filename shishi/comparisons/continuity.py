"""Which projects of one year continue in a later year, by their titles and themes.

Titles are rewritten every year (实施学校和幼儿园新改扩建工程 → 实施教育资源扩增优化工程), while
a theme rarely holds more than one or two projects of a plan: the theme is the strong signal and
the title decides between candidates. The rule:

- similarity: the share of characters two titles have in common once the words nearly every
  title uses (实施、行动、工程、妇女、儿童…) and punctuation are taken off, from 0 to 100
  (rapidfuzz's ratio over the sorted characters, so that word order does not matter);
- a project continues in a later one of the same theme (except 其他), or of any theme when
  the similarity is at least `ANY_THEME_MIN` (75);
- each project continues at most once: pairs are taken best first, a same-theme pair ranking
  `THEME_BONUS` above its similarity, so that of two 困境儿童 projects (残疾儿童救助,
  希望小屋儿童关爱) the one whose title is closer (希望小屋儿童关爱 → 特殊困难儿童关爱) continues
  and the other counts as not continued.

Pure Python, no Django.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

ANY_THEME_MIN = 75
THEME_BONUS = 100

_COMMON_WORDS = re.compile(
    r"""
    [“”"‘’「」《》()（）、，,\s]       # quotation marks and punctuation
    | 实施 | 行动 | 工程 | 项目 | 计划   # the frame every project title is written in
    | 开展 | 推进 | 提升 | 为 | 妇女 | 儿童 | 服务 | 和 | 的
""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Item[T]:
    ref: T  # what the caller wants back (a Project)
    title: str
    theme: str


@dataclass(frozen=True)
class Pair[T]:
    before: Item[T]
    after: Item[T]
    similarity: int


@functools.lru_cache(maxsize=16384)  # the same titles meet again in every step and every region
def similarity(a: str, b: str) -> int:
    """How alike two project titles are, 0–100.

    >>> similarity("实施“两癌”免费检查和救助行动", "实施适龄妇女“两癌”免费筛查和救助行动")
    78
    >>> similarity("实施残疾儿童救助项目", "推进婴幼儿照护服务发展")
    0
    """
    a, b = _COMMON_WORDS.sub("", a), _COMMON_WORDS.sub("", b)
    if not a or not b:
        return 0
    return round(fuzz.ratio(sorted(a), sorted(b)))


def match[T](
    before: list[Item[T]], after: list[Item[T]]
) -> tuple[list[Pair[T]], list[Item[T]], list[Item[T]]]:
    """(continued pairs in the later plan's order, projects new in the later plan, projects not continued)."""
    candidates = []
    for i, old in enumerate(before):
        for j, new in enumerate(after):
            score = similarity(old.title, new.title)
            same = old.theme == new.theme and old.theme != "other"
            if same or score >= ANY_THEME_MIN:
                candidates.append((score + (THEME_BONUS if same else 0), score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[2], c[3]))
    taken_before, taken_after, pairs = set(), set(), []
    for _rank, score, i, j in candidates:
        if i in taken_before or j in taken_after:
            continue
        taken_before.add(i)
        taken_after.add(j)
        pairs.append((j, Pair(before[i], after[j], score)))
    pairs.sort(key=lambda p: p[0])
    new = [item for j, item in enumerate(after) if j not in taken_after]
    dropped = [item for i, item in enumerate(before) if i not in taken_before]
    return [pair for _j, pair in pairs], new, dropped
