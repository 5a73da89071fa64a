"""Which project each row of a filled-in form is about: by 序号 and 实事名称.

Exact first (the name as the notice writes it, ignoring spaces, quote marks and full-width
forms), then fuzzy with rapidfuzz for a name a clerk shortened or retyped. The name decides
over the number: rows get reordered and renumbered by hand, names rarely change meaning, so
a row whose 序号 and 实事名称 disagree is matched by its name and flagged for the clerk to check.

Pure Python, no Django: the caller passes the plan's projects as `Candidate`s.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .reading import FormRow

FUZZY_CUTOFF = 70  # below this a name is not taken for any project
FUZZY_MARGIN = 10  # the best name must beat the second best by this much, or it is ambiguous
SEQ_SUPPORT_CUTOFF = 50  # a name this close to the numbered project's is taken for it (两癌筛查)
QUOTES = "“”‘’\"'「」『』《》〈〉"

# How a row was matched, best first: the best row wins when two rows name the same project.
EXACT, BY_TITLE, FUZZY, BY_SEQ = "exact", "title", "fuzzy", "seq"
RANK = {EXACT: 0, BY_TITLE: 1, FUZZY: 2, BY_SEQ: 3}


@dataclass(frozen=True)
class Candidate:
    """A project of the plan the form is about."""

    project_id: int
    seq: int
    title: str
    ours: bool  # the uploading unit is responsible for it


@dataclass
class RowMatch:
    row: FormRow
    project_id: int | None = None
    how: str = ""
    flagged: bool = False  # the clerk should check this match before confirming
    note: str = ""  # for a person: how it was matched, or why not


@dataclass
class Matching:
    matched: dict[int, RowMatch] = field(
        default_factory=dict
    )  # project id → its row, the unit's projects only
    unmatched: list[RowMatch] = field(default_factory=list)  # rows with text that go nowhere
    ignored: list[RowMatch] = field(
        default_factory=list
    )  # other units' projects, left empty (the blank whole-plan form)


def normalize_title(text: str) -> str:
    """The name without what varies between copies of it.

    >>> normalize_title("实施“心希望” 健康服务行动")
    '实施心希望健康服务行动'
    >>> normalize_title("实施＂心希望＂健康服务行动")
    '实施心希望健康服务行动'
    """
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).translate({ord(q): None for q in QUOTES})


def match_rows(rows: list[FormRow], candidates: list[Candidate]) -> Matching:
    by_seq = {c.seq: c for c in candidates}
    by_title = {normalize_title(c.title): c for c in candidates}
    scorer = _FuzzyTitles(candidates)
    found = [_match_one(row, by_seq, by_title, scorer) for row in rows]

    result = Matching()
    chosen: dict[int, RowMatch] = {}
    for match in found:
        if match.project_id is None:
            if match.row.measures or match.row.title:
                result.unmatched.append(match)
            continue
        best = chosen.get(match.project_id)
        if best is None or _better(match, best):
            if best is not None:
                result.unmatched.append(_duplicate(best, match))
            chosen[match.project_id] = match
        else:
            result.unmatched.append(_duplicate(match, best))
    ours = {c.project_id: c for c in candidates if c.ours}
    others = {c.project_id: c for c in candidates if not c.ours}
    for project_id, match in chosen.items():
        if project_id in ours:
            result.matched[project_id] = match
        elif match.row.measures:
            project = others[project_id]
            result.unmatched.append(
                RowMatch(
                    match.row,
                    note=f"本单位不是第{project.seq}项“{project.title}”的责任单位，这一行没有导入。",
                )
            )
        else:
            result.ignored.append(match)
    result.unmatched.sort(key=lambda m: m.row.number)
    return result


def _match_one(row: FormRow, by_seq: dict, by_title: dict, scorer: _FuzzyTitles) -> RowMatch:
    numbered = by_seq.get(row.seq) if row.seq is not None else None
    named = by_title.get(normalize_title(row.title)) if row.title else None
    if named is not None:
        if numbered is named or row.seq is None:
            return RowMatch(row, named.project_id, EXACT if numbered is named else BY_TITLE)
        return RowMatch(row, named.project_id, BY_TITLE, True, _disagree(row, named))
    if row.title:
        best, ambiguous = scorer.best(row.title)
        if best is not None:
            if numbered is best:
                return RowMatch(
                    row,
                    best.project_id,
                    FUZZY,
                    False,
                    f"实事名称与通知略有不同，按序号和相近名称对应第{best.seq}项。",
                )
            if row.seq is None:
                return RowMatch(
                    row,
                    best.project_id,
                    FUZZY,
                    True,
                    f"实事名称与通知不完全一致，按最相近的第{best.seq}项“{best.title}”对应。",
                )
            return RowMatch(row, best.project_id, FUZZY, True, _disagree(row, best))
        if numbered is not None and scorer.score(row.title, numbered) >= SEQ_SUPPORT_CUTOFF:
            return RowMatch(
                row,
                numbered.project_id,
                FUZZY,
                True,
                f"实事名称与第{numbered.seq}项“{numbered.title}”不完全一致，已按序号对应。",
            )
        if ambiguous:
            names = "”“".join(c.title for c in ambiguous)
            return RowMatch(row, note=f"实事名称“{row.title}”与“{names}”都相近，无法确定是哪一项。")
        if numbered is not None:
            return RowMatch(
                row,
                note=f"实事名称“{row.title}”与第{numbered.seq}项“{numbered.title}”对不上，也找不到相近的实事。",
            )
        return RowMatch(row, note=f"找不到实事名称为“{row.title}”的实事。")
    if numbered is not None:
        return RowMatch(
            row,
            numbered.project_id,
            BY_SEQ,
            True,
            f"没有写实事名称，按序号对应第{numbered.seq}项“{numbered.title}”。",
        )
    return RowMatch(row, note="这一行没有可识别的序号和实事名称。")


def _disagree(row: FormRow, project: Candidate) -> str:
    return f"序号写的是“{row.seq_text}”，实事名称却是第{project.seq}项“{project.title}”：已按实事名称对应。"


def _better(new: RowMatch, old: RowMatch) -> bool:
    """A row with text beats an empty one; then the surer match; then the earlier row."""
    return (not new.row.measures, RANK[new.how]) < (not old.row.measures, RANK[old.how])


def _duplicate(loser: RowMatch, winner: RowMatch) -> RowMatch:
    return RowMatch(loser.row, note=f"与第{winner.row.number}行是同一项实事，只采用第{winner.row.number}行。")


class _FuzzyTitles:
    """Fuzzy names, compared on what tells the projects apart: a notice's names mostly share
    a frame (实施……行动), which would make every pair of names look alike."""

    def __init__(self, candidates: list[Candidate]):
        titles = [normalize_title(c.title) for c in candidates]
        self.prefix = os.path.commonprefix(titles) if len(titles) > 1 else ""
        self.suffix = os.path.commonprefix([t[::-1] for t in titles])[::-1] if len(titles) > 1 else ""
        self.candidates = [(c, self._core(t)) for c, t in zip(candidates, titles)]

    def _core(self, title: str) -> str:
        if self.prefix and title.startswith(self.prefix):
            title = title[len(self.prefix) :]
        if self.suffix and title.endswith(self.suffix):
            title = title[: -len(self.suffix)]
        return title

    def best(self, title: str) -> tuple[Candidate | None, list[Candidate]]:
        """The one project whose name is close enough, or None and the ones it could not tell apart."""
        core = self._core(normalize_title(title))
        if not core:
            return None, []
        scored = sorted(
            ((self._score(core, other), c) for c, other in self.candidates if other),
            key=lambda pair: -pair[0],
        )
        close = [(score, c) for score, c in scored if score >= FUZZY_CUTOFF]
        if not close:
            return None, []
        if len(close) > 1 and close[0][0] - close[1][0] < FUZZY_MARGIN:
            return None, [c for score, c in close if close[0][0] - score < FUZZY_MARGIN]
        return close[0][1], []

    def score(self, title: str, candidate: Candidate) -> float:
        core = self._core(normalize_title(title))
        other = next(o for c, o in self.candidates if c is candidate)
        return self._score(core, other) if core and other else 0

    @staticmethod
    def _score(a: str, b: str) -> float:
        # A shortened name (扩容提质) is a part of the full one: partial_ratio finds it, but only
        # a part long enough to mean something.
        partial = fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 4 else 0
        return max(fuzz.ratio(a, b), partial)
